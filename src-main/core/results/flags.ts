/**
 * Checks that lead the organizer to re-check a sheet (never a silent correction): a total far
 * from the other reviewers' mean, identical totals for every unit, full marks everywhere.
 * Thresholds are inclusive (DOMAIN.md §3: "≥15 points or ≥2 SD") and compared exactly.
 */
import type { Flag } from '../../shared/schemas/results'
import { decimalPoints, decimalTenths, fixedText, frac, productAtLeast, roundScaled } from './exact'
import { isComplete, sheetIndex, type SheetTable } from './sheets'
import type { EngineInput } from './types'
import type { UnitScore, ValidSheet } from './unit-scores'

/** Sum and sum of squares of the totals of a unit's other valid reviewers. */
interface Others {
  count: number
  sum: number
  squares: number
}

/** Thresholds as exact integer ratios: points in tenths over `den`, standard deviations over `den`. */
interface Limits {
  points: { num: number; den: number } | null
  sd: { num: number; den: number } | null
}

function limitsOf(input: EngineInput): Limits {
  const { deviationPoints, deviationSd } = input.rules
  const ratio = (f: { num: bigint; den: bigint }) => ({ num: Number(f.num), den: Number(f.den) })
  return {
    points: deviationPoints === null ? null : ratio(decimalTenths(deviationPoints)),
    sd: deviationSd === null ? null : ratio(decimalPoints(deviationSd)),
  }
}

function deviationFlag(input: EngineInput, limits: Limits, unit: number, sheet: ValidSheet, others: Others): Flag | null {
  const n = others.count
  if (n === 0) return null
  // Integers in tenths: |n·x − S| = n·|x − mean|. Every value here is far below 2^53.
  const diff = n * sheet.total - others.sum
  const absDiff = Math.abs(diff)
  // |x − mean| ≥ limit  ⇔  |n·x − S| · den ≥ num · n
  const byPoints = limits.points !== null && productAtLeast([absDiff, limits.points.den], [limits.points.num, n])
  // Sample standard deviation of the others (as Excel/WPS STDEV): s² = (nQ − S²) / (n(n − 1)).
  // |x − mean| ≥ k·s  ⇔  (nx − S)² · (n − 1) · kden² ≥ knum² · n · (nQ − S²)
  const spread = n * others.squares - others.sum * others.sum
  const k = limits.sd
  const bySd = k !== null && n >= 3 && spread > 0 && productAtLeast([absDiff, absDiff, n - 1, k.den, k.den], [k.num, k.num, n, spread])
  if (!byPoints && !bySd) return null

  const reviewer = input.reviewers[sheet.reviewer]
  return { kind: 'deviation', reviewerId: reviewer.id, unitId: input.units[unit].id, message: deviationMessage(input, unit, sheet, others) }
}

/**
 * The alert in plain words a clerk can read out: the total, the others' mean (rounded as results
 * are) and the gap between those two printed numbers, so the sentence adds up. Never in multiples
 * of a standard deviation, whichever threshold raised it.
 */
function deviationMessage(input: EngineInput, unit: number, sheet: ValidSheet, others: Others): string {
  const places = input.rules.roundingPlaces
  // The gap is shown with at least one decimal: totals are on a 0.1 grid even when means are whole.
  const gapPlaces = Math.max(places, 1)
  const mean = roundScaled(frac(others.sum, others.count), places)
  const total = BigInt(sheet.total) * 10n ** BigInt(gapPlaces - 1)
  const gap = total - mean * 10n ** BigInt(gapPlaces - places)
  return (
    `${input.reviewers[sheet.reviewer].name}给“${input.units[unit].name}”打${fixedText(BigInt(sheet.total), 1)}分，` +
    `其他${others.count}位评委平均${fixedText(mean, places)}分，相差${fixedText(gap < 0n ? -gap : gap, gapPlaces)}分，请其复核`
  )
}

function reviewerFlags(input: EngineInput, t: SheetTable, scores: UnitScore[]): Flag[] {
  const flags: Flag[] = []
  const validTotals: number[][] = input.reviewers.map(() => [])
  scores.forEach((score) => score.valid.forEach((s) => validTotals[s.reviewer].push(s.total)))
  input.reviewers.forEach((reviewer, r) => {
    const totals = validTotals[r]
    if (totals.length >= 3 && totals.every((v) => v === totals[0])) {
      flags.push({ kind: 'identical', reviewerId: reviewer.id, unitId: null, message: `${reviewer.name}对${totals.length}个单位的总分均为${fixedText(BigInt(totals[0]), 1)}分，请其复核` })
    }
    let started = 0
    let allFull = true
    for (let u = 0; u < input.units.length; u++) {
      const sheet = sheetIndex(t, u, r)
      if (t.recused[sheet] || t.scored[sheet] === 0) continue
      started++
      if (!isComplete(t, sheet) || t.fullItems[sheet] !== t.itemCount) allFull = false
    }
    if (started > 0 && allFull) {
      flags.push({ kind: 'fullMarks', reviewerId: reviewer.id, unitId: null, message: `${reviewer.name}对已评的${started}个单位每一项都打了满分，请其复核` })
    }
  })
  return flags
}

/** Deviation flags by unit then reviewer order, then reviewer-wide flags by reviewer order. */
export function computeFlags(input: EngineInput, t: SheetTable, scores: UnitScore[]): Flag[] {
  const flags: Flag[] = []
  if (input.rules.deviationPoints !== null || input.rules.deviationSd !== null) {
    const limits = limitsOf(input)
    scores.forEach((score, unit) => {
      let sum = 0
      let squares = 0
      for (const s of score.valid) {
        sum += s.total
        squares += s.total * s.total
      }
      for (const sheet of score.valid) {
        const others = { count: score.valid.length - 1, sum: sum - sheet.total, squares: squares - sheet.total * sheet.total }
        const flag = deviationFlag(input, limits, unit, sheet, others)
        if (flag) flags.push(flag)
      }
    })
  }
  return [...flags, ...reviewerFlags(input, t, scores)]
}
