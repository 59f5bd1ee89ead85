/**
 * End-to-end harness: a real core (SQLite in a temp folder) behind the real HTTP bridge, serving the
 * built renderer, driven by Debian's Chromium through playwright-core.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startBridge } from '../../src-main/bridge/server'
import { makeTestCore, repoRoot, type TestCore } from '../helpers/core'

export const SCREENSHOT_DIR = join(repoRoot, 'test-results/screenshots')

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const FULL_PAGE_CSS = 'html,body,#app,.app{height:auto!important;overflow:visible!important}.app-main{overflow:visible!important}'

export interface E2E extends TestCore {
  browser: Browser
  page: Page
  baseUrl: string
  /** Content-Security-Policy violations reported by the page so far (each: directive and what was blocked). */
  cspViolations: string[]
  /** Saves a full-page screenshot under test-results/screenshots/<name>.png. */
  shot(name: string): Promise<string>
  close(): Promise<void>
}

export async function startE2E(): Promise<E2E> {
  const t = makeTestCore()
  const server = await startBridge({ core: t.core, staticDir: join(repoRoot, 'out/renderer'), port: 0 })
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', deviceScaleFactor: 1 })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // A violation is an event in the page (even when the script catches the error): report it on the console.
  const cspViolations: string[] = []
  await context.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.warn(`[csp] ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)),
  )
  page.on('console', (message) => {
    if (message.text().startsWith('[csp] ') || /Content Security Policy/i.test(message.text())) cspViolations.push(message.text())
  })
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return {
    ...t,
    browser,
    page,
    baseUrl: server.url,
    cspViolations,
    async shot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`)
      // The app scrolls inside its main area; let the page grow for the shot so it shows everything.
      const style = await page.addStyleTag({ content: FULL_PAGE_CSS })
      await page.screenshot({ path, fullPage: true })
      await style.evaluate((el) => (el as HTMLElement).remove())
      return path
    },
    async close() {
      await browser.close()
      await new Promise((resolve) => server.close(resolve))
      t.dispose()
      if (errors.length) throw new Error(`页面脚本出错：${errors.join('; ')}`)
      if (cspViolations.length) throw new Error(`页面违反内容安全策略：${cspViolations.join('; ')}`)
    },
  }
}
