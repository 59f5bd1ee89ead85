/**
 * Find in a PDF: where a query occurs in one page's text items (the strings pdf.js's text layer
 * shows one span each). Whitespace is ignored on both sides — PDFs split Chinese text into runs with
 * stray spaces and line ends (「党建 品牌」 must match 党建品牌) — and letters match in any case.
 */

/** A piece of a hit inside one text item: characters [start, end) of items[item]. */
export interface HitPart {
  item: number
  start: number
  end: number
}

/** One occurrence of the query on a page; it may span several text items. */
export interface PageHit {
  page: number
  parts: HitPart[]
}

const fold = (ch: string): string => {
  const lower = ch.toLowerCase()
  // Only length-preserving folds, so every folded character still maps back to one source character.
  return lower.length === ch.length ? lower : ch
}

export const normalizeQuery = (query: string): string => Array.from(query.replace(/\s+/g, '')).map(fold).join('')

export function findInPage(page: number, items: readonly string[], query: string): PageHit[] {
  const needle = normalizeQuery(query)
  if (!needle) return []
  // The page as one string without whitespace, and for each of its code units the item and offset it came from.
  let text = ''
  const from: { item: number; offset: number }[] = []
  items.forEach((str, item) => {
    for (let offset = 0; offset < str.length; ) {
      const ch = String.fromCodePoint(str.codePointAt(offset)!)
      if (!/\s/.test(ch)) {
        const folded = fold(ch)
        text += folded
        for (let k = 0; k < folded.length; k++) from.push({ item, offset: offset + k })
      }
      offset += ch.length
    }
  })
  const hits: PageHit[] = []
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) {
    const parts: HitPart[] = []
    for (let i = at; i < at + needle.length; i++) {
      const { item, offset } = from[i]
      const last = parts.at(-1)
      if (last && last.item === item) last.end = offset + 1
      else parts.push({ item, start: offset, end: offset + 1 })
    }
    hits.push({ page, parts })
  }
  return hits
}
