/**
 * POST /upload: browser mode's way in for material files. The raw request body is the file (never
 * base64 inside JSON), streamed to disk by the core (uploads.ts); `x-file-name` carries the name,
 * percent-encoded, possibly with folders (a folder upload's webkitRelativePath). The answer is the
 * staged file's `{ uploadId, name, size }`, which materials.import / batchPlan take as a source.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Core } from '../core/app'
import { DomainError } from '../core/errors'
import { MAX_UPLOAD_BYTES, saveUpload, UploadTooLarge } from '../core/materials/uploads'
import { assertOrganizerFiles } from '../core/access/reviewer-scope'

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify(body))
}
const refuse = (res: ServerResponse, status: number, message: string, code = 'VALIDATION') => answer(res, status, { ok: false, error: { code, message } })

export async function receiveUpload(core: Core, req: IncomingMessage, res: ServerResponse, limit = MAX_UPLOAD_BYTES): Promise<void> {
  // A cross-site form cannot send this type: the same cheap CSRF guard as /api's JSON.
  if (String(req.headers['content-type'] ?? '').split(';')[0].trim() !== 'application/octet-stream') {
    return refuse(res, 415, '上传请求须为 application/octet-stream（文件内容直接作为请求体）')
  }
  let name: string
  try {
    name = decodeURIComponent(String(req.headers['x-file-name'] ?? ''))
  } catch {
    return refuse(res, 400, '文件名（x-file-name）的编码无效')
  }
  if (name === '') return refuse(res, 400, '缺少文件名（x-file-name）')
  try {
    assertOrganizerFiles(core.context.db, 'upload')
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    // Nothing of the body is read: the connection closes once the answer is sent.
    res.setHeader('connection', 'close')
    return refuse(res, 403, error.message, error.code)
  }
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    // Refused before a byte is read; the rest of the body is not wanted, so the connection closes.
    res.setHeader('connection', 'close')
    return refuse(res, 413, new UploadTooLarge(limit).message)
  }
  try {
    const data = await saveUpload(core.context.dataDir, name, req, limit)
    answer(res, 200, { ok: true, data })
  } catch (error) {
    if (error instanceof UploadTooLarge) {
      res.setHeader('connection', 'close')
      return refuse(res, 413, error.message)
    }
    // The browser went away mid-upload: the core removed the partial file, nobody is left to answer.
    if (req.destroyed && !req.complete) return void res.destroy()
    if (error instanceof DomainError) return refuse(res, error.code === 'DISK_FULL' || error.code === 'DB_READ_ONLY' ? 507 : 400, error.message, error.code)
    throw error
  }
}
