/**
 * How a worksheet of the 评分矩阵 workbook prints: landscape A4, the head rows on every page, and a
 * scale never below MIN_PRINT_SCALE. A sheet that fits one page width at that scale is fitted to it
 * (as before); a wider one prints several pages wide at one fixed scale, its identifying columns
 * (序号, 单位, and 评委 in the matrix) repeated on every page, the pages of the same rows side by side
 * (over, then down), so a 复核人 reads each row by the unit's name on every page. Where each page across
 * ends is set in the file (manual column breaks), so a criterion's items print on one page under their head.
 */
import type ExcelJS from 'exceljs'

/**
 * 80 %: the 11-point cells print at 8.8 pt, about 小五 (9 pt), the smallest text the Word tables a
 * secretary signs use; below it the figures are hard to read on paper.
 */
export const MIN_PRINT_SCALE = 80
/** Cell text size (points) of the workbook: exceljs's default font (Calibri 11). */
export const CELL_POINTS = 11

/** Landscape A4 is 297 mm (841.9 pt) wide; the margins (inches) below leave this much for the cells. */
const MARGINS = { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }
const PRINTABLE_POINTS = 841.9 - 72 * (MARGINS.left + MARGINS.right)
/**
 * Points per unit of column width. A unit is one digit of the workbook's font, Calibri 11, so its size
 * depends on the fonts of the machine that prints: 7 pixels (5.25 pt) where Calibri or its metric twin
 * Carlito is installed (Excel and WPS on Windows); about 7.1 pt where a spreadsheet falls back to a
 * wider font such as DejaVu Sans (LibreOffice without Carlito).
 */
export const POINTS_PER_WIDTH = { calibri: 5.25, wide: 7.1 }

/**
 * The columns (1-based, last of each page) where each page across ends, printed at `scale` percent
 * with the first `titles` columns repeated on every page after the first. `groups` (1-based first and
 * last columns, e.g. a criterion's items under its merged head) are kept on one page: a page ends before
 * a group it cannot hold whole, unless the group is wider than a page by itself.
 */
export function pageColumns(widths: number[], titles: number, scale: number, pointsPerWidth = POINTS_PER_WIDTH.calibri, groups: [number, number][] = []): number[] {
  const across = (PRINTABLE_POINTS * 100) / scale / pointsPerWidth
  const titleWidth = widths.slice(0, titles).reduce((a, w) => a + w, 0)
  const groupFrom = new Map(groups.map(([first, last]) => [first - 1, widths.slice(first - 1, last).reduce((a, w) => a + w, 0)]))
  const ends: number[] = []
  let room = across
  let placed = 0
  for (const [i, w] of widths.entries()) {
    const group = groupFrom.get(i)
    const keepWith = group !== undefined && group <= across - titleWidth ? group : w
    // A column wider than a whole page still takes a page of its own (it prints cut, as in Excel).
    if (keepWith > room && placed > 0) {
      ends.push(i)
      room = across - titleWidth
      placed = 0
    }
    room -= w
    placed++
  }
  ends.push(widths.length)
  return ends
}

export interface PrintPlan {
  setup: Partial<ExcelJS.PageSetup>
  /** Last column (1-based) printed on the first page: text merged across the sheet stops there. */
  firstPageEnd: number
  /** Columns (1-based) after which a page across ends, set as manual breaks (column-breaks.ts): a sheet with groups printed across. */
  columnBreaks: number[]
}

/**
 * `widths`: every column's width, in order; `titleRows` ('1:2') repeat down, the first `titleColumns`
 * columns repeat across when the sheet is wider than a page; `groups` as in pageColumns.
 */
export function printPlan(widths: number[], titleRows: string, titleColumns: number, groups: [number, number][] = []): PrintPlan {
  const common: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', printTitlesRow: titleRows, horizontalCentered: true, margins: MARGINS }
  // Fitted to the page width only when even the wider font leaves the scale at the floor or above.
  if (pageColumns(widths, titleColumns, MIN_PRINT_SCALE, POINTS_PER_WIDTH.wide).length === 1) {
    return { setup: { ...common, fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, firstPageEnd: widths.length, columnBreaks: [] }
  }
  const last = String.fromCharCode(64 + titleColumns)
  const across = { ...common, fitToPage: false, pageOrder: 'overThenDown', printTitlesColumn: `A:${last}` } as const
  if (!groups.length) {
    // A fixed scale, the largest (≤ 100 %) that needs no more pages across in Calibri than the floor does;
    // the spreadsheet breaks the pages (where a wider font stands in, more pages, at the same legible size).
    const pagesAt = (scale: number) => pageColumns(widths, titleColumns, scale).length
    let scale = MIN_PRINT_SCALE
    while (scale < 100 && pagesAt(scale + 1) <= pagesAt(MIN_PRINT_SCALE)) scale++
    // Within the first page whichever font prints it.
    return { setup: { ...across, scale }, firstPageEnd: pageColumns(widths, titleColumns, scale, POINTS_PER_WIDTH.wide)[0], columnBreaks: [] }
  }
  // With groups, the pages across are set by manual breaks, reckoned in the wider font: each page then
  // holds its columns and its groups whole whichever font prints it — full where the wider font stands in
  // (LibreOffice without Carlito), with room to spare in Calibri (Excel, WPS), never split by the
  // spreadsheet's own breaks. Groups are kept whole unless that leaves the first page without any (the
  // columns before the first group, e.g. 回避, with the repeated ones and nothing else): then page by
  // page, every page full and a cut group headed again. The scale is the largest (≤ 100 %) that needs no
  // more pages across than the floor and cuts no group the floor keeps whole.
  const pages = (scale: number) => {
    const kept = pageColumns(widths, titleColumns, scale, POINTS_PER_WIDTH.wide, groups)
    return kept[0] < groups[0][0] ? pageColumns(widths, titleColumns, scale, POINTS_PER_WIDTH.wide) : kept
  }
  const cut = (ends: number[]) => groups.filter(([from, to]) => ends.some((end) => end >= from && end < to)).length
  const floor = pages(MIN_PRINT_SCALE)
  const noWorse = (ends: number[]) => ends.length <= floor.length && cut(ends) <= cut(floor)
  let scale = MIN_PRINT_SCALE
  while (scale < 100 && noWorse(pages(scale + 1))) scale++
  const ends = pages(scale)
  return { setup: { ...across, scale }, firstPageEnd: ends[0], columnBreaks: ends.slice(0, -1) }
}
