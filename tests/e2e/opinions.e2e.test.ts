/**
 * At the laptop size organizers use (1280×720), in the real renderer (Chromium) against the real
 * core: each unit's 评审意见 edited, kept over a reload and shown in the minutes preview; the notes
 * form routes nothing to a unit until the recorder chooses; the results table never cuts a remark.
 * Screenshots of the window go to test-results/screenshots/ (4x-*.png).
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'

let e: E2E
let demo: Meeting

beforeAll(async () => {
  e = await startE2E()
  demo = await e.api.meetings.openDemo({})
  await e.page.setViewportSize({ width: 1280, height: 720 })
})
afterAll(async () => {
  await e?.close()
})

async function go(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
}
const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)
/** What the user sees at 1280×720: the window, not the whole scrolled page. */
const shotWindow = (name: string) => e.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })

/**
 * Remarks and tie notes whose text is cut: wider than their box, or running past the visible part of
 * the table (the scroller clips what sticks out). Each entry names the text, so a failure says which.
 */
function clippedRemarks(): Promise<string[]> {
  return e.page.evaluate(() => {
    // The table's scroll box: what sticks out of it is hidden.
    const scroller = document.querySelector('[data-test="results-table"]')!.parentElement!.getBoundingClientRect()
    const cut: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>('[data-test="results-table"] .remark, [data-test="tie-note"]')) {
      const box = el.getBoundingClientRect()
      if (el.scrollWidth > el.clientWidth || box.right > scroller.right + 0.5 || box.left < scroller.left - 0.5) cut.push(el.textContent ?? '')
    }
    return cut
  })
}

/** Whether the preview shows the unit's heading under 三、评审意见 (inside its scroll box). */
function headingInView(unitLabel: string): Promise<boolean> {
  return e.page.evaluate((label) => {
    const box = document.querySelector('[data-test="minutes-preview"]')!.parentElement!.getBoundingClientRect()
    const heading = [...document.querySelectorAll('[data-test="preview-subheading"]')].find((p) => p.textContent!.endsWith(label))
    if (!heading) return false
    const r = heading.getBoundingClientRect()
    return r.top >= box.top && r.bottom <= box.bottom
  }, unitLabel)
}

describe('评审结果 at 1280×720', () => {
  it('shows every remark in full, and the columns of the new summary sheet', async () => {
    await go(`/meetings/${demo.id}/results`)
    await expect.poll(() => $('result-row').count()).toBe(12)
    const remarks = (await $('remarks').allTextContents()).join('|')
    expect(remarks).toContain('未去最高最低分')
    expect(await clippedRemarks()).toEqual([])

    const headers = (await $('results-table').locator('th').allTextContents()).map((h) => h.trim())
    expect(headers.slice(-6)).toEqual(['最高分', '最低分', '综合得分', '其中加分', '等次', '备注'])
    expect(headers).not.toContain('有效平均分')
    const results = await e.api.results.compute({ meetingId: demo.id })
    expect(await $('bonus-part').allTextContents()).toEqual(results.units.map((u) => u.bonusMean!.toFixed(2)))
    await shotWindow('40-results-1280')
  })
})

describe('会议记录：涉及单位 at 1280×720', () => {
  it('has no unit chosen for a new note, refuses to save until one is, and offers 全体', async () => {
    await go(`/meetings/${demo.id}/notes`)
    await expect.poll(() => $('note-unit').isVisible()).toBe(true)
    const unitSelect = $('note-unit')
    await expect.poll(() => unitSelect.textContent()).toContain('请选择')
    expect(await $('timer-unit').textContent()).toContain('选择单位')

    const before = (await e.api.notes.list({ meetingId: demo.id })).length
    await $('note-speaker').fill('刘建华（主持人）')
    await $('note-keypoints').fill('宣布评审纪律和回避规定，评委逐一声明与参评单位无利害关系。')
    await $('note-save').click()
    await expect.poll(() => e.page.getByText('请选择涉及单位').isVisible()).toBe(true)
    expect((await e.api.notes.list({ meetingId: demo.id })).length).toBe(before)
    await shotWindow('42-notes-unit-required')

    await unitSelect.click()
    await e.page.locator('.el-select-dropdown__item', { hasText: '不涉及具体单位（全体）' }).click()
    await $('note-save').click()
    await expect.poll(async () => (await e.api.notes.list({ meetingId: demo.id })).length).toBe(before + 1)
    expect((await e.api.notes.list({ meetingId: demo.id })).at(-1)!.unitId).toBeNull()
    // The next note starts without a unit again.
    await expect.poll(() => unitSelect.textContent()).toContain('请选择')
    await shotWindow('43-notes-after-save')
  })
})

describe('各单位评审意见 at 1280×720', () => {
  it('edits one unit’s opinion, keeps it over a reload, shows it in the preview, and restores the draft', async () => {
    const first = (await e.api.opinions.list({ meetingId: demo.id }))[0]
    await go(`/meetings/${demo.id}/minutes`)
    await $('tab-opinions').click()
    const item = $('opinion-item').first()
    await expect.poll(() => item.locator('[data-test="opinion-state"]').textContent()).toBe('自动汇总，未修改')
    expect(await item.locator('textarea').inputValue()).toBe(first.draft)
    await item.scrollIntoViewIfNeeded()
    await shotWindow('44-minutes-opinions')

    const edited = '主要亮点：数据共享攻坚成效可量化，“数联先锋”品牌叫得响。\n改进建议：把经验做法总结成可复制的工作法。'
    await item.locator('textarea').fill(edited)
    await expect.poll(() => item.locator('[data-test="opinion-state"]').textContent()).toBe('有未保存的修改')
    await item.locator('[data-test="opinion-save"]').click()
    await expect.poll(() => item.locator('[data-test="opinion-state"]').textContent()).toBe('已修改')
    await expect.poll(() => $('minutes-preview').textContent()).toContain('数据共享攻坚成效可量化，“数联先锋”品牌叫得响。')
    expect(await $('minutes-preview').textContent()).not.toContain(first.draft.split('\n')[0])
    // The preview follows: the unit's heading is in view inside the preview's own scroll box.
    await expect.poll(() => headingInView(first.unitLabel)).toBe(true)
    await shotWindow('45-minutes-opinion-saved')

    await e.page.reload()
    await $('tab-opinions').click()
    await expect.poll(() => $('opinion-item').first().locator('[data-test="opinion-state"]').textContent()).toBe('已修改')
    expect(await $('opinion-item').first().locator('textarea').inputValue()).toBe(edited)
    await expect.poll(() => $('minutes-preview').textContent()).toContain('把经验做法总结成可复制的工作法。')
    const saved = (await e.api.opinions.list({ meetingId: demo.id }))[0]
    expect(saved).toMatchObject({ unitId: first.unitId, text: edited, edited: true })
    await $('opinion-item').first().scrollIntoViewIfNeeded()
    await shotWindow('46-minutes-opinion-reloaded')

    await $('opinion-item').first().locator('[data-test="opinion-reset"]').click()
    await e.page.getByRole('button', { name: '恢复自动汇总' }).last().click()
    await expect.poll(() => $('opinion-item').first().locator('[data-test="opinion-state"]').textContent()).toBe('自动汇总，未修改')
    expect(await $('opinion-item').first().locator('textarea').inputValue()).toBe(first.draft)
    await expect.poll(() => $('minutes-preview').textContent()).toContain(first.draft.split('\n')[0])
    expect((await e.api.opinions.list({ meetingId: demo.id }))[0].edited).toBe(false)
  })

  it('drafts the cleared-veto unit without the reviewer’s claim', async () => {
    const results = await e.api.results.compute({ meetingId: demo.id })
    const cleared = results.units.find((u) => u.veto.status === 'not_established')!
    await go(`/meetings/${demo.id}/minutes`)
    await $('tab-opinions').click()
    const item = $('opinion-item').filter({ hasText: cleared.unitName })
    await expect.poll(() => item.count()).toBe(1)
    const draft = await item.locator('textarea').inputValue()
    expect(draft).toContain('存在不足：')
    expect(draft).not.toContain('弄虚作假')

    // Edited, then the decision is withdrawn: the draft changes, and the organizer is told to compare.
    await item.locator('textarea').fill(`${draft}\n会议明确：请该单位规范台账管理。`)
    await item.locator('[data-test="opinion-save"]').click()
    await expect.poll(() => item.locator('[data-test="opinion-state"]').textContent()).toBe('已修改')
    expect(await item.locator('[data-test="opinion-changed"]').count()).toBe(0)
    await e.api.vetoes.decide({ meetingId: demo.id, unitId: cleared.unitId, decision: null, reason: '复核材料，重新认定' })
    await e.page.reload()
    await $('tab-opinions').click()
    await expect.poll(() => item.locator('[data-test="opinion-changed"]').isVisible()).toBe(true)
    expect(await item.locator('[data-test="opinion-draft"]').textContent()).toContain('弄虚作假')
    await expect.poll(() => $('minutes-warnings').textContent()).toContain('评委意见又有变化')
    await item.scrollIntoViewIfNeeded()
    await shotWindow('47-minutes-opinion-draft-changed')
    // Compared: keeping the edited text clears the notice.
    await item.locator('[data-test="opinion-save"]').click()
    await expect.poll(() => item.locator('[data-test="opinion-changed"]').count()).toBe(0)
    expect((await e.api.opinions.list({ meetingId: demo.id })).find((o) => o.unitId === cleared.unitId)).toMatchObject({ edited: true, draftChanged: false })
  })
})

describe('评审结果 with 7 reviewers at 1280×720', () => {
  it('still shows every remark in full', async () => {
    for (const name of ['孙立新', '钱文博']) await e.api.reviewers.create({ meetingId: demo.id, fields: { name } })
    await go(`/meetings/${demo.id}/results`)
    await expect.poll(() => $('result-row').count()).toBe(12)
    expect((await $('remarks').allTextContents()).join('|')).toContain('孙立新、钱文博评分未完成')
    await shotWindow('48-results-7-reviewers-1280')
    expect(await clippedRemarks()).toEqual([])
  })
})
