/**
 * Hand-made meetings for the results engine: names in, an EngineInput with valid ids out.
 * A sheet is given per reviewer in order: a number (single-item rubric), item values, or an
 * object with bonus; 'recused' and null (nothing scored) as such; { partial } for unfinished.
 */
import { MeetingResults } from '../../../src-main/shared/schemas/results'
import { RulesInput } from '../../../src-main/shared/schemas/rules'
import { computeResults } from '../../../src-main/core/results/compute'
import type { EngineInput, VetoDecision } from '../../../src-main/core/results/types'

export type SheetSpec = number | number[] | { items: number[]; bonus?: number } | { partial: (number | null)[] } | 'recused' | null

export interface MeetingSpec {
  reviewers: string[]
  /** Unit name → one sheet per reviewer, in reviewer order. */
  units: Record<string, SheetSpec[]>
  /** Item maxima in points per first-level criterion; default one criterion with one 100-point item. */
  criteria?: { name: string; items: number[] }[]
  bonusMax?: number
  cap?: number
  rules?: RulesInput
  vetoes?: { reviewer: string; unit: string; item?: string; reason?: string }[]
  decisions?: { unit: string; decision: VetoDecision; reason: string }[]
}

let counter = 0
/** A UUID-shaped id (the schemas require UUIDs) that stays readable in failures. */
export const fakeId = (n = ++counter) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
const tenths = (points: number) => Math.round(points * 10)

export function buildInput(spec: MeetingSpec): EngineInput {
  const criteriaSpec = spec.criteria ?? [{ name: '综合评价', items: [100] }]
  const criteria = criteriaSpec.map((c) => ({
    id: fakeId(),
    name: c.name,
    maxTenths: tenths(c.items.reduce((a, b) => a + b, 0)),
    items: c.items.map((max) => ({ id: fakeId(), maxTenths: tenths(max) })),
  }))
  const items = criteria.flatMap((c) => c.items)
  const base = criteria.reduce((a, c) => a + c.maxTenths, 0)
  const reviewers = spec.reviewers.map((name) => ({ id: fakeId(), name, role: 'member' }))
  const units = Object.keys(spec.units).map((name, i) => ({ id: fakeId(), name, seq: i + 1 }))
  const rid = (name: string) => reviewers.find((r) => r.name === name)!.id
  const uid = (name: string) => units.find((u) => u.name === name)!.id
  const input: EngineInput = {
    meetingId: fakeId(),
    reviewers,
    units,
    criteria,
    bonusMaxTenths: tenths(spec.bonusMax ?? 0),
    totalCapTenths: spec.cap === undefined ? base + tenths(spec.bonusMax ?? 0) : tenths(spec.cap),
    scores: [],
    bonuses: [],
    recusals: [],
    vetoMarks: [],
    vetoDecisions: [],
    rules: RulesInput.parse(spec.rules ?? {}) as EngineInput['rules'],
    computedAt: '2024-12-18T10:00:00.000Z',
  }
  units.forEach((unit) => {
    spec.units[unit.name].forEach((sheet, r) => {
      const reviewerId = reviewers[r].id
      if (sheet === null) return
      if (sheet === 'recused') return void input.recusals.push({ reviewerId, unitId: unit.id })
      const values: (number | null)[] =
        typeof sheet === 'number' ? [sheet] : Array.isArray(sheet) ? sheet : 'partial' in sheet ? sheet.partial : sheet.items
      const scored = values.flatMap((v, i) => (v === null ? [] : [{ id: items[i].id, tenths: tenths(v) }]))
      input.scores.push({ reviewerId, unitId: unit.id, itemIds: scored.map((x) => x.id), tenths: scored.map((x) => x.tenths) })
      if (typeof sheet === 'object' && !Array.isArray(sheet) && 'bonus' in sheet && sheet.bonus !== undefined) {
        input.bonuses.push({ reviewerId, unitId: unit.id, tenths: tenths(sheet.bonus) })
      }
    })
  })
  for (const v of spec.vetoes ?? []) {
    input.vetoMarks.push({ reviewerId: rid(v.reviewer), unitId: uid(v.unit), vetoItemId: fakeId(999), vetoItemName: v.item ?? '发生严重违纪违法案件', reason: v.reason ?? '有立案记录' })
  }
  for (const d of spec.decisions ?? []) input.vetoDecisions.push({ unitId: uid(d.unit), decision: d.decision, reason: d.reason })
  return input
}

/** Computes and checks the output against the shared schema, as the dispatcher would. */
export function compute(spec: MeetingSpec | EngineInput): MeetingResults {
  const input = 'meetingId' in spec ? spec : buildInput(spec)
  return MeetingResults.parse(computeResults(input))
}

export const unitNamed = (results: MeetingResults, name: string) => results.units.find((u) => u.unitName === name)!
