/**
 * How a worksheet of the 评分矩阵 workbook prints: landscape A4, the head rows on every page, and a
 * scale never below MIN_PRINT_SCALE. A sheet that fits one page width at that scale is fitted to it
 * (as before); a wider one prints several pages wide at one fixed scale, its identifying columns
 * (序号, 单位, and 评委 in the matrix) repeated on every page, the pages of the same rows side by side
 * (over, then down), so a 复核人 reads each row by the unit's name on every page.
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
 * with the first `titles` columns repeated on every page after the first.
 */
export function pageColumns(widths: number[], titles: number, scale: number, pointsPerWidth = POINTS_PER_WIDTH.calibri): number[] {
  const across = (PRINTABLE_POINTS * 100) / scale / pointsPerWidth
  const titleWidth = widths.slice(0, titles).reduce((a, w) => a + w, 0)
  const ends: number[] = []
  let room = across
  let placed = 0
  for (const [i, w] of widths.entries()) {
    // A column wider than a whole page still takes a page of its own (it prints cut, as in Excel).
    if (w > room && placed > 0) {
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
}

/**
 * `widths`: every column's width, in order; `titleRows` ('1:2') repeat down, the first `titleColumns`
 * columns repeat across when the sheet is wider than a page.
 */
export function printPlan(widths: number[], titleRows: string, titleColumns: number): PrintPlan {
  const common: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', printTitlesRow: titleRows, horizontalCentered: true, margins: MARGINS }
  // Fitted to the page width only when even the wider font leaves the scale at the floor or above.
  if (pageColumns(widths, titleColumns, MIN_PRINT_SCALE, POINTS_PER_WIDTH.wide).length === 1) {
    return { setup: { ...common, fitToPage: true, fitToWidth: 1, fitToHeight: 0 }, firstPageEnd: widths.length }
  }
  // Else a fixed scale, the largest (≤ 100 %) that needs no more pages across in Calibri than the floor
  // does: where a wider font stands in, the sheet takes more pages across, at the same legible size.
  const across = (scale: number) => pageColumns(widths, titleColumns, scale).length
  let scale = MIN_PRINT_SCALE
  while (scale < 100 && across(scale + 1) <= across(MIN_PRINT_SCALE)) scale++
  const last = String.fromCharCode(64 + titleColumns)
  return {
    setup: { ...common, fitToPage: false, scale, pageOrder: 'overThenDown', printTitlesColumn: `A:${last}` },
    // Within the first page whichever font prints it.
    firstPageEnd: pageColumns(widths, titleColumns, scale, POINTS_PER_WIDTH.wide)[0],
  }
}
