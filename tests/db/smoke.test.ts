import { afterEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
afterEach(() => t?.dispose())

describe('scoring through the dispatcher', () => {
  it('saves a score, totals it and refuses one above the maximum', async () => {
    t = makeTestCore()
    const { meeting, units, reviewers, items } = await seedSmallMeeting(t.api)
    const saved = await t.api.scores.save({ meetingId: meeting.id, reviewerId: reviewers[0].id, unitId: units[0].id, itemId: items[0].id, value: 5.5 })
    expect(saved.subtotal).toBe(5.5)
    await expect(
      t.api.scores.save({ meetingId: meeting.id, reviewerId: reviewers[0].id, unitId: units[0].id, itemId: items[0].id, value: 7 }),
    ).rejects.toMatchObject({ code: 'OUT_OF_RANGE', message: '“理论武装”满分 6 分，不能打 7 分' })
    const sheet = await t.api.scoring.sheet({ meetingId: meeting.id, reviewerId: reviewers[0].id, unitId: units[0].id })
    expect(sheet.scores.map((s) => s.value)).toEqual([5.5])
  })
})
