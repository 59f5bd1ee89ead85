/**
 * The score matrix workbook read back with exceljs: sheets, headers, layout (frozen panes, merges,
 * widths, number formats), numbers stored as numbers, every score equal to the database's, and the
 * file opened by LibreOffice Calc.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pairKey } from '../../src-main/core/documents/dossier'
import { buildScoreMatrixXlsx } from '../../src-main/core/documents/score-matrix-xlsx'
import { makeTestCore, type TestCore } from '../helpers/core'
import { demoDossier } from './fixture'

const readWorkbook = async (bytes: Buffer) => {
  const wb = new ExcelJS.Workbook()
  // exceljs declares its own Buffer type; at runtime a Node Buffer is what it reads.
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer)
  return wb
}

let bytes: Buffer
let wb: ExcelJS.Workbook
beforeAll(async () => {
  bytes = await buildScoreMatrixXlsx(demoDossier())
  wb = await readWorkbook(bytes)
})

const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1)
const widths = (ws: ExcelJS.Worksheet, n: number) => Array.from({ length: n }, (_, i) => ws.getColumn(i + 1).width)

describe('score matrix workbook', () => {
  it('has the three sheets', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评分矩阵', '汇总', '计分规则'])
    expect(wb.creator).toBe('现场评审')
  })

  it('评分矩阵: one row per unit × reviewer, each item a column, frozen headers, numbers as numbers', () => {
    const ws = wb.getWorksheet('评分矩阵')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 3, ySplit: 2 })
    expect(values(ws, 1).slice(0, 5)).toEqual(['序号', '单位', '评委', '回避', '做政治坚定的模范'])
    expect(values(ws, 2).slice(4, 7)).toEqual(['理论武装（8）', '贯彻落实（9）', '意识形态责任制（8）'])
    expect(values(ws, 2).slice(-4)).toEqual(['小计', '特色加分', '总分', '一票否决'])
    expect(ws.rowCount).toBe(2 + 12 * 5)
    const first = values(ws, 3)
    expect(first.slice(0, 4)).toEqual([1, '市数据资源局数据共享处党支部', '周明远', ''])
    const items = first.slice(4, 19) as number[]
    expect(items.every((v) => typeof v === 'number')).toBe(true)
    expect(items.reduce((a, b) => a + b * 10, 0) / 10).toBe(92)
    expect(first.slice(19, 22)).toEqual([92, 4, 96])
    // 陈卫国 recused from the two 水利 units.
    expect(values(ws, 2 + 2 * 5 + 3).slice(0, 4)).toEqual([3, '市水利保障局河湖管理处党支部', '陈卫国', '回避'])
    // The ticked veto and its reason, wrapped in its column on a row tall enough for its three lines.
    const vetoRow = ws.getRow(2 + 7 * 5 + 4)
    expect(values(ws, 2 + 7 * 5 + 4).at(-1)).toBe('发生严重违纪违法案件：群众来信反映该中心一名干部违规收受礼品')
    expect(vetoRow.getCell(23).alignment).toMatchObject({ wrapText: true, vertical: 'top' })
    // Its unit and reviewer beside the reason's first line, not at the foot of the tall row.
    expect(vetoRow.getCell(3).alignment).toMatchObject({ vertical: 'top' })
    expect(vetoRow.height).toBeGreaterThanOrEqual(3 * 15)
  })

  it('评分矩阵: every score, subtotal, bonus and total is a number cell on every row', () => {
    const ws = wb.getWorksheet('评分矩阵')!
    let scored = 0
    for (let r = 3; r <= ws.rowCount; r++) {
      if (ws.getCell(r, 4).value === '回避') continue
      scored++
      for (let c = 5; c <= 22; c++) expect(ws.getCell(r, c).type, ws.getCell(r, c).address).toBe(ExcelJS.ValueType.Number)
    }
    expect(scored).toBe(12 * 5 - 2)
  })

  it('评分矩阵: the criterion spans its items, single headers span both rows, headers bold on grey', () => {
    const ws = wb.getWorksheet('评分矩阵')!
    const merges = ws.model.merges.slice().sort()
    expect(merges).toEqual(['A1:A2', 'B1:B2', 'C1:C2', 'D1:D2', 'E1:G1', 'H1:J1', 'K1:M1', 'N1:P1', 'Q1:S1', 'T1:T2', 'U1:U2', 'V1:V2', 'W1:W2'].sort())
    for (const address of ['A1', 'E1', 'G1', 'E2', 'W2']) {
      const cell = ws.getCell(address)
      expect(cell.font?.bold, address).toBe(true)
      expect(cell.fill, address).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } })
      expect(cell.border?.top?.style, address).toBe('thin')
      expect(cell.alignment, address).toMatchObject({ horizontal: 'center', vertical: 'middle', wrapText: true })
    }
    // The item heads wrap (意识形态责任制（8）): the row is tall enough to print them whole.
    expect(ws.getRow(2).height).toBeGreaterThanOrEqual(30)
    // Data rows stay plain: no header style leaks into them.
    expect(ws.getCell('E3').font?.bold).toBeFalsy()
    expect((ws.getCell('E3').fill as ExcelJS.FillPattern | undefined)?.pattern).not.toBe('solid')
  })

  it('评分矩阵: column widths fit the names, the scores and the veto reasons', () => {
    const ws = wb.getWorksheet('评分矩阵')!
    // 单位 fits the demo's longest name (16 characters): 2.2 digits a character, plus padding.
    expect(widths(ws, 23)).toEqual([6, 38, 10, 6, ...Array<number>(15 + 3).fill(11), 30])
  })

  it('评分矩阵: an unfinished sheet leaves the missing score, the subtotal and the total empty', async () => {
    const d = demoDossier()
    const entry = d.entries.get(pairKey(d.reviewers[1].id, d.units[0].id))!
    entry.scores.delete(d.rubric.criteria[0].items[1].id)
    const ws = (await readWorkbook(await buildScoreMatrixXlsx(d))).getWorksheet('评分矩阵')!
    const row = values(ws, 4)
    expect(row.slice(0, 3)).toEqual([1, '市数据资源局数据共享处党支部', '林静怡'])
    expect(row[4]).toEqual(expect.any(Number))
    expect(row[5]).toBeUndefined()
    expect([row[19], row[21]]).toEqual([undefined, undefined])
    expect(row[20]).toBe(entry.bonus)
  })

  it('汇总: the Word sheet’s columns in ranking order, the dropped totals struck through, the notes below', () => {
    const ws = wb.getWorksheet('汇总')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 1 })
    expect(values(ws, 1)).toEqual(['序号', '单位', '周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', '最高分', '最低分', '综合得分', '其中加分', '排名', '等次', '备注'])
    expect(values(ws, 2).slice(0, 13)).toEqual([1, '市数据资源局数据共享处党支部', 96, 98, 95, 99, 96.5, 99, 95, 96.83, 4.17, 1, '优秀'])
    // 陈卫国 and 赵海燕 gave the lowest and the highest total: dropped.
    expect([3, 4, 5, 6, 7].map((c) => ws.getCell(2, c).font?.strike ?? false)).toEqual([false, false, true, true, false])
    expect(values(ws, 4)[4]).toBe('回避')
    expect(ws.getColumn(10).numFmt).toBe('0.00')
    expect(values(ws, 8)[13]).toBe('综合得分与第8名相同，按未去最高最低分的平均分比较排名在前')
    // The notes right of 序号 and 单位, which repeat on every page across: a note there would print cut.
    expect(values(ws, 15)[2]).toMatch(/^注：1\.各评委栏为该评委的总分（含特色加分）；划删除线的分数为/)
    expect(values(ws, 16)[2]).toMatch(/^\u3000\u30002\.“其中加分”是综合得分中所含的特色加分/)
    expect(values(ws, 15).slice(0, 2)).toEqual(['', ''])
  })

  it('汇总: every computed mean shows two decimals; reviewer totals and ranks keep the general format', () => {
    const ws = wb.getWorksheet('汇总')!
    for (let r = 2; r <= 1 + 12; r++) {
      for (const c of [10, 11]) expect(ws.getCell(r, c).numFmt, ws.getCell(r, c).address).toBe('0.00')
      for (const c of [3, 8, 9, 12]) expect(ws.getCell(r, c).numFmt, ws.getCell(r, c).address).toBeUndefined()
      expect(ws.getCell(r, 10).type).toBe(ExcelJS.ValueType.Number)
    }
    // 备注 wraps: a row as tall as its remark needs.
    expect(widths(ws, 14)).toEqual([6, 38, 10, 10, 10, 10, 10, 10, 10, 11, 11, 6, 8, 28])
    expect(ws.getCell(8, 14).alignment).toMatchObject({ wrapText: true })
    expect(ws.getRow(8).height).toBeGreaterThan(15)
    expect(ws.getCell('A1').font?.bold).toBe(true)
  })

  it('prints every sheet landscape with its header rows on every page (the scale: sheet-print.test.ts)', () => {
    for (const [name, rows] of [['评分矩阵', '1:2'], ['汇总', '1:1'], ['计分规则', '1:1']] as const) {
      expect(wb.getWorksheet(name)!.pageSetup, name).toMatchObject({ orientation: 'landscape', printTitlesRow: rows })
    }
  })

  it('计分规则: the rule in words and its settings', () => {
    const ws = wb.getWorksheet('计分规则')!
    const rows = Object.fromEntries(Array.from({ length: ws.rowCount - 1 }, (_, i) => values(ws, i + 2) as [string, unknown]))
    expect(rows['计分规则']).toMatch(/^每个单位的有效评委人数达到 5 人时，去掉一个最高分和一个最低分/)
    expect(rows['去掉最高最低分的最少有效评委数']).toBe(5)
    expect(rows['保留小数位数']).toBe(2)
    expect(rows['等次']).toBe('优秀≥90分；良好≥80分；合格≥60分；不合格≥0分')
  })

  it('计分规则: frozen header, a wide wrapped column for the rule text', () => {
    const ws = wb.getWorksheet('计分规则')!
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(widths(ws, 2)).toEqual([30, 100])
    expect(ws.getCell('B3').alignment).toMatchObject({ wrapText: true, vertical: 'top' })
    // The rule in words on a row tall enough for all its lines (a column 100 wide holds 45 Chinese
    // characters): printed whole, not cut after one line.
    const han = [...String(ws.getCell('B3').value)].filter((c) => /\p{Script=Han}/u.test(c)).length
    expect(han).toBeGreaterThan(200)
    expect(ws.getRow(3).height).toBeGreaterThanOrEqual(15 * Math.ceil(han / 45))
    expect(ws.getCell('A1').font?.bold).toBe(true)
  })
})

describe('score matrix of the demo meeting, against the database', () => {
  let t: TestCore
  afterAll(() => t?.dispose())

  it('prints every reviewer’s score on every item for every unit exactly as stored, and each recusal', async () => {
    t = makeTestCore()
    const demo = await t.api.meetings.openDemo({})
    await t.api.results.compute({ meetingId: demo.id })
    const ws = (await readWorkbook(readFileSync((await t.api.exports.scoreMatrix({ meetingId: demo.id })).path))).getWorksheet('评分矩阵')!

    const db = t.core.context.db
    const all = <T>(sql: string) => db.prepare(sql).all(demo.id) as T[]
    const units = all<{ name: string }>('SELECT name FROM units WHERE meeting_id = ? ORDER BY seq')
    const reviewers = all<{ name: string }>('SELECT name FROM reviewers WHERE meeting_id = ? ORDER BY seq')
    const items = all<{ id: string }>('SELECT i.id FROM rubric_items i JOIN criteria c ON c.id = i.criterion_id WHERE i.meeting_id = ? ORDER BY c.seq, i.seq')
    const pair = (unit: string, reviewer: string) => `${unit}|${reviewer}`
    const scores = new Map<string, number>()
    for (const s of all<{ u: string; r: string; item: string; tenths: number }>(
      'SELECT u.name AS u, r.name AS r, s.item_id AS item, s.value_tenths AS tenths FROM scores s JOIN units u ON u.id = s.unit_id JOIN reviewers r ON r.id = s.reviewer_id WHERE s.meeting_id = ?',
    )) {
      scores.set(`${pair(s.u, s.r)}|${s.item}`, s.tenths / 10)
    }
    const bonuses = new Map(
      all<{ u: string; r: string; tenths: number | null }>(
        'SELECT u.name AS u, r.name AS r, v.bonus_tenths AS tenths FROM reviews v JOIN units u ON u.id = v.unit_id JOIN reviewers r ON r.id = v.reviewer_id WHERE v.meeting_id = ?',
      ).map((b) => [pair(b.u, b.r), b.tenths === null ? undefined : b.tenths / 10]),
    )
    const recused = new Set(
      all<{ u: string; r: string }>('SELECT u.name AS u, r.name AS r FROM recusals x JOIN units u ON u.id = x.unit_id JOIN reviewers r ON r.id = x.reviewer_id WHERE x.meeting_id = ?').map((x) =>
        pair(x.u, x.r),
      ),
    )
    expect(units.length * reviewers.length).toBeGreaterThan(50)
    expect(recused.size).toBeGreaterThan(0)

    expect(ws.rowCount).toBe(2 + units.length * reviewers.length)
    let row = 3
    let printed = 0
    units.forEach((unit, u) => {
      for (const reviewer of reviewers) {
        const got = values(ws, row++)
        const key = pair(unit.name, reviewer.name)
        expect(got.slice(0, 3), key).toEqual([u + 1, unit.name, reviewer.name])
        if (recused.has(key)) {
          expect(got, key).toEqual([u + 1, unit.name, reviewer.name, '回避'])
          continue
        }
        const expected = items.map((item) => scores.get(`${key}|${item.id}`))
        expect(got.slice(4, 4 + items.length), key).toEqual(expected)
        expect(got[4 + items.length + 1], key).toBe(bonuses.get(key))
        printed += expected.filter((v) => v !== undefined).length
      }
    })
    // Nothing stored is left out.
    expect(printed).toBe(scores.size)
  })
})

// Needs libreoffice-calc-nogui (.ci/run installs it): the Excel matrix must open in a real spreadsheet program.
describe('the workbook in LibreOffice Calc', () => {
  const work = mkdtempSync(join(tmpdir(), 'onsite-calc-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('opens, and every sheet converts to the same cells exceljs reads', () => {
    writeFileSync(join(work, 'matrix.xlsx'), bytes)
    // One profile per run so parallel runs never share (and lock) one; -1 = every sheet to its own file.
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${join(work, 'profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', work, join(work, 'matrix.xlsx')],
      { timeout: 60_000, stdio: 'pipe' },
    )
    expect(readdirSync(work).filter((f) => f.endsWith('.csv')).sort()).toEqual(['matrix-汇总.csv', 'matrix-计分规则.csv', 'matrix-评分矩阵.csv'].sort())
    const csv = readFileSync(join(work, 'matrix-评分矩阵.csv'), 'utf8').trimEnd().split('\n')
    const ws = wb.getWorksheet('评分矩阵')!
    expect(csv).toHaveLength(ws.rowCount)
    const cell = (v: unknown) => (v === undefined || v === null ? '' : String(v))
    for (let r = 3; r <= ws.rowCount; r++) {
      const expected = Array.from({ length: 23 }, (_, c) => cell(ws.getCell(r, c + 1).value))
      expect(csv[r - 1].split(','), `row ${r}`).toEqual(expected)
    }
  }, 70_000)
})
