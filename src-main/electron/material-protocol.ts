/**
 * material:// — the desktop twin of the bridge's /material/<id>: a stored material's bytes, looked
 * up by id only (`material://m/<uuid>`; no path ever comes from the page), with its Content-Type,
 * nosniff and single byte ranges. The page lives on app://onsite, so every read is cross-origin:
 * CORS allows app://onsite and no one else (pdf.js and docx-preview read with fetch/XHR).
 */
import { Readable } from 'node:stream'
import { protocol } from 'electron'
import type { CoreContext } from '../core/context'
import { DomainError } from '../core/errors'
import { openMaterialById } from '../core/services/materials'
import { findMaterial } from '../core/materials/material-rows'
import { materialHeaders, parseByteRange } from '../shared/byte-range'
import { Id } from '../shared/schemas/common'
import { APP_HOST, APP_SCHEME } from './app-origin'
import { assertMaterialReadable } from '../core/access/reviewer-scope'

export const MATERIAL_SCHEME = 'material'
export const MATERIAL_HOST = 'm'
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

type Context = CoreContext

/** Serves material:// from the core's store; call once the app is ready (the scheme is registered in protocol.ts). */
export function serveMaterials(context: Context): void {
  protocol.handle(MATERIAL_SCHEME, (request) => materialResponse(context, request))
}

export async function materialResponse(context: Context, request: Pick<Request, 'url' | 'method' | 'headers'>): Promise<Response> {
  // A preflight (Range is safelisted, but a reader may add another header): answer it, read nothing.
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: CORS })
  if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, '材料只能读取')
  const id = materialId(request.url)
  if (id) {
    try {
      assertMaterialReadable(context.db, id)
    } catch (error) {
      if (error instanceof DomainError) return textResponse(403, error.message)
      throw error
    }
  }
  const material = id ? findMaterial(context.db, id) : undefined
  if (!id || !material) return textResponse(404, '材料不存在或已被删除')

  const range = parseByteRange(request.headers.get('range'), material.size)
  if (range.kind === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...CORS, 'content-range': `bytes */${material.size}`, 'x-content-type-options': 'nosniff' } })
  }
  let opened
  try {
    opened = await openMaterialById(context, id, range.kind === 'partial' ? range : undefined)
  } catch (error) {
    if (error instanceof DomainError) return textResponse(error.code === 'NOT_FOUND' ? 404 : 500, error.message)
    console.error('[material] 读取材料失败', error)
    return textResponse(500, '读取材料失败，请重试')
  }
  const partial = range.kind === 'partial'
  const headers = { ...materialHeaders(material, partial ? range.end - range.start + 1 : opened.size), ...CORS }
  if (partial) headers['content-range'] = `bytes ${range.start}-${range.end}/${opened.size}`
  if (request.method === 'HEAD') {
    opened.stream.destroy()
    return new Response(null, { status: partial ? 206 : 200, headers })
  }
  // Streamed: a 1 GB scan is never read into memory; cancelling the web stream closes the file.
  const body = Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>
  return new Response(body, { status: partial ? 206 : 200, headers })
}

/** The UUID of `material://m/<uuid>`, or null for anything else (other hosts, sub-paths, queries). */
export function materialId(url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${MATERIAL_SCHEME}:` || parsed.host !== MATERIAL_HOST || parsed.search !== '') return null
  const id = parsed.pathname.slice(1)
  return Id.safeParse(id).success ? id.toLowerCase() : null
}

/**
 * Only our own page may read materials cross-origin: the one allowed origin is a constant, never
 * the request's Origin echoed back (nor *), so it cannot be talked into naming another page — and
 * it does not depend on Chromium forwarding Origin to the handler. pdf.js needs to see
 * Content-Range and Accept-Ranges (not safelisted response headers) to read a large PDF in chunks.
 */
const CORS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': APP_ORIGIN,
  'access-control-allow-methods': 'GET, HEAD',
  'access-control-allow-headers': 'Range',
  'access-control-expose-headers': 'Content-Range, Accept-Ranges, Content-Length, Content-Disposition',
}

const textResponse = (status: number, message: string): Response =>
  new Response(message, { status, headers: { ...CORS, 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } })
