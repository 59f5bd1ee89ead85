/**
 * Submit and unlock (DOMAIN.md §3): a reviewer submits one unit or all once every item is scored;
 * a submitted sheet is locked for every writer until the organizer unlocks it with a reason, and
 * both acts land in the tamper-evident history. Results and documents say 未全部提交 until all are in.
 */
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/db/migrate'
import { migrations } from '../../src-main/core/db/migrations'
import { saveScoresBulk } from '../../src-main/core/services/scores-bulk'
import { ApiCallError } from '../../src-main/shared/client'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const meetingId = () => seed.meeting.id
const reviewerId = () => seed.reviewers[1].id
const sheet = (u: number) => ({ meetingId: meetingId(), reviewerId: reviewerId(), unitId: seed.units[u].id })
async function fill(u: number, values = [6, 4, 9]) {
  for (const [i, item] of seed.items.entries()) await t.api.scores.save({ ...sheet(u), itemId: item.id, value: values[i] })
}
async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(ApiCallError)
  return error as ApiCallError
}

describe('submitting score sheets', () => {
  it('refuses a sheet with unscored items, names them, and submits nothing', async () => {
    await t.api.scores.save({ ...sheet(0), itemId: seed.items[0].id, value: 6 })
    const error = await refusal(t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId(), unitIds: [seed.units[0].id] }))
    expect(error.code).toBe('VALIDATION')
    expect(error.details).toEqual(['市数据资源局数据共享处党支部：未评 2 项（贯彻落实、群众评价）'])
    expect((await t.api.scoring.sheet(sheet(0))).locked).toBe(false)
  })

  it('locks a submitted sheet against scores, bonus, comments, vetoes and bulk entry; the other units stay open', async () => {
    await fill(0)
    const result = await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId(), unitIds: [seed.units[0].id] })
    expect(result.submitted).toEqual([seed.units[0].id])
    const s = await t.api.scoring.sheet(sheet(0))
    expect(s).toMatchObject({ locked: true, submittedAt: result.submittedAt })

    const save = await refusal(t.api.scores.save({ ...sheet(0), itemId: seed.items[0].id, value: 5 }))
    expect(save.code).toBe('CONFLICT')
    expect(save.message).toMatch(/^评委“林静怡”已于\d+月\d+日 \d\d:\d\d提交“市数据资源局数据共享处党支部”的评分，修改须由会务组解锁并说明理由$/)
    expect((await refusal(t.api.reviews.save({ ...sheet(0), bonus: 1, bonusReason: '特色' }))).code).toBe('CONFLICT')
    expect((await refusal(t.api.vetoes.mark({ ...sheet(0), vetoItemId: seed.rubric.vetoItems[0].id, marked: true, reason: '有案件' }))).code).toBe('CONFLICT')
    expect(() => saveScoresBulk(t.core.context.db, meetingId(), [{ reviewerId: reviewerId(), unitId: seed.units[0].id, itemId: seed.items[0].id, valueTenths: 50 }])).toThrow(
      /第 1 条评分：评委“林静怡”已于.*提交/,
    )
    // Unit 2 is still open for this reviewer.
    await t.api.scores.save({ ...sheet(1), itemId: seed.items[0].id, value: 5 })

    const progress = await t.api.scoring.progress({ meetingId: meetingId(), reviewerId: reviewerId() })
    expect(progress.map((p) => p.submittedAt !== null)).toEqual([true, false, false])
    expect((await t.api.reviewers.list({ meetingId: meetingId() }))[1].submittedAt).toBeNull()
  })

  it('"submit all" covers every unit the reviewer scores (recused and withdrawn ones left out), then the reviewer counts as submitted', async () => {
    await t.api.recusals.set({ ...sheet(2), recused: true, reason: '曾在该单位任职' })
    await fill(0)
    const error = await refusal(t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId() }))
    expect(error.details).toEqual(['市水利保障局水文监测站：未评 3 项（理论武装、贯彻落实、群众评价）'])
    await fill(1, [5, 3, 8])
    const result = await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId() })
    expect(result.submitted).toEqual([seed.units[0].id, seed.units[1].id])
    const again = await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId() })
    expect(again).toMatchObject({ submitted: [], alreadySubmitted: [seed.units[0].id, seed.units[1].id] })
    expect((await t.api.reviewers.list({ meetingId: meetingId() }))[1].submittedAt).toBe(result.submittedAt)
  })
})

describe('unlocking a submitted sheet', () => {
  beforeEach(async () => {
    await fill(0)
    await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId(), unitIds: [seed.units[0].id] })
  })

  it('needs a reason, opens the sheet, and lands in the history with the old and new state', async () => {
    expect((await refusal(t.api.scoring.unlock({ ...sheet(0), reason: '  ' }))).message).toContain('解锁须写明理由')
    await t.api.scoring.unlock({ ...sheet(0), reason: '评委申请复核“理论武装”得分' })
    expect((await t.api.scoring.sheet(sheet(0))).locked).toBe(false)
    await t.api.scores.save({ ...sheet(0), itemId: seed.items[0].id, value: 5.5, deductionReason: '复核后调整' })

    const rows = t.core.context.db.prepare("SELECT field, old_value, new_value, reason FROM score_history WHERE field IN ('submit', 'unlock') ORDER BY seq").all() as {
      field: string
      old_value: string | null
      new_value: string
      reason: string
    }[]
    expect(rows.map((r) => [r.field, r.new_value, r.reason])).toEqual([
      ['submit', '已提交', '林静怡提交评分'],
      ['unlock', '会务组已解锁', '评委申请复核“理论武装”得分'],
    ])
    expect(rows[1].old_value).toMatch(/^已提交（\d+月\d+日 \d\d:\d\d）$/)
    const [chain] = await t.api.system.verifyHistory({ meetingId: meetingId() })
    expect(chain.broken).toBeNull()
  })

  it('refuses to unlock a sheet that is not submitted', async () => {
    const error = await refusal(t.api.scoring.unlock({ ...sheet(1), reason: '误操作' }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: '评委“林静怡”尚未提交“市水利保障局水文监测站”的评分，无需解锁' })
  })
})

describe('results and documents before every sheet is submitted', () => {
  it('count the unsubmitted sheets (recused and withdrawn ones not expected) and say 未全部提交', async () => {
    // 3 reviewers × 3 units = 9 sheets; one recusal → 8 expected.
    await t.api.recusals.set({ ...sheet(2), recused: true, reason: '曾在该单位任职' })
    expect((await t.api.results.compute({ meetingId: meetingId() })).unsubmittedSheets).toBe(8)
    await fill(0)
    await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId(), unitIds: [seed.units[0].id] })
    expect((await t.api.results.compute({ meetingId: meetingId() })).unsubmittedSheets).toBe(7)
    const preview = await t.api.minutes.preview({ meetingId: meetingId() })
    expect(preview.warnings).toContain('评分未全部提交：尚有7份评分表未提交，纪要中的结果为临时结果')
  })

  it('the demo meeting, whose five reviewers all submitted, is complete and locked', async () => {
    const demo = await t.api.meetings.openDemo({})
    expect((await t.api.results.compute({ meetingId: demo.id })).unsubmittedSheets).toBe(0)
    const reviewers = await t.api.reviewers.list({ meetingId: demo.id })
    expect(reviewers.every((r) => r.submittedAt !== null)).toBe(true)
  })
})

describe('migration 008', () => {
  it('turns a reviewer submitted as a whole into one submission per sheet they could score', () => {
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.slice(0, 7))
    db.exec(`
      INSERT INTO meetings (id, title, date, created_at, updated_at) VALUES ('m', '会', '2024-12-18', 'x', 'x');
      INSERT INTO units (id, meeting_id, seq, name, category, updated_at) VALUES ('u1', 'm', 1, '甲', '处室', 'x'), ('u2', 'm', 2, '乙', '处室', 'x');
      INSERT INTO reviewers (id, meeting_id, seq, name, role, submitted_at, updated_at) VALUES ('r1', 'm', 1, '周', 'member', '2024-12-18T03:40:00Z', 'x'), ('r2', 'm', 2, '林', 'member', NULL, 'x');
      INSERT INTO recusals (id, meeting_id, reviewer_id, unit_id, source, reason, updated_at) VALUES ('x1', 'm', 'r1', 'u2', 'organizer', '', 'x');
    `)
    migrate(db)
    expect(db.prepare('SELECT reviewer_id, unit_id, submitted_at FROM sheet_submissions').all()).toEqual([{ reviewer_id: 'r1', unit_id: 'u1', submitted_at: '2024-12-18T03:40:00Z' }])
    db.close()
  })
})

describe('申请回避 on the day', () => {
  it('needs a reason, leaves the reviewer\'s results for that unit, and is recorded with its reason', async () => {
    await fill(1)
    const declare = (reason: string) => t.api.recusals.set({ ...sheet(1), recused: true, source: 'reviewer', reason })
    expect((await refusal(declare(''))).message).toBe('申请回避须写明理由（如曾在该单位任职、参与指导申报等）')
    await declare('曾参与该单位申报材料的指导')
    const results = await t.api.results.compute({ meetingId: meetingId() })
    const unit = results.units.find((u) => u.unitId === seed.units[1].id)!
    expect(unit.totals.find((x) => x.reviewerId === reviewerId())?.recused).toBe(true)
    const [entry] = (await t.api.history.list({ meetingId: meetingId(), unitId: seed.units[1].id })).entries
    expect(entry).toMatchObject({ who: '林静怡', what: '回避', oldValue: '未回避', newValue: '评委申请回避', reason: '曾参与该单位申报材料的指导' })
  })

  it('is recorded when the reviewer has entered no score for the unit, and so is taking it back', async () => {
    const declare = (recused: boolean) => t.api.recusals.set({ ...sheet(2), recused, source: 'reviewer', reason: recused ? '亲属在该单位工作' : '' })
    await declare(true)
    const history = async () => (await t.api.history.list({ meetingId: meetingId(), unitId: seed.units[2].id })).entries
    expect(await history()).toMatchObject([{ who: '林静怡', what: '回避', oldValue: '未回避', newValue: '评委申请回避', reason: '亲属在该单位工作' }])
    await declare(false)
    expect((await history())[0]).toMatchObject({ who: '林静怡', what: '回避', oldValue: '回避', newValue: '取消回避' })
    const [check] = await t.api.system.verifyHistory({ meetingId: meetingId() })
    expect(check).toMatchObject({ checked: 2, broken: null })
  })

  it('is refused on a submitted sheet until the organizer unlocks it', async () => {
    await fill(0)
    await t.api.scoring.submit({ meetingId: meetingId(), reviewerId: reviewerId(), unitIds: [seed.units[0].id] })
    const error = await refusal(t.api.recusals.set({ ...sheet(0), recused: true, source: 'reviewer', reason: '亲属在该单位工作' }))
    expect(error).toMatchObject({ code: 'CONFLICT', message: '林静怡已提交“市数据资源局数据共享处党支部”的评分，申请回避须先由会务组解锁' })
    expect(await t.api.recusals.list({ meetingId: meetingId() })).toEqual([])
  })
})
