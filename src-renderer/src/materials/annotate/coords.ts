/**
 * Where a mark sits, in the coordinates it is stored in (shared/schemas/annotation.ts): PDF points
 * for a PDF page (pdf.js does the page's own transform: crop box, /Rotate, zoom), image pixels for a
 * photo. The screen only ever holds CSS pixels derived from these, so marks stay on the same words at
 * any zoom and after turning a photo.
 */
export type StoredRect = [number, number, number, number]

/** A box in CSS pixels, relative to the page (or the unturned image) at its current size. */
export interface Box {
  left: number
  top: number
  width: number
  height: number
}

/** The two methods of pdf.js's PageViewport used here (a page's viewport at the zoom shown). */
export interface ViewportLike {
  convertToPdfPoint(x: number, y: number): number[]
  convertToViewportPoint(x: number, y: number): number[]
}

const round = (n: number) => Math.round(n * 100) / 100

/** CSS pixels on the page → PDF points, corners ordered low to high (two decimals: 1/7200 inch). */
export function boxToPdf(viewport: ViewportLike, box: Box): StoredRect {
  const [x1, y1] = viewport.convertToPdfPoint(box.left, box.top)
  const [x2, y2] = viewport.convertToPdfPoint(box.left + box.width, box.top + box.height)
  return [round(Math.min(x1, x2)), round(Math.min(y1, y2)), round(Math.max(x1, x2)), round(Math.max(y1, y2))]
}

/** PDF points → CSS pixels on the page at the viewport's zoom. */
export function pdfToBox(viewport: ViewportLike, [x1, y1, x2, y2]: readonly number[]): Box {
  const [a, b] = viewport.convertToViewportPoint(x1, y1)
  const [c, d] = viewport.convertToViewportPoint(x2, y2)
  return { left: Math.min(a, c), top: Math.min(b, d), width: Math.abs(c - a), height: Math.abs(d - b) }
}

/**
 * A text selection's client rectangles (one per run, often several per line, some overlapping) as one
 * box per line: boxes that share most of their height are one line, merged left to right.
 */
export function mergeLines(boxes: readonly Box[]): Box[] {
  const lines: Box[] = []
  const sorted = boxes.filter((b) => b.width > 0.5 && b.height > 0.5).sort((a, b) => a.top - b.top || a.left - b.left)
  for (const box of sorted) {
    const line = lines.find((l) => {
      const overlap = Math.min(l.top + l.height, box.top + box.height) - Math.max(l.top, box.top)
      return overlap > 0.5 * Math.min(l.height, box.height)
    })
    if (!line) {
      lines.push({ ...box })
      continue
    }
    const right = Math.max(line.left + line.width, box.left + box.width)
    const bottom = Math.max(line.top + line.height, box.top + box.height)
    line.left = Math.min(line.left, box.left)
    line.top = Math.min(line.top, box.top)
    line.width = right - line.left
    line.height = bottom - line.top
  }
  return lines
}

/** How a photo is shown: its natural size, the zoom, a clockwise quarter-turn count in degrees. */
export interface ImageView {
  width: number
  height: number
  scale: number
  rotation: number
}

/**
 * A point on screen → the image's own pixels. `centerX/centerY` is the centre of the shown picture
 * (turning happens about it, so it is the same turned or not); the offset is turned back, then unzoomed.
 */
export function clientToImage(view: ImageView, centerX: number, centerY: number, clientX: number, clientY: number): [number, number] {
  const dx = clientX - centerX
  const dy = clientY - centerY
  const turn = (((view.rotation % 360) + 360) % 360) / 90
  // CSS rotate(θ) turns clockwise on screen (y down); undoing it is a turn of -θ.
  const [ux, uy] = [
    [dx, dy],
    [dy, -dx],
    [-dx, -dy],
    [-dy, dx],
  ][turn]
  return [round(view.width / 2 + ux / view.scale), round(view.height / 2 + uy / view.scale)]
}

/** Image pixels → a box on the unturned picture at the zoom (the turned wrapper turns it with the picture). */
export function imageToBox(view: ImageView, [x1, y1, x2, y2]: readonly number[]): Box {
  return { left: x1 * view.scale, top: y1 * view.scale, width: (x2 - x1) * view.scale, height: (y2 - y1) * view.scale }
}

/** Two image points (a drag) → a stored rectangle clipped to the picture. */
export function imageRect(view: ImageView, a: readonly number[], b: readonly number[]): StoredRect {
  const clip = (v: number, max: number) => Math.min(max, Math.max(0, v))
  return [clip(Math.min(a[0], b[0]), view.width), clip(Math.min(a[1], b[1]), view.height), clip(Math.max(a[0], b[0]), view.width), clip(Math.max(a[1], b[1]), view.height)]
}
