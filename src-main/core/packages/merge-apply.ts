/**
 * Writing a decided merge plan (merge-plan.ts) into the organizer's rows, inside the merge's
 * transaction with the package's slice attached as `pkg`: the taken scores in one statement each way,
 * the few other taken fields one by one with their history, the reviewer's annotations (only the
 * reviewer edits those, so the package's set replaces the organizer's copy), the new merge bases and the
 * record that this package was merged.
 */
import type { Database } from 'better-sqlite3'
import { formatPoints } from '../../shared/points'
import { newId, now, stmt } from '../db/statements'
import { appendHistory, appendHistoryEntries } from '../history/history-chain'
import { takenOneByOne } from './merge-plan'

export interface MergeRecord {
  packageId: string
  sequence: number
  manifestSha256: string
  summary: Record<string, number>
  reason: string
}

const points = (value: string | null) => (value === null ? null : formatPoints((JSON.parse(value) as [number])[0] / 10))

/** Applies the plan's taken fields; returns how many annotations the reviewer now has here. */
export function applyMerge(db: Database, meetingId: string, reviewerId: string, newScoresPerSheet: Map<string, number>, record: MergeRecord): number {
  const at = now()
  const sheet = { m: meetingId, r: reviewerId, at }
  // New scores: history gets one summary line per sheet (below), as for a bulk save.
  const perSheet = new Map(newScoresPerSheet)
  // Scores the reviewer cleared (none in most merges: the statement would still walk the reviewer's scores).
  if (record.summary.removed !== 0)
    db.prepare(
      `DELETE FROM main.scores WHERE reviewer_id = :r AND (unit_id, 'item:' || item_id) IN
         (SELECT unit_id, field FROM temp.merge_plan WHERE outcome = 'take' AND theirs IS NULL AND field GLOB 'item:*')`,
    ).run({ r: reviewerId })
  db.prepare(
    `INSERT INTO main.scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
     SELECT :m, :r, unit_id, substr(field, 6), theirs ->> 0, theirs ->> 1, :at FROM temp.merge_plan
     WHERE outcome = 'take' AND theirs IS NOT NULL AND field GLOB 'item:*'
     ON CONFLICT (reviewer_id, unit_id, item_id) DO UPDATE SET value_tenths = excluded.value_tenths, deduction_reason = excluded.deduction_reason, updated_at = excluded.updated_at`,
  ).run(sheet)
  for (const { unit_id: unitId, field, theirs: to, ours: from } of takenOneByOne(db)) {
    const entry = { meetingId, reviewerId, unitId, field, reason: record.reason, at }
    if (field.startsWith('item:')) appendHistory(db, { ...entry, oldValue: points(from), newValue: points(to) })
    else if (field === 'review') {
      if (to === null) stmt(db, 'DELETE FROM reviews WHERE reviewer_id = ? AND unit_id = ?').run(reviewerId, unitId)
      else {
        const [bonus, bonusReason, strengths, weaknesses, suggestions] = JSON.parse(to) as [number | null, string, string, string, string]
        stmt(db,
          `INSERT INTO reviews (id, meeting_id, reviewer_id, unit_id, bonus_tenths, bonus_reason, strengths, weaknesses, suggestions, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (reviewer_id, unit_id) DO UPDATE SET bonus_tenths = excluded.bonus_tenths, bonus_reason = excluded.bonus_reason, strengths = excluded.strengths,
             weaknesses = excluded.weaknesses, suggestions = excluded.suggestions, updated_at = excluded.updated_at`,
        ).run(newId(), meetingId, reviewerId, unitId, bonus, bonusReason, strengths, weaknesses, suggestions, at)
      }
      perSheet.set(unitId, (perSheet.get(unitId) ?? 0) + 1)
    } else if (field.startsWith('veto:')) {
      const vetoItemId = field.slice(5)
      if (to === null) stmt(db, 'DELETE FROM veto_marks WHERE reviewer_id = ? AND unit_id = ? AND veto_item_id = ?').run(reviewerId, unitId, vetoItemId)
      else
        stmt(db,
          `INSERT INTO veto_marks (id, meeting_id, reviewer_id, unit_id, veto_item_id, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (reviewer_id, unit_id, veto_item_id) DO UPDATE SET reason = excluded.reason, updated_at = excluded.updated_at`,
        ).run(newId(), meetingId, reviewerId, unitId, vetoItemId, to, at)
      appendHistory(db, { ...entry, oldValue: from === null ? null : '勾选', newValue: to === null ? null : '勾选', reason: to ?? record.reason })
    } else if (field === 'submitted') {
      if (to === null) stmt(db, 'DELETE FROM sheet_submissions WHERE reviewer_id = ? AND unit_id = ?').run(reviewerId, unitId)
      else {
        const theirs = stmt(db, 'SELECT submitted_at FROM pkg.sheet_submissions WHERE reviewer_id = ? AND unit_id = ?').get(reviewerId, unitId) as { submitted_at: string } | undefined
        stmt(db, 'INSERT OR REPLACE INTO sheet_submissions (meeting_id, reviewer_id, unit_id, submitted_at) VALUES (?, ?, ?, ?)').run(meetingId, reviewerId, unitId, theirs?.submitted_at ?? at)
      }
      appendHistory(db, { ...entry, field: to === null ? 'unlock' : 'submit', oldValue: null, newValue: null })
    } else if (field === 'recused') {
      if (to === null) stmt(db, "DELETE FROM recusals WHERE reviewer_id = ? AND unit_id = ? AND source = 'reviewer'").run(reviewerId, unitId)
      else
        stmt(db,
          `INSERT INTO recusals (id, meeting_id, reviewer_id, unit_id, source, reason, updated_at) VALUES (?, ?, ?, ?, 'reviewer', ?, ?)
           ON CONFLICT (reviewer_id, unit_id) DO UPDATE SET reason = excluded.reason, updated_at = excluded.updated_at`,
        ).run(newId(), meetingId, reviewerId, unitId, to, at)
      appendHistory(db, { ...entry, field: 'recusal', oldValue: from, newValue: to })
    }
  }
  appendHistoryEntries(
    db,
    meetingId,
    [...perSheet].map(([unitId, n]) => ({ meetingId, reviewerId, unitId, field: 'merge', oldValue: null, newValue: `${n} 项`, reason: record.reason, at })),
  )

  const annotations = replaceAnnotations(db, meetingId, reviewerId)
  moveBases(db, meetingId, reviewerId)
  stmt(db,
    "INSERT INTO package_imports (package_id, meeting_id, kind, reviewer_id, sequence, manifest_sha256, imported_at, summary) VALUES (?, ?, 'return', ?, ?, ?, ?, ?)",
  ).run(record.packageId, meetingId, reviewerId, record.sequence, record.manifestSha256, at, JSON.stringify(record.summary))
  return annotations
}

/**
 * Next time, what both sides hold now is the base; fields left out this time (ignored) keep their old base.
 * The plan holds every field of the three sides, so each of the reviewer's sheets is rewritten whole.
 */
function moveBases(db: Database, meetingId: string, reviewerId: string): void {
  const params = { m: meetingId, r: reviewerId }
  stmt(db, 'DELETE FROM main.merge_base_sheets WHERE reviewer_id = :r AND meeting_id = :m').run(params)
  db.prepare(
    `INSERT INTO main.merge_base_sheets (reviewer_id, unit_id, meeting_id, fields)
     SELECT :r, unit_id, :m, json_group_object(field, next) FROM
       (SELECT unit_id, field, CASE WHEN outcome IN ('agree', 'take', 'keep') THEN theirs ELSE base END AS next FROM temp.merge_plan)
     WHERE next IS NOT NULL AND unit_id IN (SELECT id FROM main.units WHERE meeting_id = :m)
     GROUP BY unit_id`,
  ).run(params)
}

/** The package's annotations replace the organizer's copy of this reviewer's (on materials and units still here). */
function replaceAnnotations(db: Database, meetingId: string, reviewerId: string): number {
  stmt(db, 'DELETE FROM annotations WHERE meeting_id = ? AND reviewer_id = ?').run(meetingId, reviewerId)
  return db
    .prepare(
      `INSERT INTO annotations (id, meeting_id, reviewer_id, unit_id, material_id, kind, page_index, rects, text, note, color, created_at, updated_at)
       SELECT a.id, a.meeting_id, a.reviewer_id, a.unit_id, a.material_id, a.kind, a.page_index, a.rects, a.text, a.note, a.color, a.created_at, a.updated_at
       FROM pkg.annotations a JOIN main.materials m ON m.id = a.material_id AND m.unit_id = a.unit_id AND m.meeting_id = :m
       WHERE a.meeting_id = :m AND a.reviewer_id = :r
         AND a.unit_id NOT IN (SELECT unit_id FROM main.recusals WHERE reviewer_id = :r AND source = 'organizer')`,
    )
    .run({ m: meetingId, r: reviewerId }).changes
}
