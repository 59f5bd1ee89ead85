/**
 * 评分修改记录 in Chromium: the organizer reads who changed what, from what to what and why
 * (an unlock with its reason among them), and the chain check names the entry someone edited in the
 * data file with a SQLite tool.
 */
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src-main/core/app'
import { seedSmallMeeting } from '../helpers/core'
import { startE2E, type E2E } from './harness'

let e: E2E
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>

beforeAll(async () => {
  e = await startE2E()
  await e.page.setViewportSize({ width: 1280, height: 720 })
  seed = await seedSmallMeeting(e.api)
  const sheet = { meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id }
  for (const [i, item] of seed.items.entries()) await e.api.scores.save({ ...sheet, itemId: item.id, value: [6, 4, 9][i] })
  await e.api.scoring.submit({ meetingId: seed.meeting.id, reviewerId: sheet.reviewerId, unitIds: [sheet.unitId] })
  await e.api.scoring.unlock({ ...sheet, reason: '评委申请复核“理论武装”得分' })
  await e.api.scores.save({ ...sheet, itemId: seed.items[0].id, value: 5.5, deductionReason: '学习记录不全' })
})
afterAll(async () => {
  await e?.close()
})

const table = () => e.page.locator('[data-test="history-table"]')
const rowTexts = () => table().locator('tbody tr').allInnerTexts()

describe('评分修改记录', () => {
  it('lists every change in words, newest first, from the results page', async () => {
    await e.page.goto(`${e.baseUrl}/#/meetings/${seed.meeting.id}/results`)
    await e.page.locator('[data-test="to-history"]').click()
    await expect.poll(async () => (await rowTexts()).length).toBe(6)
    const rows = (await rowTexts()).map((r) => r.replace(/\s+/g, ' '))
    expect(rows[0]).toMatch(/林静怡 市数据资源局数据共享处党支部 理论武装 6 5\.5 学习记录不全/)
    expect(rows[1]).toMatch(/解锁 已提交（.+） 会务组已解锁 评委申请复核“理论武装”得分/)
    expect(rows[2]).toMatch(/提交 — 已提交 林静怡提交评分/)
    await e.shot('history-list')
  })

  it('says the chain is whole, then names the entry edited by hand in the data file', async () => {
    await e.page.locator('[data-test="verify-history"]').click()
    await expect.poll(() => e.page.locator('[data-test="verify-result"]').innerText()).toBe('记录完整：已逐条核对 6 条')

    const seqs = e.core.context.db.prepare('SELECT seq FROM score_history ORDER BY seq').pluck().all() as number[]
    const raw = new BetterSqlite3(databaseFile(e.dataDir))
    raw.exec('DROP TRIGGER score_history_append_only')
    raw.prepare("UPDATE score_history SET new_value = '6' WHERE seq = ?").run(seqs[1])
    raw.close()

    await e.page.locator('[data-test="verify-history"]').click()
    await expect.poll(() => e.page.locator('[data-test="verify-result"]').innerText()).toMatch(new RegExp(`^记录已被改动：第 ${seqs[1]} 条（.+）起不符——这条记录的内容被修改过$`))
    await e.shot('history-broken')
  })
})
