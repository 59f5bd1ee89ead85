/**
 * Reviewer mode on a shared PC, in Chromium against the real bridge: the organizer sets the PINs on
 * 评委与回避, a reviewer enters with their own PIN and lands on their workspace; the results URL
 * sends them back there and results.compute called from the page is refused; a reload stays in
 * reviewer mode; leaving takes the 会务组 PIN (a wrong one is refused) and returns to the 评分 tab.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'
import { seedSmallMeeting } from '../helpers/core'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>

beforeEach(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
})
afterEach(async () => {
  await e2e?.close()
})

const ORGANIZER_PIN = '20241218'
const REVIEWER_PIN = '3579'

describe('reviewer mode', () => {
  it('sets PINs in the UI, enters as a reviewer, is kept to the workspace, and leaves only with the organizer PIN', async () => {
    const { page } = e2e
    const meetingId = seed.meeting.id
    const reviewer = seed.reviewers[1]
    const t = (name: string) => page.locator(`[data-test="${name}"]`)
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/reviewers`)
    await expect.poll(() => t('organizer-pin-state').innerText()).toContain('未设置')
    await expect.poll(() => t('reviewer-pin-state-1').innerText()).toBe('未设置')

    // Entering before any 会务组 PIN exists: the dialog says so and offers to set it.
    await t('enter-reviewer-1').click()
    await expect.poll(() => t('enter-needs-organizer-pin').innerText()).toContain('请先设置会务组 PIN：退出评委模式要用它')
    await e2e.shot('reviewer-mode-enter-needs-organizer-pin')
    await t('enter-set-organizer-pin').click()
    const organizerDialog = page.locator('.el-dialog[data-test="organizer-pin-dialog"]')
    await organizerDialog.waitFor()
    // Digits only: the dashes of a date typed as a PIN are dropped as they are typed.
    await t('organizer-pin-new').pressSequentially('2024-12-18')
    expect(await t('organizer-pin-new').inputValue()).toBe(ORGANIZER_PIN)
    await t('organizer-pin-again').fill('20241219')
    await t('organizer-pin-submit').click()
    await expect.poll(() => organizerDialog.innerText()).toContain('两次输入的 PIN 不一致')
    await t('organizer-pin-again').fill(ORGANIZER_PIN)
    // Masked: what is typed never shows on the shared screen.
    await expect(t('organizer-pin-new').getAttribute('type')).resolves.toBe('password')
    await e2e.shot('reviewer-mode-organizer-pin-dialog')
    await t('organizer-pin-submit').click()
    await organizerDialog.waitFor({ state: 'hidden' })
    // Back in the enter dialog, which now asks for the reviewer's own PIN to be set.
    await expect.poll(() => t('enter-needs-reviewer-pin').innerText()).toContain('评委“林静怡”尚未设置 PIN')
    await page.locator('.el-dialog[data-test="enter-reviewer-dialog"]').getByRole('button', { name: '取消' }).click()
    await expect.poll(() => t('organizer-pin-state').innerText()).toContain('已设置')

    await t('set-reviewer-pin-1').click()
    await t('reviewer-pin-new').fill(REVIEWER_PIN)
    await t('reviewer-pin-again').fill(REVIEWER_PIN)
    await e2e.shot('reviewer-mode-reviewer-pin-dialog')
    await t('reviewer-pin-submit').click()
    await expect.poll(() => t('reviewer-pin-state-1').innerText()).toBe('已设置')
    await e2e.shot('reviewer-mode-reviewers-page')
    expect(await e2e.api.access.reviewerPins({ meetingId })).toEqual(seed.reviewers.map((r) => ({ reviewerId: r.id, pinSet: r.id === reviewer.id })))

    // The reviewer types their PIN: a wrong one says how many tries are left.
    await t('enter-reviewer-1').click()
    const enterDialog = page.locator('.el-dialog[data-test="enter-reviewer-dialog"]')
    await t('enter-reviewer-pin').fill('1111')
    await t('enter-reviewer-submit').click()
    await expect.poll(() => enterDialog.innerText()).toContain('评委“林静怡”的 PIN 不正确（还可再试 4 次）')
    await e2e.shot('reviewer-mode-enter-dialog')
    await t('enter-reviewer-pin').fill(REVIEWER_PIN)
    await t('enter-reviewer-submit').click()
    await t('reviewer-workspace').waitFor()
    expect(page.url().split('?')[0]).toBe(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${reviewer.id}`)

    // The results URL leads back to the workspace, and the API refuses from the page too.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/results`)
    // (the workspace adds ?unit= for the unit on screen)
    await expect.poll(() => page.url().split('?')[0]).toBe(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${reviewer.id}`)
    await expect.poll(() => page.locator('.el-message').innerText()).toContain('评委模式（林静怡）下只能使用本人的评分工作台')
    await t('reviewer-workspace').waitFor()
    const refused = await page.evaluate(async (id) => {
      const res = await fetch('/api/results.compute', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ meetingId: id }) })
      return { status: res.status, body: await res.json() }
    }, meetingId)
    expect(refused).toEqual({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '评委模式下不能查看评审结果和其他评委的评分' } } })
    // Another reviewer's workspace is not theirs either.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${seed.reviewers[2].id}`)
    // (the workspace adds ?unit= for the unit on screen)
    await expect.poll(() => page.url().split('?')[0]).toBe(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${reviewer.id}`)

    // A reload (or a restart) stays in reviewer mode: the start page sends them to the workspace.
    await page.goto(`${e2e.baseUrl}/#/`)
    await page.reload()
    await t('reviewer-workspace').waitFor()
    expect(page.url()).toContain(`/review/${reviewer.id}`)
    // 帮助 stays reachable.
    await page.goto(`${e2e.baseUrl}/#/help`)
    await expect.poll(() => page.url()).toBe(`${e2e.baseUrl}/#/help`)
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${reviewer.id}`)
    await t('reviewer-workspace').waitFor()

    // Leaving: 退出评委模式 in the top bar (the badge shows whose mode it is).
    await expect.poll(() => t('reviewer-mode-badge').innerText()).toContain('评委模式 · 林静怡')
    await openLeaveDialog()
    const leaveDialog = page.locator('.el-dialog[data-test="leave-reviewer-dialog"]')
    await t('leave-reviewer-pin').fill(REVIEWER_PIN)
    await t('leave-reviewer-submit').click()
    await expect.poll(() => leaveDialog.innerText()).toContain('会务组 PIN 不正确（还可再试 4 次）')
    await e2e.shot('reviewer-mode-leave-dialog')
    expect((await e2e.api.access.state({})).mode).toBe('reviewer')
    await t('leave-reviewer-pin').fill(ORGANIZER_PIN)
    await t('leave-reviewer-submit').click()
    await expect.poll(() => page.url()).toBe(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring`)
    expect(await e2e.api.access.state({})).toEqual({ mode: 'organizer', organizerPinSet: true })
    // The organizer may still look at a reviewer's workspace, and reach the results again.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/results`)
    await expect.poll(() => page.url()).toBe(`${e2e.baseUrl}/#/meetings/${meetingId}/results`)

    // Guessing: Enter in the PIN box tries it; after five wrong ones in a row the dialog says how long to wait.
    const other = seed.reviewers[2]
    await e2e.api.access.setReviewerPin({ meetingId, reviewerId: other.id, pin: '8642' })
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/reviewers`)
    await t('enter-reviewer-2').click()
    for (let tries = 4; tries >= 1; tries--) {
      await t('enter-reviewer-pin').fill(`${1000 + tries}`)
      await t('enter-reviewer-pin').press('Enter')
      await expect.poll(() => enterDialog.innerText()).toContain(`评委“${other.name}”的 PIN 不正确（还可再试 ${tries} 次）`)
    }
    await t('enter-reviewer-pin').fill('1000')
    await t('enter-reviewer-pin').press('Enter')
    await expect.poll(() => enterDialog.innerText()).toContain(`评委“${other.name}”的 PIN 不正确；PIN 连续输错 5 次，请 30 秒后再试`)
    await e2e.shot('reviewer-mode-enter-wait')
    expect((await e2e.api.access.state({})).mode).toBe('organizer')
  })
})

/** 退出评委模式 (the first one: the workspace may show the same button in its own header). */
async function openLeaveDialog(): Promise<void> {
  const button = e2e.page.locator('[data-test="leave-reviewer"]')
  await button.first().waitFor()
  await button.first().click()
  await e2e.page.locator('.el-dialog[data-test="leave-reviewer-dialog"]').waitFor()
}
