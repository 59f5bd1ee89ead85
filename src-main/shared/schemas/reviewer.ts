import { z } from 'zod'
import { Id, Timestamp, optionalText, trimmed } from './common'

export const REVIEWER_ROLES = ['chair', 'member'] as const
export const ReviewerRole = z.enum(REVIEWER_ROLES)
export const REVIEWER_ROLE_LABELS: Record<(typeof REVIEWER_ROLES)[number], string> = {
  chair: '组长',
  member: '评委',
}

export const ReviewerFields = z.object({
  name: trimmed('评委姓名', 50),
  title: optionalText(100),
  role: ReviewerRole.default('member'),
})
export type ReviewerFields = z.infer<typeof ReviewerFields>

export const Reviewer = ReviewerFields.extend({
  id: Id,
  meetingId: Id,
  seq: z.number().int(),
  submittedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
})
export type Reviewer = z.infer<typeof Reviewer>

export const RECUSAL_SOURCES = ['organizer', 'reviewer'] as const
export const Recusal = z.object({
  id: Id,
  reviewerId: Id,
  unitId: Id,
  source: z.enum(RECUSAL_SOURCES),
  reason: z.string(),
  updatedAt: Timestamp,
})
export type Recusal = z.infer<typeof Recusal>
