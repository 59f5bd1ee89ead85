/**
 * The organizer's decision on a ticked 一票否决: 确认否决 (the unit leaves the ranking) or 核实不构成
 * (it stays ranked). Always with a reason, always in the history.
 */
import type { Database } from 'better-sqlite3'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { appendHistory } from '../history/history-chain'
import { DomainError, notFound } from '../errors'
import type { VetoDecision } from '../results/types'
import { assertMeeting } from './meetings'

export interface VetoDecisionInput {
  unitId: string
  /** null withdraws an earlier decision: the veto is pending again. */
  decision: VetoDecision | null
  reason: string
}

const LABELS: Record<VetoDecision, string> = { confirmed: '确认否决', not_established: '核实不构成' }

/** History rows name a reviewer; a decision is the organizer's, recorded under this placeholder. */
export const ORGANIZER = ''

export function decideVeto(db: Database, meetingId: string, input: VetoDecisionInput): void {
  const reason = input.reason.trim()
  writeTransaction(db, () => {
    assertMeeting(db, meetingId)
    const unit = stmt(db, 'SELECT name FROM units WHERE id = ? AND meeting_id = ?').get(input.unitId, meetingId) as { name: string } | undefined
    if (!unit) throw notFound('参评单位')
    if (!reason) throw new DomainError('VALIDATION', `对“${unit.name}”的一票否决作出认定或撤销认定，须写明理由`)
    const before = stmt(db, 'SELECT decision, reason FROM veto_decisions WHERE unit_id = ?').get(input.unitId) as
      | { decision: VetoDecision; reason: string }
      | undefined
    if (input.decision === null) {
      if (!before) throw new DomainError('CONFLICT', `“${unit.name}”的一票否决尚未认定，无需撤销`)
      stmt(db, 'DELETE FROM veto_decisions WHERE unit_id = ?').run(input.unitId)
    } else {
      // Marks of reviewers recused from the unit are left out of every result, so they do not count here either.
      const marked = stmt(
        db,
        `SELECT 1 FROM veto_marks m WHERE m.unit_id = ? AND NOT EXISTS
           (SELECT 1 FROM recusals x WHERE x.reviewer_id = m.reviewer_id AND x.unit_id = m.unit_id) LIMIT 1`,
      ).get(input.unitId)
      if (!marked) throw new DomainError('CONFLICT', `没有评委对“${unit.name}”勾选一票否决事项，无需认定`)
      if (before?.decision === input.decision && before.reason === reason) return
      stmt(
        db,
        `INSERT INTO veto_decisions (id, meeting_id, unit_id, decision, reason, updated_at)
         VALUES (@id, @meetingId, @unitId, @decision, @reason, @at)
         ON CONFLICT (unit_id) DO UPDATE SET decision = @decision, reason = @reason, updated_at = @at`,
      ).run({ id: newId(), meetingId, unitId: input.unitId, decision: input.decision, reason, at: now() })
    }
    appendHistory(db, {
      meetingId,
      reviewerId: ORGANIZER,
      unitId: input.unitId,
      field: 'veto-decision',
      oldValue: before ? LABELS[before.decision] : null,
      newValue: input.decision ? LABELS[input.decision] : null,
      reason,
    })
  })
}
