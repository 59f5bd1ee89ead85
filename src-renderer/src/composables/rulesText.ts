/**
 * The scoring rule in words for the live preview on 计分规则: the same sentences the minutes print
 * (@shared/rule-text), plus the deviation check.
 */
import type { Band, TieBreaker } from '@shared/schemas/rules'
import { deviationSentence, ruleSentences } from '@shared/rule-text'

export { tieBreakerLabel } from '@shared/rule-text'

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 1 → "一", 12 → "十二" (enough for rubric headings). */
export function chineseNumeral(n: number): string {
  if (n <= 10) return NUMERALS[n - 1] ?? String(n)
  if (n < 20) return `十${NUMERALS[n - 11]}`
  if (n < 100) return `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`
  return String(n)
}

export interface RulesDraft {
  trimMinReviewers: number
  roundingPlaces: number
  tieBreakers: TieBreaker[]
  bands: Band[]
  deviationPoints: number | null
  deviationSd: number | null
}

/** The rule as sentences; `bonusMax`/`totalCap` come from the rubric (points). */
export function describeRules(r: RulesDraft, criterionNames: readonly string[], bonusMax: number, totalCap: number): string[] {
  return [...ruleSentences({ rules: r, criterionNames, bonusMaxPoints: bonusMax, totalCapPoints: totalCap }), deviationSentence(r)]
}
