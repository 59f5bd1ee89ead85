/**
 * Reads a .csv unit list into the same tables as an .xlsx (import/xlsx-table.ts), so one parser
 * serves both. Excel on Chinese Windows saves CSV in GBK (GB18030) without a BOM; WPS and newer
 * Excel save UTF-8 with a BOM. The encoding is decided once for the file: a BOM, else strict UTF-8,
 * else GB18030 — never guessed per line.
 */
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import { DomainError } from '../errors'
import { TABLE_LIMITS, type SheetTable } from './xlsx-table'

/** A unit list is a few hundred rows; this is far above any real one and far below trouble. */
const MAX_CSV_BYTES = 8 * 1024 * 1024

export function decodeCsvText(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8')
  if (data[0] === 0xff && data[1] === 0xfe) return iconv.decode(data.subarray(2), 'utf16le')
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data)
  } catch {
    return iconv.decode(data, 'gb18030')
  }
}

export function readCsvTables(fileName: string, data: Buffer): SheetTable[] {
  const cannot = (why: string) => new DomainError('IMPORT_INVALID', `无法读取 CSV 文件“${fileName}”：${why}`)
  if (data.length === 0) throw cannot('文件是空的')
  if (data.length > MAX_CSV_BYTES) throw cannot(`文件过大（超过 ${MAX_CSV_BYTES / 1024 / 1024} MB），单位名单不会这么大，请检查是否选错了文件`)
  let records: string[][]
  try {
    records = parse(decodeCsvText(data), { relax_column_count: true, relax_quotes: true, skip_empty_lines: false, bom: true })
  } catch (error) {
    const line = (error as { lines?: number }).lines
    throw cannot(`格式有误${line ? `（第 ${line} 行附近）` : ''}，请在 Excel 或 WPS 中打开后“另存为” .xlsx 再导入`)
  }
  const rows: SheetTable['rows'] = []
  let cells = 0
  records.forEach((record, i) => {
    const trimmed = record.map((c) => c.trim())
    if (!trimmed.some((c) => c !== '')) return
    if (trimmed.length > TABLE_LIMITS.columns) throw cannot(`第 ${i + 1} 行超过 ${TABLE_LIMITS.columns} 列`)
    cells += trimmed.filter((c) => c !== '').length
    if (rows.length >= TABLE_LIMITS.rows) throw cannot(`表格过大：最多读取 ${TABLE_LIMITS.rows} 行`)
    if (cells > TABLE_LIMITS.cells) throw cannot(`表格过大：最多读取 ${TABLE_LIMITS.cells} 个单元格`)
    rows.push({ number: i + 1, cells: trimmed })
  })
  return [{ name: fileName.replace(/\.csv$/i, ''), rows }]
}
