/**
 * Submitting and unlocking on the 评分 screen: a reviewer submits a finished unit (the sheet locks in
 * the UI and on the server), "submit all" lists what is still unscored and submits nothing, and the
 * organizer unlocks with a reason that lands in the history.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { chooseReviewer, scoreBox, unitName } from './scoring-page'
import { seedSmallMeeting } from '../helpers/core'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>

beforeEach(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
  const sheet = { meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id }
  for (const [i, item] of seed.items.entries()) await e2e.api.scores.save({ ...sheet, itemId: item.id, value: [6, 4, 9][i] })
})
afterEach(async () => {
  await e2e?.close()
})

const unitRow = (no: number) => e2e.page.locator(`[data-test="unit-row-${no}"]`)
const dialogButton = (text: string) => e2e.page.locator('.el-message-box').getByRole('button', { name: text })

describe('submit and unlock on the 评分 screen', () => {
  it('submits a finished unit, refuses "submit all" while others are unscored, and unlocks with a reason', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring`)
    await chooseReviewer(page, '周明远')
    // The screen opens the first unit still to score; the finished one is chosen from the list.
    expect(await unitName(page)).toBe('市水利保障局水文监测站')
    await unitRow(1).click()
    await expect.poll(() => unitName(page)).toBe('市数据资源局数据共享处党支部')

    await page.locator('[data-test="submit-unit"]').click()
    await dialogButton('提交').click()
    await expect.poll(() => unitRow(1).innerText()).toContain('已提交')
    await expect.poll(() => page.locator('[data-test="submit-bar"]').innerText()).toContain('本单位已提交')
    await expect(scoreBox(page, seed.items[0].id).isEditable()).resolves.toBe(false)
    await expect.poll(() => page.getByText('提交“市数据资源局数据共享处党支部”的评分，评分表已锁定').count()).toBe(1)
    await e2e.shot('scoring-submitted')
    // Locked on the server too, not only on screen.
    const write = await e2e.core.dispatch('scores.save', { meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 1 })
    expect(write).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    await page.locator('[data-test="submit-all"]').click()
    await dialogButton('提交').click()
    const box = page.locator('.el-message-box')
    await expect.poll(() => box.innerText()).toContain('市水利保障局水文监测站：未评 3 项')
    await e2e.shot('scoring-submit-all-refused')
    await dialogButton('知道了').click()
    expect((await api.scoring.progress({ meetingId, reviewerId: seed.reviewers[0].id })).map((p) => p.submittedAt !== null)).toEqual([true, false, false])

    await page.locator('[data-test="unlock-sheet"]').click()
    await page.locator('.el-message-box input').fill('评委申请复核“理论武装”得分')
    await dialogButton('解锁').click()
    await expect.poll(() => page.locator('[data-test="submit-bar"]').innerText()).toContain('本单位未提交')
    await expect.poll(() => scoreBox(page, seed.items[0].id).isEditable()).toBe(true)
    const history = e2e.core.context.db.prepare("SELECT field, reason FROM score_history WHERE field = 'unlock'").all()
    expect(history).toEqual([{ field: 'unlock', reason: '评委申请复核“理论武装”得分' }])

    // 申请回避 on the day, for the third unit: it leaves this reviewer's list of units to score.
    await unitRow(3).click()
    await expect.poll(() => unitName(page)).toBe('市统计服务局综合处党支部')
    await page.locator('[data-test="declare-recusal"]').click()
    await page.locator('.el-message-box input').fill('曾参与该单位申报材料的指导')
    await dialogButton('申请回避').click()
    await expect.poll(() => unitRow(3).innerText()).toContain('回避')
    const [recusal] = await api.recusals.list({ meetingId })
    expect(recusal).toMatchObject({ unitId: seed.units[2].id, source: 'reviewer', reason: '曾参与该单位申报材料的指导' })
    await e2e.shot('scoring-recusal-declared')
  })
})
