/**
 * The demo meeting's generated materials: every unit has a 申报材料 PDF (Chinese text in a CID font,
 * read back by the importer's pdf.js extraction), a 台账 workbook, a brand case .docx and a photo;
 * one unit has a scan without a text layer. Search finds 党建品牌 in every unit; opening twice adds
 * nothing; a failed open leaves no file behind.
 */
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { materialPath, materialsDir } from '../../src-main/core/materials/material-store'
import { extractText } from '../../src-main/core/materials/text/extract-text'
import { makeTestCore, type TestCore } from '../helpers/core'

let t: TestCore | undefined
let u: TestCore | undefined
afterEach(() => {
  t?.dispose()
  u?.dispose()
  t = u = undefined
})

const storedFiles = (dataDir: string) => {
  try {
    return readdirSync(materialsDir(dataDir)).filter((n) => /^[0-9a-f]{64}$/.test(n))
  } catch {
    return []
  }
}

describe('demo materials', () => {
  it('gives every unit a PDF, a ledger, a brand case and a photo, one unit a scan, all stored and searchable', async () => {
    t = makeTestCore()
    const started = performance.now()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    console.info(`openDemo with materials took ${(performance.now() - started).toFixed(0)} ms`)
    const units = await t.api.units.list({ meetingId })
    const materials = await t.api.materials.list({ meetingId })
    for (const unit of units) {
      const own = materials.filter((m) => m.unitId === unit.id)
      expect(own.map((m) => m.kind).sort(), unit.name).toEqual(expect.arrayContaining(['docx', 'image', 'pdf', 'xlsx']))
      const pdf = own.find((m) => m.name === '创建“模范机关”申报材料.pdf')!
      expect(pdf).toMatchObject({ kind: 'pdf', pageCount: 2, hasTextLayer: true, contentType: 'application/pdf' })
      const text = await t.api.materials.text({ meetingId, id: pdf.id })
      expect(text.pages[0]).toContain(unit.name)
      expect(text.pages[0]).toContain(`“${unit.brand}”党建品牌`)
      expect(text.pages[1]).toContain('三、主要成效')
    }
    const scans = materials.filter((m) => m.kind === 'pdf' && !m.hasTextLayer)
    expect(scans).toHaveLength(1)
    expect(scans[0].note).toContain('扫描件')

    const overview = await t.api.materials.overview({ meetingId })
    expect(overview.map((o) => o.noTextLayer)).toEqual(units.map((unit) => (unit.id === scans[0].unitId ? 1 : 0)))
    expect(overview.every((o) => o.count >= 4 && o.bytes > 0 && o.unsupported === 0)).toBe(true)

    const search = await t.api.materials.search({ meetingId, query: '党建品牌', limit: 500 })
    expect(new Set(search.hits.map((h) => h.unitId))).toEqual(new Set(units.map((unit) => unit.id)))
    const brand = await t.api.materials.search({ meetingId, query: units[5].brand })
    expect(new Set(brand.hits.map((h) => h.unitId))).toEqual(new Set([units[5].id]))
    const ledger = materials.find((m) => m.unitId === units[0].id && m.kind === 'xlsx')!
    const table = await t.api.materials.table({ meetingId, id: ledger.id })
    expect(table.sheets[0].rows[0]).toEqual(['序号', '日期', '活动名称', '参加人数', '记录人'])
    expect(table.sheets[0].rows.some((r) => r[2] === `“${units[0].brand}”党建品牌推进会`)).toBe(true)

    const files = storedFiles(t.dataDir)
    expect(new Set(files)).toEqual(new Set(materials.map((m) => m.sha256)))
    const bytes = files.reduce((n, f) => n + statSync(join(materialsDir(t!.dataDir), f)).size, 0)
    console.info(`demo materials: ${materials.length} files, ${files.length} stored, ${(bytes / 1024).toFixed(0)} KB`)
    expect(bytes).toBeLessThan(1024 * 1024)
  })

  it('records for the generated PDFs exactly what the importer’s extraction reads from them (Chinese in a CID font, and a scan)', async () => {
    t = makeTestCore()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    const pdfs = (await t.api.materials.list({ meetingId })).filter((m) => m.kind === 'pdf')
    const checked = [...pdfs.filter((m) => m.hasTextLayer).slice(0, 3), ...pdfs.filter((m) => !m.hasTextLayer)]
    expect(checked).toHaveLength(4)
    for (const material of checked) {
      const extracted = await extractText(materialPath(t.dataDir, material.sha256))
      const recorded = await t.api.materials.text({ meetingId, id: material.id })
      expect(extracted.pages, material.name).toEqual(recorded.pages)
      expect([extracted.kind, extracted.hasTextLayer, extracted.note ?? '', extracted.pages.length]).toEqual([material.kind, material.hasTextLayer, material.note, material.pageCount])
    }
  })

  it('adds nothing when opened again, and has the same material ids on every machine', async () => {
    t = makeTestCore()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    const first = await t.api.materials.list({ meetingId })
    await t.api.meetings.openDemo({})
    expect(await t.api.materials.list({ meetingId })).toEqual(first)
    u = makeTestCore()
    await u.api.meetings.openDemo({})
    const elsewhere = await u.api.materials.list({ meetingId })
    expect(elsewhere.map((m) => [m.id, m.sha256, m.name])).toEqual(first.map((m) => [m.id, m.sha256, m.name]))
  })

  it('two calls at once make one demo', async () => {
    t = makeTestCore()
    const [a, b] = await Promise.all([t.api.meetings.openDemo({}), t.api.meetings.openDemo({})])
    expect(a.id).toBe(b.id)
    const materials = await t.api.materials.list({ meetingId: a.id })
    expect(new Set(storedFiles(t.dataDir))).toEqual(new Set(materials.map((m) => m.sha256)))
    expect(t.core.context.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(1)
  })

  it('leaves no material file behind when the database cannot take the demo', async () => {
    t = makeTestCore()
    const db = t.core.context.db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`)
    const result = await t.core.dispatch('meetings.openDemo', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    expect(storedFiles(t.dataDir)).toEqual([])
  })
})
