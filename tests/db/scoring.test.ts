import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const target = () => ({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id })

describe('a reviewer scoring one unit', () => {
  it('fills a sheet, caps the total with the bonus, and reports progress', async () => {
    const values = [6, 4, 9.9]
    for (const [i, item] of seed.items.entries()) await t.api.scores.save({ ...target(), itemId: item.id, value: values[i] })
    await t.api.reviews.save({ ...target(), bonus: 5, bonusReason: '品牌特色鲜明', strengths: '理论学习扎实' })
    const sheet = await t.api.scoring.sheet(target())
    expect(sheet.subtotal).toBe(19.9)
    expect(sheet.total).toBe(24.9)
    expect(sheet.complete).toBe(true)
    expect(sheet.review.strengths).toBe('理论学习扎实')
    const progress = await t.api.scoring.progress({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id })
    expect(progress.map((p) => [p.scored, p.total])).toEqual([
      [3, 24.9],
      [0, 0],
      [0, 0],
    ])
  })

  it('keeps an append-only history of every change, and clears a score with null', async () => {
    const itemId = seed.items[0].id
    await t.api.scores.save({ ...target(), itemId, value: 5 })
    await t.api.scores.save({ ...target(), itemId, value: 5 }) // unchanged: no history row
    await t.api.scores.save({ ...target(), itemId, value: 4.5, deductionReason: '学习记录不全' })
    await t.api.scores.save({ ...target(), itemId, value: null })
    const history = t.core.context.db.prepare('SELECT field, old_value, new_value, reason FROM score_history ORDER BY seq').all()
    expect(history).toEqual([
      { field: `item:${itemId}`, old_value: null, new_value: '5', reason: '' },
      { field: `item:${itemId}`, old_value: '5', new_value: '4.5', reason: '学习记录不全' },
      { field: `item:${itemId}`, old_value: '4.5', new_value: null, reason: '' },
    ])
    expect((await t.api.scoring.sheet(target())).scores).toEqual([])
  })

  it('records recusals set by the organizer and shows them in progress', async () => {
    await t.api.recusals.set({ ...target(), recused: true, reason: '曾在该单位挂职' })
    const [recusal] = await t.api.recusals.list({ meetingId: seed.meeting.id })
    expect(recusal).toMatchObject({ reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id, source: 'organizer', reason: '曾在该单位挂职' })
    const progress = await t.api.scoring.progress({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id })
    expect(progress[0].recused).toBe(true)
    await t.api.recusals.set({ ...target(), recused: false })
    expect(await t.api.recusals.list({ meetingId: seed.meeting.id })).toEqual([])
  })

  it('ticks and clears a veto with a reason, in the history too', async () => {
    const vetoItemId = seed.rubric.vetoItems[0].id
    const marks = await t.api.vetoes.mark({ ...target(), vetoItemId, marked: true, reason: '该单位一名干部受到党纪处分' })
    expect(marks).toHaveLength(1)
    expect(await t.api.vetoes.mark({ ...target(), vetoItemId, marked: false, reason: '' })).toEqual([])
    const fields = t.core.context.db.prepare('SELECT field, new_value FROM score_history ORDER BY seq').all()
    expect(fields).toEqual([
      { field: `veto:${vetoItemId}`, new_value: '有' },
      { field: `veto:${vetoItemId}`, new_value: '无' },
    ])
  })
})

describe('set-up lists', () => {
  it('reorders units and reviewers', async () => {
    const ids = seed.units.map((u) => u.id).reverse()
    const units = await t.api.units.reorder({ meetingId: seed.meeting.id, ids })
    expect(units.map((u) => u.id)).toEqual(ids)
    const rids = [seed.reviewers[2].id, seed.reviewers[0].id, seed.reviewers[1].id]
    expect((await t.api.reviewers.reorder({ meetingId: seed.meeting.id, ids: rids })).map((r) => r.id)).toEqual(rids)
  })

  it('allows one chair only and refuses deleting a reviewer who has scores', async () => {
    await expect(t.api.reviewers.create({ meetingId: seed.meeting.id, fields: { name: '赵海燕', role: 'chair' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '评审组长已是“周明远”，一个会议只能有一名组长',
    })
    await t.api.scores.save({ ...target(), itemId: seed.items[1].id, value: 3 })
    await expect(t.api.reviewers.delete({ meetingId: seed.meeting.id, id: seed.reviewers[1].id })).rejects.toMatchObject({ code: 'CONFLICT' })
  })

  it('lists meetings with their counts and deletes a meeting with everything in it', async () => {
    await t.api.scores.save({ ...target(), itemId: seed.items[1].id, value: 3 })
    const [summary] = await t.api.meetings.list({})
    expect(summary).toMatchObject({ unitCount: 3, reviewerCount: 3, scoreCount: 1 })
    await t.api.meetings.delete({ meetingId: seed.meeting.id })
    expect(await t.api.meetings.list({})).toEqual([])
    const leftovers = t.core.context.db.prepare('SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM scores) AS n').get() as { n: number }
    expect(leftovers.n).toBe(0)
  })
})
