/**
 * 评审意见常用语 end to end: the organizer edits the phrases on the 评分标准 page and saves them with
 * the page's save bar; a reviewer inserts one into 不足 with the keyboard only (at the caret, then at
 * the end), it is saved like typing and still there after a reload; a read-only sheet offers none.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_COMMENT_PHRASES } from '../../src-main/shared/comment-phrase-defaults'
import { seedSmallMeeting } from '../helpers/core'
import { startE2E, type E2E } from './harness'
import { chooseReviewer, focused, sheetState, unitName } from './scoring-page'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>

beforeEach(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
  // The chair is recused from the third unit: its sheet is read-only.
  await e2e.api.recusals.set({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[2].id, recused: true, reason: '曾在该单位任职' })
})
afterEach(async () => {
  await e2e?.close()
})

const $ = (testId: string) => e2e.page.locator(`[data-test="${testId}"]`)
const NEW_PHRASE = '基层调研不够深入，问题清单不够具体'

describe('评审意见常用语', () => {
  it('the organizer edits the lists; a reviewer inserts one into 不足 with the keyboard, and it is saved', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const defaults = DEFAULT_COMMENT_PHRASES.weaknesses

    const rubricSaves: string[] = []
    page.on('request', (request) => void (request.url().endsWith('/api/rubric.save') && rubricSaves.push(request.url())))

    // Organizer, 评分标准 page: the app's phrases until a list is saved.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/rubric`)
    const weaknesses = $('phrase-part-weaknesses')
    await expect.poll(() => weaknesses.locator('textarea[data-test="phrase-input"]').count()).toBe(defaults.length)
    expect(await $('phrases-default').isVisible()).toBe(true)

    // Add a phrase at the end, move it to the top, and remove the (old) second one.
    await $('add-phrase-weaknesses').click()
    await page.keyboard.type(NEW_PHRASE)
    const rows = weaknesses.locator('[data-test="phrase-row"]')
    for (let i = defaults.length; i > 0; i--) await rows.nth(i).locator('[data-test="move-up"]').click()
    await rows.nth(2).locator('[data-test="remove-phrase"]').click()
    // A repeat is pointed out and kept once.
    await $('add-phrase-weaknesses').click()
    await page.keyboard.type(defaults[0])
    await expect.poll(() => weaknesses.innerText()).toContain('与第 2 条相同，保存时只保留一条')
    expect(await page.getByText('有未保存的修改').isVisible()).toBe(true)
    await e2e.shot('phrases-organizer-editing')

    await $('save-rubric').click()
    await expect.poll(() => page.getByText('评审意见常用语已保存').isVisible()).toBe(true)
    const expected = [NEW_PHRASE, defaults[0], ...defaults.slice(2)]
    const saved = await api.phrases.get({ meetingId })
    expect(saved).toMatchObject({ saved: true, weaknesses: expected, strengths: DEFAULT_COMMENT_PHRASES.strengths })
    await expect.poll(() => $('phrases-default').count()).toBe(0)
    expect(await page.getByText('有未保存的修改').count()).toBe(0)
    // Only the phrases changed: the rubric was not sent again.
    expect(rubricSaves).toEqual([])

    // Reviewer, keyboard only: Enter walks the three scores and the bonus to 亮点, Tab to 不足.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring`)
    await chooseReviewer(page, '周明远')
    expect(await unitName(page)).toBe('市数据资源局数据共享处党支部')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'score' })
    for (let i = 0; i < 4; i++) await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'strengths' })
    await page.keyboard.press('Tab')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'weaknesses' })
    await page.keyboard.type('宣传推广较少')

    // At the caret: Home, Alt+Enter opens the list, Enter takes the first phrase.
    await page.keyboard.press('Home')
    await page.keyboard.press('Alt+Enter')
    const list = $('phrase-list')
    await expect.poll(() => list.isVisible()).toBe(true)
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox')
    expect(await list.locator('[role="option"]').allInnerTexts()).toHaveLength(expected.length)
    await e2e.shot('phrases-reviewer-list-open')
    await page.keyboard.press('Enter')
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'weaknesses', value: `${NEW_PHRASE}；宣传推广较少` })
    // The caret is right after the phrase: typing goes on there.
    await page.keyboard.type('，整改台账未建立')
    await expect.poll(() => focused(page)).toMatchObject({ value: `${NEW_PHRASE}，整改台账未建立；宣传推广较少` })

    // At the end: ↓ then Enter picks the second phrase, joined with 「；」.
    await page.keyboard.press('End')
    await page.keyboard.press('Control+End')
    await page.keyboard.press('Alt+Enter')
    await expect.poll(() => list.isVisible()).toBe(true)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    const typed = `${NEW_PHRASE}，整改台账未建立；宣传推广较少；${expected[1]}`
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'weaknesses', value: typed })

    // Esc closes the list and gives the field back unchanged.
    await page.keyboard.press('Alt+Enter')
    await expect.poll(() => list.isVisible()).toBe(true)
    await page.keyboard.press('Escape')
    await expect.poll(() => list.count()).toBe(0)
    await expect.poll(() => focused(page)).toMatchObject({ kind: 'weaknesses', value: typed })

    // Saved like typing.
    await expect.poll(() => sheetState(page)).toBe('已保存')
    const sheet = () => api.scoring.sheet({ meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id })
    await expect.poll(async () => (await sheet()).review.weaknesses).toBe(typed)
    await e2e.shot('phrases-reviewer-inserted')

    // Mouse, field not focused: the phrase is appended to 建议 with nothing else typed.
    await $('phrases-suggestions').click()
    await list.locator('[role="option"]').nth(2).click()
    await expect.poll(() => page.locator('[data-kind="suggestions"]').inputValue()).toBe(DEFAULT_COMMENT_PHRASES.suggestions[2])
    await expect.poll(async () => (await sheet()).review.suggestions).toBe(DEFAULT_COMMENT_PHRASES.suggestions[2])

    // After a reload the text is there.
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await expect.poll(() => page.locator('[data-kind="weaknesses"]').inputValue()).toBe(typed)

    // A read-only (recused) sheet offers no phrases.
    await $('unit-row-3').click()
    await expect.poll(() => $('readonly-reason').innerText()).toContain('已回避')
    expect(await $('phrases-weaknesses').count()).toBe(0)
    await page.locator('[data-kind="weaknesses"]').focus()
    await page.keyboard.press('Alt+Enter')
    expect(await list.count()).toBe(0)

    // 恢复默认 brings the app's phrases back once saved; the sheet keeps what was inserted.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/rubric`)
    await expect.poll(() => weaknesses.locator('textarea[data-test="phrase-input"]').first().inputValue()).toBe(NEW_PHRASE)
    await $('restore-default-phrases').click()
    await page.locator('.el-message-box').getByRole('button', { name: '恢复默认' }).click()
    await expect.poll(() => weaknesses.locator('textarea[data-test="phrase-input"]').first().inputValue()).toBe(defaults[0])
    await $('save-rubric').click()
    await expect.poll(() => page.getByText('评审意见常用语已保存').isVisible()).toBe(true)
    expect(await api.phrases.get({ meetingId })).toEqual({ ...DEFAULT_COMMENT_PHRASES, saved: true })
    expect((await sheet()).review.weaknesses).toBe(typed)
  })
})
