import { z } from 'zod'

/** Tie-breakers in order; `criterion:<n>` is the n-th first-level criterion (1-based). */
export const TieBreaker = z.union([
  z.literal('untrimmedMean'),
  z.literal('bonus'),
  z.templateLiteral(['criterion:', z.number().int().min(1)]),
])
export type TieBreaker = z.infer<typeof TieBreaker>

export const Band = z.object({
  label: z.string().trim().min(1, '等次名称不能为空').max(10),
  /** Lowest final score that still earns this band. */
  minPoints: z.number().min(0).max(1000),
})
export type Band = z.infer<typeof Band>

export const RulesInput = z.object({
  /** Trimmed mean applies when the valid reviewers of a unit are at least this many. */
  trimMinReviewers: z.number().int().min(3, '去掉最高最低分至少需要 3 名评委').max(100).default(5),
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
  /** …or this many standard deviations (null = off). */
  deviationSd: z.number().positive().max(10).nullable().default(2),
})
export type RulesInput = z.input<typeof RulesInput>
export const Rules = RulesInput.required()
export type Rules = z.infer<typeof RulesInput>
