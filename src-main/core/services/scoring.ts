import type { Database } from 'better-sqlite3'
import type { Review, ReviewInput, SavedScore, ScoreInput, ScoreSheet, UnitProgress, VetoMark } from '../../shared/schemas/scoring'
import { formatPoints, fromTenths, isOnTenthGrid, toTenths } from '../../shared/points'
import { sheetTotalTenths } from '../../shared/sheet-total'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { appendHistory } from '../history/history-chain'
import { DomainError, notFound } from '../errors'
import { getRubricShape, type RubricShape } from './rubric'
import { getReviewer, isRecused } from './reviewers'
import { lockedSheetError, sheetSubmittedAt } from './submissions'

interface Target {
  meetingId: string
  reviewerId: string
  unitId: string
}

/** Checks the reviewer and unit belong to the meeting, and that the sheet may still be edited. */
function assertEditable(db: Database, t: Target): void {
  const reviewer = getReviewer(db, t.meetingId, t.reviewerId)
  const unit = stmt(db, 'SELECT name FROM units WHERE id = ? AND meeting_id = ?').get(t.unitId, t.meetingId) as { name: string } | undefined
  if (!unit) throw notFound('参评单位')
  const submittedAt = sheetSubmittedAt(db, t.reviewerId, t.unitId)
  if (submittedAt) throw lockedSheetError(reviewer.name, unit.name, submittedAt)
  if (isRecused(db, t.reviewerId, t.unitId)) throw new DomainError('CONFLICT', `评委“${reviewer.name}”已回避“${unit.name}”，不能评分`)
}

function record(db: Database, t: Target, field: string, oldValue: string | null, newValue: string | null, reason = ''): void {
  appendHistory(db, { ...t, field, oldValue, newValue, reason })
}

function sums(db: Database, t: Target, shape: RubricShape) {
  const { subtotal, scored } = stmt(
    db,
    'SELECT coalesce(sum(value_tenths), 0) AS subtotal, count(*) AS scored FROM scores WHERE reviewer_id = ? AND unit_id = ?',
  ).get(t.reviewerId, t.unitId) as { subtotal: number; scored: number }
  const bonus = stmt(db, 'SELECT bonus_tenths FROM reviews WHERE reviewer_id = ? AND unit_id = ?').get(t.reviewerId, t.unitId) as
    | { bonus_tenths: number | null }
    | undefined
  const total = sheetTotalTenths(subtotal, bonus?.bonus_tenths, { bonusMaxTenths: shape.bonusMaxTenths, capTenths: shape.totalCapTenths })
  return { subtotal: fromTenths(subtotal), total: fromTenths(total), scored, itemCount: shape.itemCount }
}

/** Rejects a value above the item's maximum or off its step, with a message naming the item. */
function checkValue(db: Database, itemId: string, value: number, shape: RubricShape): number {
  const max = shape.itemMaxTenths.get(itemId)
  const step = shape.itemStepTenths.get(itemId)!
  const name = () => (stmt(db, 'SELECT name FROM rubric_items WHERE id = ?').get(itemId) as { name: string }).name
  if (max === undefined) throw notFound('评分指标')
  const tenths = toTenths(value)
  if (tenths > max) throw new DomainError('OUT_OF_RANGE', `“${name()}”满分 ${formatPoints(fromTenths(max))} 分，不能打 ${formatPoints(value)} 分`)
  if (!isOnTenthGrid(value) || tenths % step !== 0) {
    throw new DomainError('OFF_STEP', `“${name()}”按 ${formatPoints(fromTenths(step))} 分一档计分，${value} 分不在档位上`)
  }
  return tenths
}

export function saveScore(db: Database, meetingId: string, input: ScoreInput): SavedScore {
  const t = { meetingId, reviewerId: input.reviewerId, unitId: input.unitId }
  return writeTransaction(db, () => {
    assertEditable(db, t)
    const shape = getRubricShape(db, meetingId)
    if (!shape.itemMaxTenths.has(input.itemId)) throw notFound('评分指标')
    const before = stmt(db, 'SELECT value_tenths, deduction_reason FROM scores WHERE reviewer_id = ? AND unit_id = ? AND item_id = ?').get(
      input.reviewerId,
      input.unitId,
      input.itemId,
    ) as { value_tenths: number; deduction_reason: string } | undefined
    const at = now()
    let tenths: number | null = null
    if (input.value === null) {
      stmt(db, 'DELETE FROM scores WHERE reviewer_id = ? AND unit_id = ? AND item_id = ?').run(input.reviewerId, input.unitId, input.itemId)
    } else {
      tenths = checkValue(db, input.itemId, input.value, shape)
      if (shape.deductionReasonRequired && tenths < shape.itemMaxTenths.get(input.itemId)! && !input.deductionReason) {
        throw new DomainError('VALIDATION', '本次评审要求扣分须写明扣分说明')
      }
      stmt(
        db,
        `INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
         VALUES (@meetingId, @reviewerId, @unitId, @itemId, @tenths, @reason, @at)
         ON CONFLICT (reviewer_id, unit_id, item_id) DO UPDATE SET value_tenths = @tenths, deduction_reason = @reason, updated_at = @at`,
      ).run({ meetingId, reviewerId: input.reviewerId, unitId: input.unitId, itemId: input.itemId, tenths, reason: input.deductionReason, at })
    }
    const oldValue = before ? String(fromTenths(before.value_tenths)) : null
    const newValue = tenths === null ? null : String(fromTenths(tenths))
    if (oldValue !== newValue) record(db, t, `item:${input.itemId}`, oldValue, newValue, input.deductionReason)
    return {
      score: { itemId: input.itemId, value: tenths === null ? null : fromTenths(tenths), deductionReason: input.deductionReason, updatedAt: at },
      ...sums(db, t, shape),
    }
  })
}

interface ReviewRow {
  bonus_tenths: number | null
  bonus_reason: string
  strengths: string
  weaknesses: string
  suggestions: string
  updated_at: string
}

function readReview(db: Database, t: Target): Review {
  const r = stmt(db, 'SELECT * FROM reviews WHERE reviewer_id = ? AND unit_id = ?').get(t.reviewerId, t.unitId) as ReviewRow | undefined
  return {
    bonus: r?.bonus_tenths == null ? null : fromTenths(r.bonus_tenths),
    bonusReason: r?.bonus_reason ?? '',
    strengths: r?.strengths ?? '',
    weaknesses: r?.weaknesses ?? '',
    suggestions: r?.suggestions ?? '',
    updatedAt: r?.updated_at ?? null,
  }
}

export function saveReview(db: Database, meetingId: string, input: Required<ReviewInput>): Review {
  const t = { meetingId, reviewerId: input.reviewerId, unitId: input.unitId }
  return writeTransaction(db, () => {
    assertEditable(db, t)
    const shape = getRubricShape(db, meetingId)
    let bonus: number | null = null
    if (input.bonus !== null) {
      if (shape.bonusMaxTenths === 0) throw new DomainError('VALIDATION', '本次评审没有设置特色加分项')
      bonus = toTenths(input.bonus)
      if (!isOnTenthGrid(input.bonus)) throw new DomainError('OFF_STEP', '特色加分最多保留一位小数')
      if (bonus > shape.bonusMaxTenths) {
        throw new DomainError('OUT_OF_RANGE', `特色加分最高 ${formatPoints(fromTenths(shape.bonusMaxTenths))} 分，不能加 ${formatPoints(input.bonus)} 分`)
      }
    }
    const before = readReview(db, t)
    stmt(
      db,
      `INSERT INTO reviews (id, meeting_id, reviewer_id, unit_id, bonus_tenths, bonus_reason, strengths, weaknesses, suggestions, updated_at)
       VALUES (@id, @meetingId, @reviewerId, @unitId, @bonus, @bonusReason, @strengths, @weaknesses, @suggestions, @at)
       ON CONFLICT (reviewer_id, unit_id) DO UPDATE SET bonus_tenths = @bonus, bonus_reason = @bonusReason,
         strengths = @strengths, weaknesses = @weaknesses, suggestions = @suggestions, updated_at = @at`,
    ).run({ ...input, id: newId(), meetingId, bonus, at: now() })
    const after = readReview(db, t)
    if (before.bonus !== after.bonus) {
      record(db, t, 'bonus', before.bonus === null ? null : String(before.bonus), after.bonus === null ? null : String(after.bonus), input.bonusReason)
    }
    return after
  })
}

function readVetoMarks(db: Database, t: Target): VetoMark[] {
  return (
    stmt(db, 'SELECT veto_item_id, reason, updated_at FROM veto_marks WHERE reviewer_id = ? AND unit_id = ?').all(t.reviewerId, t.unitId) as {
      veto_item_id: string
      reason: string
      updated_at: string
    }[]
  ).map((m) => ({ vetoItemId: m.veto_item_id, reason: m.reason, updatedAt: m.updated_at }))
}

export function markVeto(
  db: Database,
  meetingId: string,
  input: { reviewerId: string; unitId: string; vetoItemId: string; marked: boolean; reason: string },
): VetoMark[] {
  const t = { meetingId, reviewerId: input.reviewerId, unitId: input.unitId }
  return writeTransaction(db, () => {
    assertEditable(db, t)
    if (!stmt(db, 'SELECT 1 FROM veto_items WHERE id = ? AND meeting_id = ?').get(input.vetoItemId, meetingId)) throw notFound('否决事项')
    const had = !!stmt(db, 'SELECT 1 FROM veto_marks WHERE reviewer_id = ? AND unit_id = ? AND veto_item_id = ?').get(
      input.reviewerId,
      input.unitId,
      input.vetoItemId,
    )
    if (input.marked) {
      if (!input.reason) throw new DomainError('VALIDATION', '勾选一票否决必须写明事由')
      stmt(
        db,
        `INSERT INTO veto_marks (id, meeting_id, reviewer_id, unit_id, veto_item_id, reason, updated_at)
         VALUES (@id, @meetingId, @reviewerId, @unitId, @vetoItemId, @reason, @at)
         ON CONFLICT (reviewer_id, unit_id, veto_item_id) DO UPDATE SET reason = @reason, updated_at = @at`,
      ).run({ ...input, id: newId(), meetingId, at: now() })
    } else {
      stmt(db, 'DELETE FROM veto_marks WHERE reviewer_id = ? AND unit_id = ? AND veto_item_id = ?').run(input.reviewerId, input.unitId, input.vetoItemId)
    }
    if (had !== input.marked) record(db, t, `veto:${input.vetoItemId}`, had ? '有' : '无', input.marked ? '有' : '无', input.reason)
    return readVetoMarks(db, t)
  })
}

export function getScoreSheet(db: Database, meetingId: string, reviewerId: string, unitId: string): ScoreSheet {
  getReviewer(db, meetingId, reviewerId)
  if (!stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
  const t = { meetingId, reviewerId, unitId }
  const submittedAt = sheetSubmittedAt(db, reviewerId, unitId)
  const shape = getRubricShape(db, meetingId)
  const scores = (
    stmt(db, 'SELECT item_id, value_tenths, deduction_reason, updated_at FROM scores WHERE reviewer_id = ? AND unit_id = ?').all(reviewerId, unitId) as {
      item_id: string
      value_tenths: number
      deduction_reason: string
      updated_at: string
    }[]
  ).map((s) => ({ itemId: s.item_id, value: fromTenths(s.value_tenths), deductionReason: s.deduction_reason, updatedAt: s.updated_at }))
  const totals = sums(db, t, shape)
  return {
    reviewerId,
    unitId,
    recused: isRecused(db, reviewerId, unitId),
    locked: submittedAt !== undefined,
    submittedAt: submittedAt ?? null,
    scores,
    review: readReview(db, t),
    vetoMarks: readVetoMarks(db, t),
    subtotal: totals.subtotal,
    total: totals.total,
    complete: totals.scored === shape.itemCount && shape.itemCount > 0,
  }
}

export function getProgress(db: Database, meetingId: string, reviewerId: string): UnitProgress[] {
  getReviewer(db, meetingId, reviewerId)
  const shape = getRubricShape(db, meetingId)
  const rows = stmt(
    db,
    `SELECT u.id AS unit_id,
       (SELECT count(*) FROM scores s WHERE s.unit_id = u.id AND s.reviewer_id = @reviewerId) AS scored,
       (SELECT coalesce(sum(value_tenths), 0) FROM scores s WHERE s.unit_id = u.id AND s.reviewer_id = @reviewerId) AS subtotal,
       (SELECT bonus_tenths FROM reviews r WHERE r.unit_id = u.id AND r.reviewer_id = @reviewerId) AS bonus,
       EXISTS (SELECT 1 FROM recusals x WHERE x.unit_id = u.id AND x.reviewer_id = @reviewerId) AS recused,
       (SELECT submitted_at FROM sheet_submissions s WHERE s.unit_id = u.id AND s.reviewer_id = @reviewerId) AS submitted_at
     FROM units u WHERE u.meeting_id = @meetingId ORDER BY u.seq`,
  ).all({ meetingId, reviewerId }) as { unit_id: string; scored: number; subtotal: number; bonus: number | null; recused: number; submitted_at: string | null }[]
  return rows.map((r) => ({
    unitId: r.unit_id,
    scored: r.scored,
    itemCount: shape.itemCount,
    recused: r.recused === 1,
    total: fromTenths(sheetTotalTenths(r.subtotal, r.bonus, { bonusMaxTenths: shape.bonusMaxTenths, capTenths: shape.totalCapTenths })),
    submittedAt: r.submitted_at,
  }))
}
