/**
 * A sheet's total as the renderer shows it: items plus bonus, capped by the rubric, in integer tenths.
 * Kept in this one function so it can call the shared rule (src-main/shared) once that exists.
 */
import type { Rubric } from '@shared/schemas/rubric'
import { fromTenths, toTenths } from '@shared/points'

export function capTenths(rubric: Rubric): number {
  return toTenths(rubric.totalCapPoints ?? rubric.basePoints + rubric.bonusMaxPoints)
}

export function sheetTotal(rubric: Rubric, items: (number | null)[], bonus: number | null): number {
  const itemsTenths = items.reduce<number>((sum, v) => sum + (v === null ? 0 : toTenths(v)), 0)
  return fromTenths(Math.min(itemsTenths + toTenths(bonus ?? 0), capTenths(rubric)))
}
