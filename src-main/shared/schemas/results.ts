/**
 * The computed results of a meeting: what the results view shows and the documents print.
 * All point values are already rounded half-up to the meeting's `roundingPlaces` where the
 * 评分汇总表 shows them; the engine itself works in exact integers.
 */
import { z } from 'zod'
import { Id } from './common'
import { RulesInput } from './rules'

export const VETO_STATUSES = ['none', 'pending', 'confirmed', 'not_established'] as const
export const VetoStatus = z.enum(VETO_STATUSES)

export const FLAG_KINDS = ['deviation', 'identical', 'fullMarks'] as const
export const Flag = z.object({
  kind: z.enum(FLAG_KINDS),
  reviewerId: Id,
  /** The unit for a deviation flag; null for reviewer-wide flags (identical totals, all full marks). */
  unitId: Id.nullable(),
  /** Why, in words: “赵海燕给“…”打70.0分，其他4位评委平均89.63分，相差19.63分，请其复核”. */
  message: z.string(),
})
export type Flag = z.infer<typeof Flag>

export const ReviewerTotal = z.object({
  reviewerId: Id,
  /** Item scores summed (no bonus); null when recused or when the sheet is incomplete. */
  subtotal: z.number().nullable(),
  bonus: z.number().nullable(),
  /** subtotal + bonus, capped; the number that is trimmed and averaged. */
  total: z.number().nullable(),
  recused: z.boolean(),
  /** Not every item scored: the reviewer's column shows a gap and the total is not counted. */
  incomplete: z.boolean(),
  /** Dropped as the one highest / one lowest total. */
  dropped: z.enum(['high', 'low']).nullable(),
})
export type ReviewerTotal = z.infer<typeof ReviewerTotal>

export const UnitResult = z.object({
  unitId: Id,
  unitName: z.string(),
  seq: z.number().int(),
  /** One entry per reviewer of the meeting, in reviewer order. */
  totals: z.array(ReviewerTotal),
  validReviewerCount: z.number().int(),
  /** Whether the trimmed mean applied (valid reviewers ≥ rule threshold). */
  trimmed: z.boolean(),
  highest: z.number().nullable(),
  lowest: z.number().nullable(),
  /** 有效平均分: mean of the kept subtotals (without bonus), rounded. */
  validMean: z.number().nullable(),
  /** 加分: mean of the kept bonuses, rounded. */
  bonusMean: z.number().nullable(),
  /** 综合得分: mean of the kept totals, rounded — the ranking score. */
  finalScore: z.number().nullable(),
  /** Mean of every valid total, no trimming (first default tie-breaker), rounded. */
  untrimmedMean: z.number().nullable(),
  /** Per first-level criterion, mean over every valid reviewer (the tie-breakers' basis), rounded. */
  criterionMeans: z.array(z.number().nullable()),
  rank: z.number().int().nullable(),
  /** Shares its rank with another unit after every tie-breaker (并列). */
  tied: z.boolean(),
  /** How this unit compares with those of equal final score, as sentences naming both sides (empty when none). */
  tieNote: z.string(),
  /** The same in a few words for a printed 备注 cell, naming the other units by rank (empty when none). */
  tieRemark: z.string().default(''),
  band: z.string().nullable(),
  veto: z.object({
    status: VetoStatus,
    marks: z.array(z.object({ reviewerId: Id, vetoItemId: Id, vetoItemName: z.string(), reason: z.string() })),
    decisionReason: z.string(),
  }),
  /** 退出评审: kept with its scores, out of the ranking and the bands. */
  withdrawn: z.boolean().default(false),
  /** 备注 column: 回避 / 否决 / 并列 / 退出评审 … in words. */
  remarks: z.array(z.string()),
})
export type UnitResult = z.infer<typeof UnitResult>

export const MeetingResults = z.object({
  meetingId: Id,
  rules: RulesInput.required(),
  /** The computation rule in words, printed in the minutes and the summary sheet. */
  ruleText: z.string(),
  reviewers: z.array(z.object({ id: Id, name: z.string(), role: z.string() })),
  criteria: z.array(z.object({ id: Id, name: z.string(), maxPoints: z.number() })),
  /** Ranked units first (by rank), then unranked (vetoed, no valid scores) in unit order. */
  units: z.array(UnitResult),
  flags: z.array(Flag),
  /** Units still missing scores from some non-recused reviewer: results are provisional. */
  incompleteUnitIds: z.array(Id),
  /** Score sheets (reviewer × unit taking part, not recused) not yet submitted: until 0, documents say 未全部提交. */
  unsubmittedSheets: z.number().int().min(0),
  computedAt: z.string(),
})
export type MeetingResults = z.infer<typeof MeetingResults>
