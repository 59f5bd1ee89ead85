/**
 * The first screen in browser mode: from navigation start to the 新建会议 button being on screen and enabled
 * (Vue mounted, its click handler live), in a fresh browser context each load (no HTTP cache), median of
 * LOADS. Baseline: a static HTML page with that one button, served by the same bridge in the same browser.
 * Goal: < 1 s. Also prints the JS and CSS the home page downloads (KB), the figure on-demand loading cuts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { chromium, type Browser, type Response } from 'playwright-core'
import config from '../../electron.vite.config'
import { createCore } from '../../src-main/core/app'
import { startBridge } from '../../src-main/bridge/server'
import { CHROMIUM_ARGS } from '../e2e/harness'
import type { BenchResult } from './report'

const LOADS = 9
const BUTTON = '[data-test="new-meeting"]'

// Runs before any page script: checks every frame whether the button is shown and enabled, and notes the
// JS fetched by then (module scripts and preloads).
const WATCH_BUTTON = `(() => {
  const poll = () => {
    const b = document.querySelector('${BUTTON}')
    if (b && !b.disabled && b.getClientRects().length) {
      window.__interactiveAt = performance.now()
      window.__jsBytes = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.js')).reduce((n, e) => n + e.decodedBodySize, 0)
    } else requestAnimationFrame(poll)
  }
  requestAnimationFrame(poll)
})()`

const BASELINE_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>现场评审</title></head>
<body><button type="button" data-test="new-meeting">新建会议</button></body></html>`

export interface Load {
  ms: number
  /** JS fetched before the button was clickable. */
  jsBytes: number
  /** All JS and CSS fetched until the network is idle (includes what loads after the first screen). */
  allJsBytes: number
  cssBytes: number
}

export async function loadOnce(browser: Browser, url: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' })
  try {
    const page = await context.newPage()
    await page.addInitScript(WATCH_BUTTON)
    const bodies: Promise<{ kind: string; length: number }>[] = []
    const onResponse = (response: Response) => {
      const kind = response.request().resourceType()
      if (kind === 'script' || kind === 'stylesheet') bodies.push(response.body().then((body) => ({ kind, length: body.length })))
    }
    page.on('response', onResponse)
    await page.goto(url)
    // Polled from outside, not page.waitForFunction: that evaluates a string in the page, which the app's
    // Content-Security-Policy (no 'unsafe-eval') refuses. The time itself is taken in the page.
    const watched = () => page.evaluate(() => {
      const w = window as unknown as { __interactiveAt?: number; __jsBytes?: number }
      return w.__interactiveAt === undefined ? undefined : ([w.__interactiveAt, w.__jsBytes ?? 0] as [number, number])
    })
    let seen = await watched()
    for (const giveUp = Date.now() + 30_000; !seen; seen = await watched()) {
      if (Date.now() > giveUp) throw new Error(`first screen: 新建会议 never became clickable at ${url}`)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    const [ms, jsBytes] = seen
    await page.waitForLoadState('networkidle')
    // No body asked for after this: one still pending when the context closes would reject unawaited.
    page.off('response', onResponse)
    const files = await Promise.all(bodies)
    const sum = (kind: string) => files.filter((f) => f.kind === kind).reduce((n, f) => n + f.length, 0)
    return { ms, jsBytes, allJsBytes: sum('script'), cssBytes: sum('stylesheet') }
  } finally {
    await context.close()
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`

export async function benchFirstScreen(): Promise<BenchResult[]> {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer
  await build({ ...renderer, configFile: false, logLevel: 'error' })
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-'))
  const baselineDir = join(dir, 'baseline')
  mkdirSync(baselineDir)
  writeFileSync(join(baselineDir, 'index.html'), BASELINE_HTML)
  const core = createCore({ dataDir: dir, resourcesDir: dir, appVersion: 'bench' })
  const app = await startBridge({ core, staticDir: join(import.meta.dirname, '../../out/renderer'), port: 0 })
  const plain = await startBridge({ core, staticDir: baselineDir, port: 0 })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    await loadOnce(browser, `${app.url}/`) // warm the OS file cache and the browser process
    await loadOnce(browser, `${plain.url}/`)
    const home: Load[] = []
    const baseline: number[] = []
    for (let i = 0; i < LOADS; i++) {
      home.push(await loadOnce(browser, `${app.url}/`))
      baseline.push((await loadOnce(browser, `${plain.url}/`)).ms)
    }
    const value = median(home.map((l) => l.ms))
    const [first] = home
    process.stdout.write(`  home page: ${kb(first.jsBytes)} JS before 新建会议 is clickable; ${kb(first.allJsBytes)} JS + ${kb(first.cssBytes)} CSS once idle\n`)
    return [
      {
        name: `first screen: 新建会议 clickable after navigation, fresh context (median of ${LOADS})`,
        value,
        unit: 'ms',
        baselineName: 'static HTML page with one button, same server',
        baseline: median(baseline),
        goal: '< 1000 ms',
        met: value < 1000,
      },
    ]
  } finally {
    await browser.close()
    await new Promise((resolve) => app.close(resolve))
    await new Promise((resolve) => plain.close(resolve))
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
