/**
 * Competition ranking (1, 2, 2, 4): by the final score as people see it (rounded), then by the
 * configured tie-breakers compared exactly, each a mean over all valid sheets (shared/tie-breakers.ts);
 * units still equal share a rank (并列).
 */
import type { TieBreaker } from '../../shared/schemas/rules'
import { criterionNumber, tieBreakerLabel } from '../../shared/tie-breakers'
import { compareFrac, fixedText, type Frac } from './exact'

export interface RankCandidate {
  unitId: string
  name: string
  seq: number
  /** Final score rounded to the meeting's places, as an integer of 10^-places points. */
  roundedFinal: bigint
  /** Means over every valid sheet of the unit (the tie-breakers' basis). */
  untrimmed: Frac
  bonusMean: Frac
  criterionMeans: (Frac | null)[]
}

export interface RankOutcome {
  unitId: string
  rank: number
  tied: boolean
  tieNote: string
  /** The comparison in a few words for the 备注 column (empty when none was needed or it is a true tie). */
  tieRemark: string
}

/** The breaker's value; null when it does not apply (the caller passes only active breakers). */
function breakerValue(c: RankCandidate, breaker: TieBreaker): Frac | null {
  if (breaker === 'untrimmedMean') return c.untrimmed
  if (breaker === 'bonus') return c.bonusMean
  const n = criterionNumber(breaker)
  return n === null ? null : (c.criterionMeans[n - 1] ?? null)
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

/**
 * One sentence per way this unit compares with the others of its score, each naming both sides
 * so a clerk can read it aloud: 「“甲”与“乙”综合得分同为93.17分，按全部有效评分的平均分比较，“甲”排名在前」.
 */
function tieNoteFor(c: RankCandidate, group: RankCandidate[], rank: number, breakers: TieBreaker[], criterionNames: string[], places: number): string {
  const decided = new Map<string, { breaker: TieBreaker; ahead: boolean; names: string[] }>()
  const tiedWith: string[] = []
  for (const other of group) {
    if (other === c) continue
    const { order, decidedBy } = compareCandidates(c, other, breakers)
    if (decidedBy === null) {
      tiedWith.push(other.name)
      continue
    }
    const key = `${decidedBy}|${order < 0}`
    const entry = decided.get(key) ?? { breaker: decidedBy, ahead: order < 0, names: [] }
    entry.names.push(other.name)
    decided.set(key, entry)
  }
  const same = (names: string[]) => `“${c.name}”与${quoted(names)}综合得分同为${fixedText(c.roundedFinal, places)}分`
  const notes = [...decided.values()].map(
    ({ breaker, ahead, names }) => `${same(names)}，按${tieBreakerLabel(breaker, criterionNames)}比较，${ahead ? `“${c.name}”` : quoted(names)}排名在前`,
  )
  if (tiedWith.length) notes.push(`${same(tiedWith)}，各项比较均相同，并列第${rank}名`)
  return notes.join('；')
}

/**
 * The same comparison short enough for a table's 备注 cell, naming the others by their rank (the
 * names stand in the same table): 「综合得分与第2名相同，按全部有效评分的平均分比较排名在前」.
 * A true tie is said by the 并列 remark, so it adds nothing here.
 */
function tieRemarkFor(c: RankCandidate, group: RankCandidate[], rankOf: Map<RankCandidate, number>, breakers: TieBreaker[], criterionNames: string[]): string {
  const decided = new Map<string, { breaker: TieBreaker; ahead: boolean; ranks: number[] }>()
  for (const other of group) {
    if (other === c) continue
    const { order, decidedBy } = compareCandidates(c, other, breakers)
    if (decidedBy === null) continue
    const key = `${decidedBy}|${order < 0}`
    const entry = decided.get(key) ?? { breaker: decidedBy, ahead: order < 0, ranks: [] }
    entry.ranks.push(rankOf.get(other)!)
    decided.set(key, entry)
  }
  return [...decided.values()]
    .map(({ breaker, ahead, ranks }) => `综合得分与第${[...new Set(ranks)].join('、')}名相同，按${tieBreakerLabel(breaker, criterionNames)}比较排名在${ahead ? '前' : '后'}`)
    .join('；')
}

/** Ranks the candidates; the result is in ranking order (equal units by unit order). */
export function rankUnits(candidates: RankCandidate[], breakers: TieBreaker[], criterionNames: string[], places: number): RankOutcome[] {
  const sorted = [...candidates].sort((a, b) => compareCandidates(a, b, breakers).order || a.seq - b.seq)
  const ranks: number[] = []
  sorted.forEach((c, i) => {
    const sameAsPrevious = i > 0 && compareCandidates(sorted[i - 1], c, breakers).order === 0
    ranks.push(sameAsPrevious ? ranks[i - 1] : i + 1)
  })
  const groups = new Map<bigint, RankCandidate[]>()
  for (const c of sorted) groups.set(c.roundedFinal, [...(groups.get(c.roundedFinal) ?? []), c])
  const rankOf = new Map(sorted.map((c, i) => [c, ranks[i]]))
  return sorted.map((c, i) => ({
    unitId: c.unitId,
    rank: ranks[i],
    tied: (i > 0 && ranks[i - 1] === ranks[i]) || (i + 1 < sorted.length && ranks[i + 1] === ranks[i]),
    tieNote: tieNoteFor(c, groups.get(c.roundedFinal)!, ranks[i], breakers, criterionNames, places),
    tieRemark: tieRemarkFor(c, groups.get(c.roundedFinal)!, rankOf, breakers, criterionNames),
  }))
}
