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
    out[name] = { setup, fitToPage: /<pageSetUpPr fitToPage="1"\/>/.test(xml), titles }
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

  it('prints a 30-item matrix of 45 units × 40 reviewers and its 40-reviewer 汇总 at 80 % or more, over more pages across', async () => {
    const sheets = await printed(await buildScoreMatrixXlsx(generatedDossier(45, 40, 7, 30)))
    expectAcross(sheets['评分矩阵'], '$1:$2', '$A:$C')
    expectAcross(sheets['汇总'], '$1:$1', '$A:$B')
  })
})

describe('the print plan of a sheet', () => {
  const widths = [6, 40, 10, ...Array<number>(40).fill(11)]

  it('fits a narrow sheet to the page width only if it stays at 80 % or more even in a wider stand-in font', () => {
    expect(printPlan([30, 100], '1:1', 1).setup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0 })
    // One page wide in Calibri at 82 %, not where a wider font stands in: a fixed scale.
    const plan = printPlan([6, 38, 10, 10, 10, 10, 10, 10, 10, 11, 11, 6, 8, 28], '1:1', 2)
    expect(plan.setup).toMatchObject({ fitToPage: false, printTitlesColumn: 'A:B' })
    expect(pageColumns([6, 38, 10, 10, 10, 10, 10, 10, 10, 11, 11, 6, 8, 28], 2, plan.setup.scale!)).toHaveLength(1)
  })

  it('takes the largest scale that needs no more pages across than 80 % does, every page within the paper', () => {
    const { setup, firstPageEnd } = printPlan(widths, '1:2', 3)
    const scale = setup.scale!
    const pages = pageColumns(widths, 3, scale)
    expect(pages.length).toBe(pageColumns(widths, 3, MIN_PRINT_SCALE).length)
    expect(pageColumns(widths, 3, scale + 1).length).toBeGreaterThan(pages.length)
    // Each page: the three title columns and its own, within 297 mm less the margins, at that scale.
    const across = ((841.9 - 72) * 100) / scale / POINTS_PER_WIDTH.calibri
    const sum = (from: number, to: number) => widths.slice(from, to).reduce((a, w) => a + w, 0)
    pages.forEach((end, p) => expect((p ? sum(0, 3) : 0) + sum(p ? pages[p - 1] : 0, end), `page ${p + 1}`).toBeLessThanOrEqual(across))
    // Text merged across the first page stays on it whichever font prints it.
    expect(firstPageEnd).toBe(pageColumns(widths, 3, scale, POINTS_PER_WIDTH.wide)[0])
    expect(firstPageEnd).toBeLessThanOrEqual(pages[0])
  })
})
