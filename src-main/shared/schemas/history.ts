import { z } from 'zod'
import { Id, MeetingRef } from './common'

/** The outcome of checking one meeting's tamper-evident score history. */
export const HistoryCheck = z.object({
  meetingId: Id,
  meetingName: z.string(),
  /** Entries whose hash and link were checked. */
  checked: z.number().int().min(0),
  /** Entries written before the history was chained (older data files): present, not checkable. */
  unchained: z.number().int().min(0),
  /** The first entry that does not fit, or null when the chain is whole. */
  broken: z
    .object({ seq: z.number().int(), at: z.string(), field: z.string(), problem: z.string() })
    .nullable(),
})
export type HistoryCheck = z.infer<typeof HistoryCheck>

export const HistoryListInput = MeetingRef.extend({
  reviewerId: Id.optional(),
  unitId: Id.optional(),
  /** Entries older than this seq (paging back); newest first. */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
})

/** One entry of the score history, in words: who, when, which sheet, what changed from what to what, why. */
export const HistoryEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  /** The reviewer whose sheet it is; '会务组' for the organizer's own acts (veto decisions). */
  who: z.string(),
  unitName: z.string(),
  /** 理论武装 / 特色加分 / 一票否决：… / 提交 / 解锁 / 一票否决认定 / 批量录入 */
  what: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>
export const HistoryPage = z.object({ entries: z.array(HistoryEntry), total: z.number().int().min(0) })
