/**
 * A sheet's total as the scoring form shows it: the saved items plus the saved bonus, by the one
 * shared rule (src-main/shared/sheet-total.ts) the results and the documents use too.
 */
import type { Rubric } from '@shared/schemas/rubric'
import { toTenths, fromTenths } from '@shared/points'
import { sheetLimits, sheetTotalTenths } from '@shared/sheet-total'

export function sheetTotal(rubric: Rubric, items: (number | null)[], bonus: number | null): number {
  const itemsTenths = items.reduce<number>((sum, v) => sum + (v === null ? 0 : toTenths(v)), 0)
  return fromTenths(sheetTotalTenths(itemsTenths, bonus === null ? null : toTenths(bonus), sheetLimits(rubric)))
}
