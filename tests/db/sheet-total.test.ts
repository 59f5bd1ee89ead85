/** The sheet total is one rule (shared/sheet-total.ts): scoring, progress and results agree on it. */
import { afterEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
afterEach(() => t?.dispose())

describe('a reviewer’s total for one unit', () => {
  it('counts a bonus saved before the bonus maximum was lowered only up to the new maximum, everywhere', async () => {
    t = makeTestCore()
    const s = await seedSmallMeeting(t.api) // base 20, bonus up to 5, cap 25
    const meetingId = s.meeting.id
    const sheet = { meetingId, reviewerId: s.reviewers[0].id, unitId: s.units[0].id }
    await t.api.reviews.save({ ...sheet, bonus: 5 })
    // No item is scored yet, so the rubric may still change: the bonus maximum drops to 3 (cap 20 + 3).
    const { criteria, vetoItems, basePoints } = s.rubric
    await t.api.rubric.save({ meetingId, rubric: { basePoints, bonusMaxPoints: 3, totalCapPoints: null, criteria, vetoItems } })
    let saved
    for (const [i, value] of [6, 4, 9].entries()) saved = await t.api.scores.save({ ...sheet, itemId: s.items[i].id, value })

    // 19 + min(5, 3) = 22, under the cap of 23.
    expect(saved!.total).toBe(22)
    expect((await t.api.scoring.sheet(sheet)).total).toBe(22)
    expect((await t.api.scoring.progress({ meetingId, reviewerId: sheet.reviewerId }))[0].total).toBe(22)
    const results = await t.api.results.compute({ meetingId })
    expect(results.units.find((u) => u.unitId === sheet.unitId)!.totals[0]).toMatchObject({ subtotal: 19, bonus: 3, total: 22 })
  })
})
