/**
 * One unit's scores: which sheets count, the one highest and one lowest dropped, and the exact
 * means. Everything here stays in integer tenths and exact fractions.
 */
import type { ReviewerTotal } from '../../shared/schemas/results'
import { sheetTotalTenths, type SheetLimits } from '../../shared/sheet-total'
import { meanOf, pointsOf, type Frac } from './exact'
import { isComplete, sheetIndex, type SheetTable } from './sheets'

/** A counted sheet: not recused, every item scored. */
export interface ValidSheet {
  reviewer: number
  subtotal: number
  /** The bonus that counts: total − subtotal, i.e. what is left of it under the cap. */
  bonus: number
  total: number
  /** A view into the sheet table: one sum per first-level criterion. */
  criterionSums: Int32Array
}

export interface UnitScore {
  valid: ValidSheet[]
  kept: ValidSheet[]
  trimmed: boolean
  dropHigh: ValidSheet | null
  dropLow: ValidSheet | null
  /** Some non-recused reviewer has not scored every item yet. */
  incomplete: boolean
  final: Frac | null
  untrimmed: Frac | null
  /** Means of the kept sheets: the parts of the final score (有效平均分, 其中加分). */
  validMean: Frac | null
  bonusMean: Frac | null
  /** Means over every valid sheet (DOMAIN.md §3): the tie-breakers' basis, whichever sheets were dropped. */
  allBonusMean: Frac | null
  criterionMeans: (Frac | null)[]
  /** Highest and lowest valid total, tenths. */
  highest: number | null
  lowest: number | null
}

/**
 * Orders sheets with equal totals so the choice of which one to drop never depends on the
 * reviewer order: by total, then subtotal (without bonus), then each criterion in order; only
 * sheets equal in all of these fall back to reviewer order, and then every result is the same
 * whichever is dropped.
 */
export function compareSheets(a: ValidSheet, b: ValidSheet): number {
  if (a.total !== b.total) return a.total - b.total
  if (a.subtotal !== b.subtotal) return a.subtotal - b.subtotal
  for (let c = 0; c < a.criterionSums.length; c++) {
    if (a.criterionSums[c] !== b.criterionSums[c]) return a.criterionSums[c] - b.criterionSums[c]
  }
  return 0
}

function pickExtreme(sheets: ValidSheet[], sign: 1 | -1, except: ValidSheet | null): ValidSheet {
  let best: ValidSheet | null = null
  for (const s of sheets) {
    if (s === except) continue
    // Strictly better only: among equals the first in reviewer order stays.
    if (best === null || sign * compareSheets(s, best) > 0) best = s
  }
  return best!
}

function meanWith(sheets: ValidSheet[], value: (s: ValidSheet) => number): Frac | null {
  return meanOf(sheets.map(value))
}

export function scoreUnit(t: SheetTable, unit: number, limits: SheetLimits, trimMinReviewers: number): UnitScore {
  const valid: ValidSheet[] = []
  let incomplete = false
  for (let r = 0; r < t.reviewerCount; r++) {
    const sheet = sheetIndex(t, unit, r)
    if (t.recused[sheet]) continue
    if (!isComplete(t, sheet)) {
      incomplete = true
      continue
    }
    const subtotal = t.subtotal[sheet]
    const total = sheetTotalTenths(subtotal, t.bonus[sheet], limits)
    const criterionSums = t.criterionSums.subarray(sheet * t.criterionCount, (sheet + 1) * t.criterionCount)
    valid.push({ reviewer: r, subtotal, bonus: total - subtotal, total, criterionSums })
  }

  const trimmed = valid.length >= trimMinReviewers
  const dropLow = trimmed ? pickExtreme(valid, -1, null) : null
  const dropHigh = trimmed ? pickExtreme(valid, 1, dropLow) : null
  const kept = valid.filter((s) => s !== dropLow && s !== dropHigh)
  const totals = valid.map((s) => s.total)
  return {
    valid,
    kept,
    trimmed,
    dropHigh,
    dropLow,
    incomplete,
    final: meanWith(kept, (s) => s.total),
    untrimmed: meanOf(totals),
    validMean: meanWith(kept, (s) => s.subtotal),
    bonusMean: meanWith(kept, (s) => s.bonus),
    allBonusMean: meanWith(valid, (s) => s.bonus),
    criterionMeans: Array.from({ length: t.criterionCount }, (_, c) => meanWith(valid, (s) => s.criterionSums[c])),
    highest: totals.length ? Math.max(...totals) : null,
    lowest: totals.length ? Math.min(...totals) : null,
  }
}

/** The unit's row of reviewer totals, one entry per reviewer in reviewer order. */
export function reviewerTotals(t: SheetTable, unit: number, score: UnitScore, reviewerIds: string[]): ReviewerTotal[] {
  const byReviewer = new Map(score.valid.map((s) => [s.reviewer, s]))
  return reviewerIds.map((reviewerId, r) => {
    const sheet = sheetIndex(t, unit, r)
    const s = byReviewer.get(r)
    const recused = t.recused[sheet] === 1
    return {
      reviewerId,
      subtotal: s ? pointsOf(s.subtotal) : null,
      bonus: s ? pointsOf(s.bonus) : null,
      total: s ? pointsOf(s.total) : null,
      recused,
      incomplete: !recused && !s,
      dropped: s && s === score.dropHigh ? 'high' : s && s === score.dropLow ? 'low' : null,
    }
  })
}
