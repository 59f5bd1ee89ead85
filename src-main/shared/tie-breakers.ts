/**
 * Tie-breakers (DOMAIN.md §3): what each one means, how it reads, and which of them a rubric can
 * use. One home for the engine, the rule text, the rules service (refusing at save) and the
 * 计分规则 screen. Every tie-breaker is a mean over all valid sheets of the unit, never only the
 * kept ones, so no rank depends on which of two equal highest (or lowest) totals was dropped.
 */
import type { TieBreaker } from './schemas/rules'

const CRITERION = 'criterion:'

/** The 1-based criterion number of `criterion:<n>` written plainly (no 0, sign or leading zero); else null. */
export function criterionNumber(breaker: string): number | null {
  if (!breaker.startsWith(CRITERION)) return null
  const digits = breaker.slice(CRITERION.length)
  return /^[1-9]\d{0,5}$/.test(digits) ? Number(digits) : null
}

/** The criterion as people name it when it cannot be used: “第0项一级指标”. */
const rawCriterionName = (breaker: string) => `第${breaker.slice(CRITERION.length)}项一级指标`

/** Whether the tie-breaker can apply to a rubric with `criterionCount` first-level criteria. */
export const isUsable = (breaker: string, criterionCount: number): boolean => {
  if (breaker === 'untrimmedMean' || breaker === 'bonus') return true
  const n = criterionNumber(breaker)
  return n !== null && n <= criterionCount
}

/** Tie-breakers that apply, each once, in order; the rest are skipped (see skippedTieBreakers). */
export function activeTieBreakers(breakers: readonly TieBreaker[], criterionCount: number): TieBreaker[] {
  const seen = new Set<string>()
  return breakers.filter((b) => {
    if (seen.has(b) || !isUsable(b, criterionCount)) return false
    seen.add(b)
    return true
  })
}

/** Stored tie-breakers that name no criterion of the rubric (e.g. orphaned by a later rubric edit). */
export const skippedTieBreakers = (breakers: readonly string[], criterionCount: number): string[] =>
  [...new Set(breakers)].filter((b) => !isUsable(b, criterionCount))

/** How a tie-breaker reads in the rule text and in tie notes; the basis is part of the name. */
export function tieBreakerLabel(breaker: string, criterionNames: readonly string[]): string {
  if (breaker === 'untrimmedMean') return '全部有效评分的平均分'
  if (breaker === 'bonus') return '特色加分的平均分（全部有效评委）'
  const n = criterionNumber(breaker)
  const name = n === null ? undefined : criterionNames[n - 1]
  return name ? `“${name}”一级指标的平均分（全部有效评委）` : `${rawCriterionName(breaker)}（评分标准中没有此项，计算时跳过）`
}

const range = (count: number) => (count === 1 ? '（第1项）' : `（1—${count}）`)

/** Why a tie-breaker cannot be saved for this rubric, in words; null when it can. */
export function tieBreakerProblem(breaker: string, criterionCount: number): string | null {
  if (isUsable(breaker, criterionCount)) return null
  const has = criterionCount > 0 ? `本评分标准共有${criterionCount}项一级指标${range(criterionCount)}` : '一级指标从第1项起编号'
  return `同分比较项“${rawCriterionName(breaker)}”不存在：${has}`
}

/** The sentence the rule text adds for skipped tie-breakers, or '' when none is skipped. */
export function skippedSentence(breakers: readonly string[], criterionCount: number): string {
  const skipped = skippedTieBreakers(breakers, criterionCount)
  if (!skipped.length) return ''
  const names = skipped.map((b) => `“${rawCriterionName(b)}”`).join('')
  return `计分规则中的同分比较项${names}在现行评分标准中不存在（共有${criterionCount}项一级指标），比较时跳过。`
}
