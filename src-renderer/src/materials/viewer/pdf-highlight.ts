/**
 * Marks find hits inside a page's text layer: each touched span gets its matched characters wrapped
 * in <span class="highlight">, the current hit also `selected`. The spans are transparent over the
 * canvas, so the marks sit exactly on the printed glyphs.
 */
import type { PageHit } from './pdf-find'

/** Puts back the plain text of spans marked before, then marks `hits` (index `selected` as current). */
export function markHits(divs: readonly HTMLElement[], items: readonly string[], hits: readonly PageHit[], selected: number): HTMLElement | null {
  divs.forEach((div, i) => {
    if (!div.dataset.marked) return
    div.textContent = items[i] ?? div.textContent
    delete div.dataset.marked
  })
  const perItem = new Map<number, { start: number; end: number; selected: boolean }[]>()
  hits.forEach((hit, index) => {
    for (const part of hit.parts) {
      const list = perItem.get(part.item) ?? []
      list.push({ start: part.start, end: part.end, selected: index === selected })
      perItem.set(part.item, list)
    }
  })
  let first: HTMLElement | null = null
  for (const [item, ranges] of perItem) {
    const div = divs[item]
    const text = items[item]
    if (!div || text === undefined) continue
    ranges.sort((a, b) => a.start - b.start)
    const pieces: Node[] = []
    let at = 0
    for (const range of ranges) {
      if (range.start > at) pieces.push(document.createTextNode(text.slice(at, range.start)))
      const mark = document.createElement('span')
      mark.className = range.selected ? 'highlight selected' : 'highlight'
      mark.textContent = text.slice(range.start, range.end)
      pieces.push(mark)
      if (range.selected && !first) first = mark
      at = range.end
    }
    if (at < text.length) pieces.push(document.createTextNode(text.slice(at)))
    div.replaceChildren(...pieces)
    div.dataset.marked = '1'
  }
  return first
}
