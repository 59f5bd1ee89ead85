import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { RubricInput, type Rubric } from '../../shared/schemas/rubric'
import { formatPoints, fromTenths, isOnTenthGrid, toTenths } from '../../shared/points'
import { capTenthsOf } from '../../shared/sheet-total'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError, notFound } from '../errors'
import { scoresOfMeeting } from './score-scope'

interface RubricRow {
  base_tenths: number
  bonus_max_tenths: number
  bonus_guidance: string
  total_cap_tenths: number | null
  deduction_reason_required: number
}
interface CriterionRow {
  id: string
  seq: number
  name: string
  max_tenths: number
}
interface ItemRow {
  id: string
  criterion_id: string
  seq: number
  name: string
  max_tenths: number
  step_tenths: number
  weight: number
  guidance: string
}

/** The rubric's structure as integers, the form scoring and hashing work with. */
export interface RubricShape {
  itemMaxTenths: Map<string, number>
  itemStepTenths: Map<string, number>
  itemCount: number
  bonusMaxTenths: number
  /** Cap on subtotal + bonus, in tenths. */
  totalCapTenths: number
  deductionReasonRequired: boolean
}

export function getRubricShape(db: Database, meetingId: string): RubricShape {
  const head = stmt(db, 'SELECT * FROM rubrics WHERE meeting_id = ?').get(meetingId) as RubricRow | undefined
  if (!head) throw notFound('会议')
  const items = stmt(db, 'SELECT id, max_tenths, step_tenths FROM rubric_items WHERE meeting_id = ?').all(meetingId) as ItemRow[]
  return {
    itemMaxTenths: new Map(items.map((i) => [i.id, i.max_tenths])),
    itemStepTenths: new Map(items.map((i) => [i.id, i.step_tenths])),
    itemCount: items.length,
    bonusMaxTenths: head.bonus_max_tenths,
    totalCapTenths: capTenthsOf(head.base_tenths, head.bonus_max_tenths, head.total_cap_tenths),
    deductionReasonRequired: head.deduction_reason_required === 1,
  }
}

export function getRubric(db: Database, meetingId: string): Rubric {
  const head = stmt(db, 'SELECT * FROM rubrics WHERE meeting_id = ?').get(meetingId) as RubricRow | undefined
  if (!head) throw notFound('会议')
  const criteria = stmt(db, 'SELECT * FROM criteria WHERE meeting_id = ? ORDER BY seq').all(meetingId) as CriterionRow[]
  const items = stmt(db, 'SELECT * FROM rubric_items WHERE meeting_id = ? ORDER BY seq').all(meetingId) as ItemRow[]
  const vetoes = stmt(db, 'SELECT id, seq, name FROM veto_items WHERE meeting_id = ? ORDER BY seq').all(meetingId) as {
    id: string
    seq: number
    name: string
  }[]
  const locked = !!stmt(db, `SELECT 1 FROM scores WHERE ${scoresOfMeeting()} LIMIT 1`).get(meetingId)
  const body = {
    basePoints: fromTenths(head.base_tenths),
    bonusMaxPoints: fromTenths(head.bonus_max_tenths),
    bonusGuidance: head.bonus_guidance,
    totalCapPoints: head.total_cap_tenths === null ? null : fromTenths(head.total_cap_tenths),
    deductionReasonRequired: head.deduction_reason_required === 1,
    criteria: criteria.map((c) => ({
      id: c.id,
      seq: c.seq,
      name: c.name,
      maxPoints: fromTenths(c.max_tenths),
      items: items
        .filter((i) => i.criterion_id === c.id)
        .map((i) => ({
          id: i.id,
          seq: i.seq,
          name: i.name,
          maxPoints: fromTenths(i.max_tenths),
          step: fromTenths(i.step_tenths) as 1 | 0.5 | 0.1,
          weight: i.weight,
          guidance: i.guidance,
        })),
    })),
    vetoItems: vetoes,
  }
  return { ...body, meetingId, hash: rubricHash(body), locked }
}

/**
 * SHA-256 over what scoring depends on (ids, names, maxima, steps, weights, bonus, cap, vetoes).
 * Guidance text is left out: fixing a typo in 评分要点 must not invalidate packages already out.
 */
export function rubricHash(r: Omit<Rubric, 'meetingId' | 'hash' | 'locked'>): string {
  const canonical = JSON.stringify([
    toTenths(r.basePoints),
    toTenths(r.bonusMaxPoints ?? 0),
    r.totalCapPoints == null ? null : toTenths(r.totalCapPoints),
    r.criteria.map((c) => [c.id, c.name, toTenths(c.maxPoints), c.items.map((i) => [i.id, i.name, toTenths(i.maxPoints), toTenths(i.step), i.weight])]),
    (r.vetoItems ?? []).map((v) => [v.id, v.name]),
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

function validate(r: ReturnType<typeof RubricInput.parse>): void {
  const problems: string[] = []
  const onGrid = (p: number) => isOnTenthGrid(p)
  let criteriaSum = 0
  const criterionNames = new Set<string>()
  for (const c of r.criteria) {
    if (criterionNames.has(c.name)) problems.push(`一级指标“${c.name}”重复`)
    criterionNames.add(c.name)
    if (!onGrid(c.maxPoints)) problems.push(`一级指标“${c.name}”的满分最多保留一位小数`)
    let itemSum = 0
    const itemNames = new Set<string>()
    for (const i of c.items) {
      if (itemNames.has(i.name)) problems.push(`“${c.name}”下的二级指标“${i.name}”重复`)
      itemNames.add(i.name)
      const max = toTenths(i.maxPoints)
      if (!onGrid(i.maxPoints) || max % toTenths(i.step) !== 0) {
        problems.push(`二级指标“${i.name}”的满分 ${formatPoints(i.maxPoints)} 不是步长 ${i.step} 的整数倍`)
      }
      itemSum += max
    }
    if (itemSum !== toTenths(c.maxPoints)) {
      problems.push(`一级指标“${c.name}”满分 ${formatPoints(c.maxPoints)} 分，但其二级指标合计 ${formatPoints(fromTenths(itemSum))} 分`)
    }
    criteriaSum += toTenths(c.maxPoints)
  }
  if (r.criteria.length > 0 && criteriaSum !== toTenths(r.basePoints)) {
    problems.push(`各一级指标合计 ${formatPoints(fromTenths(criteriaSum))} 分，与总分 ${formatPoints(r.basePoints)} 分不符`)
  }
  if (!onGrid(r.bonusMaxPoints)) problems.push('特色加分上限最多保留一位小数')
  if (r.totalCapPoints !== null && r.totalCapPoints < r.basePoints) problems.push('含加分总分上限不能低于基础总分')
  const vetoNames = new Set(r.vetoItems.map((v) => v.name))
  if (vetoNames.size !== r.vetoItems.length) problems.push('一票否决事项重复')
  if (problems.length) throw new DomainError('RUBRIC_INVALID', `评分标准有误：${problems[0]}`, problems)
}

/** Once scores exist, the maxima, steps and set of items are frozen; wording may still change. */
function checkLocked(db: Database, meetingId: string, r: ReturnType<typeof RubricInput.parse>): void {
  const locked = !!stmt(db, `SELECT 1 FROM scores WHERE ${scoresOfMeeting()} LIMIT 1`).get(meetingId)
  if (!locked) return
  const before = getRubric(db, meetingId)
  const shape = (x: { criteria: { items: { id?: string; maxPoints: number; step: number }[] }[] }) =>
    JSON.stringify(x.criteria.map((c) => c.items.map((i) => [i.id ?? 'new', toTenths(i.maxPoints), toTenths(i.step)])))
  if (shape(before) !== shape(r) || toTenths(before.bonusMaxPoints ?? 0) !== toTenths(r.bonusMaxPoints)) {
    throw new DomainError('CONFLICT', '已有评委评分，评分标准的指标、分值和步长不能再修改（只能修改文字说明）')
  }
}

export function saveRubric(db: Database, meetingId: string, input: unknown): Rubric {
  const r = RubricInput.parse(input)
  validate(r)
  return writeTransaction(db, () => {
    if (!stmt(db, 'SELECT 1 FROM rubrics WHERE meeting_id = ?').get(meetingId)) throw notFound('会议')
    checkLocked(db, meetingId, r)
    const at = now()
    stmt(
      db,
      `UPDATE rubrics SET base_tenths = ?, bonus_max_tenths = ?, bonus_guidance = ?, total_cap_tenths = ?,
         deduction_reason_required = ?, updated_at = ? WHERE meeting_id = ?`,
    ).run(
      toTenths(r.basePoints),
      toTenths(r.bonusMaxPoints),
      r.bonusGuidance,
      r.totalCapPoints === null ? null : toTenths(r.totalCapPoints),
      r.deductionReasonRequired ? 1 : 0,
      at,
      meetingId,
    )
    const ownIds = (table: string) =>
      new Set((db.prepare(`SELECT id FROM ${table} WHERE meeting_id = ?`).all(meetingId) as { id: string }[]).map((x) => x.id))
    const allItems = r.criteria.flatMap((c) => c.items)
    const tables = [
      ['rubric_items', allItems.map((i) => i.id), '二级指标'],
      ['criteria', r.criteria.map((c) => c.id), '一级指标'],
      ['veto_items', r.vetoItems.map((v) => v.id), '否决事项'],
    ] as const
    for (const [table, wanted, label] of tables) {
      const existing = ownIds(table)
      for (const id of wanted) if (id && !existing.has(id)) throw new DomainError('VALIDATION', `${label}编号不属于本会议`)
    }
    const upsertCriterion = stmt(
      db,
      `INSERT INTO criteria (id, meeting_id, seq, name, max_tenths, updated_at) VALUES (@id, @meetingId, @seq, @name, @max, @at)
       ON CONFLICT (id) DO UPDATE SET seq = @seq, name = @name, max_tenths = @max, updated_at = @at`,
    )
    const upsertItem = stmt(
      db,
      `INSERT INTO rubric_items (id, meeting_id, criterion_id, seq, name, max_tenths, step_tenths, weight, guidance, updated_at)
       VALUES (@id, @meetingId, @criterionId, @seq, @name, @max, @step, @weight, @guidance, @at)
       ON CONFLICT (id) DO UPDATE SET criterion_id = @criterionId, seq = @seq, name = @name, max_tenths = @max,
         step_tenths = @step, weight = @weight, guidance = @guidance, updated_at = @at`,
    )
    const written = new Set<string>()
    const track = (id: string | undefined) => {
      const value = id ?? newId()
      written.add(value)
      return value
    }
    let itemSeq = 0
    r.criteria.forEach((c, ci) => {
      const criterionId = track(c.id)
      upsertCriterion.run({ id: criterionId, meetingId, seq: ci + 1, name: c.name, max: toTenths(c.maxPoints), at })
      for (const i of c.items) {
        upsertItem.run({
          id: track(i.id),
          meetingId,
          criterionId,
          seq: ++itemSeq,
          name: i.name,
          max: toTenths(i.maxPoints),
          step: toTenths(i.step),
          weight: i.weight,
          guidance: i.guidance,
          at,
        })
      }
    })
    const upsertVeto = stmt(
      db,
      `INSERT INTO veto_items (id, meeting_id, seq, name, updated_at) VALUES (@id, @meetingId, @seq, @name, @at)
       ON CONFLICT (id) DO UPDATE SET seq = @seq, name = @name, updated_at = @at`,
    )
    r.vetoItems.forEach((v, vi) => upsertVeto.run({ id: track(v.id), meetingId, seq: vi + 1, name: v.name, at }))
    // Delete what the new tree no longer has, after the upserts (an item may have moved criterion).
    for (const [table] of tables) {
      for (const id of ownIds(table)) if (!written.has(id)) db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id)
    }
    return getRubric(db, meetingId)
  })
}
