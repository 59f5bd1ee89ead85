/**
 * A whole meeting's scores in one call, and many scores saved in one transaction (merges and paper
 * entry use them): the same checks as a single save, and one bad row saves nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected } from '../helpers/expect-rejected'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const row = (reviewer: number, unit: number, item: number, value: number, deductionReason = '') => ({
  reviewerId: seed.reviewers[reviewer].id,
  unitId: seed.units[unit].id,
  itemId: seed.items[item].id,
  value,
  deductionReason,
})

describe('scores.saveBulk and scores.all', () => {
  it('saves a paper sheet in one call and reads the whole meeting back', async () => {
    const meetingId = seed.meeting.id
    const rows = [row(0, 0, 0, 5.5), row(0, 0, 1, 3, '学习记录不全'), row(0, 0, 2, 8.6), row(1, 2, 2, 9.9)]
    expect(await t.api.scores.saveBulk({ meetingId, rows })).toEqual({ saved: 4 })
    const all = await t.api.scores.all({ meetingId })
    expect(all.scores).toHaveLength(4)
    expect(all.scores.map(({ updatedAt: _, ...s }) => s)).toEqual(expect.arrayContaining(rows))
    await t.api.scores.save({ meetingId, ...row(0, 0, 0, 6) })
    expect((await t.api.scores.all({ meetingId })).scores.find((s) => s.itemId === seed.items[0].id && s.reviewerId === seed.reviewers[0].id)?.value).toBe(6)
    expect(all.vetoDecisions).toEqual([])
  })

  it('one bad row refuses the whole batch, in Chinese, and nothing changes', async () => {
    const meetingId = seed.meeting.id
    const db = t.core.context.db
    await expectRejected(db, () => t.api.scores.saveBulk({ meetingId, rows: [row(0, 0, 0, 5.5), row(0, 0, 1, 3.5)] }), 'OFF_STEP', /第 2 条评分/)
    await expectRejected(db, () => t.api.scores.saveBulk({ meetingId, rows: [row(0, 0, 0, 5.5), row(0, 1, 0, 7)] }), 'OUT_OF_RANGE', /第 2 条评分：分值超出该指标的范围/)
    await expectRejected(db, () => t.api.scores.saveBulk({ meetingId, rows: [row(0, 0, 2, 8.55)] }), 'OFF_STEP', /最多保留一位小数/)
    await t.api.scores.saveBulk({ meetingId, rows: [row(0, 0, 0, 5), row(0, 0, 1, 3), row(0, 0, 2, 8)] })
    await t.api.scoring.submit({ meetingId, reviewerId: seed.reviewers[0].id, unitIds: [seed.units[0].id] })
    await expectRejected(db, () => t.api.scores.saveBulk({ meetingId, rows: [row(1, 1, 0, 5), row(0, 0, 0, 6)] }), 'CONFLICT', /已.*提交/)
    await expectRejected(db, () => t.api.scores.saveBulk({ meetingId, rows: [] }), 'VALIDATION', /没有要保存的评分/)
  })
})
