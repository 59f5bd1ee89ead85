import { z } from 'zod'

/**
 * Tie-breakers in order; `criterion:<n>` is the n-th first-level criterion (1-based). The shape only:
 * whether the rubric has criterion n is checked at save by the rules service (shared/tie-breakers.ts
 * words it), and a stored one the rubric has lost since is skipped, so results never fail on it.
 */
export const TieBreaker = z.union([z.literal('untrimmedMean'), z.literal('bonus'), z.templateLiteral(['criterion:', z.number().int()])], {
  error: '同分比较项只能是untrimmedMean、bonus或criterion:一级指标序号',
})
export type TieBreaker = z.infer<typeof TieBreaker>

export const Band = z.object({
  label: z.string().trim().min(1, '等次名称不能为空').max(10),
  /** Lowest final score that still earns this band. */
  minPoints: z.number().min(0).max(1000),
})
export type Band = z.infer<typeof Band>

export const RulesInput = z.object({
  /** Trimmed mean applies when the valid reviewers of a unit are at least this many. */
  trimMinReviewers: z.number().int().min(3, '去掉最高最低分至少需要3名评委').max(100).default(5),
  roundingPlaces: z.number().int().min(0).max(4).default(2),
  tieBreakers: z.array(TieBreaker).max(20).default(['untrimmedMean', 'criterion:1', 'criterion:2']),
  /** Ordered from best; a final score below every minPoints gets the last band. */
  bands: z
    .array(Band)
    .min(1, '至少要有一个等次')
    .max(10)
    .default([
      { label: '优秀', minPoints: 90 },
      { label: '良好', minPoints: 80 },
      { label: '合格', minPoints: 60 },
      { label: '不合格', minPoints: 0 },
    ]),
  /** Flag a reviewer's total this many points away from the others' mean (null = off). */
  deviationPoints: z.number().positive().max(1000).nullable().default(15),
  /**
   * …or this many standard deviations (null = off). Off by default: with 4–5 reviewers the others'
   * SD comes from 3–4 totals and is often under a point when they agree, so 2 SD flags 1–2 points of
   * ordinary disagreement (a 5-reviewer meeting raised 12 alerts); the 15-point rule is what a
   * clerk re-checks (DOMAIN.md §3: "e.g. ≥15 points or ≥2 SD").
   */
  deviationSd: z.number().positive().max(10).nullable().default(null),
})
export type RulesInput = z.input<typeof RulesInput>
export const Rules = RulesInput.required()
export type Rules = z.infer<typeof RulesInput>
