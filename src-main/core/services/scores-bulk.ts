import type { Database } from 'better-sqlite3'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { appendHistory, appendHistoryEntries } from '../history/history-chain'
import { DomainError } from '../errors'
import { getRubricShape } from './rubric'
import { lockedSheetError } from './submissions'
import { assertMeeting } from './meetings'
import { scoresOfMeeting } from './score-scope'
import { fromTenths, isOnTenthGrid, toTenths } from '../../shared/points'
import type { MeetingScores } from '../../shared/schemas/scoring'

export interface BulkScore {
  reviewerId: string
  unitId: string
  itemId: string
  valueTenths: number
  deductionReason?: string
}

/**
 * Saves many scores at once (a reviewer's return package, a generated meeting) in one transaction,
 * with the same checks as a single save: item of this meeting, within its maximum and on its step,
 * reviewer not locked, not recused. Any bad row refuses the whole batch.
 * History: a changed existing value gets its own row; new values get one summary row per sheet.
 */
export function saveScoresBulk(db: Database, meetingId: string, rows: BulkScore[]): { saved: number } {
  return writeTransaction(db, () => {
    const shape = getRubricShape(db, meetingId)
    const reviewers = new Map(
      (stmt(db, 'SELECT id, name FROM reviewers WHERE meeting_id = ?').all(meetingId) as { id: string; name: string }[]).map(
        (r) => [r.id, r],
      ),
    )
    const units = new Map((stmt(db, 'SELECT id, name FROM units WHERE meeting_id = ?').all(meetingId) as { id: string; name: string }[]).map((u) => [u.id, u.name]))
    const submitted = new Map(
      (stmt(db, 'SELECT reviewer_id, unit_id, submitted_at FROM sheet_submissions WHERE meeting_id = ?').all(meetingId) as { reviewer_id: string; unit_id: string; submitted_at: string }[]).map(
        (r) => [`${r.reviewer_id}|${r.unit_id}`, r.submitted_at],
      ),
    )
    const recused = new Set(
      (stmt(db, 'SELECT reviewer_id, unit_id FROM recusals WHERE meeting_id = ?').all(meetingId) as { reviewer_id: string; unit_id: string }[]).map(
        (r) => `${r.reviewer_id}|${r.unit_id}`,
      ),
    )
    const existing = stmt(db, 'SELECT value_tenths FROM scores WHERE reviewer_id = ? AND unit_id = ? AND item_id = ?')
    const hasAny = !!stmt(db, `SELECT 1 FROM scores WHERE ${scoresOfMeeting()} LIMIT 1`).get(meetingId)
    const upsert = stmt(
      db,
      `INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (reviewer_id, unit_id, item_id) DO UPDATE SET value_tenths = excluded.value_tenths,
         deduction_reason = excluded.deduction_reason, updated_at = excluded.updated_at`,
    )
    const at = now()
    const newPerSheet = new Map<string, number>()
    rows.forEach((row, index) => {
      const where = `第 ${index + 1} 条评分`
      const reviewer = reviewers.get(row.reviewerId)
      if (!reviewer) throw new DomainError('VALIDATION', `${where}：评委不属于本会议`)
      if (!units.has(row.unitId)) throw new DomainError('VALIDATION', `${where}：参评单位不属于本会议`)
      const max = shape.itemMaxTenths.get(row.itemId)
      if (max === undefined) throw new DomainError('VALIDATION', `${where}：评分指标不属于本会议`)
      if (!Number.isInteger(row.valueTenths) || row.valueTenths < 0 || row.valueTenths > max) {
        throw new DomainError('OUT_OF_RANGE', `${where}：分值超出该指标的范围（0–${max / 10} 分）`)
      }
      if (row.valueTenths % shape.itemStepTenths.get(row.itemId)! !== 0) throw new DomainError('OFF_STEP', `${where}：分值不在该指标的档位上`)
      const sheet = `${row.reviewerId}|${row.unitId}`
      const submittedAt = submitted.get(sheet)
      if (submittedAt) throw new DomainError('CONFLICT', `${where}：${lockedSheetError(reviewer.name, units.get(row.unitId)!, submittedAt).message}`)
      if (recused.has(sheet)) throw new DomainError('CONFLICT', `${where}：评委“${reviewer.name}”已回避该单位`)
      const before = hasAny ? (existing.get(row.reviewerId, row.unitId, row.itemId) as { value_tenths: number } | undefined) : undefined
      upsert.run(meetingId, row.reviewerId, row.unitId, row.itemId, row.valueTenths, row.deductionReason ?? '', at)
      if (!before) newPerSheet.set(sheet, (newPerSheet.get(sheet) ?? 0) + 1)
      else if (before.value_tenths !== row.valueTenths) {
        appendHistory(db, {
          meetingId,
          reviewerId: row.reviewerId,
          unitId: row.unitId,
          field: `item:${row.itemId}`,
          oldValue: String(before.value_tenths / 10),
          newValue: String(row.valueTenths / 10),
          reason: row.deductionReason ?? '',
          at,
        })
      }
    })
    appendHistoryEntries(
      db,
      meetingId,
      [...newPerSheet].map(([sheet, count]) => {
        const [reviewerId, unitId] = sheet.split('|')
        return { meetingId, reviewerId, unitId, field: 'import', oldValue: null, newValue: `${count} 项`, reason: '批量导入', at }
      }),
    )
    return { saved: rows.length }
  })
}

/** Every score and veto decision of the meeting, in one read (what a merge or a paper check compares). */
export function meetingScores(db: Database, meetingId: string): MeetingScores {
  assertMeeting(db, meetingId)
  const scores = stmt(
    db,
    `SELECT reviewer_id AS reviewerId, unit_id AS unitId, item_id AS itemId, value_tenths, deduction_reason AS deductionReason, updated_at AS updatedAt
     FROM scores WHERE meeting_id = ? ORDER BY reviewer_id, unit_id, item_id`,
  ).all(meetingId) as ({ value_tenths: number } & Omit<MeetingScores['scores'][number], 'value'>)[]
  const vetoDecisions = stmt(db, 'SELECT unit_id AS unitId, decision, reason, updated_at AS updatedAt FROM veto_decisions WHERE meeting_id = ? ORDER BY unit_id').all(
    meetingId,
  ) as MeetingScores['vetoDecisions']
  return { scores: scores.map(({ value_tenths, ...s }) => ({ ...s, value: fromTenths(value_tenths) })), vetoDecisions }
}

/** Points as typed (7.5) to the tenths saveScoresBulk checks; a value off the 0.1 grid is refused here. */
export function saveScoresBulkPoints(db: Database, meetingId: string, rows: { reviewerId: string; unitId: string; itemId: string; value: number; deductionReason: string }[]): { saved: number } {
  assertMeeting(db, meetingId)
  rows.forEach((row, index) => {
    if (!isOnTenthGrid(row.value)) throw new DomainError('OFF_STEP', `第 ${index + 1} 条评分：分值最多保留一位小数`)
  })
  return saveScoresBulk(
    db,
    meetingId,
    rows.map((r) => ({ reviewerId: r.reviewerId, unitId: r.unitId, itemId: r.itemId, valueTenths: toTenths(r.value), deductionReason: r.deductionReason })),
  )
}
