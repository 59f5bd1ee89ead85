/**
 * 评审意见 per unit (三、评审意见 of the minutes): the draft merged from the reviewers' comments, and
 * the organizer's edited text that the minutes print instead once saved.
 */
import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'

export const OPINION_MAX_CHARS = 2000

export const UnitOpinionRef = MeetingRef.extend({ unitId: Id })

export const UnitOpinionInput = UnitOpinionRef.extend({
  /** One paragraph per line. Empty on purpose means: print no 评审意见 for this unit. */
  text: z.string().trim().max(OPINION_MAX_CHARS, `评审意见不能超过 ${OPINION_MAX_CHARS} 个字`),
})

export const UnitOpinion = z.object({
  unitId: Id,
  /** "市数据资源局数据共享处党支部【数联先锋】", as the minutes' subheading names it. */
  unitLabel: z.string(),
  /** The unit's number in the meeting (序号). */
  seq: z.number().int(),
  /** What the minutes print: the edited text, or the draft while nothing was edited. */
  text: z.string(),
  /** Merged from the reviewers' comments: deduplicated, no names, dismissed veto claims left out. */
  draft: z.string(),
  /** True once the organizer saved their own text (「已修改」); false: 「自动汇总，未修改」. */
  edited: z.boolean(),
  /** Edited, and the reviewers' comments (so the draft) changed since: the organizer should compare. */
  draftChanged: z.boolean(),
  updatedAt: Timestamp.nullable(),
})
export type UnitOpinion = z.infer<typeof UnitOpinion>
