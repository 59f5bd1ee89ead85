import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'

/**
 * Who is at the keyboard. In reviewer mode the whole data folder answers only what that reviewer may
 * see and do (their own sheets, their units' materials, their annotations); the dispatcher refuses the
 * rest with FORBIDDEN. Entering needs the reviewer's PIN; leaving needs the organizer's PIN, so a shared
 * PC keeps scoring independent. A workspace made from a package (issue 10) cannot be left (canLeave false).
 */
export const Pin = z.string().regex(/^\d{4,12}$/, 'PIN 应为 4–12 位数字')

export const AccessState = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('organizer'), organizerPinSet: z.boolean() }),
  z.object({
    mode: z.literal('reviewer'),
    organizerPinSet: z.boolean(),
    meetingId: Id,
    meetingName: z.string(),
    reviewerId: Id,
    reviewerName: z.string(),
    since: Timestamp,
    canLeave: z.boolean(),
  }),
])
export type AccessState = z.infer<typeof AccessState>

export const SetOrganizerPinInput = z.object({ currentPin: z.string().max(64).optional(), newPin: Pin }).strict()
export const ReviewerPinStatus = z.object({ reviewerId: Id, pinSet: z.boolean() })
export const SetReviewerPinInput = MeetingRef.extend({ reviewerId: Id, pin: Pin.nullable() })
/** The PIN typed is checked, not validated: a wrong PIN is "PIN 不正确", never a format lecture. */
export const EnterReviewerInput = MeetingRef.extend({ reviewerId: Id, pin: z.string().max(64) })
export const LeaveReviewerInput = z.object({ organizerPin: z.string().max(64) }).strict()
