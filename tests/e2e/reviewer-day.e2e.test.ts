/**
 * The reviewer's day end to end (issue 9), as one story in Chromium against the real bridge: the
 * organizer gives a reviewer a PIN; the reviewer enters reviewer mode, scores three units with the
 * keyboard only beside their materials, boxes a passage on a PDF page and copies its note into 不足,
 * declares a recusal for the fourth unit, submits; after a reload everything is there; the results
 * page and another reviewer's sheet are refused in the UI and the API. The organizer leaves reviewer
 * mode with the 会务组 PIN, unlocks a sheet with a reason, and the history shows it; a history row
 * edited by hand in the data file is detected. Screenshots of the split view and of the projector.
 */
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src-main/core/app'
import { seedSmallMeeting } from '../helpers/core'
import { seedMaterials } from '../helpers/seed-materials'
import { cidTextPdf } from '../helpers/material-fixtures'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { focused, storedScores, unitName } from './scoring-page'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
const ORGANIZER_PIN = '20241218'
const PIN = '3579'
const FOURTH = '市审计服务中心党支部'

beforeAll(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
  const meetingId = seed.meeting.id
  seed.units.push(await e2e.api.units.create({ meetingId, fields: { name: FOURTH, category: '处室' } }))
  const pages = (title: string) => Array.from({ length: 3 }, (_, p) => [`${title} 第${p + 1}页`, '一、党建品牌建设情况', '二、主要做法与成效', '三、存在的不足'])
  for (const [i, unit] of seed.units.slice(0, 2).entries())
    await seedMaterials(e2e.core, meetingId, unit.id, [{ name: `自评报告${i + 1}.pdf`, data: cidTextPdf(pages(`${unit.name}自评报告`)) }])
  await e2e.api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
  await e2e.api.access.setReviewerPin({ meetingId, reviewerId: seed.reviewers[1].id, pin: PIN })
})
afterAll(async () => {
  await e2e?.close()
})

const t = (name: string) => e2e.page.locator(`[data-test="${name}"]`)
const viewShot = (name: string) => e2e.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
const dialogButton = (text: string) => e2e.page.locator('.el-message-box').getByRole('button', { name: text })

describe("the reviewer's day", () => {
  it('the reviewer enters with their PIN, scores by keyboard beside the materials, annotates, recuses, submits', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const reviewer = seed.reviewers[1]
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/reviewers`)
    await t('enter-reviewer-1').click()
    await t('enter-reviewer-pin').fill(PIN)
    await t('enter-reviewer-submit').click()
    await t('reviewer-workspace').waitFor()
    await page.waitForSelector('[data-test="score-form"]')

    // Three units, keyboard only: type, Enter to the next score, Alt+↓ to the next unit.
    const expected: Record<number, number[]> = { 0: [5.5, 3, 8.6], 1: [6, 4, 9.2], 2: [4.5, 2, 7] }
    for (const unit of [0, 1, 2]) {
      await expect.poll(() => unitName(page)).toBe(seed.units[unit].name)
      await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: seed.items[0].id })
      for (const value of expected[unit]) {
        await page.keyboard.type(String(value))
        await page.keyboard.press('Enter')
      }
      await expect.poll(() => t('sheet-state').innerText()).toBe('已保存')
      if (unit === 1) {
        // Unit 2: draw a box on page 1 of its report, with a note, and copy the note into 不足.
        await expect.poll(() => page.locator('[data-test="materials-pane"] .pdf-page[data-page="1"] canvas').count()).toBe(1)
        await t('annotation-tool-rect').click()
        const sheet = (await page.locator('[data-test="materials-pane"] .pdf-page[data-page="1"]').boundingBox())!
        await page.mouse.move(sheet.x + 30, sheet.y + 60)
        await page.mouse.down()
        await page.mouse.move(sheet.x + 160, sheet.y + 100, { steps: 5 })
        await page.mouse.move(sheet.x + 220, sheet.y + 130, { steps: 5 })
        await page.mouse.up()
        await t('annotation-note-input').fill('台账中党建品牌活动记录不全')
        await t('annotation-note-save').click()
        await expect.poll(() => page.locator('[data-test="annotation-item"]').count()).toBe(1)
        await page.locator('[data-test="annotation-item"]').first().locator('[data-test="annotation-copy"]').click()
        await t('annotation-copy-weaknesses').click()
        await expect.poll(() => page.locator('[data-test="comments"] textarea').nth(1).inputValue()).toContain('台账中党建品牌活动记录不全')
        await viewShot('reviewer-day-split-view')
        // Back to the sheet with the keyboard: the next unit.
        await page.locator('[data-test="comments"] textarea').nth(1).focus()
      }
      await page.keyboard.press('Alt+ArrowDown')
    }
    for (const unit of [0, 1, 2])
      await expect.poll(() => storedScores(api, meetingId, reviewer.id, seed.units[unit].id, seed.items.map((i) => i.id))).toEqual(expected[unit])

    // The fourth unit: 申请回避 with a reason; it leaves the list.
    await expect.poll(() => unitName(page)).toBe(FOURTH)
    await t('declare-recusal').click()
    await page.locator('.el-message-box input').fill('本人曾在该单位挂职')
    await dialogButton('申请回避').click()
    await expect.poll(() => page.locator('[data-test="review-units"] li').count()).toBe(3)

    // Submit all three.
    await t('submit-all').click()
    await dialogButton('提交').click()
    await expect.poll(() => t('review-progress').innerText()).toContain('已提交 3')

    // After a reload everything is there: scores, comment, annotation, submission, recusal.
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await expect.poll(() => t('review-progress').innerText()).toContain('已提交 3')
    expect(await page.locator('[data-test="review-units"] li').allInnerTexts()).not.toContain(FOURTH)
    const sheet2 = await api.scoring.sheet({ meetingId, reviewerId: reviewer.id, unitId: seed.units[1].id })
    expect(sheet2.review?.weaknesses).toContain('台账中党建品牌活动记录不全')
    expect(await api.annotations.list({ meetingId, reviewerId: reviewer.id })).toEqual([expect.objectContaining({ kind: 'rect', pageIndex: 0, note: '台账中党建品牌活动记录不全' })])
    // The in-process API goes through the same policy: the meeting's recusal list is not the reviewer's to read.
    await expect(api.recusals.list({ meetingId })).rejects.toThrow(/评委模式/)

    // Results and another reviewer's sheet: refused in the UI (back to the workspace) and in the API.
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/results`)
    await expect.poll(() => page.url()).toContain(`/review/${reviewer.id}`)
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${seed.reviewers[0].id}`)
    await expect.poll(() => page.url()).toContain(`/review/${reviewer.id}`)
    const call = (name: string, body: unknown) =>
      page.evaluate(
        async ([n, b]) => {
          const res = await fetch(`/api/${n}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })
          return { status: res.status, code: ((await res.json()) as { error?: { code: string } }).error?.code }
        },
        [name, body] as const,
      )
    expect(await call('results.compute', { meetingId })).toEqual({ status: 403, code: 'FORBIDDEN' })
    expect(await call('scoring.sheet', { meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id })).toEqual({ status: 403, code: 'FORBIDDEN' })
    expect(await call('scores.save', { meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 1 })).toEqual({ status: 403, code: 'FORBIDDEN' })
  })

  it('the organizer leaves reviewer mode with the 会务组 PIN, unlocks with a reason, and the history shows it', async () => {
    const { page } = e2e
    const meetingId = seed.meeting.id
    await t('leave-reviewer').first().click()
    await t('leave-reviewer-pin').fill(ORGANIZER_PIN)
    await t('leave-reviewer-submit').click()
    await expect.poll(() => page.url()).toContain(`/meetings/${meetingId}/scoring`)
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/scoring?reviewer=${seed.reviewers[1].id}&unit=${seed.units[1].id}`)
    await t('unlock-sheet').click()
    await page.locator('.el-message-box input').fill('评委申请复核“群众评价”得分')
    await dialogButton('解锁').click()
    await expect.poll(() => t('submit-bar').innerText()).toContain('本单位未提交')
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/history`)
    await expect.poll(() => page.locator('[data-test="history-table"]').innerText()).toContain('评委申请复核“群众评价”得分')
    await t('verify-history').click()
    await expect.poll(() => t('verify-result').innerText()).toMatch(/^记录完整/)
  })

  it('a history row edited by hand in the data file is detected', async () => {
    // (the history page is still open from the step before)
    const seqs = e2e.core.context.db.prepare("SELECT seq FROM score_history WHERE field LIKE 'item:%' ORDER BY seq").pluck().all() as number[]
    const raw = new BetterSqlite3(databaseFile(e2e.dataDir))
    raw.exec('DROP TRIGGER score_history_append_only')
    raw.prepare("UPDATE score_history SET new_value = '10' WHERE seq = ?").run(seqs[2])
    raw.close()
    await t('verify-history').click()
    await expect.poll(() => t('verify-result').innerText()).toMatch(new RegExp(`^记录已被改动：第 ${seqs[2]} 条`))
  })

  it('the projector shows the unit on screen and its clock, readable at the back of the room', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    await api.projector.control({ meetingId, control: { action: 'select', unitId: seed.units[1].id } })
    await api.projector.control({ meetingId, control: { action: 'start' } })
    await page.goto(`${e2e.baseUrl}/#/projector/${meetingId}`)
    await expect.poll(() => page.locator('body').innerText()).toContain(seed.units[1].name)
    await expect.poll(() => page.locator('body').innerText()).toMatch(/汇报/)
    await viewShot('reviewer-day-projector')
  })
})
