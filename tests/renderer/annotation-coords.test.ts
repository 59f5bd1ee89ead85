/**
 * Annotation coordinates: a mark is stored in PDF points (or image pixels) and drawn in CSS pixels at
 * whatever zoom, so it must land on the same spot at every zoom and after a turn. Uses pdf.js's real
 * page viewport (legacy build, under Node) on hand-made pages, one of them with /Rotate 90.
 */
import { describe, expect, it } from 'vitest'
import { boxToPdf, clientToImage, imageRect, imageToBox, mergeLines, pdfToBox, type ViewportLike } from '../../src-renderer/src/materials/annotate/coords'
import { handPdf, pdfStream } from '../helpers/material-fixtures'

async function viewportOf(pageDict: string) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const data = new Uint8Array(handPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', `<< /Type /Page /Parent 2 0 R ${pageDict} /Contents 4 0 R >>`, pdfStream('')]))
  const page = await (await getDocument({ data }).promise).getPage(1)
  return (scale: number): ViewportLike => page.getViewport({ scale })
}

describe('PDF 点坐标与屏幕像素', () => {
  it('A4 页面：PDF 点（左下为原点）在 50%、100%、200% 缩放下落到按比例放大的同一位置', async () => {
    const at = await viewportOf('/MediaBox [0 0 595 842]')
    // A line of text 72 pt from the left, its baseline box 700–714 pt up the page.
    const stored = [72, 700, 300, 714]
    expect(pdfToBox(at(1), stored)).toEqual({ left: 72, top: 842 - 714, width: 228, height: 14 })
    for (const zoom of [0.5, 1.25, 2]) {
      const box = pdfToBox(at(zoom), stored)
      expect(box.left).toBeCloseTo(72 * zoom, 6)
      expect(box.top).toBeCloseTo(128 * zoom, 6)
      expect(box.width).toBeCloseTo(228 * zoom, 6)
      expect(box.height).toBeCloseTo(14 * zoom, 6)
      // And back: the box drawn at this zoom is the stored rectangle again.
      expect(boxToPdf(at(zoom), box)).toEqual(stored)
    }
  })

  it('在 200% 时框选的区域，在 75% 时画在同一处', async () => {
    const at = await viewportOf('/MediaBox [0 0 595 842]')
    const stored = boxToPdf(at(2), { left: 100, top: 300, width: 400, height: 60 })
    expect(stored).toEqual([50, 662, 250, 692])
    const small = pdfToBox(at(0.75), stored)
    expect(small).toEqual({ left: 37.5, top: 112.5, width: 150, height: 22.5 })
  })

  it('带 /Rotate 90 与裁切偏移的页面也能往返', async () => {
    const at = await viewportOf('/MediaBox [0 0 595 842] /CropBox [20 30 575 812] /Rotate 90')
    for (const zoom of [0.5, 1, 3]) {
      const box = { left: 40 * zoom, top: 90 * zoom, width: 200 * zoom, height: 16 * zoom }
      const stored = boxToPdf(at(zoom), box)
      const back = pdfToBox(at(zoom), stored)
      for (const key of ['left', 'top', 'width', 'height'] as const) expect(back[key]).toBeCloseTo(box[key], 1)
    }
    // Turned a quarter: the page shows wider than tall, and a box wide on screen is tall in points.
    const [x1, y1, x2, y2] = boxToPdf(at(1), { left: 0, top: 0, width: 200, height: 10 })
    expect(x2 - x1).toBeCloseTo(10, 6)
    expect(y2 - y1).toBeCloseTo(200, 6)
  })
})

describe('选中文字的矩形合并为每行一个', () => {
  it('同一行的多个片段合并，不同行分开，空矩形丢弃', () => {
    const lines = mergeLines([
      { left: 10, top: 100, width: 50, height: 16 },
      { left: 58, top: 101, width: 80, height: 15 },
      { left: 0, top: 0, width: 0, height: 0 },
      { left: 10, top: 122, width: 30, height: 16 },
      { left: 140, top: 100, width: 20, height: 17 },
    ])
    expect(lines).toEqual([
      { left: 10, top: 100, width: 150, height: 17 },
      { left: 10, top: 122, width: 30, height: 16 },
    ])
  })
})

describe('图片像素坐标（缩放与旋转）', () => {
  const photo = { width: 300, height: 120 }
  it('未旋转：屏幕点减去中心、除以缩放', () => {
    const view = { ...photo, scale: 2, rotation: 0 }
    expect(clientToImage(view, 500, 400, 500 - 300, 400 - 120)).toEqual([0, 0])
    expect(clientToImage(view, 500, 400, 500 + 100, 400 + 20)).toEqual([200, 70])
  })

  it('向右旋转 90°、180°、270° 后，图片的左上角仍读作 (0, 0)', () => {
    // Where the picture's top-left corner is on screen, 2× zoom, centre (500, 400): turned clockwise.
    const corners: Record<number, [number, number]> = { 90: [500 + 120, 400 - 300], 180: [500 + 300, 400 + 120], 270: [500 - 120, 400 + 300] }
    for (const [rotation, [x, y]] of Object.entries(corners)) {
      expect(clientToImage({ ...photo, scale: 2, rotation: Number(rotation) }, 500, 400, x, y)).toEqual([0, 0])
    }
    // The centre stays the centre whatever the turn.
    expect(clientToImage({ ...photo, scale: 0.5, rotation: 270 }, 10, 10, 10, 10)).toEqual([150, 60])
  })

  it('拖出的框按图片像素保存并截在图片内，缩放后按比例画出', () => {
    const view = { ...photo, scale: 1.5, rotation: 90 }
    const rect = imageRect(view, [250, 100], [-20, 30])
    expect(rect).toEqual([0, 30, 250, 100])
    expect(imageToBox(view, rect)).toEqual({ left: 0, top: 45, width: 375, height: 105 })
  })
})
