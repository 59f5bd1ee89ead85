import { z } from 'zod'

/**
 * Common phrases the organizer sets for the three parts of a unit comment; a reviewer inserts them
 * with a click. Until the organizer saves a list, the app's defaults are offered.
 */
const phrase = z.string().trim().min(1, '常用语不能为空').max(200, '一条常用语不能超过 200 个字')
const list = z.array(phrase).max(50, '每一类常用语不超过 50 条')
export const CommentPhrases = z.object({ strengths: list, weaknesses: list, suggestions: list })
export type CommentPhrases = z.infer<typeof CommentPhrases>
export const CommentPhraseList = CommentPhrases.extend({
  /** False while the app's defaults are shown (the organizer has not saved a list yet). */
  saved: z.boolean(),
})
export type CommentPhraseList = z.infer<typeof CommentPhraseList>
export const COMMENT_PARTS = ['strengths', 'weaknesses', 'suggestions'] as const
export type CommentPart = (typeof COMMENT_PARTS)[number]
export const COMMENT_PART_LABELS: Record<CommentPart, string> = { strengths: '亮点', weaknesses: '不足', suggestions: '建议' }
