import { z } from 'zod'

/**
 * Common phrases the organizer sets for the three parts of a unit comment; a reviewer inserts them
 * with a click. Until the organizer saves a list, the app's defaults are offered.
 */
export const COMMENT_PARTS = ['strengths', 'weaknesses', 'suggestions'] as const
export type CommentPart = (typeof COMMENT_PARTS)[number]
export const COMMENT_PART_LABELS: Record<CommentPart, string> = { strengths: '亮点', weaknesses: '不足', suggestions: '建议' }

export const MAX_PHRASE_LENGTH = 200
export const MAX_PHRASES_PER_PART = 50
/** Messages name the part (「“不足”常用语…」): the organizer edits the three lists side by side. */
const list = (part: CommentPart) => {
  const label = COMMENT_PART_LABELS[part]
  const phrase = z
    .string()
    .trim()
    .min(1, `“${label}”常用语不能为空`)
    .max(MAX_PHRASE_LENGTH, `“${label}”常用语每条不能超过 ${MAX_PHRASE_LENGTH} 个字`)
  return z.array(phrase).max(MAX_PHRASES_PER_PART, `“${label}”常用语不能超过 ${MAX_PHRASES_PER_PART} 条`)
}
export const CommentPhrases = z.object({ strengths: list('strengths'), weaknesses: list('weaknesses'), suggestions: list('suggestions') })
export type CommentPhrases = z.infer<typeof CommentPhrases>
export const CommentPhraseList = CommentPhrases.extend({
  /** False while the app's defaults are shown (the organizer has not saved a list yet). */
  saved: z.boolean(),
})
export type CommentPhraseList = z.infer<typeof CommentPhraseList>
