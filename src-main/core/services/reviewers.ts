import type { Database } from 'better-sqlite3'
import type { Recusal, Reviewer, ReviewerFields } from '../../shared/schemas/reviewer'
import { newId, now, stmt } from '../db/statements'
import { DomainError, notFound } from '../errors'
import { writeTransaction } from '../db/transaction'
import { appendHistory } from '../history/history-chain'
import { sheetSubmittedAt } from './submissions'
import { assertMeeting } from './meetings'
import { reorderRows } from './units'

interface ReviewerRow {
  id: string
  meeting_id: string
  seq: number
  name: string
  title: string
  role: Reviewer['role']
  submitted_at: string | null
  updated_at: string
}

const toReviewer = (r: ReviewerRow): Reviewer => ({
  id: r.id,
  meetingId: r.meeting_id,
  seq: r.seq,
  name: r.name,
  title: r.title,
  role: r.role,
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
})

/**
 * A reviewer counts as submitted (`submittedAt`, the latest of their submissions) once every sheet
 * they score is: each unit not recused and taking part has a submission (the old per-reviewer column
 * is no longer read, see migration 008).
 */
const REVIEWER_COLUMNS = `r.id, r.meeting_id, r.seq, r.name, r.title, r.role, r.updated_at,
  CASE WHEN EXISTS (SELECT 1 FROM sheet_submissions s WHERE s.reviewer_id = r.id)
        AND NOT EXISTS (SELECT 1 FROM units u WHERE u.meeting_id = r.meeting_id AND u.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = r.id AND x.unit_id = u.id)
          AND NOT EXISTS (SELECT 1 FROM sheet_submissions s WHERE s.reviewer_id = r.id AND s.unit_id = u.id))
   THEN (SELECT max(submitted_at) FROM sheet_submissions s WHERE s.reviewer_id = r.id) END AS submitted_at`

export function listReviewers(db: Database, meetingId: string): Reviewer[] {
  assertMeeting(db, meetingId)
  return (stmt(db, `SELECT ${REVIEWER_COLUMNS} FROM reviewers r WHERE r.meeting_id = ? ORDER BY r.seq`).all(meetingId) as ReviewerRow[]).map(toReviewer)
}

export function getReviewer(db: Database, meetingId: string, id: string): Reviewer {
  const row = stmt(db, `SELECT ${REVIEWER_COLUMNS} FROM reviewers r WHERE r.id = ? AND r.meeting_id = ?`).get(id, meetingId) as ReviewerRow | undefined
  if (!row) throw notFound('评委')
  return toReviewer(row)
}

function checkFields(db: Database, meetingId: string, fields: ReviewerFields, exceptId?: string): void {
  const clash = stmt(db, 'SELECT id FROM reviewers WHERE meeting_id = ? AND name = ?').get(meetingId, fields.name) as { id: string } | undefined
  if (clash && clash.id !== exceptId) throw new DomainError('CONFLICT', `评委“${fields.name}”已在名单中，姓名不能重复`)
  if (fields.role === 'chair') {
    const chair = stmt(db, "SELECT id, name FROM reviewers WHERE meeting_id = ? AND role = 'chair'").get(meetingId) as
      | { id: string; name: string }
      | undefined
    if (chair && chair.id !== exceptId) throw new DomainError('CONFLICT', `评审组长已是“${chair.name}”，一个会议只能有一名组长`)
  }
}

export function createReviewer(db: Database, meetingId: string, fields: ReviewerFields, id = newId()): Reviewer {
  assertMeeting(db, meetingId)
  checkFields(db, meetingId, fields)
  const { next } = stmt(db, 'SELECT coalesce(max(seq), 0) + 1 AS next FROM reviewers WHERE meeting_id = ?').get(meetingId) as { next: number }
  stmt(
    db,
    `INSERT INTO reviewers (id, meeting_id, seq, name, title, role, updated_at) VALUES (@id, @meetingId, @seq, @name, @title, @role, @at)`,
  ).run({ ...fields, id, meetingId, seq: next, at: now() })
  return getReviewer(db, meetingId, id)
}

export function updateReviewer(db: Database, meetingId: string, id: string, fields: ReviewerFields): Reviewer {
  getReviewer(db, meetingId, id)
  checkFields(db, meetingId, fields, id)
  stmt(db, 'UPDATE reviewers SET name = @name, title = @title, role = @role, updated_at = @at WHERE id = @id').run({
    ...fields,
    id,
    at: now(),
  })
  return getReviewer(db, meetingId, id)
}

export function deleteReviewer(db: Database, meetingId: string, id: string): void {
  getReviewer(db, meetingId, id)
  if (stmt(db, 'SELECT 1 FROM scores WHERE reviewer_id = ? LIMIT 1').get(id)) {
    throw new DomainError('CONFLICT', '该评委已有评分记录，不能删除')
  }
  stmt(db, 'DELETE FROM reviewers WHERE id = ?').run(id)
}

export function reorderReviewers(db: Database, meetingId: string, ids: string[]): Reviewer[] {
  reorderRows(db, 'reviewers', meetingId, ids, '评委')
  return listReviewers(db, meetingId)
}

interface RecusalRow {
  id: string
  reviewer_id: string
  unit_id: string
  source: Recusal['source']
  reason: string
  updated_at: string
}

export function listRecusals(db: Database, meetingId: string): Recusal[] {
  assertMeeting(db, meetingId)
  return (stmt(db, 'SELECT * FROM recusals WHERE meeting_id = ? ORDER BY updated_at').all(meetingId) as RecusalRow[]).map((r) => ({
    id: r.id,
    reviewerId: r.reviewer_id,
    unitId: r.unit_id,
    source: r.source,
    reason: r.reason,
    updatedAt: r.updated_at,
  }))
}

export function isRecused(db: Database, reviewerId: string, unitId: string): boolean {
  return !!stmt(db, 'SELECT 1 FROM recusals WHERE reviewer_id = ? AND unit_id = ?').get(reviewerId, unitId)
}

export interface RecusalChange {
  reviewerId: string
  unitId: string
  recused: boolean
  source: Recusal['source']
  reason: string
}

/**
 * A recused reviewer's scores stay in the database (history) but are left out of every result.
 * A reviewer declaring 申请回避 on the day gives a reason, and cannot do it on a submitted sheet (the
 * organizer unlocks first). A reviewer's declaration, and an organizer's recusal that changes results
 * (the reviewer has scored the unit), are recorded in the score history.
 */
export function setRecusal(db: Database, meetingId: string, change: RecusalChange): void {
  writeTransaction(db, () => {
    const reviewer = getReviewer(db, meetingId, change.reviewerId)
    const unit = stmt(db, 'SELECT name FROM units WHERE id = ? AND meeting_id = ?').get(change.unitId, meetingId) as { name: string } | undefined
    if (!unit) throw notFound('参评单位')
    const before = stmt(db, 'SELECT source, reason FROM recusals WHERE reviewer_id = ? AND unit_id = ?').get(change.reviewerId, change.unitId) as
      | { source: string; reason: string }
      | undefined
    if (change.source === 'reviewer') {
      if (change.recused && !change.reason) throw new DomainError('VALIDATION', '申请回避须写明理由（如曾在该单位任职、参与指导申报等）')
      const submittedAt = sheetSubmittedAt(db, change.reviewerId, change.unitId)
      if (submittedAt) throw new DomainError('CONFLICT', `${reviewer.name}已提交“${unit.name}”的评分，申请回避须先由会务组解锁`)
    }
    if (change.recused) {
      stmt(
        db,
        `INSERT INTO recusals (id, meeting_id, reviewer_id, unit_id, source, reason, updated_at)
         VALUES (@id, @meetingId, @reviewerId, @unitId, @source, @reason, @at)
         ON CONFLICT (reviewer_id, unit_id) DO UPDATE SET source = @source, reason = @reason, updated_at = @at`,
      ).run({ ...change, id: newId(), meetingId, at: now() })
    } else {
      stmt(db, 'DELETE FROM recusals WHERE reviewer_id = ? AND unit_id = ?').run(change.reviewerId, change.unitId)
    }
    // A reviewer's own declaration is always on record (it is the reviewer's act on the day, scores or not);
    // the organizer's setting is recorded once it changes results, i.e. once the reviewer has scored the unit.
    const recorded = change.source === 'reviewer' || !!stmt(db, 'SELECT 1 FROM scores WHERE reviewer_id = ? AND unit_id = ? LIMIT 1').get(change.reviewerId, change.unitId)
    if (recorded && !!before !== change.recused) {
      appendHistory(db, {
        meetingId,
        reviewerId: change.reviewerId,
        unitId: change.unitId,
        field: 'recusal',
        oldValue: before ? '回避' : '未回避',
        newValue: change.recused ? (change.source === 'reviewer' ? '评委申请回避' : '会务组设置回避') : '取消回避',
        reason: change.reason,
      })
    }
  })
}
