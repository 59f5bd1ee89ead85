/**
 * How the 评分矩阵 workbook prints, read from the file itself (each sheet's <pageSetup>, <sheetPr> and
 * the _xlnm.Print_Titles names): a sheet wider than a page prints several pages across at a fixed
 * scale of 80 % or more, its identifying columns repeated on every page; a narrow sheet is fitted to one
 * page width. How LibreOffice prints it is in table-pages.test.ts.
 */
import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { buildScoreMatrixXlsx } from '../../src-main/core/documents/score-matrix-xlsx'
import { MIN_PRINT_SCALE, POINTS_PER_WIDTH, pageColumns, printPlan } from '../../src-main/core/documents/sheet-print'
import { demoDossier } from './fixture'
import { generatedDossier } from './generated'

interface SheetPrint {
  /** <pageSetup>'s attributes. */
  setup: Record<string, string>
  fitToPage: boolean
  /** The sheet's _xlnm.Print_Titles ranges ("$A:$C", "$1:$2"). */
  titles: string[]
  /** Its manual column breaks: the columns (1-based) after which a page across ends. */
  columnBreaks: number[]
}

async function printed(bytes: Buffer): Promise<Record<string, SheetPrint>> {
  const files = unzipSync(new Uint8Array(bytes))
  const workbook = strFromU8(files['xl/workbook.xml'])
  const names = [...workbook.matchAll(/<sheet sheetId="\d+" name="([^"]+)"/g)]
  const out: Record<string, SheetPrint> = {}
  names.forEach(([, name], index) => {
    const xml = strFromU8(files[`xl/worksheets/sheet${index + 1}.xml`])
    const setup = Object.fromEntries([.../<pageSetup ([^>]*)\/>/.exec(xml)![1].matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]))
    const defined = new RegExp(`<definedName name="_xlnm.Print_Titles" localSheetId="${index}">([^<]*)</definedName>`).exec(workbook)
    const titles = (defined?.[1] ?? '').split(',').filter(Boolean).map((r) => r.replace(/^.*!/, ''))
    const breaks = /<colBreaks count="(\d+)" manualBreakCount="\1">(.*?)<\/colBreaks>/.exec(xml)?.[2] ?? ''
    const columnBreaks = [...breaks.matchAll(/<brk id="(\d+)" max="1048575" man="1"\/>/g)].map((m) => Number(m[1]))
    out[name] = { setup, fitToPage: /<pageSetUpPr fitToPage="1"\/>/.test(xml), titles, columnBreaks }
  })
  return out
}

/** Printed at a fixed scale, `columns` repeated across, the pages of the same rows side by side. */
function expectAcross(sheet: SheetPrint, rows: string, columns: string): void {
  expect(sheet.fitToPage).toBe(false)
  expect(sheet.setup).toMatchObject({ paperSize: '9', orientation: 'landscape', pageOrder: 'overThenDown' })
  expect(Number(sheet.setup.scale)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE)
  expect(Number(sheet.setup.scale)).toBeLessThanOrEqual(100)
  expect(sheet.titles.sort()).toEqual([columns, rows].sort())
}

describe('the workbook printed', () => {
  it('prints the demo’s 15-item matrix and its 汇总 at 80 % or more, 序号 单位 (评委) on every page across; 计分规则 fitted to one page width', async () => {
    const sheets = await printed(await buildScoreMatrixXlsx(demoDossier()))
    expectAcross(sheets['评分矩阵'], '$1:$2', '$A:$C')
    expectAcross(sheets['汇总'], '$1:$1', '$A:$B')
    expect(sheets['计分规则'].fitToPage).toBe(true)
    expect(sheets['计分规则'].setup).toMatchObject({ orientation: 'landscape', fitToWidth: '1', fitToHeight: '0' })
    expect(sheets['计分规则'].titles).toEqual(['$1:$1'])
  })

  it('ends each page across of the demo’s matrix after a criterion’s last item or in the columns after the items, never inside a criterion', async () => {
    const d = demoDossier()
    const sheets = await printed(await buildScoreMatrixXlsx(d))
    // 序号 单位 评委 回避, then each criterion's items, then 小计 特色加分 总分 一票否决.
    const ends = new Set<number>()
    let col = 4
    for (const c of d.rubric.criteria) ends.add((col += c.items.length))
    const { columnBreaks } = sheets['评分矩阵']
    expect(columnBreaks.length).toBeGreaterThan(1)
    for (const b of columnBreaks) expect(ends.has(b) || b > col, `break after column ${b}`).toBe(true)
    // 汇总 (no groups) is broken by the spreadsheet; 计分规则 is fitted to the page width.
    expect(sheets['汇总'].columnBreaks).toEqual([])
    expect(sheets['计分规则'].columnBreaks).toEqual([])
  })

  it('prints a 30-item matrix of 45 units × 40 reviewers and its 40-reviewer 汇总 at 80 % or more, over more pages across', async () => {
    const sheets = await printed(await buildScoreMatrixXlsx(generatedDossier(45, 40, 7, 30)))
    expectAcross(sheets['评分矩阵'], '$1:$2', '$A:$C')
    expectAcross(sheets['汇总'], '$1:$1', '$A:$B')
  })
})

describe('the print plan of a sheet', () => {
  const widths = [6, 40, 10, ...Array<number>(40).fill(11)]
  /** Landscape A4 less the margins, in column-width units at `scale`, in the wider stand-in font. */
  const paper = (scale: number) => ((841.9 - 72) * 100) / scale / POINTS_PER_WIDTH.wide
  const sum = (ws: number[], from: number, to: number) => ws.slice(from, to).reduce((a, w) => a + w, 0)
  /** Each page across: the title columns (after the first page) and its own, within the paper. */
  const expectWithinPaper = (ws: number[], titles: number, ends: number[], scale: number) =>
    ends.forEach((end, p) => expect((p ? sum(ws, 0, titles) : 0) + sum(ws, p ? ends[p - 1] : 0, end), `page ${p + 1}`).toBeLessThanOrEqual(paper(scale)))

  it('fits a narrow sheet to the page width only if it stays at 80 % or more even in a wider stand-in font', () => {
    expect(printPlan([30, 100], '1:1', 1)).toMatchObject({ setup: { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, columnBreaks: [] })
    // One page wide in Calibri at 82 %, not where a wider font stands in: a fixed scale.
    const narrow = [6, 38, 10, 10, 10, 10, 10, 10, 10, 11, 11, 6, 8, 28]
    const plan = printPlan(narrow, '1:1', 2)
    expect(plan.setup).toMatchObject({ fitToPage: false, printTitlesColumn: 'A:B' })
    expect(pageColumns(narrow, 2, plan.setup.scale!)).toHaveLength(1)
  })

  it('without groups, takes the largest scale that needs no more pages across in Calibri than 80 % does, every page within the paper, and leaves the breaks to the spreadsheet', () => {
    const { setup, firstPageEnd, columnBreaks } = printPlan(widths, '1:2', 3)
    const scale = setup.scale!
    const pages = pageColumns(widths, 3, scale)
    expect(pages.length).toBe(pageColumns(widths, 3, MIN_PRINT_SCALE).length)
    expect(pageColumns(widths, 3, scale + 1).length).toBeGreaterThan(pages.length)
    // Each page: the three title columns and its own, within 297 mm less the margins, at that scale.
    const across = ((841.9 - 72) * 100) / scale / POINTS_PER_WIDTH.calibri
    pages.forEach((end, p) => expect((p ? sum(widths, 0, 3) : 0) + sum(widths, p ? pages[p - 1] : 0, end), `page ${p + 1}`).toBeLessThanOrEqual(across))
    // Text merged across the first page stays on it whichever font prints it.
    expect(firstPageEnd).toBe(pageColumns(widths, 3, scale, POINTS_PER_WIDTH.wide)[0])
    expect(firstPageEnd).toBeLessThanOrEqual(pages[0])
    expect(columnBreaks).toEqual([])
  })

  it('with groups, sets where each page across ends, reckoned in the wider font: every page within the paper in either font, at the largest scale needing no more pages than 80 %', () => {
    const groups: [number, number][] = [[4, 13], [14, 23], [24, 33], [34, 43]]
    const { setup, firstPageEnd, columnBreaks } = printPlan(widths, '1:2', 3, groups)
    const scale = setup.scale!
    const pages = [...columnBreaks, widths.length]
    expect(pages).toEqual(pageColumns(widths, 3, scale, POINTS_PER_WIDTH.wide, groups))
    expect(pages.length).toBe(pageColumns(widths, 3, MIN_PRINT_SCALE, POINTS_PER_WIDTH.wide, groups).length)
    expect(pageColumns(widths, 3, scale + 1, POINTS_PER_WIDTH.wide, groups).length).toBeGreaterThan(pages.length)
    expectWithinPaper(widths, 3, pages, scale)
    expect(firstPageEnd).toBe(pages[0])
  })

  it('keeps each group of columns (a criterion’s items) on one page across; cuts only one wider than a page', () => {
    // Titles 56 wide, a 回避 column, groups of 3, 5 and 3 items, and one of 12 no page holds.
    const ws = [6, 40, 10, 6, ...Array<number>(23).fill(11), 11, 11, 30]
    const groups: [number, number][] = [[5, 7], [8, 12], [13, 15], [16, 27]]
    const { setup, columnBreaks } = printPlan(ws, '1:2', 3, groups)
    const ends = [...columnBreaks, ws.length]
    expectWithinPaper(ws, 3, ends, setup.scale!)
    const cut = groups.filter(([first, last]) => columnBreaks.some((b) => b >= first && b < last))
    expect(cut).toEqual([[16, 27]])
    // A scale that keeps the same groups whole and needs no more pages: the largest such.
    expect(setup.scale!).toBeGreaterThanOrEqual(MIN_PRINT_SCALE)
  })

  it('never leaves the first page with the repeated columns and 回避 alone: then page by page, every page full', () => {
    // Titles 66 wide and 回避: a group of 6 items fits a page of its own at 80 %, not beside 回避.
    const ws = [6, 49, 11, 6, ...Array<number>(30).fill(11), 11, 11, 11, 30]
    const groups = [0, 1, 2, 3, 4].map((g): [number, number] => [5 + 6 * g, 10 + 6 * g])
    expect(pageColumns(ws, 3, MIN_PRINT_SCALE, POINTS_PER_WIDTH.wide, groups)[0]).toBe(4)
    const { setup, columnBreaks } = printPlan(ws, '1:2', 3, groups)
    expect(columnBreaks[0]).toBeGreaterThan(4)
    expect(columnBreaks).toEqual(pageColumns(ws, 3, setup.scale!, POINTS_PER_WIDTH.wide).slice(0, -1))
  })
})
