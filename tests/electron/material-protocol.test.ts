/**
 * material://m/<id> as the desktop page reads it: a real core (SQLite, content store on disk) and the
 * handler main.ts installs; only Electron's protocol module is faked.
 */
import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { materialId, materialResponse, serveMaterials } from '../../src-main/electron/material-protocol'
import { registerAppScheme } from '../../src-main/electron/protocol'
import { materialPath } from '../../src-main/core/materials/material-store'
import type { Material } from '../../src-main/shared/schemas/material'
import { cidFontPdf, tinyPng } from '../helpers/material-fixtures'
import { makeTestCore, type TestCore } from '../helpers/core'
import { seedMaterial, seedUnit } from '../helpers/seed-material'

vi.mock('electron', () => import('./fake-electron'))

let t: TestCore
let pdf: Material
let png: Material
const pdfBytes = cidFontPdf()

beforeAll(async () => {
  t = makeTestCore()
  const unit = await seedUnit(t)
  pdf = await seedMaterial(t, unit, { name: '台账/2024年党建品牌台账.pdf', bytes: pdfBytes, kind: 'pdf', contentType: 'application/pdf' })
  png = await seedMaterial(t, unit, { name: '照片.png', bytes: tinyPng(), kind: 'image', contentType: 'image/png' })
})
afterAll(() => t.dispose())

const APP = 'app://onsite'
function get(url: string, init: { method?: string; origin?: string | null; range?: string } = {}) {
  const headers = new Headers()
  if (init.origin !== null) headers.set('origin', init.origin ?? APP)
  if (init.range) headers.set('range', init.range)
  return materialResponse(t.core.context, { url, method: init.method ?? 'GET', headers })
}
const bytes = async (response: Response) => Buffer.from(await response.arrayBuffer())

describe('material:// scheme', () => {
  it('is privileged next to app:// in the one registration Electron allows', () => {
    registerAppScheme()
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'material', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
    ])
  })

  it('serves a material whole by its id, with its type, nosniff and its own name', async () => {
    await fake.app.whenReady()
    serveMaterials(t.core.context)
    const response = await fake.protocol.handlers.get('material')!(new Request(`material://m/${pdf.id}`, { headers: { origin: APP } }))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('accept-ranges')).toBe('bytes')
    expect(response.headers.get('content-length')).toBe(String(pdfBytes.length))
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="2024_______.pdf"; filename*=UTF-8''${encodeURIComponent('2024年党建品牌台账.pdf')}`)
    expect((await bytes(response)).equals(pdfBytes)).toBe(true)

    const image = await get(`material://m/${png.id}`)
    expect(image.headers.get('content-type')).toBe('image/png')
    expect((await bytes(image)).equals(tinyPng())).toBe(true)
  })

  it('serves one byte range as 206 with exactly those bytes', async () => {
    const response = await get(`material://m/${pdf.id}`, { range: 'bytes=10-19' })
    expect(response.status).toBe(206)
    expect(response.headers.get('content-range')).toBe(`bytes 10-19/${pdfBytes.length}`)
    expect(response.headers.get('content-length')).toBe('10')
    expect((await bytes(response)).equals(pdfBytes.subarray(10, 20))).toBe(true)

    const tail = await get(`material://m/${pdf.id}`, { range: 'bytes=-7' })
    expect(tail.status).toBe(206)
    expect((await bytes(tail)).equals(pdfBytes.subarray(-7))).toBe(true)
  })

  it('answers 416 for a range beyond the end, with the real size', async () => {
    const response = await get(`material://m/${pdf.id}`, { range: `bytes=${pdfBytes.length}-` })
    expect(response.status).toBe(416)
    expect(response.headers.get('content-range')).toBe(`bytes */${pdfBytes.length}`)
  })

  it('answers HEAD with the headers and no body', async () => {
    const whole = await get(`material://m/${pdf.id}`, { method: 'HEAD' })
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-length')).toBe(String(pdfBytes.length))
    expect(await whole.text()).toBe('')
    const part = await get(`material://m/${pdf.id}`, { method: 'HEAD', range: 'bytes=0-99' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${pdfBytes.length}`)
    expect(await part.text()).toBe('')
  })

  it('lets only our own page read it cross-origin, exposing what pdf.js needs for ranges', async () => {
    for (const origin of [APP, 'https://evil.example', 'app://other', 'null', 'material://m', null]) {
      const response = await get(`material://m/${pdf.id}`, { origin, range: 'bytes=0-3' })
      // Always exactly app://onsite: never *, never the asking page's origin echoed back.
      expect(response.headers.get('access-control-allow-origin'), String(origin)).toBe('app://onsite')
      expect(response.headers.get('access-control-expose-headers')).toMatch(/Content-Range/)
      expect(response.headers.get('access-control-expose-headers')).toMatch(/Accept-Ranges/)
    }
    expect((await get('material://m/00000000-0000-4000-8000-000000000000', { origin: 'https://evil.example' })).headers.get('access-control-allow-origin')).toBe('app://onsite')
    const preflight = await get(`material://m/${pdf.id}`, { method: 'OPTIONS' })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Range')
    expect(await preflight.text()).toBe('')
  })

  it('finds nothing but a known material id: unknown ids, other hosts, paths and writes are refused', async () => {
    const unknown = await get('material://m/00000000-0000-4000-8000-000000000000')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toBe('材料不存在或已被删除')
    const refused = [
      'material://m/not-a-uuid',
      'material://m/../x',
      `material://m/../${pdf.id}/../../onsite-review.sqlite`,
      'material://m/..%2f..%2fonsite-review.sqlite',
      `material://m/${pdf.sha256}`,
      `material://m/${pdf.id}/extra`,
      `material://m/${pdf.id}?path=/etc/passwd`,
      `material://other/${pdf.id}`,
      `material:///${pdf.id}`,
      `app://onsite/${pdf.id}`,
    ]
    for (const url of refused) {
      const response = await get(url)
      expect(response.status, url).toBe(404)
      expect(response.headers.get('content-type'), url).toBe('text/plain; charset=utf-8')
    }
    expect((await get(`material://m/${pdf.id}`, { method: 'POST' })).status).toBe(405)
    expect((await get(`material://m/${pdf.id}`, { method: 'DELETE' })).status).toBe(405)
  })

  it('reads an id only from the URL shape material://m/<uuid>', () => {
    expect(materialId(`material://m/${pdf.id}`)).toBe(pdf.id)
    expect(materialId(`material://m/${pdf.id.toUpperCase()}`)).toBe(pdf.id)
    expect(materialId('material://m/../x')).toBeNull()
    expect(materialId('not a url')).toBeNull()
  })

  it('answers 404 when the row is there but its file was removed from the store', async () => {
    const unit = await seedUnit(t)
    const lost = await seedMaterial(t, unit, { name: '丢失.txt', bytes: Buffer.from('只在这一份里'), kind: 'txt', contentType: 'text/plain; charset=utf-8' })
    rmSync(materialPath(t.dataDir, lost.sha256))
    const response = await get(`material://m/${lost.id}`)
    expect(response.status).toBe(404)
    expect(await response.text()).toMatch(/材料文件不存在/)
  })
})
