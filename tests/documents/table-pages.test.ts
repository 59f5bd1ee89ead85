/**
 * Every page of the tables a secretary signs, as LibreOffice prints them, for a large meeting (45
 * units with long names, 40 reviewers, a 30-item rubric), the demo and a 3-unit meeting: a page that
 * continues a table opens with its column heads, each unit's name is whole on one line, the
 * signatures print on the page of the table's last rows, and a sheet's signature on the page of its
 * opinions; the Excel workbook (the demo's, a 30-item rubric's, the large meeting's) prints every name
 * whole, at a legible size, names each row by its unit on every page and each criterion's items under
 * its head. One soffice call converts
 * every file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dossier } from '../../src-main/core/documents/dossier'
import { buildReportOrderDocx } from '../../src-main/core/documents/report-order'
import { INTERNAL_MARK } from '../../src-main/core/documents/layout'
import { buildDocx } from '../../src-main/core/documents/package'
import { buildReviewerSheetsDocx, reviewerSheetsBody } from '../../src-main/core/documents/reviewer-sheet'
import { buildScoreMatrixXlsx } from '../../src-main/core/documents/score-matrix-xlsx'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { demoDossier } from './fixture'
import { generatedDossier } from './generated'
import { CLOSING_LINE, pageLines, pdfPages } from './pdf-pages'

const work = mkdtempSync(join(tmpdir(), 'onsite-table-pages-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** A unit whose name (28 characters) fits one line of the 汇报顺序表 only in 五号. */
function withLongName(d: Dossier): Dossier {
  const name = '市生态环境保护综合执法支队机动执法大队第一第二联合党支部'
  const unit = d.units[1]
  for (const u of d.results.units) if (u.unitId === unit.id) u.unitName = name
  unit.name = name
  return d
}

const meetings = { big: generatedDossier(45, 40, 7, 30), demo: demoDossier(), small: generatedDossier(3, 5, 3), long: withLongName(generatedDossier(4, 5, 5)) }
type Meeting = keyof typeof meetings
const MEETINGS = Object.keys(meetings) as Meeting[]
/** The workbooks: the large meeting's, the demo's, and 12 units × 5 reviewers scored on 30 items. */
const MATRICES = { 'big-matrix': meetings.big, 'demo-matrix': meetings.demo, 'items30-matrix': generatedDossier(12, 5, 7, 30) }
type Matrix = keyof typeof MATRICES
const pages: Record<string, string[][]> = {}
/** Heights (points) of the boxes of the Chinese words on each page of a workbook's PDF. */
const hanHeights: Record<string, number[][]> = {}

/** The order drawn: the units in meeting order. */
const reportOrder = (d: Dossier) =>
  buildReportOrderDocx({
    meeting: d.meeting,
    draw: {
      id: crypto.randomUUID(),
      meetingId: d.meeting.id,
      seq: 1,
      seed: 'c0ffee00',
      drawnAt: '2024-12-18T00:45:00.000Z',
      reason: '',
      order: d.units.map((u, i) => ({ unitId: u.id, unitName: u.name, position: i + 1 })),
    },
  })

beforeAll(async () => {
  const files: Record<string, Buffer> = {}
  for (const m of MEETINGS) {
    files[`${m}-summary`] = await buildSummaryDocx(meetings[m])
    files[`${m}-order`] = await reportOrder(meetings[m])
  }
  for (const [name, d] of Object.entries(MATRICES)) files[name] = await buildScoreMatrixXlsx(d)
  // 30 items: a filled sheet runs onto a second page.
  const [chairId, reviewerId] = meetings.big.reviewers.map((r) => r.id)
  files['big-sheets'] = await buildReviewerSheetsDocx(meetings.big, { reviewerId, blank: false })
  // As 附件2 of the minutes: the label above the first sheet (the chair's, as in the minutes).
  files['big-attached'] = await buildDocx({ title: '附件2' }, [
    { kind: 'portrait', mark: INTERNAL_MARK, body: (sectPr) => reviewerSheetsBody(meetings.big, { attachment: '附件2', reviewerId: chairId, blank: false, sectPr }) },
  ])
  const file = (name: string) => join(work, `${name}.${name.endsWith('matrix') ? 'xlsx' : 'docx'}`)
  for (const [name, bytes] of Object.entries(files)) writeFileSync(file(name), bytes)
  const profile = `file://${join(work, 'profile')}`
  const docs = Object.keys(files).map(file)
  execFileSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...docs], { timeout: 290_000, stdio: 'pipe' })
  for (const name of Object.keys(files)) pages[name] = pdfPages(join(work, `${name}.pdf`)).map(pageLines)
  for (const name of Object.keys(MATRICES)) hanHeights[name] = wordHeights(join(work, `${name}.pdf`))
}, 300_000)

/** Per page, the height of each word box holding a Chinese character (pdftotext -bbox). */
function wordHeights(pdf: string): number[][] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => [...page.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">\p{Script=Han}/gu)].map((m) => Number(m[2]) - Number(m[1])))
}

/** Row lines of a table whose rows start with a number and a unit's name (every name here starts with 市). */
const isRow = (line: string) => /^\d+市/.test(line)

/** Every page holding rows of the table has the heads above its first row. */
function expectHeadsOnEveryPage(name: string, head: string): void {
  const withRows = pages[name].filter((p) => p.some(isRow))
  expect(withRows.length, name).toBeGreaterThan(0)
  for (const [i, page] of pages[name].entries()) {
    const first = page.findIndex(isRow)
    if (first < 0) continue
    expect(page.slice(0, first).some((l) => l.startsWith(head)), `${name} page ${i + 1}: ${page.slice(0, 3).join(' | ')}`).toBe(true)
  }
}

/** Each unit's name is printed whole on one line, once in each table listing the units. */
function expectNamesWhole(name: string, d: Dossier, tables: number): void {
  const all = pages[name].flat()
  for (const unit of d.units) expect(all.filter((l) => isRow(l) && l.includes(unit.name)).length, `${name}: ${unit.name}`).toBe(tables)
}

/** The signature line is on the page of the table's last rows, below them, and no closing line opens a page. */
function expectSignedWithRows(name: string, signature: string, d: Dossier): void {
  for (const [i, page] of pages[name].entries()) expect(page[0], `${name} page ${i + 1}`).not.toMatch(CLOSING_LINE)
  // The signatures' page (notes after them may run on to another page).
  const last = pages[name].find((page) => page.some((l) => l.startsWith(signature))) ?? []
  const signed = last.findIndex((l) => l.startsWith(signature))
  expect(signed, name).toBeGreaterThan(0)
  const rows = last.slice(0, signed).filter(isRow)
  expect(rows.length, name).toBeGreaterThanOrEqual(Math.min(2, d.units.length))
}

describe('评分汇总表 page by page', () => {
  const bands = (m: Meeting) => Math.max(1, pages[`${m}-summary`].flat().filter((l) => /^（[一二三四五六七八九十]+）/.test(l)).length)

  it('opens every page of rows with the column heads, in each table of a 45 × 40 meeting', () => {
    expect(pages['big-summary'].length).toBeGreaterThan(bands('big'))
    for (const m of MEETINGS) expectHeadsOnEveryPage(`${m}-summary`, '序号单位')
  })

  it('prints each unit’s name whole on one line, in every table', () => {
    expect(bands('big')).toBeGreaterThan(1)
    for (const m of MEETINGS) expectNamesWhole(`${m}-summary`, meetings[m], bands(m))
  })

  it('prints 计分人 and 评审组长签字 under the last rows, on their page', () => {
    for (const m of MEETINGS) {
      expectSignedWithRows(`${m}-summary`, '计分人：', meetings[m])
      const signed = pages[`${m}-summary`].find((page) => page.some((l) => l.startsWith('计分人：')))!
      expect(signed.join('')).toMatch(/计分人：[\s\S]*评审组长签字：[\s\S]*注：1\./)
    }
  })
})

describe('汇报顺序表 page by page', () => {
  it('opens every page of rows with the column heads', () => {
    expect(pages['big-order'].length).toBeGreaterThan(1)
    for (const m of MEETINGS) expectHeadsOnEveryPage(`${m}-order`, '顺序单位名称')
  })

  it('prints each unit’s name whole on one line', () => {
    for (const m of MEETINGS) expectNamesWhole(`${m}-order`, meetings[m], 1)
  })

  it('prints 监督人 and 会务组 under the last rows, on their page', () => {
    for (const m of MEETINGS) expectSignedWithRows(`${m}-order`, '监督人（签字）：', meetings[m])
  })
})

describe('评委个人评分表 of a 30-item rubric, page by page', () => {
  it.each(['big-sheets', 'big-attached'])('%s: says on every page which unit (its name whole) and which reviewer, and signs on the page of the opinions', (name) => {
    const sheets = pages[name]
    expect(sheets.length).toBeGreaterThan(meetings.big.units.length)
    const who = meetings.big.reviewers[name === 'big-attached' ? 0 : 1]
    const reviewer = who.name
    const names = meetings.big.units.map((u) => u.name)
    for (const [i, page] of sheets.entries()) {
      // The unit's name whole on the 被评单位 line (a long one with its brand on the next line).
      const unit = page.find((l) => l.startsWith('被评单位：'))
      expect(unit && names.some((n) => unit.startsWith(`被评单位：${n}`)), `page ${i + 1}: ${unit}`).toBe(true)
      expect(page.some((l) => l.endsWith(`评委：${reviewer}`)), `page ${i + 1}`).toBe(true)
      expect(page[0], `page ${i + 1}`).not.toMatch(CLOSING_LINE)
      const signed = page.findIndex((l) => l.startsWith('评委签字：'))
      if (signed >= 0) expect(page.slice(0, signed).join('')).toMatch(/评审意见[\s\S]*本人与被评单位无利害关系。$/)
    }
    expect(sheets.flat().filter((l) => l.startsWith('评委签字：'))).toHaveLength(meetings.big.units.length - [...meetings.big.recused].filter((k) => k.startsWith(who.id)).length)
  })
})

describe('the Excel workbook printed', () => {
  const matrices = Object.keys(MATRICES) as Matrix[]

  it('shows each unit’s name whole, on every row of the matrix and of 汇总, on every page across', () => {
    for (const name of matrices) {
      const d = MATRICES[name]
      const rowPages = pages[name].filter((p) => p.some(isRow))
      // Every page holds rows (序号 and 单位 print on each page across), under the heads, but those of
      // 计分规则 and of 汇总's notes running on below its rows.
      const others = pages[name].filter((p) => !p.some(isRow))
      for (const page of others) expect(page.some((l) => l.startsWith('项目内容') || /^(注：|\d\.|计分规则)/.test(l)), `${name}: ${page.slice(0, 3).join(' | ')}`).toBe(true)
      expect(others.length, name).toBeLessThanOrEqual(2)
      expectHeadsOnEveryPage(name, '序号单位')
      const all = rowPages.flat()
      // One row per unit × reviewer in 评分矩阵, one per unit in 汇总, on each page across they span.
      const across = rowPages.filter((p) => p.some((l) => l.startsWith('1市'))).length
      expect(across, name).toBeGreaterThan(2)
      for (const unit of d.units) expect(all.filter((l) => isRow(l) && l.includes(unit.name)).length, `${name}: ${unit.name}`).toBeGreaterThanOrEqual(d.reviewers.length + 1)
    }
  })

  it('prints each criterion’s items on one page across, under its whole head; one no page can hold is headed again （续）', () => {
    const heads = (name: Matrix) => pages[name].map((page) => page.slice(0, 3).join(''))
    // The demo's criteria (three items each) fit a page: each is named whole once on each page down (one
    // page across ends the rows each time: the page of 小计, 特色加分, 总分), and none is cut.
    const demo = heads('demo-matrix')
    const down = demo.filter((h) => h.includes('小计特色加分总分')).length
    expect(down).toBeGreaterThan(0)
    for (const c of MATRICES['demo-matrix'].rubric.criteria) expect(demo.filter((h) => h.includes(c.name)).length, c.name).toBe(down)
    expect(pages['demo-matrix'].flat().some((l) => l.includes('（续）'))).toBe(false)
    // Six items of 11-point cells beside names this long do not fit a page at 80 %: every page of items is
    // still headed by its criteria, the continued ones as such.
    const items30 = heads('items30-matrix').filter((h) => h.includes('序号单位评委') && !h.includes('小计'))
    expect(items30.length).toBeGreaterThan(2)
    for (const [i, h] of items30.entries()) expect(h, `page ${i + 1}`).toMatch(/模范/)
    expect(items30.some((h) => h.includes('模范（续）'))).toBe(true)
  })

  it('prints every page at 80 % or more: 11-point cells at 8.8 pt, never shrunk to one page width', () => {
    // WenQuanYi Micro Hei (the only Chinese font here) draws a box 1.29 times its size (measured).
    const points = (height: number) => height / 1.29
    for (const name of matrices) {
      expect(hanHeights[name]).toHaveLength(pages[name].length)
      for (const [i, heights] of hanHeights[name].entries()) {
        expect(heights.length, `${name} page ${i + 1}`).toBeGreaterThan(0)
        expect(points(Math.min(...heights)), `${name} page ${i + 1}`).toBeGreaterThanOrEqual(0.8 * 11 - 0.1)
      }
    }
  })
})
