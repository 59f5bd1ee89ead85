import { z } from 'zod'
import { Id } from './common'

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
