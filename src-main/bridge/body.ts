/**
 * Reads a request's JSON body with a hard size limit, refusing (never repairing) what is not
 * strict UTF-8 JSON: a replaced byte would be stored as U+FFFD without anyone noticing.
 */
import type { IncomingMessage } from 'node:http'

export const MAX_BODY_BYTES = 40 * 1024 * 1024

/** A body the bridge refuses, with the HTTP status to answer and the Chinese message. */
export class BodyRefused extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message)
  }
}

const tooLarge = () => new BodyRefused(413, `请求内容过大（上限 ${MAX_BODY_BYTES / 1024 / 1024} MB）`)

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  // Refused before a byte is read when the client announces the size.
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  const bytes = await collect(req)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new BodyRefused(400, '请求内容不是有效的 UTF-8 文本')
  }
  if (text === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new BodyRefused(400, '请求内容不是有效的 JSON')
  }
}

/** The body's bytes; a chunked body that grows past the limit stops being read at that point. */
function collect(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
      req.off('data', onData)
      req.pause()
      chunks.length = 0
      reject(tooLarge())
    }
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
