/**
 * Annotations in Chromium through the bridge: a reviewer highlights words on a PDF page and boxes an
 * area of a scan, each with a colour and a note; the highlight stays on the same words from 100% to
 * 200%; after a reload both are there, the list shows them by material, and a click opens the page.
 * Mounted on the material page with ?annotate=<reviewerId> (the organizer's way to try the tools;
 * the reviewer workspace mounts the same MaterialViewer + AnnotationPanel).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Material } from '../../src-main/shared/schemas/material'
import { seedSmallMeeting } from '../helpers/core'
import { cidTextPdf, grayPng, imageOnlyPdf } from '../helpers/material-fixtures'
import { seedMaterials } from '../helpers/seed-materials'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'

let e: E2E
let meetingId: string
let reviewerId: string
let otherReviewerId: string
const m: Record<string, Material> = {}

beforeAll(async () => {
  e = await startE2E()
  const { meeting, units, reviewers } = await seedSmallMeeting(e.api)
  meetingId = meeting.id
  reviewerId = reviewers[1].id
  otherReviewerId = reviewers[2].id
  const seeded = await seedMaterials(e.core, meetingId, units[0].id, [
    { name: '自评报告.pdf', data: cidTextPdf([['第一页 工作概述', '打造党建品牌数联先锋', '坚持每月主题党日'], ['第二页 重点工作']]) },
    { name: '扫描台账.pdf', data: imageOnlyPdf() },
    { name: '活动照片.png', data: grayPng(300, 120) },
  ])
  for (const material of seeded) m[material.name] = material
  await e.page.setViewportSize({ width: 1280, height: 720 })
})
afterAll(async () => {
  await e?.close()
})

const open = (material: Material, query = '') => e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/materials/${material.id}?annotate=${reviewerId}${query}`)
const shot = (name: string) => e.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
const pageReady = (n: number) => expect.poll(() => e.page.locator(`.pdf-page[data-page="${n}"] .textLayer span`).count()).toBeGreaterThan(0)

/** The text run holding `text` on page 1, and the highlight mark, as screen boxes. */
const spanBox = (text: string) =>
  e.page.evaluate((t) => {
    const span = [...document.querySelectorAll('.pdf-page[data-page="1"] .textLayer span')].find((s) => s.textContent === t)
    const r = span!.getBoundingClientRect()
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
  }, text)
const markBox = (color: string) =>
  e.page.evaluate((c) => {
    const r = document.querySelector(`.pdf-page[data-page="1"] [data-test="annotation-mark"][data-color="${c}"]`)!.getBoundingClientRect()
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
  }, color)
type Rect = Awaited<ReturnType<typeof markBox>>
/** Intersection over union: 1 when the two boxes are the same. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left))
  const h = Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top))
  const area = (r: Rect) => (r.right - r.left) * (r.bottom - r.top)
  return (w * h) / (area(a) + area(b) - w * h)
}

describe('批注', () => {
  it('选中第 1 页的文字加红色高亮并写批注；放大到 200% 后仍盖住同一行字', async () => {
    await open(m['自评报告.pdf'])
    await pageReady(1)
    await e.page.locator('button', { hasText: '实际大小' }).click()
    await expect.poll(() => e.page.locator('[data-test="pdf-zoom"]').textContent()).toBe('100%')
    await pageReady(1)
    await e.page.locator('[data-test="annotation-tool-highlight"]').click()
    await e.page.locator('[data-test="annotation-color-ff6666"]').click()

    // Drag across the whole line, as a reader would select it.
    const line = await spanBox('打造党建品牌数联先锋')
    const y = (line.top + line.bottom) / 2
    await e.page.mouse.move(line.left + 1, y)
    await e.page.mouse.down()
    await e.page.mouse.move((line.left + line.right) / 2, y, { steps: 4 })
    await e.page.mouse.move(line.right - 1, y, { steps: 4 })
    await e.page.mouse.up()

    const note = e.page.locator('[data-test="annotation-note"]')
    await expect.poll(() => note.count()).toBe(1)
    expect(await note.textContent()).toContain('打造党建品牌数联先锋')
    await e.page.locator('[data-test="annotation-note-input"]').fill('品牌特色鲜明，可列为亮点')
    await shot('annotations-highlight-note')
    await e.page.locator('[data-test="annotation-note-save"]').click()
    await expect.poll(() => note.count()).toBe(0)

    const mark = e.page.locator('.pdf-page[data-page="1"] [data-test="annotation-mark"][data-color="#ff6666"]')
    await expect.poll(() => mark.count()).toBe(1)
    expect(overlap(await markBox('#ff6666'), await spanBox('打造党建品牌数联先锋'))).toBeGreaterThan(0.8)

    const saved = await e.api.annotations.list({ meetingId, reviewerId })
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject({ kind: 'highlight', pageIndex: 0, color: '#ff6666', note: '品牌特色鲜明，可列为亮点', text: '打造党建品牌数联先锋' })
    // Stored in PDF points: the line's baseline is 726 pt up the A4 page (760 − 34), whatever the zoom.
    const [x1, y1, x2, y2] = saved[0].rects[0]
    expect(x1).toBeGreaterThan(55)
    expect(x1).toBeLessThan(65)
    expect(x2).toBeGreaterThan(250)
    expect(y1).toBeLessThan(730)
    expect(y2).toBeGreaterThan(735)

    for (let i = 0; i < 8 && (await e.page.locator('[data-test="pdf-zoom"]').textContent()) !== '200%'; i++) await e.page.locator('[data-test="pdf-zoom-in"]').click()
    await expect.poll(() => e.page.locator('[data-test="pdf-zoom"]').textContent()).toBe('200%')
    // The text layer is drawn again at 200%: wait until the line is twice as wide as at 100%.
    await expect.poll(async () => Math.round(((await spanBox('打造党建品牌数联先锋')).right - (await spanBox('打造党建品牌数联先锋')).left) / (line.right - line.left))).toBe(2)
    const big = await markBox('#ff6666')
    expect(big.right - big.left).toBeGreaterThan(1.8 * (line.right - line.left))
    expect(overlap(big, await spanBox('打造党建品牌数联先锋'))).toBeGreaterThan(0.8)
    await shot('annotations-highlight-200')
  })

  it('在扫描件上框选一块区域，写上批注', async () => {
    await open(m['扫描台账.pdf'])
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    await e.page.locator('[data-test="annotation-tool-rect"]').click()
    await e.page.locator('[data-test="annotation-color-2ea8e5"]').click()
    const page = await e.page.locator('.pdf-page[data-page="1"]').boundingBox()
    await e.page.mouse.move(page!.x + 100, page!.y + 120)
    await e.page.mouse.down()
    await e.page.mouse.move(page!.x + 220, page!.y + 180, { steps: 5 })
    await e.page.mouse.move(page!.x + 300, page!.y + 220, { steps: 5 })
    await e.page.mouse.up()
    await expect.poll(() => e.page.locator('[data-test="annotation-note"]').count()).toBe(1)
    await e.page.locator('[data-test="annotation-note-input"]').fill('台账签字不全')
    await e.page.locator('[data-test="annotation-note-save"]').click()
    await expect.poll(() => e.page.locator('[data-test="annotation-note"]').count()).toBe(0)
    const mark = await e.page.locator('.pdf-page[data-page="1"] [data-test="annotation-mark"][data-color="#2ea8e5"]').boundingBox()
    expect(Math.round(mark!.x - page!.x)).toBe(100)
    expect(Math.round(mark!.width)).toBe(200)
    expect(Math.round(mark!.height)).toBe(100)
    await shot('annotations-scan-box')
  })

  it('重新载入后批注仍在；列表按材料列出两条，点击打开所在页并闪烁', async () => {
    await open(m['扫描台账.pdf'])
    await e.page.reload()
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-test="annotation-mark"]').count()).toBe(1)
    const items = e.page.locator('[data-test="annotation-item"]')
    await expect.poll(() => items.count()).toBe(2)
    const groups = e.page.locator('[data-test="annotation-group"]')
    expect(await groups.count()).toBe(2)
    expect(await groups.nth(0).textContent()).toContain('自评报告.pdf')
    expect(await items.nth(0).textContent()).toContain('第 1 页')
    expect(await items.nth(0).textContent()).toContain('打造党建品牌数联先锋')
    expect(await items.nth(0).textContent()).toContain('品牌特色鲜明，可列为亮点')
    expect(await groups.nth(1).textContent()).toContain('扫描台账.pdf')
    expect(await items.nth(1).textContent()).toContain('台账签字不全')
    await shot('annotations-panel-after-reload')

    // The flash is brief: record it when it happens rather than hoping to catch it on screen.
    await e.page.evaluate(() => {
      const seen = ((window as unknown as { flashed: string[] }).flashed = [] as string[])
      new MutationObserver((records) => {
        for (const r of records) if ((r.target as Element).classList?.contains('flashing')) seen.push((r.target as Element).closest('[data-page]')?.getAttribute('data-page') ?? '')
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'], childList: true })
    })
    await items.nth(0).locator('[data-test="annotation-open"]').click()
    await expect.poll(() => e.page.locator('h1').textContent()).toBe('自评报告.pdf')
    await expect.poll(() => e.page.locator('[data-test="pdf-page-input"]').inputValue()).toBe('1')
    await expect.poll(() => e.page.evaluate(() => (window as unknown as { flashed: string[] }).flashed)).toContain('1')
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    await shot('annotations-opened-from-list')
  })

  it('点击标记可改颜色；从列表复制批注到评审意见；另一位评委看不到', async () => {
    await open(m['自评报告.pdf'])
    await pageReady(1)
    await e.page.locator('.pdf-page[data-page="1"] [data-test="annotation-mark"]').first().click()
    await expect.poll(() => e.page.locator('[data-test="annotation-note"]').count()).toBe(1)
    expect(await e.page.locator('[data-test="annotation-note-input"]').inputValue()).toBe('品牌特色鲜明，可列为亮点')
    await e.page.locator('[data-test="annotation-note-color-5fb236"]').click()
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-test="annotation-mark"][data-color="#5fb236"]').count()).toBe(1)
    await e.page.keyboard.press('Escape')
    await expect.poll(() => e.page.locator('[data-test="annotation-note"]').count()).toBe(0)

    await e.page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await e.page.locator('[data-test="annotation-item"]').first().locator('[data-test="annotation-copy"]').click()
    await e.page.locator('[data-test="annotation-copy-strengths"]').click()
    await expect.poll(() => e.page.locator('.el-message').textContent()).toContain('可粘贴到“亮点”')
    expect(await e.page.evaluate(() => navigator.clipboard.readText())).toBe('品牌特色鲜明，可列为亮点')

    await e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/materials/${m['自评报告.pdf'].id}?annotate=${otherReviewerId}`)
    await pageReady(1)
    await expect.poll(() => e.page.locator('[data-test="annotation-count"]').textContent()).toBe('0 条')
    expect(await e.page.locator('[data-test="annotation-mark"]').count()).toBe(0)
  })

  it('在照片上框选：旋转 90° 后框仍在照片的同一处', async () => {
    await open(m['活动照片.png'])
    const image = e.page.locator('[data-test="image"]')
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(300)
    await e.page.locator('[data-test="annotation-tool-rect"]').click()
    const before = await image.boundingBox()
    const scale = before!.width / 300
    // Pixels 20..120 × 10..60 of the photo.
    await e.page.mouse.move(before!.x + 20 * scale, before!.y + 10 * scale)
    await e.page.mouse.down()
    await e.page.mouse.move(before!.x + 120 * scale, before!.y + 60 * scale, { steps: 5 })
    await e.page.mouse.up()
    await expect.poll(() => e.page.locator('[data-test="annotation-note"]').count()).toBe(1)
    await e.page.keyboard.press('Escape')
    const [saved] = await e.api.annotations.list({ meetingId, reviewerId, materialId: m['活动照片.png'].id })
    saved.rects[0].forEach((v, i) => expect(Math.abs(v - [20, 10, 120, 60][i])).toBeLessThan(1.5))

    await e.page.locator('[data-test="image-rotate"]').click()
    await expect.poll(() => image.evaluate((img) => img.getBoundingClientRect().height > img.getBoundingClientRect().width)).toBe(true)
    const turned = await image.boundingBox()
    const mark = await e.page.locator('[data-test="image-viewer"] [data-test="annotation-mark"]').boundingBox()
    // Turned clockwise: the photo's top edge is now its right edge; pixel rows 10..60 sit 10..60 in from the right.
    expect(Math.abs(turned!.x + turned!.width - 60 * scale - mark!.x)).toBeLessThan(2)
    expect(Math.abs(turned!.y + 20 * scale - mark!.y)).toBeLessThan(2)
    expect(Math.abs(mark!.height - 100 * scale)).toBeLessThan(2)
    await shot('annotations-photo-rotated')
  })
})
