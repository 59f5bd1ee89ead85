/**
 * The rubric as the editor holds it: every row has a local key (new rows have no id yet) and
 * numbers may be cleared while typing. Sums are done in integer tenths, like the core does.
 */
import type { RubricContent, RubricInput } from '@shared/schemas/rubric'
import { fromTenths, toTenths } from '@shared/points'

export type Step = 1 | 0.5 | 0.1

export interface ItemDraft {
  key: number
  id?: string
  name: string
  maxPoints: number | null
  step: Step
  weight: number | null
  guidance: string
}
export interface CriterionDraft {
  key: number
  id?: string
  name: string
  maxPoints: number | null
  items: ItemDraft[]
}
export interface VetoDraft {
  key: number
  id?: string
  name: string
}
export interface RubricDraft {
  basePoints: number | null
  bonusMaxPoints: number | null
  bonusGuidance: string
  totalCapPoints: number | null
  deductionReasonRequired: boolean
  criteria: CriterionDraft[]
  vetoItems: VetoDraft[]
}

let nextKey = 1
const key = () => nextKey++

export const newItem = (): ItemDraft => ({ key: key(), name: '', maxPoints: null, step: 1, weight: 1, guidance: '' })
export const newCriterion = (): CriterionDraft => ({ key: key(), name: '', maxPoints: null, items: [newItem()] })
export const newVeto = (): VetoDraft => ({ key: key(), name: '' })

/** A saved rubric, a template or another meeting's copy (the last two without ids) as the editor's draft. */
export function draftFromRubric(r: RubricContent): RubricDraft {
  return {
    basePoints: r.basePoints,
    bonusMaxPoints: r.bonusMaxPoints ?? 0,
    bonusGuidance: r.bonusGuidance ?? '',
    totalCapPoints: r.totalCapPoints ?? null,
    deductionReasonRequired: r.deductionReasonRequired ?? false,
    criteria: r.criteria.map((c) => ({
      key: key(),
      id: c.id,
      name: c.name,
      maxPoints: c.maxPoints,
      items: c.items.map((i) => ({ key: key(), id: i.id, name: i.name, maxPoints: i.maxPoints, step: i.step, weight: i.weight, guidance: i.guidance })),
    })),
    vetoItems: r.vetoItems.map((v) => ({ key: key(), id: v.id, name: v.name })),
  }
}

/** What the API receives. Cleared numbers go out as NaN so the schema reports them as missing. */
export function inputFromDraft(d: RubricDraft): RubricInput {
  const num = (n: number | null) => (n === null ? Number.NaN : n)
  return {
    basePoints: num(d.basePoints),
    bonusMaxPoints: d.bonusMaxPoints ?? 0,
    bonusGuidance: d.bonusGuidance,
    totalCapPoints: d.totalCapPoints,
    deductionReasonRequired: d.deductionReasonRequired,
    criteria: d.criteria.map((c) => ({
      ...(c.id ? { id: c.id } : {}),
      name: c.name,
      maxPoints: num(c.maxPoints),
      items: c.items.map((i) => ({
        ...(i.id ? { id: i.id } : {}),
        name: i.name,
        maxPoints: num(i.maxPoints),
        step: i.step,
        weight: i.weight ?? 1,
        guidance: i.guidance,
      })),
    })),
    vetoItems: d.vetoItems.map((v) => ({ ...(v.id ? { id: v.id } : {}), name: v.name })),
  }
}

/** Content only (no local keys): to tell whether the form differs from what was saved. */
export const draftSignature = (d: RubricDraft): string => JSON.stringify(inputFromDraft(d))

const tenths = (n: number | null) => (n === null || !Number.isFinite(n) ? 0 : toTenths(n))

export interface SumCheck {
  sum: number
  max: number
  ok: boolean
}

/** Sum of a criterion's items against the criterion's maximum. */
export function criterionCheck(c: CriterionDraft): SumCheck {
  const sum = c.items.reduce((s, i) => s + tenths(i.maxPoints), 0)
  return { sum: fromTenths(sum), max: fromTenths(tenths(c.maxPoints)), ok: c.maxPoints !== null && sum === tenths(c.maxPoints) }
}

/** Sum of the criteria maxima against the stated total. */
export function totalCheck(d: RubricDraft): SumCheck {
  const sum = d.criteria.reduce((s, c) => s + tenths(c.maxPoints), 0)
  return { sum: fromTenths(sum), max: fromTenths(tenths(d.basePoints)), ok: d.basePoints !== null && sum === tenths(d.basePoints) }
}
