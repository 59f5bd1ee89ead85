/**
 * Checks that lead the organizer to re-check a sheet (never a silent correction): a total far
 * from the other reviewers' mean, identical totals for every unit, full marks everywhere.
 * Thresholds are inclusive (DOMAIN.md §3: "≥15 points or ≥2 SD") and compared exactly.
 */
import type { Flag } from '../../shared/schemas/results'
import { decimalPoints, decimalTenths, formatRounded, frac, pointsOf } from './exact'
import { isComplete, sheetIndex, type SheetTable } from './sheets'
import type { EngineInput } from './types'
import type { UnitScore, ValidSheet } from './unit-scores'

/** Sum and sum of squares of the totals of a unit's other valid reviewers. */
interface Others {
  count: number
  sum: number
  squares: number
}

function deviationFlag(input: EngineInput, unit: number, sheet: ValidSheet, others: Others): Flag | null {
  const { deviationPoints, deviationSd, roundingPlaces } = input.rules
  const n = BigInt(others.count)
  if (n === 0n) return null
  const sum = BigInt(others.sum)
  const squares = BigInt(others.squares)
  const x = BigInt(sheet.total)
  const diff = n * x - sum // (x − mean) · n, in tenths
  const absDiff = diff < 0n ? -diff : diff

  let byPoints = false
  if (deviationPoints !== null) {
    const limit = decimalTenths(deviationPoints)
    byPoints = absDiff * limit.den >= limit.num * n
  }
  // Sample standard deviation of the others (as Excel/WPS STDEV): s² = (nQ − S²) / (n(n − 1)).
  let bySd = false
  const spread = n * squares - sum * sum
  if (deviationSd !== null && n >= 3n && spread > 0n) {
    const k = decimalPoints(deviationSd)
    // |x − mean| ≥ k·s  ⇔  (nx − S)² (n − 1) · kden² ≥ knum² · n · (nQ − S²)
    bySd = absDiff * absDiff * (n - 1n) * k.den * k.den >= k.num * k.num * n * spread
  }
  if (!byPoints && !bySd) return null

  const reviewer = input.reviewers[sheet.reviewer]
  const mean = frac(sum, n)
  const gap = frac(absDiff, n)
  let message =
    `${reviewer.name}对“${input.units[unit].name}”的总分 ${pointsOf(sheet.total)} 分，` +
    `比其他评委平均分（${formatRounded(mean, roundingPlaces)} 分）${diff < 0n ? '低' : '高'} ${formatRounded(gap, roundingPlaces)} 分`
  if (byPoints) message += `（阈值 ${deviationPoints} 分）`
  if (bySd) {
    const sd = Math.sqrt(Number(spread) / Number(n * (n - 1n)))
    const times = Math.round((Number(absDiff) / Number(n) / sd) * 10) / 10
    message += `，为其他评委评分标准差的 ${times} 倍（阈值 ${deviationSd} 倍）`
  }
  return { kind: 'deviation', reviewerId: reviewer.id, unitId: input.units[unit].id, message }
}

function reviewerFlags(input: EngineInput, t: SheetTable, scores: UnitScore[]): Flag[] {
  const flags: Flag[] = []
  const validTotals: number[][] = input.reviewers.map(() => [])
  scores.forEach((score) => score.valid.forEach((s) => validTotals[s.reviewer].push(s.total)))
  input.reviewers.forEach((reviewer, r) => {
    const totals = validTotals[r]
    if (totals.length >= 3 && totals.every((v) => v === totals[0])) {
      flags.push({ kind: 'identical', reviewerId: reviewer.id, unitId: null, message: `${reviewer.name}对 ${totals.length} 个单位的总分均为 ${pointsOf(totals[0])} 分` })
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
      flags.push({ kind: 'fullMarks', reviewerId: reviewer.id, unitId: null, message: `${reviewer.name}对已评的 ${started} 个单位每一项都打了满分` })
    }
  })
  return flags
}

/** Deviation flags by unit then reviewer order, then reviewer-wide flags by reviewer order. */
export function computeFlags(input: EngineInput, t: SheetTable, scores: UnitScore[]): Flag[] {
  const flags: Flag[] = []
  if (input.rules.deviationPoints !== null || input.rules.deviationSd !== null) {
    scores.forEach((score, unit) => {
      let sum = 0
      let squares = 0
      for (const s of score.valid) {
        sum += s.total
        squares += s.total * s.total
      }
      for (const sheet of score.valid) {
        const others = { count: score.valid.length - 1, sum: sum - sheet.total, squares: squares - sheet.total * sheet.total }
        const flag = deviationFlag(input, unit, sheet, others)
        if (flag) flags.push(flag)
      }
    })
  }
  return [...flags, ...reviewerFlags(input, t, scores)]
}
