/**
 * Exact arithmetic for results: every score is an integer number of tenths, every mean a fraction
 * of integers. Nothing is ever a binary float until the final, rounded value is handed out.
 */

/** A non-reduced fraction num/den (den > 0), in tenths of a point unless said otherwise. */
export interface Frac {
  num: bigint
  den: bigint
}

export const frac = (num: number | bigint, den: number | bigint = 1n): Frac => {
  const n = BigInt(num)
  const d = BigInt(den)
  if (d === 0n) throw new RangeError('denominator is zero')
  return d < 0n ? { num: -n, den: -d } : { num: n, den: d }
}

/** The mean of integer values as an exact fraction; null for no values. */
export function meanOf(values: readonly number[]): Frac | null {
  if (values.length === 0) return null
  let sum = 0
  for (const v of values) sum += v
  return frac(sum, values.length)
}

/** -1, 0 or 1: a < b, a = b, a > b, exactly. */
export function compareFrac(a: Frac, b: Frac): number {
  const left = a.num * b.den
  const right = b.num * a.den
  return left < right ? -1 : left > right ? 1 : 0
}

export const subFrac = (a: Frac, b: Frac): Frac => frac(a.num * b.den - b.num * a.den, a.den * b.den)
export const absFrac = (a: Frac): Frac => (a.num < 0n ? { num: -a.num, den: a.den } : a)

const POW10 = [1n, 10n, 100n, 1000n, 10000n, 100000n, 1000000n]

/**
 * A value in tenths rounded half-up (四舍五入, halves away from zero) to `places` decimals of a
 * point, returned as an integer count of 10^-places points: 87.125 points at 2 places → 8713n.
 * q = floor((2·n + d) / (2·d)) on the magnitude, all in integers.
 */
export function roundScaled(tenths: Frac, places: number): bigint {
  // value in 10^-places points = tenths · 10^places / 10
  const n = (tenths.num < 0n ? -tenths.num : tenths.num) * POW10[places]
  const d = tenths.den * 10n
  const q = (2n * n + d) / (2n * d)
  return tenths.num < 0n ? -q : q
}

/** The rounded value as the number people see (87.13). */
export function roundPoints(tenths: Frac, places: number): number {
  return Number(roundScaled(tenths, places)) / Number(POW10[places])
}

/** Integer tenths as points (875 → 87.5); exact because tenths are integers. */
export const pointsOf = (tenths: number): number => tenths / 10

/**
 * A setting typed as a decimal number (15, 2.5, 89.5) as an exact fraction of a point. Settings
 * carry at most a few decimals; reading them on a 10^-6 grid removes float noise like 2.4999999.
 */
export function decimalPoints(value: number): Frac {
  return frac(Math.round(value * 1e6), 1_000_000)
}

/** A decimal setting in tenths of a point, as a fraction. */
export function decimalTenths(value: number): Frac {
  return frac(Math.round(value * 1e6), 100_000)
}

/** An integer count of 10^-places points as printed with fixed places: (9317n, 2) → "93.17", (900n, 1) → "90.0". */
export function fixedText(scaled: bigint, places: number): string {
  const digits = (scaled < 0n ? -scaled : scaled).toString().padStart(places + 1, '0')
  const text = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits
  return scaled < 0n ? `-${text}` : text
}

/**
 * Whether the product of `a` is at least the product of `b`, for non-negative safe integers,
 * exactly: double products decide when they are clearly apart (their rounding error is below
 * 1e-15 relative), BigInt products decide the close calls.
 */
export function productAtLeast(a: readonly number[], b: readonly number[]): boolean {
  let fa = 1
  let fb = 1
  for (const x of a) fa *= x
  for (const x of b) fb *= x
  if (fa > fb * (1 + 1e-9)) return true
  if (fa < fb * (1 - 1e-9)) return false
  let ba = 1n
  let bb = 1n
  for (const x of a) ba *= BigInt(x)
  for (const x of b) bb *= BigInt(x)
  return ba >= bb
}
