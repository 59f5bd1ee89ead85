/**
 * A reviewer's sheets as fields, for the three-way merge of return packages: one field per score
 * (value and deduction reason), per review (bonus and the three comment parts), per veto mark, per
 * submission and per recusal, keyed by unit and field name. A value is a string (absent: null), equal
 * exactly when the two sides agree. One SQL query is the home of that encoding: it runs on the
 * organizer's rows (`main`), on an attached package (`pkg`) and on a slice file alike, so every side
 * and every stored merge base is written the same way.
 */
import type { Database } from 'better-sqlite3'

export type FieldValues = Map<string, string | null>

export const fieldKey = (unitId: string, field: string): string => `${unitId}|${field}`
export function splitKey(key: string): { unitId: string; field: string } {
  const at = key.indexOf('|')
  return { unitId: key.slice(0, at), field: key.slice(at + 1) }
}

/**
 * The fields of reviewer `:r` in meeting `:m` held in `schema`: rows (unit_id, field, value, proven).
 * `scoreProof` is SQL over a score row's own columns (a score is thousands of rows, and its encoded value
 * would have to be parsed again to judge it); `proven` is its result for scores, 0 for every other field.
 * Each table is searched by its reviewer index: `+meeting_id` keeps SQLite from choosing a meeting index
 * instead, which on an organizer's database walks every reviewer's rows to find one's.
 */
export function sheetFieldsSql(schema: 'main' | 'pkg', scoreProof = '0'): string {
  const own = 'reviewer_id = :r AND +meeting_id = :m'
  return `SELECT unit_id, 'item:' || item_id AS field, json_array(value_tenths, deduction_reason) AS value, ${scoreProof} AS proven FROM ${schema}.scores WHERE ${own}
    UNION ALL SELECT unit_id, 'review', json_array(bonus_tenths, bonus_reason, strengths, weaknesses, suggestions), 0 FROM ${schema}.reviews WHERE ${own}
    UNION ALL SELECT unit_id, 'veto:' || veto_item_id, reason, 0 FROM ${schema}.veto_marks WHERE ${own}
    UNION ALL SELECT unit_id, 'submitted', '1', 0 FROM ${schema}.sheet_submissions WHERE ${own}
    UNION ALL SELECT unit_id, 'recused', reason, 0 FROM ${schema}.recusals WHERE ${own}`
}

export function readSheetFields(db: Database, schema: 'main' | 'pkg', meetingId: string, reviewerId: string): FieldValues {
  const rows = db.prepare(sheetFieldsSql(schema)).raw().all({ m: meetingId, r: reviewerId }) as [string, string, string, number][]
  return new Map(rows.map(([unitId, field, value]) => [fieldKey(unitId, field), value]))
}

/** Replaces the reviewer's bases with `values` (absent keys are absent values), one row per sheet. The caller owns the transaction. */
export function writeBases(db: Database, meetingId: string, reviewerId: string, values: FieldValues): void {
  const sheets = new Map<string, Record<string, string>>()
  for (const [key, value] of values) {
    if (value === null) continue
    const { unitId, field } = splitKey(key)
    const sheet = sheets.get(unitId) ?? {}
    sheet[field] = value
    sheets.set(unitId, sheet)
  }
  db.prepare('DELETE FROM merge_base_sheets WHERE reviewer_id = ? AND meeting_id = ?').run(reviewerId, meetingId)
  const insert = db.prepare('INSERT INTO merge_base_sheets (reviewer_id, unit_id, meeting_id, fields) VALUES (?, ?, ?, ?)')
  for (const [unitId, fields] of sheets) insert.run(reviewerId, unitId, meetingId, JSON.stringify(fields))
}

/** The reviewer's merge bases as rows (unit_id, field, value, proven = 0), for the merge plan. */
export const baseFieldsSql = (schema: 'main' | 'pkg'): string =>
  `SELECT b.unit_id, f.key AS field, f.value, 0 AS proven FROM ${schema}.merge_base_sheets b, json_each(b.fields) f WHERE b.reviewer_id = :r AND +b.meeting_id = :m`
