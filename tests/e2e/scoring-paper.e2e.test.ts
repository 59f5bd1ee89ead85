/**
 * A clerk keying three paper score sheets (15 items each, 扣分说明 required) with the keyboard only:
 * every number lands in its own box, a wrong value stops where it was typed and says why, the big
 * total is what is saved, and after a reload every value and reason is there, box by box.
 */
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Rubric } from '../../src-main/shared/schemas/rubric'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { chooseReviewer, focused, itemState, liveTotal, reasonBox, scoreBox, storedScores, unitName } from './scoring-page'

let e2e: E2E
let meetingId: string
let reviewerId: string
let units: { id: string; name: string }[]
let items: Rubric['criteria'][number]['items']

const CRITERIA = ['政治坚定', '服务发展', '作风优良', '组织建设', '群众满意']
/** Each 一级指标 20 points: an 8-point item (0.5 steps), a 6-point item (1), a 6-point item (0.1). */
const ITEM_SHAPE = [
  { name: '学习制度', maxPoints: 8, step: 0.5 },
  { name: '工作落实', maxPoints: 6, step: 1 },
  { name: '测评结果', maxPoints: 6, step: 0.1 },
] as const

/** The paper sheets: a value per item and, for each deduction, its written reason (by item index). */
const PAPER = {
  full: { values: ['8', '6', '6', '8', '6', '6', '8', '6', '6', '8', '6', '6', '8', '6', '6'], reasons: {} as Record<number, string> },
  inline: {
    values: ['7.5', '6', '5.8', '8', '5', '6', '8', '6', '6', '6.5', '6', '6', '8', '6', '4.2'],
    reasons: { 0: '理论学习记录缺两次', 2: '满意度测评偏低', 4: '整改台账不完整', 9: '发展党员材料缺页', 14: '群众意见整改滞后' } as Record<number, string>,
  },
  later: {
    values: ['8', '5', '6', '7', '6', '6', '8', '6', '6', '8', '6', '6', '8', '5', '6'],
    reasons: { 1: '专项任务延期', 3: '学习笔记不全', 13: '组织生活记录缺页' } as Record<number, string>,
  },
}
const sheets = [PAPER.full, PAPER.inline, PAPER.later]
const num = (values: string[]) => values.map(Number)
const sum = (values: string[]) => values.reduce((s, v) => s + Math.round(Number(v) * 10), 0) / 10

beforeEach(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1440, height: 1250 })
  const meeting = await e2e.api.meetings.create({ title: '纸质评分表录入', date: '2024-12-18' })
  meetingId = meeting.id
  const rubric = await e2e.api.rubric.save({
    meetingId,
    rubric: {
      basePoints: 100,
      bonusMaxPoints: 5,
      totalCapPoints: 105,
      deductionReasonRequired: true,
      criteria: CRITERIA.map((name) => ({ name, maxPoints: 20, items: ITEM_SHAPE.map((i) => ({ ...i, name: `${name}·${i.name}` })) })),
      vetoItems: [{ name: '发生严重违纪违法案件' }],
    },
  })
  items = rubric.criteria.flatMap((c) => c.items)
  units = []
  for (const name of ['市数据资源局数据共享处党支部', '市水利保障局水文监测站', '市统计服务局综合处党支部']) {
    units.push(await e2e.api.units.create({ meetingId, fields: { name, category: '处室' } }))
  }
  reviewerId = (await e2e.api.reviewers.create({ meetingId, fields: { name: '周明远', role: 'chair' } })).id
})
afterEach(async () => {
  await e2e?.close()
})

/** Counts every key the page receives from now on. */
async function startCountingKeys(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { keysPressed: number; keyCounter?: (e: KeyboardEvent) => void }
    w.keysPressed = 0
    if (!w.keyCounter) {
      w.keyCounter = (e) => void (e.repeat || (w.keysPressed += 1))
      window.addEventListener('keydown', w.keyCounter, true)
    }
  })
}
const keysPressed = (page: Page) => page.evaluate(() => (window as unknown as { keysPressed: number }).keysPressed)

async function shotAt(page: Page, name: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height })
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}x${height}.png`) })
}

const stored = (unit: number) => storedScores(e2e.api, meetingId, reviewerId, units[unit].id, items.map((i) => i.id))

describe('keying paper score sheets', () => {
  it('takes one value and Enter per item, never routes a number into a 扣分说明, and keeps every value across a reload', async () => {
    const { page } = e2e
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring`)
    await chooseReviewer(page, '周明远')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: items[0].id })

    // Sheet 1, full marks: the minimum, one value and Enter per item, counted key by key.
    await startCountingKeys(page)
    for (const value of PAPER.full.values) {
      await page.keyboard.type(value)
      await page.keyboard.press('Enter')
    }
    const fullSheetKeys = await keysPressed(page)
    expect(fullSheetKeys).toBe(PAPER.full.values.join('').length + PAPER.full.values.length)
    console.log(`[keys] 15-item full-marks sheet: ${fullSheetKeys} keys`)
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'bonus' })
    await expect.poll(() => liveTotal(page)).toBe('100')

    // Sheet 2: deductions with their reasons, written as they come (Shift+Enter, reason, Enter).
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => unitName(page)).toBe(units[1].name)
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: items[0].id })
    await startCountingKeys(page)
    for (const [i, value] of PAPER.inline.values.entries()) {
      if (i === 3) {
        // A slip: 99 on an 8-point item. Enter stays on it and says why; the total is what is saved.
        await page.keyboard.type('99')
        await page.keyboard.press('Enter')
        expect(await focused(page)).toMatchObject({ kind: 'score', itemId: items[3].id, value: '99' })
        expect(await itemState(page, items[3].id)).toBe('未保存：满分 8 分')
        await expect.poll(() => liveTotal(page)).toBe(String(sum(PAPER.inline.values.slice(0, 3))))
        expect(await page.locator('[data-test="unsaved-note"]').innerText()).toBe('另有 1 项未保存，不计入合计')
        expect(await page.locator('[data-test="live-total"]').innerText()).toContain('已保存合计')
        await shotAt(page, 'scoring-invalid-value', 1280, 720)
        await shotAt(page, 'scoring-invalid-value', 1920, 1080)
        await page.setViewportSize({ width: 1440, height: 1250 })
      }
      await page.keyboard.type(value) // replaces the selected value
      const reason = PAPER.inline.reasons[i]
      if (reason) {
        await page.keyboard.press('Shift+Enter')
        expect(await focused(page)).toMatchObject({ kind: 'reason' })
        await page.keyboard.type(reason)
      }
      await page.keyboard.press('Enter')
      if (i < 14) expect(await focused(page)).toMatchObject({ kind: 'score', itemId: items[i + 1].id })
    }
    console.log(`[keys] 15-item sheet with 5 deductions and their reasons, one slip: ${await keysPressed(page)} keys`)
    await expect.poll(() => liveTotal(page)).toBe(String(sum(PAPER.inline.values)))
    expect(await page.locator('[data-test="unsaved-note"]').count()).toBe(0)

    // Sheet 3: every score first, the reasons afterwards. The held deductions are listed, not saved.
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => unitName(page)).toBe(units[2].name)
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: items[0].id })
    for (const [i, value] of PAPER.later.values.entries()) {
      await page.keyboard.type(value)
      await page.keyboard.press('Enter')
      expect(await focused(page)).toMatchObject(i < 14 ? { kind: 'score', itemId: items[i + 1].id } : { kind: 'bonus' })
    }
    const held = Object.keys(PAPER.later.reasons).map(Number)
    await expect.poll(() => page.locator('[data-test="missing-reasons"] button').allInnerTexts()).toEqual(held.map((i) => `${Math.floor(i / 3) + 1}.${(i % 3) + 1} ${items[i].name}`))
    for (const i of held) expect(await itemState(page, items[i].id)).toBe('未保存：待补扣分说明')
    const keyedOnly = PAPER.later.values.map((v, i) => (held.includes(i) ? '0' : v))
    await expect.poll(() => liveTotal(page)).toBe(String(sum(keyedOnly)))
    expect(await page.locator('[data-test="unsaved-note"]').innerText()).toBe(`另有 ${held.length} 项未保存，不计入合计`)
    await e2e.shot('scoring-missing-reasons')
    // Back up with ↑ to each held item (from the bottom), Shift+Enter, the reason, Enter.
    let at = 15 // the bonus box
    for (const i of [...held].reverse()) {
      for (; at > i; at--) await page.keyboard.press('ArrowUp')
      await page.keyboard.press('Shift+Enter')
      await page.keyboard.type(PAPER.later.reasons[i])
      await page.keyboard.press('Enter') // → the next score
      at = i + 1
    }
    await expect.poll(() => liveTotal(page)).toBe(String(sum(PAPER.later.values)))
    expect(await page.locator('[data-test="missing-reasons"]').count()).toBe(0)

    // After a reload: every value and reason, on the server and in the boxes, unit by unit.
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await page.locator('[data-test="unit-row-1"]').click()
    for (const [u, paper] of sheets.entries()) {
      await expect.poll(() => stored(u)).toEqual(num(paper.values))
      const sheet = await e2e.api.scoring.sheet({ meetingId, reviewerId, unitId: units[u].id })
      expect(Object.fromEntries(sheet.scores.filter((s) => s.deductionReason).map((s) => [items.findIndex((i) => i.id === s.itemId), s.deductionReason]))).toEqual(paper.reasons)
      await expect.poll(() => unitName(page)).toBe(units[u].name)
      await expect.poll(() => scoreBox(page, items[14].id).inputValue()).toBe(paper.values[14])
      for (const [i, item] of items.entries()) {
        expect(await scoreBox(page, item.id).inputValue()).toBe(paper.values[i])
        expect(await reasonBox(page, item.id).inputValue()).toBe(paper.reasons[i] ?? '')
      }
      expect(await liveTotal(page)).toBe(String(sum(paper.values)))
      if (u < 2) await page.keyboard.press('Alt+ArrowDown')
    }
    await shotAt(page, 'scoring-paper-done', 1280, 720)
    await shotAt(page, 'scoring-paper-done', 1920, 1080)
  })
})
