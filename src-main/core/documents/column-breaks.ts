/**
 * Manual column page breaks for a sheet of exceljs's streaming writer, which writes a sheet's
 * <rowBreaks> but has no <colBreaks> (exceljs issue 2304). They are written right after the row breaks,
 * where the worksheet schema puts them, as the sheet is committed. Relies on the writer's
 * `_writeRowBreaks` and `stream` (exceljs 4.4; tests read the written XML).
 */
import type ExcelJS from 'exceljs'

interface SheetWriterInternals {
  _writeRowBreaks(): void
  stream: { write(xml: string): void }
}

/** A page across ends after each of `columns` (1-based). */
export function setColumnBreaks(ws: ExcelJS.Worksheet, columns: number[]): void {
  if (!columns.length) return
  const writer = ws as unknown as SheetWriterInternals
  const writeRowBreaks = writer._writeRowBreaks.bind(writer)
  // <brk id> is the zero-based column the break falls left of: the 1-based column it follows.
  const breaks = columns.map((c) => `<brk id="${c}" max="1048575" man="1"/>`).join('')
  writer._writeRowBreaks = () => {
    writeRowBreaks()
    writer.stream.write(`<colBreaks count="${columns.length}" manualBreakCount="${columns.length}">${breaks}</colBreaks>`)
  }
}
