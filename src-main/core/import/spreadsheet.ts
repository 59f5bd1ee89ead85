/**
 * A spreadsheet users bring, as plain tables: .csv by its name (Excel's “CSV” save), anything else as
 * .xlsx (which checks its own bytes and limits). Unit lists and rubrics both come this way.
 */
import { readCsvTables } from './csv-table'
import { readXlsxTables, type SheetTable } from './xlsx-table'

export const readSpreadsheet = (fileName: string, data: Buffer): Promise<SheetTable[]> =>
  /\.csv$/i.test(fileName) ? Promise.resolve(readCsvTables(fileName, data)) : readXlsxTables(fileName, data)
