/**
 * 现场 on the day: draw the report order (the 评分 list follows it), redraw only with a reason (warned
 * once scoring has started), open the projector page in its own tab, start the clock from 现场 and
 * watch it count down on the projector, pause. Screenshots of the projector at 1280×720 in its three
 * colours: the amber and red states are reached by moving the stored clock, never by waiting minutes.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { chooseReviewer } from './scoring-page'
import { pageProblems } from './page-checks'
import { seedSmallMeeting } from '../helpers/core'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let meetingId: string
let projector: Page

beforeAll(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
  meetingId = seed.meeting.id
  for (const name of ['市营商环境服务局政务服务中心', '市应急保障局应急指挥中心', '市交通运行局办公室党支部']) {
    await e2e.api.units.create({ meetingId, fields: { name, category: '直属单位' } })
  }
})
afterAll(async () => {
  await e2e?.close()
})

const at = (selector: string, page = e2e.page) => page.locator(`[data-test="${selector}"]`)
const text = (selector: string, page = e2e.page) => at(selector, page).innerText()
/** The text box of an Element Plus input (the data-test lands on the box itself or on its wrapper). */
const box = (selector: string) =>
  e2e.page.locator(['input', 'textarea'].flatMap((tag) => [`${tag}[data-test="${selector}"]`, `[data-test="${selector}"] ${tag}`]).join(', ')).first()
/** Seconds shown by the projector's clock ("07:59" → 479). */
const shownSeconds = async () => {
  const [m, s] = (await text('projector-clock', projector)).split(':').map(Number)
  return m * 60 + s
}
/** Moves the stored clock: `elapsedMs` counted, paused (the state a long report would leave). */
const setElapsed = (elapsedMs: number) =>
  e2e.core.context.db.prepare('UPDATE projector_state SET elapsed_ms = ?, running_since = NULL WHERE meeting_id = ?').run(elapsedMs, meetingId)

describe('现场', () => {
  it('draws the report order, and the 评分 list follows it', async () => {
    const { page, api } = e2e
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/onday`)
    await page.getByRole('tab', { name: '现场' }).or(page.getByRole('link', { name: '现场' })).first().waitFor()
    await at('lots-draw').click()
    await at('lots-order').waitFor()
    const [draw] = await api.lots.list({ meetingId })
    const drawn = draw.order.map((o) => o.unitName)
    expect(await text('lots-seed-value')).toBe(draw.seed)
    expect((await at('lots-order').locator('li').allInnerTexts()).map((l) => l.replace(/^\d+\s*/, ''))).toEqual(drawn)
    await e2e.shot('onday-drawn')

    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring`)
    await chooseReviewer(page, '周明远')
    for (const [i, name] of drawn.entries()) await expect.poll(() => text(`unit-row-${i + 1}`)).toContain(name)
  })

  it('redraws only with a reason, warning that scoring has started', async () => {
    const { page, api } = e2e
    await api.scores.save({ meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 5 })
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/onday`)
    await at('lots-redraw').click()
    await expect.poll(() => text('lots-redraw-warning')).toContain('评分已经开始')
    await at('lots-redraw-confirm').click()
    await expect.poll(() => text('lots-redraw-error')).toContain('重新抽签须写明理由')
    expect(await api.lots.list({ meetingId })).toHaveLength(1)
    await box('lots-reason').fill('监督人要求按其种子复现')
    await box('lots-redraw-seed').fill('c0ffee00')
    await e2e.shot('onday-redraw-dialog')
    await at('lots-redraw-confirm').click()
    await expect.poll(() => text('lots-seed-value')).toBe('c0ffee00')
    const draws = await api.lots.list({ meetingId })
    expect(draws.map((d) => d.seq)).toEqual([2, 1])
    expect((await api.units.list({ meetingId })).map((u) => u.name)).toEqual(draws[0].order.map((o) => o.unitName))
    await page.getByText('此前的抽签（1次）').click()
    expect(await text('lots-history')).toContain(draws[1].seed)
  })

  it('opens the projector in its own tab; 开始 counts down there, 暂停 stops it; amber and red as time runs out', async () => {
    const { page, api } = e2e
    const order = (await api.units.list({ meetingId })).map((u) => u.name)
    const opened = page.context().waitForEvent('page')
    await at('projector-open').click()
    projector = await opened
    await projector.setViewportSize({ width: 1280, height: 720 })
    await projector.waitForLoadState()
    expect(projector.url()).toBe(`${e2e.baseUrl}/#/projector/${meetingId}`)
    await expect.poll(() => text('projector-unit', projector)).toBe(`第一个：${order[0]}`)
    await expect.poll(() => text('projector-title', projector)).toBe('测试评审会')

    // Two minutes a report, one for questions, amber in the last minute.
    await box('projector-report-minutes').fill('2')
    await box('projector-question-minutes').fill('1')
    await box('projector-warn-minutes').fill('1')
    await at('projector-save-durations').click()
    await expect.poll(() => text('projector-clock', projector)).toBe('02:00')

    await at('projector-start').click()
    await expect.poll(() => text('projector-unit', projector)).toBe(order[0])
    expect(await text('projector-phase', projector)).toBe('汇报')
    expect(await text('projector-next', projector)).toBe(`下一个：${order[1]}`)
    // It counts down (no time asserted: only that it moves below where it started).
    await expect.poll(shownSeconds).toBeLessThan(120)
    await projector.screenshot({ path: join(SCREENSHOT_DIR, 'projector-normal.png') })
    expect(await at('projector-screen', projector).getAttribute('class')).toContain('tone-normal')

    await at('projector-pause').click()
    await expect.poll(() => text('projector-status', projector)).toBe('已暂停')
    const pausedAt = await text('projector-clock', projector)
    expect((await api.projector.state({ meetingId })).runningSince).toBeNull()
    expect(await text('projector-clock', projector)).toBe(pausedAt)

    // 1:30 of the 2 minutes gone: 30 s left, amber (the screen re-reads the state every few seconds).
    setElapsed(90_000)
    await expect.poll(() => text('projector-clock', projector)).toBe('00:30')
    expect(await at('projector-screen', projector).getAttribute('class')).toContain('tone-warn')
    await projector.screenshot({ path: join(SCREENSHOT_DIR, 'projector-amber.png') })

    // 3:05 gone: 1:05 over, red with 超时.
    setElapsed(185_000)
    await expect.poll(() => text('projector-clock', projector)).toBe('+1:05')
    expect(await at('projector-screen', projector).getAttribute('class')).toContain('tone-over')
    expect(await projector.locator('.over-label').innerText()).toBe('超时')
    await projector.screenshot({ path: join(SCREENSHOT_DIR, 'projector-red.png') })

    // 进入提问 from 现场: the projector switches at once (the event), with the question time.
    await at('projector-questions').click()
    await expect.poll(() => text('projector-phase', projector)).toBe('提问')
    await expect.poll(() => text('projector-clock', projector)).toBe('01:00')
    await e2e.shot('onday-projector-control')
  })

  it('the demo meeting’s 现场 tab and projector at 1280×720: nothing too wide, no clipped buttons, Chinese labels, contrast', async () => {
    const { page, api } = e2e
    const demo = await api.meetings.openDemo({})
    await page.goto(`${e2e.baseUrl}/#/meetings/${demo.id}/onday`)
    await at('lots-draw').click()
    await at('lots-order').waitFor()
    await e2e.shot('onday-demo')
    const problems = { onday: await pageProblems(page), redraw: {}, projector: {} }
    await at('lots-redraw').click()
    await at('lots-reason').waitFor()
    problems.redraw = await pageProblems(page)
    await page.keyboard.press('Escape')
    await projector.goto(`${e2e.baseUrl}/#/projector/${demo.id}`)
    await expect.poll(() => text('projector-unit', projector)).toMatch(/^第一个：/)
    await projector.screenshot({ path: join(SCREENSHOT_DIR, 'projector-demo-idle.png') })
    problems.projector = await pageProblems(projector)
    const empty = { overflow: [], clippedButtons: [], nonChineseLabels: [], unknownElements: [], unmarkedRequired: [], lowContrast: [] }
    expect(problems).toEqual({ onday: empty, redraw: empty, projector: empty })
  })
})
