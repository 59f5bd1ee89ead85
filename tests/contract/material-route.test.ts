/**
 * GET/HEAD /material/<id> on the real bridge (real HTTP, real SQLite, real content store): what the
 * browser-mode viewer reads. pdf.js asks for ranges; the page names a material only by its id.
 */
import { rmSync } from 'node:fs'
import { request, type IncomingHttpHeaders, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src-main/bridge/server'
import { materialPath } from '../../src-main/core/materials/material-store'
import type { Material } from '../../src-main/shared/schemas/material'
import { makeTestCore, type TestCore } from '../helpers/core'
import { cidFontPdf, tinyPng } from '../helpers/material-fixtures'
import { seedMaterial, seedUnit } from '../helpers/seed-material'

let t: TestCore
let server: Server & { url: string }
let pdf: Material
let png: Material
const pdfBytes = cidFontPdf()

beforeAll(async () => {
  t = makeTestCore()
  const unit = await seedUnit(t)
  pdf = await seedMaterial(t, unit, { name: '台账/2024年党建品牌台账.pdf', bytes: pdfBytes, kind: 'pdf', contentType: 'application/pdf' })
  png = await seedMaterial(t, unit, { name: '活动照片 (1).png', bytes: tinyPng(), kind: 'image', contentType: 'image/png' })
  server = await startBridge({ core: t.core, port: 0 })
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
})

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** The path goes out exactly as written (fetch would normalise "..", "%2e%2e"). */
function raw(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { path, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('/material/<id> on the bridge', () => {
  it('serves the whole file with its type, nosniff, range support and its Chinese name', async () => {
    const reply = await raw(`/material/${pdf.id}`)
    expect(reply.status).toBe(200)
    expect(reply.body.equals(pdfBytes)).toBe(true)
    expect(reply.headers['content-type']).toBe('application/pdf')
    expect(reply.headers['content-length']).toBe(String(pdfBytes.length))
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
    expect(reply.headers['accept-ranges']).toBe('bytes')
    // Only the base name, RFC 8187-encoded: the folder inside the import is not part of a file name.
    expect(reply.headers['content-disposition']).toBe(`inline; filename="2024_______.pdf"; filename*=UTF-8''${encodeURIComponent('2024年党建品牌台账.pdf')}`)
    expect(decodeURIComponent(reply.headers['content-disposition']!.split("''")[1])).toBe('2024年党建品牌台账.pdf')

    const image = await raw(`/material/${png.id}`)
    expect(image.headers['content-type']).toBe('image/png')
    expect(image.body.equals(tinyPng())).toBe(true)
  })

  it("names a file with quotes, brackets or stars so that every browser reads the name back (RFC 8187)", async () => {
    const unit = await seedUnit(t)
    const name = "张三's 述职报告 (定稿)*.pdf"
    const odd = await seedMaterial(t, unit, { name: `材料/${name}`, bytes: pdfBytes, kind: 'pdf', contentType: 'application/pdf' })
    const header = (await raw(`/material/${odd.id}`, { method: 'HEAD' })).headers['content-disposition']!
    const encoded = /^inline; filename="[\x20-\x7e]*"; filename\*=UTF-8''(.+)$/.exec(header)?.[1]
    // attr-char only: an unescaped ' ( ) or * ends or breaks the ext-value in strict parsers.
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/)
    expect(decodeURIComponent(encoded!)).toBe(name)
  })

  it('serves a single byte range as 206 with exactly those bytes', async () => {
    const reply = await raw(`/material/${pdf.id}`, { headers: { range: 'bytes=100-149' } })
    expect(reply.status).toBe(206)
    expect(reply.headers['content-range']).toBe(`bytes 100-149/${pdfBytes.length}`)
    expect(reply.headers['content-length']).toBe('50')
    expect(reply.body.equals(pdfBytes.subarray(100, 150))).toBe(true)

    const open = await raw(`/material/${pdf.id}`, { headers: { range: `bytes=${pdfBytes.length - 5}-` } })
    expect(open.status).toBe(206)
    expect(open.body.equals(pdfBytes.subarray(-5))).toBe(true)
    const suffix = await raw(`/material/${pdf.id}`, { headers: { range: 'bytes=-12' } })
    expect(suffix.body.toString('latin1')).toBe(pdfBytes.subarray(-12).toString('latin1'))
  })

  it('answers 416 with the real size for a range beyond the end', async () => {
    const reply = await raw(`/material/${pdf.id}`, { headers: { range: `bytes=${pdfBytes.length}-${pdfBytes.length + 10}` } })
    expect(reply.status).toBe(416)
    expect(reply.headers['content-range']).toBe(`bytes */${pdfBytes.length}`)
    expect(reply.body).toHaveLength(0)
  })

  it('answers HEAD with the headers and no body, whole or ranged', async () => {
    const whole = await raw(`/material/${pdf.id}`, { method: 'HEAD' })
    expect(whole.status).toBe(200)
    expect(whole.headers['content-length']).toBe(String(pdfBytes.length))
    expect(whole.body).toHaveLength(0)
    const part = await raw(`/material/${pdf.id}`, { method: 'HEAD', headers: { range: 'bytes=0-9' } })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 0-9/${pdfBytes.length}`)
    expect(part.body).toHaveLength(0)
  })

  it('finds nothing but a known id: unknown ids, hashes and paths get a Chinese 404 and never a file', async () => {
    const unknown = await raw('/material/00000000-0000-4000-8000-000000000000')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.body.toString('utf8'))).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '材料不存在或已被删除' } })
    const attempts = [
      '/material/..%2f..%2fetc%2fpasswd',
      '/material/..%2f..%2fonsite-review.sqlite',
      '/material/../onsite-review.sqlite',
      `/material/${pdf.sha256}`,
      `/material/..%2fmaterials%2f${pdf.sha256}`,
      `/material/${pdf.id}/..`,
      `/material/${pdf.id}%00`,
      '/material/',
    ]
    for (const path of attempts) {
      const reply = await raw(path)
      expect(reply.status, path).toBeGreaterThanOrEqual(400)
      expect(reply.body.includes(pdfBytes.subarray(0, 8)), path).toBe(false)
      expect(reply.body.toString('latin1'), path).not.toMatch(/SQLite format|root:/)
    }
  })

  it('refuses a page from another site (DNS rebinding or a cross-site read)', async () => {
    const reply = await raw(`/material/${pdf.id}`, { headers: { host: 'evil.example' } })
    expect(reply.status).toBe(403)
    expect(reply.body.includes(pdfBytes.subarray(0, 8))).toBe(false)
  })

  it('answers 404 when the row is there but its file was removed from the store', async () => {
    const unit = await seedUnit(t)
    const lost = await seedMaterial(t, unit, { name: '丢失.txt', bytes: Buffer.from('只在这一份里'), kind: 'txt', contentType: 'text/plain; charset=utf-8' })
    rmSync(materialPath(t.dataDir, lost.sha256))
    const reply = await raw(`/material/${lost.id}`)
    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body.toString('utf8'))).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/材料文件不存在/) } })
  })
})
