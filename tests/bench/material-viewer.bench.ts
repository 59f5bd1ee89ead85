/**
 * First page of a 500-page PDF: from navigation to the viewer's route to the first page's canvas
 * painted (the viewer's `material-viewer:first-page` performance mark), p50 and p95 of OPENS.
 * - in the app: the app is already open (as when a reviewer clicks a material in the list or a search
 *   hit), the route changes to the material — the figure the goal is about;
 * - cold: a fresh browser context (no HTTP cache) loads the whole app straight at the material's
 *   address (app start and pdf.js start included).
 * Two 500-page files, both Chinese text in a CID font (CMaps needed): a report of text only, and a
 * ~20 MB ledger with a 40 KB picture on every page (a scan with a text layer), read with range
 * requests. Baseline: a 1-page PDF opened the same way in the same run. Goal: < 1 s.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { chromium, type Browser, type Page } from 'playwright-core'
import config from '../../electron.vite.config'
import { createCore } from '../../src-main/core/app'
import { startBridge } from '../../src-main/bridge/server'
import { createApiClient } from '../../src-main/shared/client'
import { CHROMIUM_ARGS } from '../e2e/harness'
import { handPdf, pdfStream } from '../helpers/material-fixtures'
import { seedMaterials } from '../helpers/seed-materials'
import { percentile, type BenchResult } from './report'

const OPENS = 7
const PAGES = 500

const ucs2Hex = (text: string) => `<${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`

/** `pages` A4 pages, each with 20 lines of Chinese (STSong-Light, UniGB-UCS2-H) and, if `pictures`, a 200×200 grey picture. */
function ledgerPdf(pages: number, pictures: boolean): Buffer {
  const objects: (string | Buffer)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${Array.from({ length: pages }, (_, i) => `${6 + 3 * i} 0 R`).join(' ')}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  for (let p = 1; p <= pages; p++) {
    const page = 6 + 3 * (p - 1)
    const lines = Array.from({ length: 20 }, (_, l) => `BT /F1 14 Tf 60 ${780 - 18 * l} Td ${ucs2Hex(`第${p}页 第${l + 1}行 党建工作台账记录`)} Tj ET`)
    const content = `${lines.join('\n')}\nq 200 0 0 200 300 60 cm /Im0 Do Q`
    // Without pictures the image is 1×1: the objects stay the same, only the file's size changes.
    const side = pictures ? 200 : 1
    const pixels = randomBytes(side * side)
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${page + 2} 0 R >> >> /Contents ${page + 1} 0 R >>`,
      pdfStream(content),
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, 'latin1'),
        pixels,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    )
  }
  return handPdf(objects)
}

/** In an open app: from the route change to the new viewer's first page painted. */
function openInApp(page: Page, hash: string): Promise<number> {
  // No named helpers inside: tsx would wrap them in a __name() call the page does not have.
  return page.evaluate(async (target) => {
    const name = 'material-viewer:first-page'
    const before = performance.getEntriesByName(name).length
    const start = performance.now()
    location.hash = target
    while (performance.getEntriesByName(name).length === before) await new Promise((resolve) => setTimeout(resolve, 10))
    return performance.getEntriesByName(name)[before].startTime - start
  }, hash)
}

async function openOnce(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.goto(url)
    await page.waitForFunction(() => performance.getEntriesByName('material-viewer:first-page').length > 0, undefined, { timeout: 60_000 })
    return (await page.evaluate(() => performance.getEntriesByName('material-viewer:first-page')[0].startTime)) as number
  } finally {
    await context.close()
  }
}

export async function benchMaterialViewer(): Promise<BenchResult[]> {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer
  await build({ ...renderer, configFile: false, logLevel: 'error' })
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-viewer-'))
  const core = createCore({ dataDir: dir, resourcesDir: dir, appVersion: 'bench' })
  const api = createApiClient(core.dispatch)
  const meeting = await api.meetings.create({ title: '材料阅读基准', date: '2024-12-18' })
  const unit = await api.units.create({ meetingId: meeting.id, fields: { name: '市统计服务局综合处党支部', category: '处室' } })
  const report = ledgerPdf(PAGES, false)
  const ledger = ledgerPdf(PAGES, true)
  const [text, scan, small, other] = await seedMaterials(core, meeting.id, unit.id, [
    { name: '创建工作报告（500页）.pdf', data: report, kind: 'pdf' },
    { name: '党建工作台账（500页，带图）.pdf', data: ledger, kind: 'pdf' },
    { name: '一页.pdf', data: ledgerPdf(1, false), kind: 'pdf' },
    { name: '另一页.pdf', data: ledgerPdf(1, true), kind: 'pdf' },
  ])
  const app = await startBridge({ core, staticDir: join(import.meta.dirname, '../../out/renderer'), port: 0 })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const hashOf = (id: string) => `#/meetings/${meeting.id}/materials/${id}`
  const urlOf = (id: string) => `${app.url}/${hashOf(id)}`
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
  try {
    for (const m of [small, text, scan]) await openOnce(browser, urlOf(m.id)) // warm the OS file cache and the browser
    const cold = { text: [] as number[], scan: [] as number[], small: [] as number[] }
    const warm = { text: [] as number[], scan: [] as number[], small: [] as number[] }
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
    const tab = await context.newPage()
    await tab.goto(urlOf(other.id))
    await tab.waitForFunction(() => performance.getEntriesByName('material-viewer:first-page').length > 0)
    for (let i = 0; i < OPENS; i++) {
      cold.text.push(await openOnce(browser, urlOf(text.id)))
      cold.scan.push(await openOnce(browser, urlOf(scan.id)))
      cold.small.push(await openOnce(browser, urlOf(small.id)))
      // Each from another material, so the viewer opens a new document every time.
      warm.text.push(await openInApp(tab, hashOf(text.id)))
      warm.small.push(await openInApp(tab, hashOf(small.id)))
      warm.scan.push(await openInApp(tab, hashOf(scan.id)))
      await openInApp(tab, hashOf(other.id))
    }
    await context.close()
    for (const list of [...Object.values(cold), ...Object.values(warm)]) list.sort((a, b) => a - b)
    const result = (how: string, label: string, times: typeof cold, key: 'text' | 'scan', p: number): BenchResult => ({
      name: `material viewer (${how}): first page of ${label} painted after navigation (p${p} of ${OPENS})`,
      value: percentile(times[key], p),
      unit: 'ms',
      baselineName: `1-page PDF, ${how}`,
      baseline: percentile(times.small, p),
      goal: '< 1000 ms',
      met: percentile(times[key], p) < 1000,
    })
    const labels = { text: `a ${PAGES}-page PDF (text, ${mb(report.length)})`, scan: `a ${PAGES}-page PDF (text + a picture per page, ${mb(ledger.length)})` } as const
    return (['in the app', 'cold, fresh context'] as const).flatMap((how) =>
      (['text', 'scan'] as const).flatMap((key) => [50, 95].map((p) => result(how, labels[key], how === 'in the app' ? warm : cold, key, p))),
    )
  } finally {
    await browser.close()
    await new Promise((resolve) => app.close(resolve))
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
