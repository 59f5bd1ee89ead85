/**
 * 评审包 between two laptops, each its own data folder behind its own bridge, driven in Chromium as a
 * clerk and a reviewer do it: the organizer writes every reviewer's package; the reviewer's laptop
 * opens one (browser upload), scores a unit, annotates its report and exports its result (download);
 * the organizer merges it and 汇总结果 shows the scores; merging it again says nothing changed; a score
 * changed on both sides brings up the conflicts dialog and the organizer's choice lands; a 评审包 handed
 * in by mistake is refused, naming the file.
 * Screenshots at 1280×720 in test-results/screenshots/packages-*.png.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedSmallMeeting } from '../helpers/core'
import { cidTextPdf } from '../helpers/material-fixtures'
import { seedMaterials } from '../helpers/seed-materials'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { focused, scoreBox, storedScores } from './scoring-page'

let organizer: E2E
let laptop: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let usb: string

beforeAll(async () => {
  organizer = await startE2E()
  laptop = await startE2E()
  for (const e of [organizer, laptop]) await e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(organizer.api)
  const pages = Array.from({ length: 3 }, (_, p) => [`数据共享处创建工作报告 第${p + 1}页`, '一、基本情况', '二、主要做法与成效'])
  await seedMaterials(organizer.core, seed.meeting.id, seed.units[0].id, [{ name: '创建工作报告.pdf', data: cidTextPdf(pages) }])
  usb = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
})
afterAll(async () => {
  await laptop?.close()
  await organizer?.close()
  rmSync(usb, { recursive: true, force: true })
})

/** The window as the user sees it (1280×720). */
const shot = (page: Page, name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })

/** Clicks a download link and keeps the file on the "USB stick". */
async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(link).click()])
  const path = join(usb, file.suggestedFilename())
  await file.saveAs(path)
  return path
}

const reports = (page: Page) => page.locator('[data-test="merge-report"]')

/** Chooses the files together, as a clerk selects several on the stick; waits until each has its answer. */
async function merge(...paths: string[]): Promise<void> {
  const before = await reports(organizer.page).count()
  await organizer.page.locator('[data-test="merge-input"]').setInputFiles(paths)
  await expect.poll(() => reports(organizer.page).count()).toBe(before + paths.length)
  await expect.poll(() => organizer.page.locator('[data-test="merge-status"]', { hasText: '正在合并' }).count()).toBe(0)
}

describe('packages between two laptops', () => {
  it('writes, opens, scores, exports, merges, merges again, and settles a conflict', async () => {
    const meetingId = seed.meeting.id
    const lin = seed.reviewers[1]
    const org = organizer.page

    // The organizer writes every reviewer's package (browser mode: into exports/, a download each).
    await org.goto(`${organizer.baseUrl}/#/meetings/${meetingId}/packages`)
    await org.locator('[data-test="write-distribution-run"]').click()
    const written = org.locator('[data-test="written-packages"]')
    await expect.poll(() => written.locator('[data-test="package-download"]').count()).toBe(3)
    expect(await written.innerText()).toContain('02_林静怡_测试评审会.zip')
    await expect.poll(() => org.locator('[data-test="completeness-林静怡"]').innerText()).toContain('尚未交回')
    await shot(org, 'packages-written')
    const distribution = await download(org, '[data-test="package-download"] >> nth=1')
    expect(distribution).toMatch(/02_林静怡_测试评审会\.zip$/)

    // The reviewer's laptop opens it from its home page and lands in the workspace, reviewer mode for good.
    const lap = laptop.page
    await lap.goto(`${laptop.baseUrl}/#/`)
    await lap.waitForSelector('[data-test="open-package"]')
    await shot(lap, 'packages-laptop-home')
    await lap.locator('[data-test="open-package-input"]').setInputFiles(distribution)
    await lap.waitForSelector('[data-test="score-form"]')
    expect(lap.url()).toContain(`/review/${lin.id}`)
    expect(await laptop.api.access.state({})).toMatchObject({ mode: 'reviewer', reviewerId: lin.id, canLeave: false })
    expect(await lap.locator('[data-test="review-header"]').innerText()).toContain('林静怡')

    // Scores unit 1 by keyboard, beside its report.
    await expect.poll(() => focused(lap)).toMatchObject({ kind: 'score', itemId: seed.items[0].id })
    for (const value of ['5', '3', '8']) {
      await lap.keyboard.type(value)
      await lap.keyboard.press('Enter')
    }
    await expect.poll(() => lap.locator('[data-test="sheet-state"]').innerText()).toBe('已保存')

    // Annotates the report: a box with a note on page 1.
    await expect.poll(() => lap.locator('[data-test="materials-pane"] .pdf-page[data-page="1"] canvas').count()).toBe(1)
    await lap.locator('[data-test="annotation-tool-rect"]').click()
    const page1 = (await lap.locator('[data-test="materials-pane"] .pdf-page[data-page="1"]').boundingBox())!
    await lap.mouse.move(page1.x + 60, page1.y + 60)
    await lap.mouse.down()
    await lap.mouse.move(page1.x + 160, page1.y + 110, { steps: 5 })
    await lap.mouse.up()
    await lap.locator('[data-test="annotation-note-input"]').fill('台账签字不全')
    await lap.locator('[data-test="annotation-note-save"]').click()
    await expect.poll(async () => (await laptop.api.annotations.list({ meetingId, reviewerId: lin.id })).length).toBe(1)

    // Exports the result: 第 1 次, with a reminder to hand it over, downloaded to the stick.
    await lap.locator('[data-test="export-return"]').click()
    await expect.poll(() => lap.locator('[data-test="export-return-sequence"]').count()).toBe(1)
    expect(await lap.locator('[data-test="export-return-sequence"]').innerText()).toBe('1')
    expect(await lap.locator('[data-test="export-return-result"]').innerText()).toContain('交给会务组')
    await shot(lap, 'packages-laptop-export')
    const firstReturn = await download(lap, '[data-test="export-return-link"]')
    expect(firstReturn).toMatch(/林静怡_评审结果_测试评审会_第1次\.zip$/)
    await lap.keyboard.press('Escape')

    // The organizer merges it: reported in words, the grid shows it arrived, 汇总结果 shows the scores.
    await merge(firstReturn)
    const first = reports(org).first()
    expect(await first.locator('[data-test="merge-status"]').innerText()).toBe('已合并')
    expect(await first.locator('[data-test="merge-message"]').innerText()).toMatch(/^已合并评委“林静怡”第 1 次导出的评审结果：新增 3 项；批注 1 条/)
    await expect.poll(() => org.locator('[data-test="completeness-林静怡"] [data-test="completeness-last"]').innerText()).toMatch(/^第 1 次/)
    expect(await org.locator('[data-test="completeness-林静怡"] [data-test="completeness-cell"]').allInnerTexts()).toEqual(['进行中', '未评', '未评'])
    await shot(org, 'packages-merged')
    expect(await storedScores(organizer.api, meetingId, lin.id, seed.units[0].id, seed.items.map((i) => i.id))).toEqual([5, 3, 8])
    const results = await organizer.api.results.compute({ meetingId })
    const total = results.units.find((u) => u.unitId === seed.units[0].id)!.totals[1]!.total
    await org.goto(`${organizer.baseUrl}/#/meetings/${meetingId}/results`)
    const row = org.locator('[data-test="result-row"]', { hasText: seed.units[0].name })
    await expect.poll(() => row.locator('td.center').nth(1).innerText()).toContain(String(total))
    await shot(org, 'packages-results')

    // The same package again: said as such, nothing changed.
    await org.goto(`${organizer.baseUrl}/#/meetings/${meetingId}/packages`)
    await merge(firstReturn)
    expect(await reports(org).first().locator('[data-test="merge-status"]').innerText()).toBe('已合并过（未更改）')
    expect(await reports(org).first().locator('[data-test="merge-message"]').innerText()).toContain('本次未做任何更改')

    // A conflict: the organizer corrects 理论武装 to 4 first; the reviewer changes it to 6 and exports again.
    await organizer.api.scores.save({ meetingId, reviewerId: lin.id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 4 })
    await scoreBox(lap, seed.items[0].id).fill('6')
    await scoreBox(lap, seed.items[0].id).press('Enter')
    await expect.poll(() => storedScores(laptop.api, meetingId, lin.id, seed.units[0].id, [seed.items[0].id])).toEqual([6])
    await lap.locator('[data-test="export-return"]').click()
    await expect.poll(() => lap.locator('[data-test="export-return-sequence"]').innerText()).toBe('2')
    const secondReturn = await download(lap, '[data-test="export-return-link"]')

    await merge(secondReturn)
    const dialog = org.locator('[data-test="conflicts-dialog"]')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const line = await dialog.locator('[data-test="conflicts-table"] .el-table__body tr').first().innerText()
    expect(line).toContain(seed.units[0].name)
    expect(line).toContain('理论武装')
    expect(await reports(org).first().locator('[data-test="merge-status"]').innerText()).toBe('有冲突，待选择')
    await shot(org, 'packages-conflicts')
    await dialog.locator('[data-test="conflicts-all-package"]').click()
    await dialog.locator('[data-test="conflicts-merge"]').click()
    await expect.poll(() => reports(org).first().locator('[data-test="merge-status"]').innerText()).toBe('已合并')
    await expect.poll(() => storedScores(organizer.api, meetingId, lin.id, seed.units[0].id, [seed.items[0].id])).toEqual([6])
    await shot(org, 'packages-conflict-settled')

    // Two files chosen together: a 评审包 handed in by mistake is refused, the file named, in Chinese, and the
    // other (merged before) is still answered on its own line; nothing changes.
    await merge(firstReturn, distribution)
    expect(await reports(org).nth(0).locator('[data-test="merge-status"]').innerText()).toBe('已拒绝')
    expect(await reports(org).nth(0).locator('[role="alert"]').innerText()).toMatch(/^02_林静怡_测试评审会\.zip：.*[\u4e00-\u9fff]/)
    expect(await reports(org).nth(1).locator('[data-test="merge-status"]').innerText()).toBe('已合并过（未更改）')
    await expect.poll(() => storedScores(organizer.api, meetingId, lin.id, seed.units[0].id, seed.items.map((i) => i.id))).toEqual([6, 3, 8])
    await shot(org, 'packages-refused')
  })

  it('warns before writing: no rubric blocks it, a reviewer without units asks first', async () => {
    const org = organizer.page
    const bare = await organizer.api.meetings.create({ title: '未设评分标准的会', date: '2024-12-20' })
    await organizer.api.reviewers.create({ meetingId: bare.id, fields: { name: '王五', role: 'chair' } })
    await org.goto(`${organizer.baseUrl}/#/meetings/${bare.id}/packages`)
    await expect.poll(() => org.locator('[data-test="write-blocked"]').innerText()).toContain('评分标准尚未设置')
    expect(await org.locator('[data-test="write-distribution-run"]').isDisabled()).toBe(true)

    // 陈卫国 recused from every unit: said on the screen, and asked again before writing.
    const meetingId = seed.meeting.id
    for (const unit of seed.units) await organizer.api.recusals.set({ meetingId, reviewerId: seed.reviewers[2].id, unitId: unit.id, recused: true, reason: '曾在该单位任职' })
    await org.goto(`${organizer.baseUrl}/#/meetings/${meetingId}/packages`)
    await expect.poll(() => org.locator('[data-test="write-warning"]').innerText()).toContain('陈卫国')
    await org.locator('[data-test="write-distribution-run"]').click()
    const box = org.locator('.el-message-box')
    await expect.poll(() => box.innerText()).toContain('“陈卫国”没有可评的单位')
    // The shot after the box has faded in (its overlay and itself fully opaque).
    const opacity = () => box.evaluate((el) => { let o = 1; for (let e: Element | null = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o })
    await expect.poll(opacity).toBe(1)
    await shot(org, 'packages-warn-no-units')
    await box.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => box.isVisible()).toBe(false)
    expect(await org.locator('[data-test="written-packages"]').count()).toBe(0)
  })
})
