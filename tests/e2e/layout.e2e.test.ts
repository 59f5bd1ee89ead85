/**
 * Every page at 1280×720 (the smallest screen the app is made for) with the demo meeting: a screenshot
 * of each under test-results/screenshots/6x-* and 7x-*, nothing wider than the window, no clipped button text,
 * Chinese aria-labels, required fields announced, text and placeholders at ≥ 4.5:1, and a focus ring
 * that shows on a primary button.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { startE2E, type E2E } from './harness'
import { pageProblems, type PageProblems } from './page-checks'

let e: E2E
let demo: Meeting

beforeAll(async () => {
  e = await startE2E()
  await e.page.setViewportSize({ width: 1280, height: 720 })
  demo = await e.api.meetings.openDemo({})
})
afterAll(async () => {
  await e?.close()
})

const TABS = ['info', 'rubric', 'units', 'reviewers', 'rules', 'scoring', 'results', 'notes', 'minutes']

/** Opens a page and waits until its data is shown (no loading mask, network quiet). */
async function open(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
  await e.page.waitForLoadState('networkidle')
  await expect.poll(() => e.page.locator('.el-loading-mask:visible').count()).toBe(0)
  await expect.poll(() => e.page.locator('#app').innerText()).not.toBe('')
}

/** The scoring tab starts with no reviewer chosen: open the first reviewer's sheet, the page a reviewer works in. */
async function openFirstReviewerSheet(): Promise<void> {
  await e.page.locator('[data-test="reviewer-select"]').click()
  await e.page.locator('.el-select-dropdown__item').first().click()
  await expect.poll(() => e.page.locator('[data-kind="reason"]').count()).toBeGreaterThan(0)
  await e.page.keyboard.press('Escape')
}

/** The problems of one page, keyed by what they are, only those that occur. */
async function problemsOf(name: string): Promise<Record<string, string[]>> {
  await e.shot(name)
  const found = await pageProblems(e.page)
  return Object.fromEntries(Object.entries(found).filter(([, list]) => (list as string[]).length)) as Partial<PageProblems> as Record<string, string[]>
}

describe('1280×720：每个页面', () => {
  it('首页和帮助：不超宽、按钮文字完整、标签为中文、文字对比度足够', async () => {
    const problems: Record<string, Record<string, string[]>> = {}
    await open('/')
    await expect.poll(() => e.page.locator('[data-test="meetings-table"]').isVisible()).toBe(true)
    problems.home = await problemsOf('60-home')
    await e.page.locator('[data-test="new-meeting"]').click()
    await expect.poll(() => e.page.locator('[data-test="create-meeting-dialog"] [data-test="date"] input').isVisible()).toBe(true)
    problems['new-meeting'] = await problemsOf('61-new-meeting')
    await open('/help')
    problems.help = await problemsOf('62-help')
    expect(problems).toEqual({ home: {}, 'new-meeting': {}, help: {} })
  })

  it('示例会议的每个标签页：不超宽、按钮文字完整、必填项有标记、文字对比度足够', async () => {
    const problems: Record<string, Record<string, string[]>> = {}
    for (const [i, tab] of TABS.entries()) {
      await open(`/meetings/${demo.id}/${tab}`)
      await expect.poll(() => e.page.locator(`[data-test="tab-${tab === 'info' ? 'meeting-info' : tab}"].active`).isVisible()).toBe(true)
      if (tab === 'scoring') await openFirstReviewerSheet()
      problems[tab] = await problemsOf(`7${i}-meeting-${tab}`)
    }
    expect(problems).toEqual(Object.fromEntries(TABS.map((tab) => [tab, {}])))
  })

  it('键盘焦点：主按钮上也看得见（深色外框，与按钮隔开）', async () => {
    await open('/')
    const button = e.page.locator('[data-test="new-meeting"]')
    for (let i = 0; i < 30 && !(await button.evaluate((b) => b === document.activeElement)); i++) await e.page.keyboard.press('Tab')
    const ring = await button.evaluate((b) => {
      const s = getComputedStyle(b)
      return { matches: b.matches(':focus-visible'), style: s.outlineStyle, width: s.outlineWidth, offset: s.outlineOffset, color: s.outlineColor, background: s.backgroundColor }
    })
    expect(ring).toMatchObject({ matches: true, style: 'solid', width: '2px', offset: '2px', color: 'rgb(17, 24, 39)' })
    expect(ring.color).not.toBe(ring.background)
    await e.shot('69-focus-primary-button')
  })
})
