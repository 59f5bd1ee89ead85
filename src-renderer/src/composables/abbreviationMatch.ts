/**
 * Search as clerks abbreviate Chinese names: 人社 for 人力资源和社会保障局, 数据局 for 数据资源局.
 * A query matches a text that contains it, or that contains its characters in order (an
 * abbreviation); plain containment ranks first so exact hits lead the list.
 */
export type MatchRank = 0 | 1 | null

export function abbreviationRank(text: string, query: string): MatchRank {
  const q = query.trim()
  if (!q) return 0
  if (text.includes(q)) return 0
  let at = 0
  for (const ch of q) {
    at = text.indexOf(ch, at)
    if (at < 0) return null
    at += ch.length
  }
  return 1
}

/** The items whose fields match, containment first, each group in its original order. */
export function filterByAbbreviation<T>(items: readonly T[], query: string, fields: (item: T) => string[]): T[] {
  const ranked = items
    .map((item, index) => ({ item, index, rank: Math.min(...fields(item).map((f) => abbreviationRank(f, query) ?? 2)) }))
    .filter((r) => r.rank < 2)
  return ranked.sort((a, b) => a.rank - b.rank || a.index - b.index).map((r) => r.item)
}
