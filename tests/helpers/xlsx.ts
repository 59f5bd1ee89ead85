/**
 * Builds real .xlsx files with exceljs for tests (unit import, e2e upload). Stable API:
 *
 *   const buf = await makeUnitListXlsx([
 *     { 单位名称: '市数据资源局数据共享处党支部', 类别: '处室', 所属部门: '市数据资源局' },
 *     [2, '市水利保障局水文监测站', '直属单位'],          // or positional, in header order
 *   ], { title: '青岚市参评单位名单' })
 *   await api.units.importXlsx({ meetingId, fileName: '名单.xlsx', dataBase64: buf.toString('base64') })
 */
import ExcelJS from 'exceljs'

export type Cell = string | number | null
/** A data row: positional cells in header order, or an object keyed by header text. */
export type UnitListRow = Cell[] | Record<string, Cell | undefined>

export const UNIT_LIST_HEADER = ['序号', '单位名称', '类别', '所属部门', '联系人', '电话'] as const

export interface UnitListOptions {
  /** Header cells; default 序号, 单位名称, 类别, 所属部门, 联系人, 电话. Add '品牌' for the brand column. */
  header?: string[]
  /** A title row above the header, merged across the header's width (as real lists often have). */
  title?: string
  /** Empty rows before the title/header. */
  leadingEmptyRows?: number
  sheetName?: string
  /** Object rows without 序号 get 1, 2, 3… when the header has a 序号 column (default true). */
  autoNumber?: boolean
}

export async function makeUnitListXlsx(rows: UnitListRow[], options: UnitListOptions = {}): Promise<Buffer> {
  const header = options.header ?? [...UNIT_LIST_HEADER]
  const cells: Cell[][] = []
  for (let i = 0; i < (options.leadingEmptyRows ?? 0); i++) cells.push([])
  const titleRow = options.title ? cells.push([options.title]) : 0
  cells.push(header)
  rows.forEach((row, i) => {
    if (Array.isArray(row)) return void cells.push(row)
    const values = header.map((h) => row[h] ?? null)
    const seq = header.indexOf('序号')
    if (seq >= 0 && values[seq] === null && options.autoNumber !== false && Object.keys(row).length > 0) values[seq] = i + 1
    cells.push(values)
  })
  return makeXlsx([{ name: options.sheetName ?? '单位名单', rows: cells, merge: titleRow ? [titleRow, header.length] : undefined }])
}

export interface SheetSpec {
  name: string
  rows: Cell[][]
  /** Merge row `[row, width]` (1-based row) from column A across `width` columns. */
  merge?: [number, number]
}

/** Any workbook: several sheets, empty sheets, odd layouts. */
export async function makeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name)
    spec.rows.forEach((row, i) => {
      row.forEach((value, column) => {
        if (value !== null && value !== '') sheet.getCell(i + 1, column + 1).value = value
      })
    })
    if (spec.merge && spec.merge[1] > 1) sheet.mergeCells(spec.merge[0], 1, spec.merge[0], spec.merge[1])
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
