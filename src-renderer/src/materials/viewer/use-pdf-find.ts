/**
 * Find in the open PDF: reads the pages' text one after another (the count grows while it runs),
 * keeps every hit in page order and which one is current. A new query stops the previous search.
 */
import { computed, ref, shallowRef } from 'vue'
import { findInPage, normalizeQuery, type PageHit } from './pdf-find'
import type { PdfSession } from './pdf-session'

export function usePdfFind(session: () => PdfSession | null) {
  const query = ref('')
  const hits = shallowRef<PageHit[]>([])
  const current = ref(-1)
  /** Pages searched so far; equals the page count when the search is complete. */
  const searched = ref(0)
  const searching = ref(false)
  /** Changes whenever the reader moves to a hit, so the page scrolls it into view even if it is the same one. */
  const focusToken = ref(0)
  let run = 0

  /** Hits of each page, with the index (within that page) of the current one or -1. */
  const byPage = computed(() => {
    const map = new Map<number, { hits: PageHit[]; selected: number }>()
    hits.value.forEach((hit, index) => {
      const entry = map.get(hit.page) ?? { hits: [], selected: -1 }
      if (index === current.value) entry.selected = entry.hits.length
      entry.hits.push(hit)
      map.set(hit.page, entry)
    })
    return map
  })

  const select = (index: number) => {
    current.value = index
    focusToken.value++
  }

  /** Searches the whole document; the first hit on or after `fromPage` becomes current as soon as it is found. */
  async function search(text: string, fromPage = 1): Promise<void> {
    const mine = ++run
    query.value = text
    hits.value = []
    current.value = -1
    searched.value = 0
    const doc = session()
    if (!doc || !normalizeQuery(text)) return
    searching.value = true
    const found: PageHit[] = []
    try {
      for (let n = 1; n <= doc.numPages; n++) {
        const pageHits = findInPage(n, await doc.textItems(n), text)
        if (mine !== run) return
        searched.value = n
        if (!pageHits.length) continue
        found.push(...pageHits)
        hits.value = [...found]
        if (current.value === -1 && n >= fromPage) select(found.length - pageHits.length)
      }
      // Nothing on or after the starting page: wrap round to the first hit.
      if (current.value === -1 && found.length) select(0)
    } catch {
      // A page whose text cannot be read ends the search with what was found so far.
    } finally {
      if (mine === run) searching.value = false
    }
  }

  const next = () => hits.value.length && select((current.value + 1) % hits.value.length)
  const previous = () => hits.value.length && select((current.value - 1 + hits.value.length) % hits.value.length)
  const clear = () => {
    run++
    query.value = ''
    hits.value = []
    current.value = -1
    searching.value = false
  }

  return { query, hits, current, searched, searching, focusToken, byPage, search, next, previous, clear }
}
