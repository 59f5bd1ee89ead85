/**
 * An .xlsx material as read-only tables (one per sheet), for the viewer. Read from the store with
 * the streaming workbook reader: a ledger past its limits comes back cut (`truncated`), a file
 * larger than the reader's zip limits is refused before it is read, so memory stays bounded.
 */
import type { Material } from '../../shared/schemas/material'
import { readXlsxTablesTruncated, TABLE_LIMITS } from '../import/xlsx-table'
import { ZIP_LIMITS } from '../import/xlsx-zip'
import { DomainError } from '../errors'
import { openMaterial } from './material-store'

export interface MaterialTable {
  sheets: { name: string; rows: string[][] }[]
  truncated: boolean
}

export async function readMaterialTable(dataDir: string, material: Material): Promise<MaterialTable> {
  if (material.kind !== 'xlsx') throw new DomainError('VALIDATION', `“${material.name}”不是 Excel 表格（.xlsx），无法以表格显示`)
  // Compressed bytes never exceed what the zip limits allow uncompressed, except in a file the reader refuses anyway.
  if (material.size > ZIP_LIMITS.totalBytes) {
    throw new DomainError('VALIDATION', `表格“${material.name}”过大（超过 ${ZIP_LIMITS.totalBytes / 1024 / 1024} MB），无法在程序内显示，请用系统程序打开`)
  }
  const { stream } = await openMaterial(dataDir, material.sha256)
  const data = Buffer.concat((await stream.toArray()) as Buffer[])
  const read = await readXlsxTablesTruncated(material.name, data)
  let truncated = read.truncated
  const sheets = read.tables.map((t) => {
    const placed = rowsInPlace(t.rows)
    truncated ||= placed.cut
    return { name: t.name, rows: placed.rows }
  })
  return { sheets, truncated }
}

/** Shown rows per sheet, empty ones included: a filled row far down the sheet must not make a million empty ones. */
const MAX_SHOWN_ROWS = 2 * TABLE_LIMITS.rows

/** Rows where Excel has them: an empty row between two filled ones stays an empty row. */
function rowsInPlace(rows: { number: number; cells: string[] }[]): { rows: string[][]; cut: boolean } {
  const out: string[][] = []
  for (const row of rows) {
    if (row.number > MAX_SHOWN_ROWS) return { rows: out, cut: true }
    while (out.length < row.number - 1) out.push([])
    out.push(row.cells)
  }
  return { rows: out, cut: false }
}
