/**
 * The part of the reader's text selection that lies on one PDF page, as boxes relative to the page
 * and the words themselves. Only text nodes count: a range's own client rects would also include the
 * boxes of whole spans and of pdf.js's end-of-content block, which cover far more than the words.
 */
import type { Box } from './coords'

export interface PageSelection {
  boxes: Box[]
  text: string
}

export function selectionOnPage(selection: Selection | null, page: HTMLElement, textLayer: Element): PageSelection | null {
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  if (!range.intersectsNode(textLayer)) return null
  const origin = page.getBoundingClientRect()
  const boxes: Box[] = []
  let text = ''
  const walker = document.createTreeWalker(textLayer, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (!range.intersectsNode(node)) continue
    const part = document.createRange()
    part.selectNodeContents(node)
    if (node === range.startContainer) part.setStart(node, range.startOffset)
    if (node === range.endContainer) part.setEnd(node, range.endOffset)
    text += part.toString()
    for (const r of part.getClientRects()) boxes.push({ left: r.left - origin.left, top: r.top - origin.top, width: r.width, height: r.height })
  }
  // Chinese runs are split arbitrarily by the PDF's writer: spaces between two Han characters are layout, not text.
  const words = text
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])/g, '')
    .trim()
  return boxes.length && words ? { boxes, text: words.slice(0, 5000) } : null
}
