/**
 * A reviewer's sheets as fields, for the three-way merge of return packages: one field per score
 * (value and deduction reason), per review (bonus and the three comment parts), per veto mark, per
 * submission and per recusal, keyed `<unitId>|<field>`. A value is a string (null: absent), equal
 * exactly when the two sides agree. The same reader runs on the organizer's rows (`main`) and on a
 * package's (`pkg`), so both sides are seen alike.
 */
import type { Database } from 'better-sqlite3'

export type FieldValues = Map<string, string | null>

export const fieldKey = (unitId: string, field: string): string => `${unitId}|${field}`
export function splitKey(key: string): { unitId: string; field: string } {
  const at = key.indexOf('|')
  return { unitId: key.slice(0, at), field: key.slice(at + 1) }
}

export function readSheetFields(db: Database, schema: 'main' | 'pkg', meetingId: string, reviewerId: string): FieldValues {
  const fields: FieldValues = new Map()
  const rows = <T>(sql: string) => db.prepare(sql.replaceAll('$s', schema)).all({ m: meetingId, r: reviewerId }) as T[]
  for (const s of rows<{ unit_id: string; item_id: string; value_tenths: number; deduction_reason: string }>(
    'SELECT unit_id, item_id, value_tenths, deduction_reason FROM $s.scores WHERE meeting_id = :m AND reviewer_id = :r',
  ))
    fields.set(fieldKey(s.unit_id, `item:${s.item_id}`), JSON.stringify([s.value_tenths, s.deduction_reason]))
  for (const v of rows<{ unit_id: string; bonus_tenths: number | null; bonus_reason: string; strengths: string; weaknesses: string; suggestions: string }>(
    'SELECT unit_id, bonus_tenths, bonus_reason, strengths, weaknesses, suggestions FROM $s.reviews WHERE meeting_id = :m AND reviewer_id = :r',
  ))
    fields.set(fieldKey(v.unit_id, 'review'), JSON.stringify([v.bonus_tenths, v.bonus_reason, v.strengths, v.weaknesses, v.suggestions]))
  for (const v of rows<{ unit_id: string; veto_item_id: string; reason: string }>(
    'SELECT unit_id, veto_item_id, reason FROM $s.veto_marks WHERE meeting_id = :m AND reviewer_id = :r',
  ))
    fields.set(fieldKey(v.unit_id, `veto:${v.veto_item_id}`), v.reason)
  for (const s of rows<{ unit_id: string }>('SELECT unit_id FROM $s.sheet_submissions WHERE meeting_id = :m AND reviewer_id = :r'))
    fields.set(fieldKey(s.unit_id, 'submitted'), '1')
  for (const x of rows<{ unit_id: string; reason: string }>('SELECT unit_id, reason FROM $s.recusals WHERE meeting_id = :m AND reviewer_id = :r'))
    fields.set(fieldKey(x.unit_id, 'recused'), x.reason)
  return fields
}

/** The merge bases of one reviewer (what the last merge — or the distribution package — agreed on). */
export function readBases(db: Database, meetingId: string, reviewerId: string): FieldValues {
  const rows = db.prepare('SELECT unit_id, field, value FROM merge_bases WHERE meeting_id = ? AND reviewer_id = ?').all(meetingId, reviewerId) as {
    unit_id: string
    field: string
    value: string | null
  }[]
  return new Map(rows.map((r) => [fieldKey(r.unit_id, r.field), r.value]))
}

/** Replaces the reviewer's bases with `values` (absent keys are absent values). The caller owns the transaction. */
export function writeBases(db: Database, meetingId: string, reviewerId: string, values: FieldValues): void {
  db.prepare('DELETE FROM merge_bases WHERE meeting_id = ? AND reviewer_id = ?').run(meetingId, reviewerId)
  const insert = db.prepare('INSERT INTO merge_bases (meeting_id, reviewer_id, unit_id, field, value) VALUES (?, ?, ?, ?, ?)')
  for (const [key, value] of values) {
    if (value === null) continue
    const { unitId, field } = splitKey(key)
    insert.run(meetingId, reviewerId, unitId, field, value)
  }
}
