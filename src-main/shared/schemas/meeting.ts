import { z } from 'zod'
import { CLOCK_TIME_HINT, normalizeClockTime } from '../clock-time'
import { Id, IsoDate, Timestamp, optionalText, trimmed } from './common'

/** A time of day, stored as "HH:MM" ("" when not given); 9点 or 09：00 are read the same way. */
const Time = z
  .string()
  .transform((text, ctx) => {
    const time = normalizeClockTime(text)
    if (time === null) {
      ctx.addIssue({ code: 'custom', message: CLOCK_TIME_HINT })
      return z.NEVER
    }
    return time
  })
  .pipe(z.string().regex(/^(\d\d:\d\d)?$/))
  .default('')

export const MeetingFields = z.object({
  title: trimmed('会议名称', 120),
  date: IsoDate,
  startTime: Time,
  endTime: Time,
  place: optionalText(200),
  host: optionalText(100),
  hostTitle: optionalText(100),
  recorder: optionalText(100),
  issuingBody: optionalText(100),
  reportMinutes: z.number().int().min(0).max(120).default(8),
  questionMinutes: z.number().int().min(0).max(120).default(5),
})
export type MeetingFields = z.infer<typeof MeetingFields>

export const Meeting = MeetingFields.extend({
  id: Id,
  isDemo: z.boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Meeting = z.infer<typeof Meeting>

export const MeetingSummary = Meeting.extend({
  unitCount: z.number().int(),
  reviewerCount: z.number().int(),
  scoreCount: z.number().int(),
})
export type MeetingSummary = z.infer<typeof MeetingSummary>
