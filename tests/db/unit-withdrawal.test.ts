/** 退出评审: a scored unit leaves the ranking but keeps its scores, and the minutes say why. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, type TestCore } from '../helpers/core'

let t: TestCore
let meetingId: string
beforeAll(async () => {
  t = makeTestCore()
  meetingId = (await t.api.meetings.openDemo({})).id
})
afterAll(() => t.dispose())

describe('a unit withdrawn after scoring', () => {
  it('is refused deletion with the way out named, and is offered 退出评审', async () => {
    const [unit] = await t.api.units.list({ meetingId })
    expect(unit.scored).toBe(true)
    await expectRejected(t.core.context.db, () => t.api.units.delete({ meetingId, id: unit.id }), 'CONFLICT', '退出评审')
    await expectRejected(t.core.context.db, () => t.api.units.withdraw({ meetingId, id: unit.id, reason: '  ' }), 'VALIDATION', '原因')
  })

  it('keeps its scores, leaves the ranking and the bands, and the others close ranks', async () => {
    const before = await t.api.results.compute({ meetingId })
    const leaving = before.units.find((u) => u.rank === 1)!
    await t.api.units.withdraw({ meetingId, id: leaving.unitId, reason: '因机构调整撤销。' })
    const after = await t.api.results.compute({ meetingId })
    const gone = after.units.find((u) => u.unitId === leaving.unitId)!
    expect(gone).toMatchObject({ rank: null, band: null, withdrawn: true, finalScore: leaving.finalScore })
    expect(gone.totals.map((x) => x.total)).toEqual(leaving.totals.map((x) => x.total))
    expect(gone.remarks[0]).toBe('退出评审（因机构调整撤销。），不参加排名')
    const ranked = after.units.filter((u) => u.rank !== null)
    expect(ranked).toHaveLength(before.units.filter((u) => u.rank !== null).length - 1)
    expect(ranked[0].rank).toBe(1)
    // Unranked units come after the ranked ones in the table.
    expect(after.units.indexOf(gone)).toBeGreaterThanOrEqual(ranked.length)

    const minutes = await t.api.minutes.preview({ meetingId })
    const text = JSON.stringify(minutes)
    expect(text).toContain(`${leaving.unitName}因机构调整撤销退出评审，其评分保留备查，不参加排名和等次评定。`)
    expect(text).not.toContain(`${leaving.unitName}暂无有效评分`)
  })

  it('comes back into the ranking when reinstated; doing either twice is refused, changing nothing', async () => {
    const withdrawn = (await t.api.units.list({ meetingId })).find((u) => u.withdrawnAt)!
    await expectRejected(t.core.context.db, () => t.api.units.withdraw({ meetingId, id: withdrawn.id, reason: '再次' }), 'CONFLICT', '已退出评审')
    await t.api.units.reinstate({ meetingId, id: withdrawn.id })
    const results = await t.api.results.compute({ meetingId })
    expect(results.units.find((u) => u.unitId === withdrawn.id)).toMatchObject({ rank: 1, withdrawn: false })
    await expectRejected(t.core.context.db, () => t.api.units.reinstate({ meetingId, id: withdrawn.id }), 'CONFLICT', '无需恢复')
  })
})
