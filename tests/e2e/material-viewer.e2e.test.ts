/**
 * The material viewer in Chromium, through the bridge: materials are seeded into the data folder
 * (stored, text extracted, rows written) and opened at /meetings/:id/materials/:id as a reader would
 * from the list or a search hit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Document, Packer, Paragraph, TextRun } from 'docx'
import type { Material } from '../../src-main/shared/schemas/material'
import { seedSmallMeeting } from '../helpers/core'
import { cidFontPdf, cidTextPdf, encryptedPdf, grayPng, handPdf, imageOnlyPdf, onePage, pdfStream } from '../helpers/material-fixtures'
import { seedMaterials } from '../helpers/seed-materials'
import { makeXlsx } from '../helpers/xlsx'
import { join } from 'node:path'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'

let e: E2E
let meetingId: string
const m: Record<string, Material> = {}

async function docx(): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('数联先锋党建品牌创建工作总结')] }), new Paragraph('一、基本情况')] }] })
  return Buffer.from(await Packer.toBuffer(doc))
}

beforeAll(async () => {
  e = await startE2E()
  const { meeting, units } = await seedSmallMeeting(e.api)
  meetingId = meeting.id
  // A PDF whose objects are not where its cross-reference table says: damaged in transfer.
  const damaged = handPdf([...onePage('<< >>'), pdfStream('BT ET')]).subarray(0, 200)
  const seeded = await seedMaterials(e.core, meetingId, units[0].id, [
    { name: '申报材料/党建品牌.pdf', data: cidFontPdf() },
    { name: '三页报告.pdf', data: cidTextPdf([['第一页 工作概述'], ['第二页 重点工作', '打造党建品牌', '党建品牌深入人心'], ['第三页 党建品牌成效']]) },
    { name: '工作总结.docx', data: await docx() },
    {
      name: '台账.xlsx',
      data: await makeXlsx([
        { name: '活动台账', rows: [['序号', '活动名称', '参加人数'], [1, '主题党日', 35], [2, '党建品牌推进会', 28]] },
        { name: '经费', rows: [['项目', '金额'], ['学习资料', 1200]] },
      ]),
    },
    { name: '活动照片.png', data: grayPng(300, 120) },
    { name: '损坏.pdf', data: Buffer.concat([damaged, Buffer.from('\n%%EOF garbage')]), kind: 'pdf' },
    { name: '加密.pdf', data: encryptedPdf(), kind: 'pdf' },
    { name: '扫描台账.pdf', data: imageOnlyPdf() },
    { name: '说明.txt', data: Buffer.from('联系人：王小雨\n材料共 3 份', 'utf8') },
    { name: '旧版申报书.doc', data: Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]) },
  ])
  for (const material of seeded) m[material.name] = material
  await e.page.setViewportSize({ width: 1280, height: 720 })
})
afterAll(async () => {
  await e?.close()
})

const open = (material: Material, query = '') => e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/materials/${material.id}${query}`)

/** The window as the reader sees it (1280×720): the viewer scrolls inside it, so no full-page shot. */
const shot = (name: string) => e.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })

/** Pixels of the page's canvas that are clearly not white paper (ink). */
const inkPixels = (page: number) =>
  e.page.evaluate((n) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`.pdf-page[data-page="${n}"] canvas`)
    if (!canvas) return 0
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    let ink = 0
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 384) ink++
    return ink
  }, page)

describe('材料阅读', () => {
  it('中文 CID 字体的 PDF 显示出字形，文字层可选中', async () => {
    await open(m['申报材料/党建品牌.pdf'])
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    // Without the CMaps pdf.js draws nothing for this font: the page would be blank paper.
    expect(await inkPixels(1)).toBeGreaterThan(500)
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] .textLayer').textContent()).toContain('党建品牌')
    expect(await e.page.locator('[data-test="pdf-page-count"]').textContent()).toBe('1')
    await shot('material-viewer-cid-pdf')
  })

  it('带页码与搜索词打开：停在第 2 页并标出命中，查找计数', async () => {
    await open(m['三页报告.pdf'], '?page=2&q=党建品牌')
    await expect.poll(() => e.page.locator('[data-test="pdf-page-input"]').inputValue()).toBe('2')
    const selected = e.page.locator('.pdf-page[data-page="2"] .textLayer .highlight.selected')
    await expect.poll(() => selected.count()).toBe(1)
    expect(await selected.textContent()).toBe('党建品牌')
    await expect.poll(() => e.page.locator('[data-test="pdf-find-count"][data-done]').textContent()).toContain('第 1 / 3 处')
    expect(await e.page.locator('.pdf-page[data-page="2"] .textLayer .highlight').count()).toBe(2)
    expect(await inkPixels(2)).toBeGreaterThan(500)
    await shot('material-viewer-hit-page-2')
  })

  it('Ctrl+F 查找：计数、下一处跳到第 3 页，PageUp / Home 翻页', async () => {
    await open(m['三页报告.pdf'])
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    await e.page.locator('[data-test="pdf-viewer"]').focus()
    await e.page.keyboard.press('Control+f')
    await expect.poll(() => e.page.locator('[data-test="pdf-find-input"]').evaluate((el) => el === document.activeElement)).toBe(true)
    await e.page.keyboard.type('党建品牌')
    await e.page.keyboard.press('Enter')
    const count = e.page.locator('[data-test="pdf-find-count"][data-done]')
    await expect.poll(() => count.getAttribute('data-count')).toBe('3')
    await e.page.keyboard.press('Enter')
    await e.page.keyboard.press('Enter')
    await expect.poll(() => count.textContent()).toContain('第 3 / 3 处')
    await expect.poll(() => e.page.locator('.pdf-page[data-page="3"] .highlight.selected').count()).toBe(1)
    await expect.poll(() => e.page.locator('[data-test="pdf-page-input"]').inputValue()).toBe('3')
    await e.page.locator('[data-test="pdf-viewer"]').focus()
    await e.page.keyboard.press('Home')
    await expect.poll(() => e.page.locator('[data-test="pdf-page-input"]').inputValue()).toBe('1')
    await e.page.keyboard.press('PageDown')
    await expect.poll(() => e.page.locator('[data-test="pdf-page-input"]').inputValue()).toBe('2')
  })

  it('放大、适合宽度、转到页码', async () => {
    await open(m['三页报告.pdf'])
    const zoom = e.page.locator('[data-test="pdf-zoom"]')
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    const fit = await zoom.textContent()
    await e.page.locator('[data-test="pdf-zoom-in"]').click()
    await expect.poll(() => zoom.textContent()).not.toBe(fit)
    const width = await e.page.locator('.pdf-page[data-page="1"]').evaluate((el) => el.getBoundingClientRect().width)
    await e.page.locator('[data-test="pdf-fit-width"]').click()
    await expect.poll(() => zoom.textContent()).toBe(fit)
    expect(await e.page.locator('.pdf-page[data-page="1"]').evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(width)
    await e.page.locator('[data-test="pdf-page-input"]').fill('3')
    await e.page.locator('[data-test="pdf-page-input"]').press('Enter')
    await expect.poll(() => e.page.locator('.pdf-page[data-page="3"] [data-painted]').count()).toBe(1)
    await expect.poll(() => e.page.url()).toContain('page=3')
  })

  it('Word 文档显示其文字', async () => {
    await open(m['工作总结.docx'])
    await expect.poll(() => e.page.locator('[data-test="docx-viewer"] .docx-wrapper').textContent()).toContain('数联先锋党建品牌创建工作总结')
    await shot('material-viewer-docx')
  })

  it('Excel 台账显示为只读表格，可切换工作表', async () => {
    await open(m['台账.xlsx'])
    const viewer = e.page.locator('[data-test="xlsx-viewer"]')
    await expect.poll(() => viewer.locator('table.sheet').textContent()).toContain('党建品牌推进会')
    expect(await viewer.locator('[data-test="xlsx-sheet-tab"]').allTextContents()).toEqual(['活动台账', '经费'].map((n) => expect.stringContaining(n)))
    await shot('material-viewer-xlsx')
    await viewer.locator('[data-test="xlsx-sheet-tab"]').nth(1).click()
    await expect.poll(() => viewer.locator('table.sheet').textContent()).toContain('学习资料')
    expect(await viewer.locator('input, textarea, [contenteditable="true"]').count()).toBe(0)
  })

  it('文本材料显示其文字；无法显示的格式给出说明和下载链接', async () => {
    await open(m['说明.txt'])
    await expect.poll(() => e.page.locator('[data-test="text-viewer"]').textContent()).toContain('联系人：王小雨')
    await open(m['旧版申报书.doc'])
    await expect.poll(() => e.page.locator('[data-test="unsupported-viewer"]').textContent()).toContain('请用系统程序打开')
    // Browser mode has no desktop to open it on: the file is offered as a download, by id.
    expect(await e.page.locator('[data-test="download-material"]').getAttribute('href')).toBe(`/material/${m['旧版申报书.doc'].id}`)
  })

  it('图片可旋转 90°', async () => {
    await open(m['活动照片.png'])
    const image = e.page.locator('[data-test="image"]')
    await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(300)
    const box = () => image.evaluate((img) => img.getBoundingClientRect()).then((r) => Math.round(r.width / r.height))
    expect(await box()).toBe(3)
    await e.page.locator('[data-test="image-rotate"]').click()
    expect(await image.getAttribute('data-rotation')).toBe('90')
    // Turned a quarter: the wide photo now stands upright on screen.
    await expect.poll(() => image.evaluate((img) => img.getBoundingClientRect()).then((r) => r.height > r.width * 2)).toBe(true)
    await shot('material-viewer-image-rotated')
  })

  it('损坏或加密的 PDF 显示中文说明；扫描件标出无文字层', async () => {
    await open(m['损坏.pdf'])
    await expect.poll(() => e.page.locator('[data-test="viewer-error"]').textContent()).toContain('损坏')
    await open(m['加密.pdf'])
    await expect.poll(() => e.page.locator('[data-test="viewer-error"]').textContent()).toBe('该 PDF 有密码保护，无法在程序内显示')
    await open(m['扫描台账.pdf'])
    await expect.poll(() => e.page.locator('[data-test="no-text-layer"]').textContent()).toContain('无文字层')
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] [data-painted]').count()).toBe(1)
    await shot('material-viewer-scan')
  })
})
