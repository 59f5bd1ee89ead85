/**
 * The scoring screen, driven like a reviewer does it: keyboard only once the reviewer is chosen.
 * Checks what the server stored (through the API) after every step that matters, and after reloads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { chooseReviewer, focused, itemState, liveTotal, scoreBox, sheetState, storedScores as storedScoresOf, unitName } from './scoring-page'
import { seedSmallMeeting } from '../helpers/core'

type Seed = Awaited<ReturnType<typeof seedSmallMeeting>>

let e2e: E2E
let seed: Seed

/** Adds guidance and a brand (what the form shows), and recuses the chair from the third unit. */
async function seedMeeting(): Promise<Seed> {
  const s = await seedSmallMeeting(e2e.api)
  const meetingId = s.meeting.id
  const guidance = ['学习贯彻习近平新时代中国特色社会主义思想，理论学习制度健全、记录完整。', '上级决策部署落实到位，有台账、有成效。', '服务对象满意度测评结果。']
  const rubric = await e2e.api.rubric.save({
    meetingId,
    rubric: {
      ...s.rubric,
      criteria: s.rubric.criteria.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i, guidance: guidance[s.items.findIndex((x) => x.id === i.id)] })) })),
    },
  })
  const first = s.units[0]
  await e2e.api.units.update({ meetingId, id: first.id, fields: { name: first.name, category: first.category, department: '市数据资源局', brand: '数聚先锋' } })
  await e2e.api.recusals.set({ meetingId, reviewerId: s.reviewers[0].id, unitId: s.units[2].id, recused: true, reason: '曾在该单位任职' })
  return { ...s, rubric, items: rubric.criteria.flatMap((c) => c.items) }
}

const scoringUrl = () => `${e2e.baseUrl}/#/meetings/${seed.meeting.id}/scoring`

const storedScores = (reviewerIndex: number, unitIndex: number) =>
  storedScoresOf(e2e.api, seed.meeting.id, seed.reviewers[reviewerIndex].id, seed.units[unitIndex].id, seed.items.map((i) => i.id))

beforeEach(async () => {
  e2e = await startE2E()
  // Tall enough for the whole sheet: the app scrolls inside its main area, which a full-page shot cannot follow.
  await e2e.page.setViewportSize({ width: 1440, height: 1250 })
  seed = await seedMeeting()
})
afterEach(async () => {
  await e2e?.close()
})

describe('评分 screen', () => {
  it('scores two units with the keyboard only, rejects wrong values inline, and keeps everything across a reload', async () => {
    const { page } = e2e
    const [theory, practice, opinion] = seed.items
    const reviewerIdsAsked = new Set<string>()
    page.on('request', (request) => {
      if (/\/api\/(scoring|scores|reviews|vetoes)\./.test(request.url())) reviewerIdsAsked.add(JSON.parse(request.postData() ?? '{}').reviewerId)
    })
    await page.goto(scoringUrl())
    await chooseReviewer(page, '周明远')
    expect(await unitName(page)).toBe('市数据资源局数据共享处党支部')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: theory.id })
    await expect(page.locator('[data-test="shortcut-legend"]').innerText()).resolves.toContain('下一单位')

    // Unit 1: 5.5, 3, then a deliberate mistake.
    await page.keyboard.type('5.5')
    await page.keyboard.press('Enter')
    await page.keyboard.type('3')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: opinion.id })
    await expect.poll(() => liveTotal(page)).toBe('8.5')
    await expect.poll(() => itemState(page, practice.id)).toBe('已保存')
    await e2e.shot('scoring-half-filled')

    await page.keyboard.type('12')
    await expect.poll(() => itemState(page, opinion.id)).toBe('未保存：满分 10 分')
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    await expect.poll(() => focused(page)).toMatchObject({ itemId: opinion.id, value: '12' })
    await page.keyboard.type('8.75')
    await expect.poll(() => itemState(page, opinion.id)).toBe('未保存：按 0.1 分一档')
    expect(await sheetState(page)).toContain('未保存')
    await e2e.shot('scoring-validation-error')
    expect(await storedScores(0, 0)).toEqual([5.5, 3, null])

    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.type('8.7')
    await expect.poll(() => page.locator('[data-test="criterion-subtotal-2"] b').innerText()).toBe('8.7')
    await page.keyboard.press('Enter') // → 特色加分
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'bonus' })
    await page.keyboard.type('1.5')
    await page.keyboard.press('Enter') // → 加分理由 (a bonus was given)
    await page.keyboard.type('数据共享品牌全市推广')
    await page.keyboard.press('Enter') // → 亮点
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'strengths' })
    await page.keyboard.type('共享平台接入率全市第一')
    await page.keyboard.press('Tab')
    await page.keyboard.type('基层调研偏少')
    await page.keyboard.press('Tab')
    await page.keyboard.type('加强数据安全培训')
    await expect.poll(() => liveTotal(page)).toBe('18.7')
    await expect.poll(() => sheetState(page)).toBe('已保存')
    await expect.poll(() => page.locator('[data-test="unit-row-1"]').innerText()).toContain('已评 3/3')
    expect(await page.locator('[data-test="unit-row-1"] .check').count()).toBe(1)
    await e2e.shot('scoring-complete-unit')

    // Next unit with the shortcut: focus lands on its first item.
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => unitName(page)).toBe('市水利保障局水文监测站')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: theory.id })
    await page.keyboard.type('7') // above 6
    await expect.poll(() => itemState(page, theory.id)).toBe('未保存：满分 6 分')
    await page.keyboard.press('ArrowDown') // Enter would stay on the wrong value
    await page.keyboard.type('2.5') // off the 1-point step
    await expect.poll(() => itemState(page, practice.id)).toBe('未保存：按 1 分一档')
    expect(await scoreBox(page, theory.id).inputValue()).toBe('7')
    expect(await storedScores(0, 1)).toEqual([null, null, null])
    await page.keyboard.press('ArrowUp')
    await page.keyboard.type('6')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.type('4')
    await page.keyboard.press('Enter')
    await page.keyboard.type('9.9')
    await page.keyboard.press('Enter')
    await expect.poll(() => liveTotal(page)).toBe('19.9')
    await expect.poll(() => sheetState(page)).toBe('已保存')

    // The third unit is recused for this reviewer: the shortcut skips it; the list shows it greyed.
    await page.keyboard.press('Alt+ArrowDown')
    await page.waitForTimeout(200)
    expect(await unitName(page)).toBe('市水利保障局水文监测站')
    expect(await page.locator('[data-test="unit-row-3"]').innerText()).toContain('回避')
    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => unitName(page)).toBe('市数据资源局数据共享处党支部')

    // Reload: the same reviewer and unit, every value as typed, progress in the list.
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    expect(await unitName(page)).toBe('市数据资源局数据共享处党支部')
    await expect.poll(() => scoreBox(page, opinion.id).inputValue()).toBe('8.7')
    expect(await scoreBox(page, theory.id).inputValue()).toBe('5.5')
    expect(await liveTotal(page)).toBe('18.7')
    expect(await page.locator('[data-test="unit-row-1"]').innerText()).toMatch(/已评 3\/3[\s\S]*18\.7 分/)
    expect(await page.locator('[data-test="unit-row-2"]').innerText()).toMatch(/已评 3\/3[\s\S]*19\.9 分/)
    expect(await page.locator('[data-test="unit-summary"]').innerText()).toBe('已完成 2 / 2 个单位')

    expect(await storedScores(0, 0)).toEqual([5.5, 3, 8.7])
    expect(await storedScores(0, 1)).toEqual([6, 4, 9.9])
    const sheet = await e2e.api.scoring.sheet({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id })
    expect(sheet.review).toMatchObject({ bonus: 1.5, bonusReason: '数据共享品牌全市推广', strengths: '共享平台接入率全市第一', weaknesses: '基层调研偏少', suggestions: '加强数据安全培训' })
    expect(sheet.total).toBe(18.7)
    // Independence: the screen only ever asked for the chosen reviewer's own sheets.
    expect([...reviewerIdsAsked]).toEqual([seed.reviewers[0].id])

    // The recused unit opens read-only with the reason; its boxes take no input.
    await page.locator('[data-test="unit-row-3"]').click()
    await expect.poll(() => page.locator('[data-test="readonly-reason"]').innerText()).toContain('已回避')
    await scoreBox(page, theory.id).focus()
    await page.keyboard.type('5')
    expect(await scoreBox(page, theory.id).inputValue()).toBe('')
    await e2e.shot('scoring-recused-unit')
  })

  it('loses nothing when values are typed fast and the page is reloaded at once', async () => {
    const { page } = e2e
    const [theory] = seed.items
    await page.goto(scoringUrl())
    await chooseReviewer(page, '林静怡')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: theory.id })
    // Overwrite the same box several times, switch units mid-flight, no waiting anywhere.
    for (const keys of ['1', 'Enter', 'ArrowUp', '2', 'Enter', 'ArrowUp', '4.5', 'Enter', '2', 'Enter', '7.3', 'Control+Enter', '3', 'Enter', '1', 'Enter', '10', 'Alt+ArrowDown', '0.5', 'Enter', '0', 'Enter', '0.1']) {
      if (/^[\d.]+$/.test(keys)) await page.keyboard.type(keys)
      else await page.keyboard.press(keys)
    }
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await expect.poll(() => storedScores(1, 2), { timeout: 10_000 }).toEqual([0.5, 0, 0.1])
    expect(await storedScores(1, 0)).toEqual([4.5, 2, 7.3])
    expect(await storedScores(1, 1)).toEqual([3, 1, 10])
    await expect.poll(() => page.locator('[data-test="unit-summary"]').innerText()).toBe('已完成 3 / 3 个单位')
  })

  it('keeps typing free while slow saves are in flight, and the last typed value wins', async () => {
    const { page } = e2e
    const [theory, practice] = seed.items
    // Every save answers late, by a different delay, as on a busy machine.
    const delays = [900, 150, 600, 50, 400, 700, 100]
    let n = 0
    const inFlight = new Map<string, number>()
    let maxInFlightSameField = 0
    await page.route('**/api/scores.save', async (route) => {
      const itemId = JSON.parse(route.request().postData() ?? '{}').itemId as string
      inFlight.set(itemId, (inFlight.get(itemId) ?? 0) + 1)
      maxInFlightSameField = Math.max(maxInFlightSameField, inFlight.get(itemId)!)
      await new Promise((resolve) => setTimeout(resolve, delays[n++ % delays.length]))
      await route.continue()
      inFlight.set(itemId, inFlight.get(itemId)! - 1)
    })
    await page.goto(scoringUrl())
    await chooseReviewer(page, '林静怡')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: theory.id })
    for (const value of ['1', '2.5', '3', '4.5', '6', '5.5']) {
      await page.keyboard.type(value)
      await page.keyboard.press('Enter') // saves now, moves on
      await page.keyboard.press('ArrowUp') // and back, while that save is still travelling
    }
    // Typing was never blocked: the box holds the last value although saves are still running.
    expect(await scoreBox(page, theory.id).inputValue()).toBe('5.5')
    expect(await sheetState(page)).toBe('保存中…')
    await page.keyboard.press('Enter')
    await page.keyboard.type('2')
    await page.keyboard.press('Control+Enter') // leave the unit with saves pending: they are flushed, not dropped
    await expect.poll(() => unitName(page)).toBe('市水利保障局水文监测站')
    await expect.poll(() => storedScores(1, 0), { timeout: 15_000 }).toEqual([5.5, 2, null])
    expect(maxInFlightSameField).toBe(1) // one field, one request at a time
    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => scoreBox(page, practice.id).inputValue()).toBe('2')
    expect(await scoreBox(page, theory.id).inputValue()).toBe('5.5')
  })

  it('keeps input the server could not take (connection lost) and saves it after a reload', async () => {
    const { page } = e2e
    const [theory] = seed.items
    await page.goto(scoringUrl())
    await chooseReviewer(page, '陈卫国')
    await page.route('**/api/scores.save', (route) => route.abort())
    await page.keyboard.type('4.5')
    await page.keyboard.press('Enter')
    await page.keyboard.type('3')
    await page.keyboard.press('Enter')
    await expect.poll(() => itemState(page, theory.id)).toContain('未保存：无法连接到本机服务')
    expect(await storedScores(2, 0)).toEqual([null, null, null])
    await page.unroute('**/api/scores.save')
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await expect.poll(() => storedScores(2, 0), { timeout: 10_000 }).toEqual([4.5, 3, null])
    await expect.poll(() => page.locator('[data-test="unit-row-1"]').innerText()).toContain('已评 2/3')
  })

  it('asks for 扣分说明 and a veto reason in the keyboard flow, and stays usable with 300 units', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const [theory, practice, opinion] = seed.items
    await api.rubric.save({ meetingId, rubric: { ...seed.rubric, deductionReasonRequired: true } })
    for (let n = 4; n <= 300; n++) await api.units.create({ meetingId, fields: { name: `测试单位${n}`, category: '处室' } })
    await page.goto(scoringUrl())
    await chooseReviewer(page, '陈卫国')
    expect(await page.locator('[data-test^="unit-row-"]').count()).toBe(300)

    await page.keyboard.type('5') // a deduction: its reason is required, reached with its own key
    await page.keyboard.press('Shift+Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'reason' })
    await expect.poll(() => itemState(page, theory.id)).toBe('未保存：待补扣分说明')
    await page.keyboard.type('理论学习记录不全')
    // The placeholder is gone once typing starts: a 必填 mark beside the box still says it is required.
    const theoryRow = page.locator(`[data-item-row="${theory.id}"]`)
    await expect.poll(() => theoryRow.locator('[data-test="reason-required"]').isVisible()).toBe(true)
    expect(await theoryRow.locator('textarea').getAttribute('aria-label')).toBe(`${theory.name}扣分说明（必填）`)
    const mark = (await theoryRow.locator('[data-test="reason-required"]').boundingBox())!
    const box = (await theoryRow.locator('textarea').boundingBox())!
    expect(mark.x + mark.width).toBeLessThanOrEqual(box.x) // before the box, on its first line
    expect(mark.y).toBeGreaterThanOrEqual(box.y)
    expect(mark.y + mark.height).toBeLessThanOrEqual(box.y + box.height)
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: practice.id })
    await page.keyboard.type('4') // full marks: no reason asked
    await page.keyboard.press('Enter')
    expect(await page.locator(`[data-item-row="${practice.id}"] [data-test="reason-required"]`).count()).toBe(0)
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: opinion.id })
    await page.keyboard.type('10')
    await page.keyboard.press('Enter') // → 特色加分, left empty; no bonus means no 加分理由 stop
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'strengths' })
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'veto' })
    await page.keyboard.press('Space')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'veto-reason' })
    await expect.poll(() => page.locator('[data-test="vetoes"] [role="status"]').innerText()).toBe('未保存：勾选一票否决须写明事由')
    await page.keyboard.type('经查实发生违纪案件')
    expect(await page.locator('[data-test="veto-reason-required"]').isVisible()).toBe(true)
    expect(await page.locator('[data-kind="veto-reason"]').getAttribute('aria-label')).toMatch(/事由（必填）$/)
    await expect.poll(() => sheetState(page)).toBe('已保存')
    await e2e.shot('scoring-reason-and-veto')

    const sheet = await api.scoring.sheet({ meetingId, reviewerId: seed.reviewers[2].id, unitId: seed.units[0].id })
    expect(sheet.scores.map((x) => [x.value, x.deductionReason])).toEqual(
      expect.arrayContaining([[5, '理论学习记录不全'], [4, ''], [10, '']]),
    )
    expect(sheet.vetoMarks.map((m) => m.reason)).toEqual(['经查实发生违纪案件'])

    // Far down the list: the row scrolls into view and its sheet opens with focus on the first item.
    await page.locator('[data-test="unit-row-250"]').click()
    await expect.poll(() => unitName(page)).toBe('测试单位250')
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => unitName(page)).toBe('测试单位251')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: theory.id })
    await page.keyboard.type('6')
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('[data-test="unit-row-251"]').innerText()).toContain('已评 1/3')
    await e2e.shot('scoring-300-units')
  })

  it('shows a submitted reviewer\'s sheets read-only with the reason', async () => {
    const { page, api } = e2e
    const demo = await api.meetings.openDemo({})
    await page.goto(`${e2e.baseUrl}/#/meetings/${demo.id}/scoring`)
    await chooseReviewer(page, '周明远')
    await expect.poll(() => page.locator('[data-test="readonly-reason"]').innerText()).toMatch(/^周明远已于 .+ 提交“.+”的评分，评分表已锁定；如需修改，须由会务组解锁并说明理由。$/)
    const box = page.locator('[data-kind="score"]').first()
    const before = await box.inputValue()
    expect(before).not.toBe('')
    await box.focus()
    await page.keyboard.type('1')
    expect(await box.inputValue()).toBe(before)
    expect(await sheetState(page)).toBe('只读')
    await e2e.shot('scoring-locked')
  })
})
