/**
 * Submitting and unlocking score sheets (DOMAIN.md §3: "any change after submission is an unlock
 * with a reason, kept in the history"). A reviewer submits one unit or all; a submitted sheet is
 * locked for every writer (scores, bonus, comments, vetoes, bulk entry) until the organizer unlocks
 * it. Both acts are entries of the tamper-evident history.
 */
import type { Database } from 'better-sqlite3'
import type { SubmitResult } from '../../shared/schemas/scoring'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError, notFound } from '../errors'
import { appendHistory } from '../history/history-chain'
import { getReviewer } from './reviewers'

/** "12月18日 11:40" in this machine's time zone: the organizer's and reviewer's wall clock. */
function formatClock(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getMonth() + 1}月${d.getDate()}日 ${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** When the sheet was submitted, or undefined while it is open. */
export function sheetSubmittedAt(db: Database, reviewerId: string, unitId: string): string | undefined {
  const row = stmt(db, 'SELECT submitted_at FROM sheet_submissions WHERE reviewer_id = ? AND unit_id = ?').get(reviewerId, unitId) as
    | { submitted_at: string }
    | undefined
  return row?.submitted_at
}

/** The refusal every writer gives for a submitted sheet, naming when and what to do. */
export function lockedSheetError(reviewerName: string, unitName: string, submittedAt: string): DomainError {
  return new DomainError('CONFLICT', `评委“${reviewerName}”已于${formatClock(submittedAt)}提交“${unitName}”的评分，修改须由会务组解锁并说明理由`)
}

interface UnitRow {
  id: string
  name: string
}

export function submitSheets(db: Database, meetingId: string, reviewerId: string, unitIds?: string[]): SubmitResult {
  return writeTransaction(db, () => {
    const reviewer = getReviewer(db, meetingId, reviewerId)
    const units = unitIds ? unitIds.map((id) => unitOf(db, meetingId, id)) : scorableUnits(db, meetingId, reviewerId)
    const items = stmt(db, 'SELECT id, name FROM rubric_items WHERE meeting_id = ? ORDER BY seq').all(meetingId) as UnitRow[]
    if (items.length === 0) throw new DomainError('VALIDATION', '评分标准还没有评分指标，不能提交')
    const scored = stmt(db, 'SELECT item_id FROM scores WHERE reviewer_id = ? AND unit_id = ?').pluck()
    const recused = stmt(db, 'SELECT 1 FROM recusals WHERE reviewer_id = ? AND unit_id = ?')

    const problems: string[] = []
    for (const unit of units) {
      if (recused.get(reviewerId, unit.id)) {
        problems.push(`${unit.name}：已回避，无需提交`)
        continue
      }
      const have = new Set(scored.all(reviewerId, unit.id) as string[])
      const missing = items.filter((i) => !have.has(i.id)).map((i) => i.name)
      if (missing.length) problems.push(`${unit.name}：未评 ${missing.length} 项（${missing.slice(0, 5).join('、')}${missing.length > 5 ? '等' : ''}）`)
    }
    if (problems.length) {
      throw new DomainError('VALIDATION', `还有 ${problems.length} 个单位不能提交，请先评完（没有提交任何单位）`, problems)
    }

    const at = now()
    const submitted: string[] = []
    const alreadySubmitted: string[] = []
    for (const unit of units) {
      if (sheetSubmittedAt(db, reviewerId, unit.id)) {
        alreadySubmitted.push(unit.id)
        continue
      }
      stmt(db, 'INSERT INTO sheet_submissions (meeting_id, reviewer_id, unit_id, submitted_at) VALUES (?, ?, ?, ?)').run(meetingId, reviewerId, unit.id, at)
      appendHistory(db, { meetingId, reviewerId, unitId: unit.id, field: 'submit', oldValue: null, newValue: '已提交', reason: `${reviewer.name}提交评分`, at })
      submitted.push(unit.id)
    }
    return { submitted, alreadySubmitted, submittedAt: at }
  })
}

/** The organizer's act: opens one submitted sheet again, with the reason in the history. */
export function unlockSheet(db: Database, meetingId: string, input: { reviewerId: string; unitId: string; reason: string }): void {
  writeTransaction(db, () => {
    const reviewer = getReviewer(db, meetingId, input.reviewerId)
    const unit = unitOf(db, meetingId, input.unitId)
    const submittedAt = sheetSubmittedAt(db, input.reviewerId, input.unitId)
    if (!submittedAt) throw new DomainError('CONFLICT', `评委“${reviewer.name}”尚未提交“${unit.name}”的评分，无需解锁`)
    stmt(db, 'DELETE FROM sheet_submissions WHERE reviewer_id = ? AND unit_id = ?').run(input.reviewerId, input.unitId)
    appendHistory(db, {
      meetingId,
      reviewerId: input.reviewerId,
      unitId: input.unitId,
      field: 'unlock',
      oldValue: `已提交（${formatClock(submittedAt)}）`,
      newValue: '会务组已解锁',
      reason: input.reason,
    })
  })
}

/** Sheets that should be submitted (reviewer × unit, not recused, unit taking part) and are not yet. */
export function countUnsubmittedSheets(db: Database, meetingId: string): number {
  return (
    stmt(
      db,
      `SELECT count(*) FROM reviewers r JOIN units u ON u.meeting_id = r.meeting_id
       WHERE r.meeting_id = ? AND u.withdrawn_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = r.id AND x.unit_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM sheet_submissions s WHERE s.reviewer_id = r.id AND s.unit_id = u.id)`,
    )
      .pluck()
      .get(meetingId) as number
  )
}

function unitOf(db: Database, meetingId: string, id: string): UnitRow {
  const unit = stmt(db, 'SELECT id, name FROM units WHERE id = ? AND meeting_id = ?').get(id, meetingId) as UnitRow | undefined
  if (!unit) throw notFound('参评单位')
  return unit
}

/** "Submit all": every unit the reviewer scores — recused ones and units that withdrew are not theirs to submit. */
function scorableUnits(db: Database, meetingId: string, reviewerId: string): UnitRow[] {
  return stmt(
    db,
    `SELECT id, name FROM units u WHERE meeting_id = ? AND withdrawn_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = ? AND x.unit_id = u.id) ORDER BY seq`,
  ).all(meetingId, reviewerId) as UnitRow[]
}
