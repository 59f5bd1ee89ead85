/**
 * materials.overview (per unit: count, bytes, scans without text layer, unsupported files) and
 * materials.table (an .xlsx material read from the store as rows of strings; a big ledger is cut,
 * not loaded whole) through the dispatcher, with real files in the material store.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Material } from '../../src-main/shared/schemas/material'
import { insertMaterials } from '../../src-main/core/materials/material-rows'
import { putStream } from '../../src-main/core/materials/material-store'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { TABLE_LIMITS } from '../../src-main/core/import/xlsx-table'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { writeTallXlsx } from '../helpers/big-xlsx'
import { cidFontPdf, tinyPng } from '../helpers/material-fixtures'

let t: TestCore
let meetingId: string
let unitIds: string[]
beforeEach(async () => {
  t = makeTestCore()
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  unitIds = seed.units.map((u) => u.id)
})
afterEach(() => t.dispose())

type Kind = Material['kind']
/** Stores `data` in the material store and records it as the given kind (what an import would have decided). */
async function addFile(unitId: string, name: string, data: Buffer, kind: Kind, hasTextLayer = kind !== 'image' && kind !== 'unsupported'): Promise<string> {
  const { sha256, size } = await putStream(t.dataDir, Readable.from([data]))
  const id = crypto.randomUUID()
  const db = t.core.context.db
  writeTransaction(db, () =>
    insertMaterials(db, [{ id, meetingId, unitId, name, size, sha256, kind, contentType: 'application/octet-stream', pageCount: 1, hasTextLayer, note: '', pages: [''] }], new Date().toISOString()),
  )
  return id
}

async function workbook(sheets: Record<string, (string | number | null)[][]>): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name)
    rows.forEach((row, i) => row.forEach((value, j) => value !== null && (sheet.getCell(i + 1, j + 1).value = value)))
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

describe('materials.overview', () => {
  it('counts each unit’s materials, bytes, scans without a text layer and unsupported files; units without materials show zeros', async () => {
    const pdf = cidFontPdf()
    await addFile(unitIds[0], '申报材料.pdf', pdf, 'pdf')
    await addFile(unitIds[0], '扫描件.pdf', Buffer.concat([pdf, Buffer.from('%scan')]), 'pdf', false)
    await addFile(unitIds[0], '旧文档.doc', Buffer.from('old word file'), 'unsupported')
    await addFile(unitIds[0], '照片.png', tinyPng(), 'image')
    await addFile(unitIds[2], '台账.xlsx', await workbook({ 台账: [['日期', '事项']] }), 'xlsx')
    const overview = await t.api.materials.overview({ meetingId })
    const xlsxSize = (await t.api.materials.list({ meetingId, unitId: unitIds[2] }))[0].size
    expect(overview).toEqual([
      { unitId: unitIds[0], count: 4, bytes: pdf.length * 2 + 5 + 13 + tinyPng().length, noTextLayer: 1, unsupported: 1 },
      { unitId: unitIds[1], count: 0, bytes: 0, noTextLayer: 0, unsupported: 0 },
      { unitId: unitIds[2], count: 1, bytes: xlsxSize, noTextLayer: 0, unsupported: 0 },
    ])
  })

  it('names a meeting that does not exist', async () => {
    await expect(t.api.materials.overview({ meetingId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('会议') })
  })
})

describe('materials.table', () => {
  it('reads every sheet of an .xlsx material as rows of strings, empty rows kept in place', async () => {
    const data = await workbook({
      '2024年党建台账': [['日期', '活动', '参加人数'], ['2024-03-05', '主题党日：学雷锋志愿服务', 18], [null], ['2024-04-12', '“三会一课”专题党课', 21]],
      品牌创建: [['品牌', '数联先锋']],
    })
    const id = await addFile(unitIds[0], '台账.xlsx', data, 'xlsx')
    expect(await t.api.materials.table({ meetingId, id })).toEqual({
      sheets: [
        { name: '2024年党建台账', rows: [['日期', '活动', '参加人数'], ['2024-03-05', '主题党日：学雷锋志愿服务', '18'], [], ['2024-04-12', '“三会一课”专题党课', '21']] },
        { name: '品牌创建', rows: [['品牌', '数联先锋']] },
      ],
      truncated: false,
    })
  })

  it('cuts a ledger longer than the reader takes and says so, instead of refusing it or loading it all', async () => {
    const path = join(t.dataDir, 'big.xlsx')
    await writeTallXlsx(path, 20_000)
    const id = await addFile(unitIds[0], '十年台账.xlsx', readFileSync(path), 'xlsx')
    const table = await t.api.materials.table({ meetingId, id })
    expect(table.truncated).toBe(true)
    expect(table.sheets[0].rows).toHaveLength(TABLE_LIMITS.rows)
    expect(table.sheets[0].rows[1]).toEqual(['市统计服务局综合处党支部'])
  })

  it('cuts columns past the limit', async () => {
    const wide = Array.from({ length: TABLE_LIMITS.columns + 5 }, (_, i) => `列${i + 1}`)
    const id = await addFile(unitIds[0], '宽表.xlsx', await workbook({ 宽表: [wide] }), 'xlsx')
    const table = await t.api.materials.table({ meetingId, id })
    expect(table).toMatchObject({ truncated: true })
    expect(table.sheets[0].rows[0]).toEqual(wide.slice(0, TABLE_LIMITS.columns))
  })

  it('refuses a material that is not an .xlsx, in Chinese', async () => {
    const id = await addFile(unitIds[0], '申报材料.pdf', cidFontPdf(), 'pdf')
    await expect(t.api.materials.table({ meetingId, id })).rejects.toMatchObject({ code: 'VALIDATION', message: '“申报材料.pdf”不是 Excel 表格（.xlsx），无法以表格显示' })
    await expect(t.api.materials.table({ meetingId, id: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('材料') })
  })
})
