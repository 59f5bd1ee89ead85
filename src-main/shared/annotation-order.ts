/**
 * Reading order of a reviewer's annotations, the one rule the list (core) and the panel (renderer)
 * share: by material (the unit's order), then page, then from the top of the page down.
 */
type Rect = readonly [number, number, number, number]

/**
 * How far down the page the first rectangle starts, larger = lower. PDF rectangles are in points with
 * y going up (the top is the larger y); image rectangles are pixels with y going down.
 */
export function annotationDepth(rects: readonly Rect[], onPdf: boolean): number {
  const first = rects[0]
  if (!first) return 0
  return onPdf ? -Math.max(first[1], first[3]) : Math.min(first[1], first[3])
}

export interface Orderable {
  materialSeq: number
  pageIndex: number
  rects: readonly Rect[]
  onPdf: boolean
}

export function compareAnnotations(a: Orderable, b: Orderable): number {
  return a.materialSeq - b.materialSeq || a.pageIndex - b.pageIndex || annotationDepth(a.rects, a.onPdf) - annotationDepth(b.rects, b.onPdf)
}
