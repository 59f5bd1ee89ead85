/**
 * The 评审意见常用语 as the 评分标准 page edits them: three lists of rows with local keys (rows are
 * added, moved and removed before saving). Blank rows are left out of what is saved.
 */
import { COMMENT_PARTS, type CommentPart, type CommentPhrases } from '@shared/schemas/phrases'

export interface PhraseRow {
  key: number
  text: string
}
export type PhrasesDraft = Record<CommentPart, PhraseRow[]>

let nextKey = 1
export const newPhraseRow = (text = ''): PhraseRow => ({ key: nextKey++, text })

export function draftFromPhrases(list: CommentPhrases): PhrasesDraft {
  return {
    strengths: list.strengths.map((t) => newPhraseRow(t)),
    weaknesses: list.weaknesses.map((t) => newPhraseRow(t)),
    suggestions: list.suggestions.map((t) => newPhraseRow(t)),
  }
}

/** What phrases.save receives: trimmed, blank rows dropped (the server keeps a repeated phrase once). */
export function phrasesFromDraft(d: PhrasesDraft): CommentPhrases {
  const texts = (part: CommentPart) => d[part].map((r) => r.text.trim()).filter(Boolean)
  return { strengths: texts('strengths'), weaknesses: texts('weaknesses'), suggestions: texts('suggestions') }
}

/** Content only: to tell whether the lists differ from what was saved. */
export const phrasesSignature = (d: PhrasesDraft): string => JSON.stringify(phrasesFromDraft(d))

export const samePhrases = (a: CommentPhrases, b: CommentPhrases): boolean => COMMENT_PARTS.every((p) => a[p].join('\n') === b[p].join('\n'))

/** The number (1-based) of an earlier row with the same text, which saving will keep instead of this one. */
export function earlierDuplicate(rows: readonly PhraseRow[], index: number): number | null {
  const text = rows[index].text.trim()
  if (!text) return null
  const first = rows.findIndex((r) => r.text.trim() === text)
  return first < index ? first + 1 : null
}
