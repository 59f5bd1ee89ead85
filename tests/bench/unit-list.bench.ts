/**
 * The unit list with 300 units rendered in Chromium (the built renderer through the bridge):
 * time from clicking the tab to the last unit's name being laid out on the page, against the same
 * 300 rows written as a plain HTML table in the same browser. Goal: < 300 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'vite'
import { chromium, type Page } from 'playwright-core'
import config from '../../electron.vite.config'
import { createCore } from '../../src-main/core/app'
import { startBridge } from '../../src-main/bridge/server'
import { CHROMIUM_ARGS } from '../e2e/harness'
import { createSyntheticMeeting, syntheticUnit } from './synthetic'
import type { BenchResult } from './report'

const UNITS = 300
const RUNS = 11 // one render is ~0.2 s; the first runs warm the JIT, so take the median of many
const lastName = syntheticUnit(UNITS - 1).name

/** Clicks `tabText`, then polls every animation frame until `text` is in the rendered page. */
async function timeClickUntilText(page: Page, tabText: string, text: string): Promise<number> {
  return page.evaluate(
    ([tab, wanted]) =>
      new Promise<number>((resolve, reject) => {
        const target = [...document.querySelectorAll<HTMLElement>('a, [role="tab"], .el-tabs__item, .el-menu-item')].find((el) => el.textContent?.trim() === tab)
        if (!target) return reject(new Error(`tab ${tab} not found`))
        const start = performance.now()
        target.click()
        const poll = () => (document.body.innerText.includes(wanted) ? resolve(performance.now() - start) : requestAnimationFrame(poll))
        requestAnimationFrame(poll)
      }),
    [tabText, text] as const,
  )
}

async function timePlainTable(page: Page): Promise<number> {
  const rows = Array.from({ length: UNITS }, (_, i) => syntheticUnit(i))
  return page.evaluate(
    (units) =>
      new Promise<number>((resolve) => {
        const start = performance.now()
        const table = document.createElement('table')
        table.innerHTML = units.map((u, i) => `<tr><td>${i + 1}</td><td>${u.name}</td><td>${u.category}</td><td>${u.department}</td><td>${u.brand}</td></tr>`).join('')
        document.body.replaceChildren(table)
        const wanted = units[units.length - 1].name
        const poll = () => (document.body.innerText.includes(wanted) ? resolve(performance.now() - start) : requestAnimationFrame(poll))
        requestAnimationFrame(poll)
      }),
    rows,
  )
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

export async function benchUnitList(): Promise<BenchResult[]> {
  const renderer = (config as { renderer: Record<string, unknown> }).renderer
  await build({ ...renderer, configFile: false, logLevel: 'error' })
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-'))
  const core = createCore({ dataDir: dir, resourcesDir: dir, appVersion: 'bench' })
  const server = await startBridge({ core, staticDir: join(import.meta.dirname, '../../out/renderer'), port: 0 })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  try {
    const m = createSyntheticMeeting(core.context.db, { units: UNITS, reviewers: 5, items: 15 })
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    // tsx (esbuild keepNames) wraps functions in __name(); the browser side needs it defined.
    await page.addInitScript('window.__name = (f) => f')
    const measure = async (fromTab: string, toTab: string) => {
      const times: number[] = []
      await page.goto(`${server.url}/#/meetings/${m.meeting.id}/info`)
      await page.waitForLoadState('networkidle')
      for (let i = 0; i < RUNS; i++) {
        await timeClickUntilText(page, fromTab, m.meeting.title)
        await page.waitForTimeout(200)
        times.push(await timeClickUntilText(page, toTab, lastName))
      }
      return median(times)
    }
    const unitsTab = await measure('基本信息', '参评单位')
    const plain: number[] = []
    for (let i = 0; i < RUNS; i++) {
      await page.goto('about:blank')
      plain.push(await timePlainTable(page))
    }
    const baseline = median(plain)
    return [
      {
        name: `参评单位 tab, ${UNITS} units rendered in Chromium (median of ${RUNS})`,
        value: unitsTab,
        unit: 'ms',
        baselineName: 'plain HTML table of the same rows',
        baseline,
        goal: '< 300 ms',
        met: unitsTab < 300,
      },
    ]
  } finally {
    await browser.close()
    await new Promise((resolve) => server.close(resolve))
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
