/**
 * Putting a common phrase (or a copied note) into a comment field: at the caret, replacing any
 * selection, or at the end when the field is not focused. Clauses are joined with 「；」, the way the
 * minutes' opinion draft splits them back into sentences, unless a separator is already there.
 */
const ENDS_CLAUSE = /[；;。.，,、：:！!？?\s]$/u
const STARTS_CLAUSE = /^[；;。.，,、：:！!？?\s]/u

export interface CaretRange {
  start: number
  end: number
}
export interface Inserted {
  text: string
  /** Where the caret goes: right after the inserted phrase. */
  caret: number
}

/** The field's new text, or null when it would be longer than `maxLength` (nothing is inserted). */
export function insertPhrase(text: string, phrase: string, at: CaretRange | null, maxLength = Infinity): Inserted | null {
  const start = at ? Math.min(at.start, at.end) : text.length
  const end = at ? Math.max(at.start, at.end) : text.length
  const before = text.slice(0, start)
  const after = text.slice(end)
  const head = `${before}${before && !ENDS_CLAUSE.test(before) ? '；' : ''}${phrase}`
  const result = `${head}${after && !STARTS_CLAUSE.test(after) ? '；' : ''}${after}`
  return result.length > maxLength ? null : { text: result, caret: head.length }
}
