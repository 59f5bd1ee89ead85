/**
 * GET/HEAD /material/<id>: a stored material's bytes, found by id (never by a path from the page),
 * with its Content-Type, nosniff and single byte ranges (pdf.js reads large PDFs in chunks).
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Core } from '../core/app'
import { DomainError } from '../core/errors'
import { openMaterialById } from '../core/services/materials'
import { materialHeaders, parseByteRange } from '../shared/byte-range'
import { findMaterial } from '../core/materials/material-rows'
import { assertMaterialReadable } from '../core/access/reviewer-scope'

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function serveMaterial(core: Core, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    assertMaterialReadable(core.context.db, id)
  } catch (error) {
    if (error instanceof DomainError) return fail(res, 403, error.message, error.code)
    throw error
  }
  const material = ID.test(id) ? findMaterial(core.context.db, id) : undefined
  if (!material) return fail(res, 404, '材料不存在或已被删除')
  const range = parseByteRange(req.headers.range, material.size)
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { 'content-range': `bytes */${material.size}`, 'x-content-type-options': 'nosniff' })
    return void res.end()
  }
  let opened
  try {
    opened = await openMaterialById(core.context, id, range.kind === 'partial' ? range : undefined)
  } catch (error) {
    if (error instanceof DomainError) return fail(res, error.code === 'NOT_FOUND' ? 404 : 500, error.message)
    throw error
  }
  const length = range.kind === 'partial' ? range.end - range.start + 1 : opened.size
  const headers = materialHeaders(material, length)
  if (range.kind === 'partial') headers['content-range'] = `bytes ${range.start}-${range.end}/${opened.size}`
  res.writeHead(range.kind === 'partial' ? 206 : 200, headers)
  if (req.method === 'HEAD') {
    opened.stream.destroy()
    return void res.end()
  }
  opened.stream.on('error', () => res.destroy())
  res.on('close', () => opened.stream.destroy())
  opened.stream.pipe(res)
}

function fail(res: ServerResponse, status: number, message: string, code = status === 404 ? 'NOT_FOUND' : 'INTERNAL'): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(JSON.stringify({ ok: false, error: { code, message } }))
}
