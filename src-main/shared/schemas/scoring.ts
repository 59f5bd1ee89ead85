import { z } from 'zod'
import { Id, Points, Timestamp, optionalText } from './common'

export const ScoreInput = z.object({
  reviewerId: Id,
  unitId: Id,
  itemId: Id,
  /** null clears the score. */
  value: Points.nullable(),
  deductionReason: optionalText(500),
})
export type ScoreInput = z.infer<typeof ScoreInput>

export const Score = z.object({
  itemId: Id,
  value: z.number().nullable(),
  deductionReason: z.string(),
  updatedAt: Timestamp,
})
export type Score = z.infer<typeof Score>

/** A reviewer's sheet-level entries for one unit: bonus and comments (亮点/不足/建议). */
export const ReviewInput = z.object({
  reviewerId: Id,
  unitId: Id,
  bonus: Points.nullable().default(null),
  bonusReason: optionalText(500),
  strengths: optionalText(2000),
  weaknesses: optionalText(2000),
  suggestions: optionalText(2000),
})
export type ReviewInput = z.input<typeof ReviewInput>

export const Review = z.object({
  bonus: z.number().nullable(),
  bonusReason: z.string(),
  strengths: z.string(),
  weaknesses: z.string(),
  suggestions: z.string(),
  updatedAt: Timestamp.nullable(),
})
export type Review = z.infer<typeof Review>

export const VetoMarkInput = z.object({
  reviewerId: Id,
  unitId: Id,
  vetoItemId: Id,
  marked: z.boolean(),
  reason: optionalText(500),
})
export const VetoMark = z.object({ vetoItemId: Id, reason: z.string(), updatedAt: Timestamp })
export type VetoMark = z.infer<typeof VetoMark>

/** Everything the scoring form needs for one reviewer × unit. */
export const ScoreSheet = z.object({
  reviewerId: Id,
  unitId: Id,
  recused: z.boolean(),
  /** Submitted sheets are locked: only the organizer's unlock (with a reason) opens them again. */
  locked: z.boolean(),
  submittedAt: Timestamp.nullable(),
  scores: z.array(Score),
  review: Review,
  vetoMarks: z.array(VetoMark),
  /** Sum of entered item scores (no bonus), in points. */
  subtotal: z.number(),
  /** Subtotal plus bonus, capped by the rubric. */
  total: z.number(),
  complete: z.boolean(),
})
export type ScoreSheet = z.infer<typeof ScoreSheet>

export const UnitProgress = z.object({
  unitId: Id,
  scored: z.number().int(),
  itemCount: z.number().int(),
  recused: z.boolean(),
  total: z.number(),
  /** When this reviewer submitted (locked) the unit's sheet; null = 未提交. */
  submittedAt: Timestamp.nullable(),
})
export type UnitProgress = z.infer<typeof UnitProgress>

export const SavedScore = z.object({
  score: Score,
  subtotal: z.number(),
  total: z.number(),
  scored: z.number().int(),
  itemCount: z.number().int(),
})
export type SavedScore = z.infer<typeof SavedScore>

/** Submit one reviewer's sheets: the listed units, or every unit they score (not recused, not withdrawn). */
export const SubmitInput = z.object({ reviewerId: Id, unitIds: z.array(Id).min(1).max(2000).optional() })
export const SubmitResult = z.object({
  /** Sheets locked by this call. */
  submitted: z.array(Id),
  /** Sheets that were already submitted (left as they were). */
  alreadySubmitted: z.array(Id),
  submittedAt: Timestamp,
})
export type SubmitResult = z.infer<typeof SubmitResult>

export const UnlockInput = z.object({
  reviewerId: Id,
  unitId: Id,
  reason: z.string().trim().min(1, '解锁须写明理由（将记入评分修改记录）').max(500, '理由不能超过 500 个字'),
})

/** A whole meeting's scores and veto decisions in one call (merges, paper entry, checks). */
export const MeetingScores = z.object({
  scores: z.array(z.object({ reviewerId: Id, unitId: Id, itemId: Id, value: z.number(), deductionReason: z.string(), updatedAt: Timestamp })),
  vetoDecisions: z.array(z.object({ unitId: Id, decision: z.enum(['confirmed', 'not_established']), reason: z.string(), updatedAt: Timestamp })),
})
export type MeetingScores = z.infer<typeof MeetingScores>
export const BulkScoreRow = z.object({ reviewerId: Id, unitId: Id, itemId: Id, value: Points, deductionReason: optionalText(500) })
export const BulkScoresInput = z.object({ rows: z.array(BulkScoreRow).min(1, '没有要保存的评分').max(100_000, '一次最多保存 100000 项评分') })
