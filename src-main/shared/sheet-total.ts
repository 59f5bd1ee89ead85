/**
 * A reviewer's total for one unit (DOMAIN.md §2): the items' sum plus 特色加分, the bonus never above
 * its maximum and the total never above the rubric's cap. One home for the results engine, the
 * scoring service, the documents and the scoring form, so a total and its wording never drift apart.
 * Everything is in integer tenths of a point.
 */
import { formatPoints, fromTenths, toTenths } from './points'

export interface SheetLimits {
  bonusMaxTenths: number
  capTenths: number
}

/** The cap as stored (null = not set): by default the base points plus the bonus maximum. */
export const capTenthsOf = (baseTenths: number, bonusMaxTenths: number, capTenths: number | null): number =>
  capTenths ?? baseTenths + bonusMaxTenths

/** The limits of a rubric given in points (the API's Rubric, a draft, a document's copy). */
export function sheetLimits(rubric: { basePoints: number; bonusMaxPoints?: number | null; totalCapPoints?: number | null }): SheetLimits {
  const bonusMaxTenths = toTenths(rubric.bonusMaxPoints ?? 0)
  const cap = rubric.totalCapPoints == null ? null : toTenths(rubric.totalCapPoints)
  return { bonusMaxTenths, capTenths: capTenthsOf(toTenths(rubric.basePoints), bonusMaxTenths, cap) }
}

/** The rubric's cap in points (105). */
export const capPoints = (rubric: Parameters<typeof sheetLimits>[0]): number => fromTenths(sheetLimits(rubric).capTenths)

/**
 * min(items + min(bonus, bonus max), cap). The bonus is clamped too: a value saved before the
 * rubric's bonus maximum was lowered still counts only up to the maximum.
 */
export function sheetTotalTenths(subtotalTenths: number, bonusTenths: number | null | undefined, limits: SheetLimits): number {
  return Math.min(subtotalTenths + Math.min(bonusTenths ?? 0, limits.bonusMaxTenths), limits.capTenths)
}

/** The same total for values in points (7.5), summed exactly in tenths. */
export const sheetTotalPoints = (subtotalPoints: number, bonusPoints: number | null | undefined, limits: SheetLimits): number =>
  fromTenths(sheetTotalTenths(toTenths(subtotalPoints), bonusPoints == null ? null : toTenths(bonusPoints), limits))

/** The cap in words, the same on the scoring form, in the rule text and in the minutes: “总分不超过105分”. */
export const capPhrase = (limits: SheetLimits): string => `总分不超过${formatPoints(fromTenths(limits.capTenths))}分`

/** The sheet total as a rule, one sentence (without the full stop) for the rule text. */
export function sheetTotalRule(limits: SheetLimits): string {
  if (limits.bonusMaxTenths === 0) return `评委总分为各项得分之和，${capPhrase(limits)}`
  return `评委总分为各项得分与特色加分之和（特色加分最高${formatPoints(fromTenths(limits.bonusMaxTenths))}分），${capPhrase(limits)}`
}
