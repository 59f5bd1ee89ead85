import type { Database } from 'better-sqlite3'
import { toTenths } from '../../../shared/points'
import { now, stmt } from '../../db/statements'
import { createMeeting } from '../meetings'
import { createReviewer, setRecusal } from '../reviewers'
import { saveRubric } from '../rubric'
import { saveRules } from '../rules'
import { insertUnits } from '../units'
import type { DemoFile } from './demo-file'

/**
 * Writes a validated demo file as one meeting, keeping every id from the file. Runs inside the
 * caller's transaction. Meeting, rubric, rules, units, reviewers and recusals go through the services
 * (their checks apply); the ~900 scores and the sheet entries are bulk-inserted with prepared statements.
 */
export function insertDemo(db: Database, demo: DemoFile): void {
  const meetingId = demo.meeting.id
  const { id: _id, ...meetingFields } = demo.meeting
  createMeeting(db, meetingFields, { id: meetingId, isDemo: true })
  seedRubricIds(db, demo)
  saveRubric(db, meetingId, demo.rubric)
  saveRules(db, meetingId, demo.rules)
  insertUnits(
    db,
    meetingId,
    demo.units.map(({ id: _unitId, ...fields }) => fields),
    demo.units.map((u) => u.id),
  )
  const at = now()
  const submitted: [string, string][] = []
  for (const { id, submittedAt, ...fields } of demo.reviewers) {
    createReviewer(db, meetingId, fields, id)
    if (submittedAt) submitted.push([id, submittedAt])
  }
  for (const r of demo.recusals) {
    setRecusal(db, meetingId, { reviewerId: r.reviewerId, unitId: r.unitId, recused: true, source: r.source, reason: r.reason })
    // setRecusal draws a fresh id; pin the file's so the demo is identical on every machine.
    stmt(db, 'UPDATE recusals SET id = ? WHERE reviewer_id = ? AND unit_id = ?').run(r.id, r.reviewerId, r.unitId)
  }
  const score = stmt(
    db,
    `INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const s of demo.scores) score.run(meetingId, s.reviewerId, s.unitId, s.itemId, toTenths(s.value), s.deductionReason, at)
  const review = stmt(
    db,
    `INSERT INTO reviews (id, meeting_id, reviewer_id, unit_id, bonus_tenths, bonus_reason, strengths, weaknesses, suggestions, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const r of demo.reviews) {
    review.run(r.id, meetingId, r.reviewerId, r.unitId, r.bonus === null ? null : toTenths(r.bonus), r.bonusReason, r.strengths, r.weaknesses, r.suggestions, at)
  }
  const mark = stmt(
    db,
    'INSERT INTO veto_marks (id, meeting_id, reviewer_id, unit_id, veto_item_id, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  for (const m of demo.vetoMarks) mark.run(m.id, meetingId, m.reviewerId, m.unitId, m.vetoItemId, m.reason, at)
  const decision = stmt(db, 'INSERT INTO veto_decisions (id, meeting_id, unit_id, decision, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  for (const d of demo.vetoDecisions) decision.run(d.id, meetingId, d.unitId, d.decision, d.reason, at)
  // A reviewer who submitted in the file submitted every sheet they score (recused units excepted).
  const submission = stmt(
    db,
    `INSERT INTO sheet_submissions (meeting_id, reviewer_id, unit_id, submitted_at)
     SELECT ?, ?, u.id, ? FROM units u WHERE u.meeting_id = ?
       AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = ? AND x.unit_id = u.id)`,
  )
  for (const [reviewerId, submittedAt] of submitted) submission.run(meetingId, reviewerId, submittedAt, meetingId, reviewerId)
}

/**
 * saveRubric only accepts ids that already belong to the meeting (new rows get fresh UUIDs), so the
 * file's ids are seeded first; saveRubric then validates the whole tree and writes it over them.
 */
function seedRubricIds(db: Database, demo: DemoFile): void {
  const meetingId = demo.meeting.id
  const at = now()
  const criterion = stmt(db, 'INSERT INTO criteria (id, meeting_id, seq, name, max_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
  const item = stmt(
    db,
    `INSERT INTO rubric_items (id, meeting_id, criterion_id, seq, name, max_tenths, step_tenths, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const veto = stmt(db, 'INSERT INTO veto_items (id, meeting_id, seq, name, updated_at) VALUES (?, ?, ?, ?, ?)')
  let itemSeq = 0
  demo.rubric.criteria.forEach((c, ci) => {
    criterion.run(c.id, meetingId, ci + 1, c.name, toTenths(c.maxPoints), at)
    for (const i of c.items) item.run(i.id, meetingId, c.id, ++itemSeq, i.name, toTenths(i.maxPoints), toTenths(i.step), at)
  })
  demo.rubric.vetoItems.forEach((v, vi) => veto.run(v.id, meetingId, vi + 1, v.name, at))
}
