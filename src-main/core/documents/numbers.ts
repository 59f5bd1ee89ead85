/**
 * How numbers are printed. Computed results (means, final scores) are already rounded by the engine
 * and are shown with exactly the meeting's decimal places; raw scores are shown as entered.
 */
import { formatPoints } from '../../shared/points'

/** A rounded result with the configured places ("93.40"); empty for null. */
export const fixed = (value: number | null, places: number): string => (value === null ? '' : value.toFixed(places))

/** A score as the reviewer entered it ("7.5", "8"); empty for null. */
export const raw = (value: number | null | undefined): string => (value == null ? '' : formatPoints(value))

/**
 * Decimal places for a column of reviewer totals: the meeting's places, but never fewer than the
 * scores themselves carry — a total of 92.5 must not print as 93 when results use whole numbers.
 */
export function totalPlaces(values: (number | null)[], places: number): number {
  const hasTenths = values.some((v) => v !== null && Math.round(v * 10) % 10 !== 0)
  return hasTenths ? Math.max(places, 1) : places
}
