/**
 * Competition ranking (1, 2, 2, 4): by the final score as people see it (rounded), then by the
 * configured tie-breakers compared exactly; units still equal share a rank (并列).
 */
import type { TieBreaker } from '../../shared/schemas/rules'
import { tieBreakerLabel } from '../../shared/rule-text'
import { compareFrac, type Frac } from './exact'

export interface RankCandidate {
  unitId: string
  name: string
  seq: number
  /** Final score rounded to the meeting's places, as an integer of 10^-places points. */
  roundedFinal: bigint
  untrimmed: Frac
  bonusMean: Frac
  criterionMeans: (Frac | null)[]
}

export interface RankOutcome {
  unitId: string
  rank: number
  tied: boolean
  tieNote: string
}

/** How a tie-breaker is named in sentences (rule text, tie notes). */
const criterionIndex = (breaker: `criterion:${number}`): number => Number(breaker.slice('criterion:'.length)) - 1

function breakerValue(c: RankCandidate, breaker: TieBreaker): Frac | null {
  if (breaker === 'untrimmedMean') return c.untrimmed
  if (breaker === 'bonus') return c.bonusMean
  return c.criterionMeans[criterionIndex(breaker)]
}

interface Comparison {
  /** Negative when a ranks ahead of b. */
  order: number
  /** The tie-breaker that separated two equal rounded final scores; null when not needed or all equal. */
  decidedBy: TieBreaker | null
}

function compareCandidates(a: RankCandidate, b: RankCandidate, breakers: TieBreaker[]): Comparison {
  if (a.roundedFinal !== b.roundedFinal) return { order: a.roundedFinal > b.roundedFinal ? -1 : 1, decidedBy: null }
  for (const breaker of breakers) {
    const va = breakerValue(a, breaker)
    const vb = breakerValue(b, breaker)
    if (va === null || vb === null) continue
    const cmp = compareFrac(va, vb)
    if (cmp !== 0) return { order: -cmp, decidedBy: breaker }
  }
  return { order: 0, decidedBy: null }
}

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join('')

function tieNoteFor(c: RankCandidate, group: RankCandidate[], rank: number, breakers: TieBreaker[], criterionNames: string[]): string {
  const parts = new Map<string, string[]>()
  const tiedWith: string[] = []
  for (const other of group) {
    if (other === c) continue
    const { order, decidedBy } = compareCandidates(c, other, breakers)
    if (decidedBy === null) {
      tiedWith.push(other.name)
      continue
    }
    const key = `按${tieBreakerLabel(decidedBy, criterionNames)}排序在${order < 0 ? '前' : '后'}`
    parts.set(key, [...(parts.get(key) ?? []), other.name])
  }
  const notes = [...parts].map(([how, names]) => `与${quoted(names)}综合得分相同，${how}`)
  if (tiedWith.length) notes.push(`与${quoted(tiedWith)}各项比较均相同，并列第${rank}名`)
  return notes.join('；')
}

/** Ranks the candidates; the result is in ranking order (equal units by unit order). */
export function rankUnits(candidates: RankCandidate[], breakers: TieBreaker[], criterionNames: string[]): RankOutcome[] {
  const sorted = [...candidates].sort((a, b) => compareCandidates(a, b, breakers).order || a.seq - b.seq)
  const ranks: number[] = []
  sorted.forEach((c, i) => {
    const sameAsPrevious = i > 0 && compareCandidates(sorted[i - 1], c, breakers).order === 0
    ranks.push(sameAsPrevious ? ranks[i - 1] : i + 1)
  })
  const groups = new Map<bigint, RankCandidate[]>()
  for (const c of sorted) groups.set(c.roundedFinal, [...(groups.get(c.roundedFinal) ?? []), c])
  return sorted.map((c, i) => ({
    unitId: c.unitId,
    rank: ranks[i],
    tied: (i > 0 && ranks[i - 1] === ranks[i]) || (i + 1 < sorted.length && ranks[i + 1] === ranks[i]),
    tieNote: tieNoteFor(c, groups.get(c.roundedFinal)!, ranks[i], breakers, criterionNames),
  }))
}
