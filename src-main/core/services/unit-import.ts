import type { UnitFields, UnitImportResult } from '../../shared/schemas/unit'
import { unitImportTaskId } from '../../shared/events'
import type { CoreContext } from '../context'
import { stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import { parseUnitList } from '../import/unit-list'
import { readSpreadsheet } from '../import/spreadsheet'
import { assertMeeting } from './meetings'
import { insertUnits } from './units'

const PROGRESS_LABEL = '导入单位名单'
const BATCH = 50

/**
 * Imports a unit list from an .xlsx or .csv file (base64). All or nothing: any bad row rejects the whole
 * file with every problem listed per row, and nothing is saved. `dryRun` parses and checks only, and
 * returns the rows it read together with the problems, for the preview.
 */
export async function importUnitsXlsx(
  ctx: CoreContext,
  input: { meetingId: string; fileName: string; dataBase64: string; dryRun: boolean },
): Promise<UnitImportResult> {
  const { db } = ctx
  assertMeeting(db, input.meetingId)
  const fileName = input.fileName.trim() || '单位名单.xlsx'
  const tables = await readSpreadsheet(fileName, Buffer.from(input.dataBase64, 'base64'))
  const existing = () =>
    new Set((stmt(db, 'SELECT name FROM units WHERE meeting_id = ?').all(input.meetingId) as { name: string }[]).map((u) => u.name))
  // Parsed after the await: the names already in the meeting are read at the moment of checking.
  const parsed = parseUnitList(tables, existing())
  const rows: UnitFields[] = parsed.rows.map(({ rowNumber: _row, ...fields }) => fields)
  // The preview shows what was read next to what was refused, so one bad row never hides the rest.
  if (input.dryRun) return { imported: 0, skipped: parsed.skipped, rows, ignored: parsed.ignored, errors: parsed.errors, dryRun: true }
  if (parsed.errors.length) {
    const [first] = parsed.errors
    const summary = parsed.errors.length === 1 ? first : `共 ${parsed.errors.length} 处问题，${first}（其余见详情）`
    throw new DomainError('IMPORT_INVALID', `单位名单有误，未导入任何单位：${summary}`, parsed.errors)
  }

  const taskId = unitImportTaskId(input.meetingId)
  const total = rows.length
  ctx.emit({ type: 'progress', taskId, label: PROGRESS_LABEL, done: 0, total })
  writeTransaction(db, () => {
    for (let start = 0; start < total; start += BATCH) {
      insertUnits(db, input.meetingId, rows.slice(start, start + BATCH))
      ctx.emit({ type: 'progress', taskId, label: PROGRESS_LABEL, done: Math.min(start + BATCH, total), total })
    }
  })
  return { imported: total, skipped: parsed.skipped, rows, ignored: parsed.ignored, errors: [], dryRun: false }
}
