/**
 * The meeting archive in the real renderer (Chromium) through the bridge, browser mode: the organizer
 * archives the demo meeting from its 基本信息 page and downloads the zip; the meeting is deleted; the
 * home page's 从归档恢复 uploads the archive and the meeting opens again with its results. Restoring
 * over the meeting that is now here asks first, showing both sides; cancelling keeps it, confirming
 * replaces it. Screenshots go to test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { startE2E, type E2E } from './harness'

let e: E2E
let demo: Meeting
let downloads: string
let downloaded: string
let finalScores: string[]

beforeAll(async () => {
  e = await startE2E()
  demo = await e.api.meetings.openDemo({})
  downloads = mkdtempSync(join(tmpdir(), 'onsite-downloads-'))
})
afterAll(async () => {
  await e?.close()
  if (downloads) rmSync(downloads, { recursive: true, force: true })
})

async function go(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
}
const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)

async function resultScores(): Promise<string[]> {
  await go(`/meetings/${demo.id}/results`)
  await expect.poll(() => $('result-row').count()).toBe(12)
  return $('final-score').allTextContents()
}

describe('会议归档', () => {
  it('在“基本信息”页归档示例会议，得到可下载的归档包', async () => {
    finalScores = await resultScores()
    await go(`/meetings/${demo.id}/info`)
    await $('archive-write').click()
    await expect.poll(() => $('archive-result').isVisible()).toBe(true)
    const link = $('archive-link')
    const fileName = (await link.textContent())!.trim()
    expect(fileName).toMatch(/^会议归档_青岚市直机关2024年度“模范机关”创建现场评审会_\d{8}-\d{4}\.zip$/)
    await e.shot('archive-written')

    // The link downloads the zip (browser mode serves exports/).
    const response = await fetch(new URL((await link.getAttribute('href'))!, e.baseUrl))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/zip')
    downloaded = join(downloads, fileName)
    writeFileSync(downloaded, Buffer.from(await response.arrayBuffer()))
  })

  it('删除会议后，在首页“从归档恢复”上传归档包：会议回来了，结果与归档时相同', async () => {
    await e.api.meetings.delete({ meetingId: demo.id })
    await go('/')
    await expect.poll(() => $('restore-archive-card').isVisible()).toBe(true)
    await e.shot('archive-home-before-restore')
    await $('restore-file-input').setInputFiles(downloaded)
    await e.page.waitForURL(new RegExp(`/meetings/${demo.id}/info$`))
    expect(await resultScores()).toEqual(finalScores)
    await e.shot('archive-restored-results')
  })

  it('本机已有该会议时先询问并显示两边情况；取消则不动，确认才替换', async () => {
    await e.api.reviewers.create({ meetingId: demo.id, fields: { name: '归档后新增的评委', role: 'member' } })
    await go('/')
    await $('restore-file-input').setInputFiles(downloaded)
    const dialog = e.page.locator('.el-message-box:visible')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    expect(await $('restore-side-local').textContent()).toMatch(/^本机的会议：青岚市直机关.+评审会（12 个参评单位、6 名评委，最后修改于 \d{4}年/)
    expect(await $('restore-side-archive').textContent()).toMatch(/^归档：青岚市直机关.+评审会（制作于 \d{4}年\d+月\d+日 \d\d:\d\d，现场评审 /)
    await e.shot('archive-confirm-replace')

    await dialog.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => $('restore-note').textContent()).toContain('本机的会议保持不变')
    expect((await e.api.reviewers.list({ meetingId: demo.id })).map((r) => r.name)).toContain('归档后新增的评委')

    await $('restore-file-input').setInputFiles(downloaded)
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await dialog.getByRole('button', { name: '替换并恢复' }).click()
    await e.page.waitForURL(new RegExp(`/meetings/${demo.id}/info$`))
    expect((await e.api.reviewers.list({ meetingId: demo.id })).map((r) => r.name)).not.toContain('归档后新增的评委')
    expect(await resultScores()).toEqual(finalScores)
  })
})
