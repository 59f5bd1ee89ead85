/**
 * Reads an .xlsx file into plain text tables (one per worksheet), with Excel's own row numbers so
 * messages can say “第 5 行”. Anything that is not a readable .xlsx becomes one clear Chinese error.
 */
import ExcelJS from 'exceljs'
import { DomainError } from '../errors'

export interface SheetRow {
  /** Excel's 1-based row number. */
  number: number
  /** Cell texts by 0-based column (A = 0), trimmed; '' for an empty cell. */
  cells: string[]
}
export interface SheetTable {
  name: string
  rows: SheetRow[]
}

const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04])

export async function readXlsxTables(fileName: string, data: Buffer): Promise<SheetTable[]> {
  const cannot = (why: string) => new DomainError('IMPORT_INVALID', `无法读取 Excel 文件“${fileName}”：${why}`)
  if (data.length === 0) throw cannot('文件是空的')
  if (data.subarray(0, 8).equals(OLE2_MAGIC)) throw cannot('这是旧版 Excel（.xls）或加密的文件，请在 Excel 或 WPS 中“另存为”.xlsx 格式后再导入')
  if (!data.subarray(0, 4).equals(ZIP_MAGIC)) throw cannot('文件已损坏或不是 .xlsx 格式')
  const workbook = new ExcelJS.Workbook()
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); at runtime it takes a Node Buffer.
    await workbook.xlsx.load(data as unknown as ArrayBuffer)
  } catch {
    throw cannot('文件已损坏或不是 .xlsx 格式')
  }
  if (workbook.worksheets.length === 0) throw cannot('文件中没有工作表，可能不是 .xlsx 格式')
  return workbook.worksheets.map((sheet) => {
    const rows: SheetRow[] = []
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = []
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        cells[column - 1] = cellText(cell.value).trim()
      })
      rows.push({ number, cells: Array.from(cells, (c) => c ?? '') })
    })
    return { name: sheet.name, rows }
  })
}

/** The text a person sees in a cell, whatever exceljs made of it (rich text, formula, hyperlink…). */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : ''
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string }
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('')
    if ('result' in v) return cellText(v.result)
    if ('text' in v) return cellText(v.text)
    if (typeof v.error === 'string') return ''
  }
  return ''
}
