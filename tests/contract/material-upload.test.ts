/**
 * Browser mode's POST /upload: the raw body streamed to disk, refused from other sites and for unsafe
 * names, nothing left by an aborted upload; the staged file then imported by materials.import.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { request, type Server } from 'node:http'
import { Readable } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MAX_BODY_BYTES } from '../../src-main/bridge/body'
import { startBridge } from '../../src-main/bridge/server'
import { createCore } from '../../src-main/core/app'
import { materialsDir } from '../../src-main/core/materials/material-store'
import { saveUpload, uploadsDir, UploadTooLarge } from '../../src-main/core/materials/uploads'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'
import { buildZip, cidFontPdf, gbk, utf8 } from '../helpers/material-fixtures'
import { join } from 'node:path'

let t: TestCore
let server: Server & { url: string }
beforeEach(async () => {
  t = makeTestCore()
  server = await startBridge({ core: t.core, port: 0 })
})
afterEach(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
})

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the assertions
type Json = any
const upload = (name: string, body: string | Blob | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/upload`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent(name), ...headers },
    body,
    duplex: 'half',
  } as RequestInit)
const staged = () => (existsSync(uploadsDir(t.dataDir)) ? readdirSync(uploadsDir(t.dataDir)) : [])

/** A body of `size` bytes sent in 1 MB chunks, never held whole. */
function streamedBody(size: number): ReadableStream<Uint8Array> {
  let sent = 0
  const chunk = new Uint8Array(1024 * 1024).fill(0x61)
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close()
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent))
      sent += part.length
      controller.enqueue(part)
    },
  })
}

describe('POST /upload', () => {
  it('is documented in GET /api beside /material/<id>', async () => {
    const doc: Json = await (await fetch(`${server.url}/api`)).json()
    expect(doc.routes.map((r: Json) => `${r.method} ${r.path}`)).toEqual(['POST /upload', 'GET /material/<id>'])
    expect(doc.routes[0].summary).toContain('x-file-name')
  })

  it('streams a body larger than any JSON limit to disk and answers the staged file', async () => {
    const size = MAX_BODY_BYTES + 3 * 1024 * 1024
    const res = await upload('台账/大文件.bin', streamedBody(size))
    const body: Json = await res.json()
    expect(res.status).toBe(200)
    expect(body).toEqual({ ok: true, data: { uploadId: expect.any(String), name: '台账/大文件.bin', size } })
    expect(staged().sort()).toEqual([body.data.uploadId, `${body.data.uploadId}.json`].sort())
  })

  it('is imported by materials.import, which consumes it; a folder upload keeps its subfolders', async () => {
    const { meeting, units } = await seedSmallMeeting(t.api)
    const pdf: Json = await (await upload('办公室材料/申报/报告.pdf', new Blob([cidFontPdf()]))).json()
    const zip: Json = await (await upload('办公室材料/照片.zip', new Blob([buildZip([{ name: gbk('活动/合影说明.txt'), data: utf8('合影') }])]))).json()
    const sources = [pdf, zip].map((b) => ({ type: 'upload' as const, uploadId: b.data.uploadId }))
    const preview = await t.api.materials.preview({ meetingId: meeting.id, sources })
    expect(preview.files.map((f) => f.name)).toEqual(['申报/报告.pdf', '照片/活动/合影说明.txt'])
    const report = await t.api.materials.import({ meetingId: meeting.id, unitId: units[0].id, sources })
    expect(report.imported.map((m) => m.name)).toEqual(['申报/报告.pdf', '照片/活动/合影说明.txt'])
    expect(staged()).toEqual([])
    await expect(t.api.materials.import({ meetingId: meeting.id, unitId: units[0].id, sources })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('请重新上传') })
  })

  it('refuses other sites, other content types and unsafe names, keeping nothing', async () => {
    const other = await upload('a.pdf', 'x', { origin: 'http://evil.example' })
    expect(other.status).toBe(403)
    const form = await upload('a.pdf', 'x', { 'content-type': 'text/plain' })
    expect(form.status).toBe(415)
    for (const name of ['../a.pdf', '/etc/passwd', 'C:\\Windows\\a.pdf', '目录/']) {
      const res = await upload(name, 'x')
      expect(res.status, name).toBe(400)
      expect(((await res.json()) as Json).error.message).toMatch(/不能使用|文件夹/)
    }
    expect((await upload('%E0%A4%A', 'x', { 'x-file-name': '%E0%A4%A' })).status).toBe(400)
    expect(staged()).toEqual([])
  })

  it('refuses a body announced above 4 GB before reading it, with a 413 in Chinese', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${server.url}/upload`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'big.pdf', 'content-length': String(5 * 1024 ** 3) },
      })
      req.on('response', (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', reject)
      req.write(Buffer.alloc(1024))
    })
    expect(status.status).toBe(413)
    expect(JSON.parse(status.body).error.message).toContain('上限 4 GB')
    expect(staged()).toEqual([])
  })

  it('a body that grows past the limit without announcing its size is cut off, leaving nothing', async () => {
    const body = Readable.from((function* () {
      for (let i = 0; i < 8; i++) yield Buffer.alloc(256 * 1024, i)
    })())
    await expect(saveUpload(t.dataDir, '台账.pdf', body, 1024 * 1024)).rejects.toBeInstanceOf(UploadTooLarge)
    expect(staged()).toEqual([])
  })

  it('an upload the browser aborts leaves nothing', async () => {
    const req = request(`${server.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'half.pdf', 'content-length': String(10 * 1024 * 1024) },
    })
    req.on('error', () => undefined)
    req.write(Buffer.alloc(2 * 1024 * 1024))
    await expect.poll(() => staged().some((n) => n.endsWith('.part'))).toBe(true)
    req.destroy()
    await expect.poll(() => staged()).toEqual([])
  })
})

describe('leftovers', () => {
  it('uploads nobody imported, temp files and unreferenced blobs are swept when the core starts; used blobs stay', async () => {
    const { meeting, units } = await seedSmallMeeting(t.api)
    const kept: Json = await (await upload('报告.pdf', new Blob([cidFontPdf()]))).json()
    const report = await t.api.materials.import({ meetingId: meeting.id, unitId: units[0].id, sources: [{ type: 'upload', uploadId: kept.data.uploadId }] })
    await upload('未导入.pdf', new Blob([cidFontPdf()]))
    expect(staged()).toHaveLength(2)
    const store = materialsDir(t.dataDir)
    mkdirSync(join(store, '.tmp'), { recursive: true })
    writeFileSync(join(store, '.tmp', 'cut-short.part'), 'x')
    writeFileSync(join(store, 'a'.repeat(64)), 'crashed between store and transaction')
    t.core.close()
    const again = createCore({ dataDir: t.dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
    again.close()
    expect(staged()).toEqual([])
    expect(readdirSync(store)).toEqual([report.imported[0].sha256])
  })
})
