/**
 * The reviewer's workspace (route `review`), driven as a reviewer does it: three units scored with the
 * keyboard only beside their materials, the divider dragged and still there after a reload, each unit's
 * material and page kept, a unit recused by the organizer absent, 申请回避 taking a unit off the list,
 * and everything submitted. What the server stored is checked through the API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { focused, scoreBox, storedScores, unitName } from './scoring-page'
import { seedSmallMeeting } from '../helpers/core'
import { seedMaterials } from '../helpers/seed-materials'
import { cidTextPdf } from '../helpers/material-fixtures'

let e2e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
const EXTRA_UNITS = ['市审计服务中心党支部', '市档案馆机关党支部']

/** Five units: two with PDFs, one without materials, one the organizer recused the chair from. */
beforeEach(async () => {
  e2e = await startE2E()
  await e2e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e2e.api)
  const meetingId = seed.meeting.id
  for (const name of EXTRA_UNITS) seed.units.push(await e2e.api.units.create({ meetingId, fields: { name, category: '处室' } }))
  await e2e.api.recusals.set({ meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[4].id, recused: true, reason: '曾在该单位任职' })
  const pages = (title: string, count: number) => Array.from({ length: count }, (_, p) => [`${title} 第${p + 1}页`, '一、基本情况', '二、主要做法与成效'])
  await seedMaterials(e2e.core, meetingId, seed.units[0].id, [{ name: '创建工作报告.pdf', data: cidTextPdf(pages('数据共享处创建工作报告', 6)) }])
  await seedMaterials(e2e.core, meetingId, seed.units[1].id, [
    { name: '自评报告.pdf', data: cidTextPdf(pages('水文监测站自评报告', 3)) },
    { name: '党建工作台账.pdf', data: cidTextPdf(pages('水文监测站党建工作台账', 5)) },
  ])
})
afterEach(async () => {
  await e2e?.close()
})

/** The window as the reviewer sees it (the workspace fills it exactly; a full-page shot would stretch it). */
const viewShot = (name: string) => e2e.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
const row = (no: number) => e2e.page.locator(`[data-test="review-unit-${no}"]`)
const rows = () => e2e.page.locator('[data-test="review-units"] li').allInnerTexts()
const dialogButton = (text: string) => e2e.page.locator('.el-message-box').getByRole('button', { name: text })
const divider = () => e2e.page.locator('[data-test="split-divider"]')
const pageShown = () => e2e.page.locator('[data-test="materials-pane"] [data-test="pdf-page-input"]').inputValue()
const selectedTab = () => e2e.page.locator('[data-test="material-tabs"] [aria-selected="true"]').innerText()
/** The first page of the open PDF is drawn (its canvas has pixels). */
const pdfDrawn = () => e2e.page.locator('[data-test="materials-pane"] .pdf-page canvas').count()

async function scoreWithKeys(values: string[]): Promise<void> {
  const { page } = e2e
  await expect.poll(() => focused(page)).toMatchObject({ kind: 'score', itemId: seed.items[0].id })
  for (const value of values) {
    await page.keyboard.type(value)
    await page.keyboard.press('Enter')
  }
  await expect.poll(() => page.locator('[data-test="sheet-state"]').innerText()).toBe('已保存')
}

describe('reviewer workspace', () => {
  it('scores three units by keyboard beside the materials, remembers the split and pages, drops recused units, submits', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const chair = seed.reviewers[0]
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${chair.id}`)
    await page.waitForSelector('[data-test="score-form"]')

    // Only the chair's own units: the one the organizer recused is not there at all.
    await expect.poll(rows).toHaveLength(4)
    expect((await rows()).join('\n')).not.toContain(EXTRA_UNITS[1])
    await expect.poll(() => page.locator('[data-test="review-progress"]').innerText()).toContain('未评 4')
    expect(await page.locator('[data-test="review-header"]').innerText()).toContain('周明远')
    // The keys fold into one line of the header (a <details>): they list the workspace's own too.
    expect(await page.locator('[data-test="shortcut-legend"]').textContent()).toContain('单位列表')
    // No organizer controls and nobody else's scores here.
    expect(await page.locator('[data-test="reviewer-select"]').count()).toBe(0)

    // Unit 1, its report open beside the sheet; keyboard only from here.
    expect(await unitName(page)).toBe(seed.units[0].name)
    await expect.poll(pdfDrawn).toBeGreaterThan(0)
    await scoreWithKeys(['6', '4', '9'])
    // Reading on while in the sheet: PageDown turns the material's page, the focus stays in the form.
    await page.keyboard.press('PageDown')
    await expect.poll(pageShown).toBe('2')
    expect((await focused(page)).kind).toBe('bonus')
    await page.keyboard.press('Alt+ArrowDown')
    await expect.poll(() => unitName(page)).toBe(seed.units[1].name)
    await expect.poll(selectedTab).toBe('自评报告.pdf')
    await scoreWithKeys(['5.5', '3', '8'])
    await viewShot('reviewer-workspace-split')
    await page.keyboard.press('Control+Enter')
    await expect.poll(() => unitName(page)).toBe(seed.units[2].name)
    await expect.poll(() => page.locator('[data-test="no-materials"]').count()).toBe(1)
    await scoreWithKeys(['6', '4', '10'])
    await expect.poll(() => storedScores(api, meetingId, chair.id, seed.units[0].id, seed.items.map((i) => i.id))).toEqual([6, 4, 9])
    await expect.poll(() => storedScores(api, meetingId, chair.id, seed.units[1].id, seed.items.map((i) => i.id))).toEqual([5.5, 3, 8])
    await expect.poll(() => storedScores(api, meetingId, chair.id, seed.units[2].id, seed.items.map((i) => i.id))).toEqual([6, 4, 10])
    await expect.poll(() => page.locator('[data-test="review-progress"]').innerText()).toContain('进行中 3')

    // Each unit keeps its material and page: the ledger at page 3 on unit 2, page 5 of the report on unit 1.
    await page.keyboard.press('Alt+ArrowUp')
    await expect.poll(() => unitName(page)).toBe(seed.units[1].name)
    await page.locator('[data-test="material-tab-2"]').click()
    await expect.poll(selectedTab).toBe('党建工作台账.pdf')
    await expect.poll(() => page.locator('[data-test="pdf-page-count"]').innerText()).toBe('5')
    await page.locator('[data-test="pdf-page-input"]').fill('3')
    await page.locator('[data-test="pdf-page-input"]').press('Enter')
    await expect.poll(pageShown).toBe('3')
    await row(1).click()
    await expect.poll(() => unitName(page)).toBe(seed.units[0].name)
    await expect.poll(() => page.locator('[data-test="pdf-page-count"]').innerText()).toBe('6')
    await page.locator('[data-test="pdf-page-input"]').fill('5')
    await page.locator('[data-test="pdf-page-input"]').press('Enter')
    await expect.poll(pageShown).toBe('5')
    await row(2).click()
    await expect.poll(() => unitName(page)).toBe(seed.units[1].name)
    await expect.poll(selectedTab).toBe('党建工作台账.pdf')
    await expect.poll(pageShown).toBe('3')

    // The divider: dragged with the mouse, then nudged with the keyboard; both survive a reload.
    const before = Number(await divider().getAttribute('aria-valuenow'))
    const box = (await divider().boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + 200)
    await page.mouse.down()
    await page.mouse.move(box.x - 100, box.y + 200, { steps: 5 })
    await page.mouse.up()
    const dragged = Number(await divider().getAttribute('aria-valuenow'))
    expect(dragged).toBeLessThan(before - 8)
    await divider().focus()
    await page.keyboard.press('ArrowLeft')
    await expect.poll(async () => Number(await divider().getAttribute('aria-valuenow'))).toBe(dragged - 2)
    const leftWidth = (await page.locator('[data-test="split-left"]').boundingBox())!.width
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    expect(await unitName(page)).toBe(seed.units[1].name)
    await expect.poll(async () => Number(await divider().getAttribute('aria-valuenow'))).toBe(dragged - 2)
    expect(Math.abs((await page.locator('[data-test="split-left"]').boundingBox())!.width - leftWidth)).toBeLessThan(2)
    await expect.poll(selectedTab).toBe('党建工作台账.pdf')
    await expect.poll(pageShown).toBe('3')
    await expect.poll(() => page.locator('[data-test="materials-pane"] .pdf-page[data-page="3"] canvas').count()).toBe(1)
    await viewShot('reviewer-workspace-after-reload')
    // Folding the materials away gives the sheet the width; it stays folded after a reload, and unfolds at the same page.
    await page.locator('[data-test="materials-fold"]').click()
    await expect.poll(() => page.locator('[data-test="split-left"]').isVisible()).toBe(false)
    await page.reload()
    await page.waitForSelector('[data-test="score-form"]')
    await expect.poll(() => page.locator('[data-test="split-unfold"]').count()).toBe(1)
    await page.locator('[data-test="unit-list-fold"]').click()
    await viewShot('reviewer-workspace-folded')
    await page.locator('[data-test="unit-list-unfold"]').click()
    await page.locator('[data-test="split-unfold"]').click()
    await expect.poll(pageShown).toBe('3')

    // Alt+L: to the unit list, ↓ and Enter open unit 4 (the keyboard way between units).
    await page.keyboard.press('Alt+l')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await expect.poll(() => unitName(page)).toBe(EXTRA_UNITS[0])

    // 申请回避: unit 4 leaves the list and a unit still to handle opens.
    await page.locator('[data-test="declare-recusal"]').click()
    await page.locator('.el-message-box input').fill('曾参与该单位申报材料的指导')
    await dialogButton('申请回避').click()
    await expect.poll(rows).toHaveLength(3)
    await expect.poll(() => page.locator('.el-message').first().innerText()).toContain(`已申请回避“${EXTRA_UNITS[0]}”`)
    expect((await rows()).join('\n')).not.toContain(EXTRA_UNITS[0])
    await expect.poll(() => unitName(page)).toBe(seed.units[2].name)
    const recusals = await api.recusals.list({ meetingId })
    expect(recusals.find((r) => r.unitId === seed.units[3].id)).toMatchObject({ source: 'reviewer', reason: '曾参与该单位申报材料的指导' })

    // Submit all three: locked in the UI and on the server.
    await page.locator('[data-test="submit-all"]').click()
    await dialogButton('提交').click()
    await expect.poll(() => page.locator('[data-test="review-progress"]').innerText()).toContain('已提交 3')
    await expect.poll(() => scoreBox(page, seed.items[0].id).isEditable()).toBe(false)
    expect(await page.locator('[data-test="unlock-sheet"]').count()).toBe(0)
    const progress = await api.scoring.progress({ meetingId, reviewerId: chair.id })
    expect(progress.filter((p) => p.submittedAt).map((p) => p.unitId).sort()).toEqual([seed.units[0].id, seed.units[1].id, seed.units[2].id].sort())
    await viewShot('reviewer-workspace-submitted')
  })

  it('keeps a long unit name to two clean lines in the sheet header, the whole name in its tooltip', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const name = '国家税务总局某某市税务局第一稽查局机关服务中心党支部'
    const unit = await api.units.create({ meetingId, fields: { name, category: '处室' } })
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${seed.reviewers[1].id}?unit=${unit.id}`)
    await expect.poll(() => unitName(page)).toBe(name)
    const heading = page.locator('[data-test="unit-name"]')
    expect(await heading.getAttribute('title')).toBe(name)
    const lines = await heading.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))
    expect(Math.round(lines)).toBeLessThanOrEqual(2)
    // Each line holds a fair part of the name, not a few characters squeezed beside the total.
    const perLine = await heading.evaluate((el) => el.clientWidth / parseFloat(getComputedStyle(el).fontSize))
    expect(perLine).toBeGreaterThanOrEqual(10)
    await viewShot('reviewer-workspace-long-name')
  })

  it('says so when the reviewer has no unit left to score', async () => {
    const { page, api } = e2e
    const meetingId = seed.meeting.id
    const member = seed.reviewers[1]
    for (const unit of seed.units) await api.recusals.set({ meetingId, reviewerId: member.id, unitId: unit.id, recused: true, reason: '测试' })
    await page.goto(`${e2e.baseUrl}/#/meetings/${meetingId}/review/${member.id}`)
    await expect.poll(() => page.locator('[data-test="workspace-empty"]').innerText()).toContain('您已回避全部参评单位')
  })
})
