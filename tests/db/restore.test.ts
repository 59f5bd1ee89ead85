/** 撤销删除 of units, reviewers and notes: back with the same id, in the same place, with their recusals. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
beforeEach(() => {
  t = makeTestCore()
})
afterEach(() => t.dispose())

describe('undoing a delete', () => {
  it('puts a unit back in its place with its recusals', async () => {
    const { meeting, units, reviewers } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    await t.api.recusals.set({ meetingId, reviewerId: reviewers[1].id, unitId: units[1].id, recused: true, reason: '曾在该单位任职' })
    const before = await t.api.units.list({ meetingId })
    const recusals = (await t.api.recusals.list({ meetingId })).filter((r) => r.unitId === units[1].id)

    await t.api.units.delete({ meetingId, id: units[1].id })
    expect((await t.api.units.list({ meetingId })).map((u) => u.id)).toEqual([units[0].id, units[2].id])
    expect(await t.api.recusals.list({ meetingId })).toHaveLength(0)

    await t.api.units.restore({ meetingId, unit: before[1], recusals })
    const after = await t.api.units.list({ meetingId })
    expect(after.map((u) => [u.id, u.seq, u.name])).toEqual(before.map((u) => [u.id, u.seq, u.name]))
    expect(await t.api.recusals.list({ meetingId })).toEqual([expect.objectContaining({ reviewerId: reviewers[1].id, unitId: units[1].id, reason: '曾在该单位任职' })])
  })

  it('makes room when the place was taken meanwhile (a unit moved into it)', async () => {
    const { meeting, units } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    const before = await t.api.units.list({ meetingId })
    await t.api.units.delete({ meetingId, id: units[0].id })
    await t.api.units.reorder({ meetingId, ids: [units[2].id, units[1].id] })
    await t.api.units.restore({ meetingId, unit: before[0], recusals: [] })
    expect((await t.api.units.list({ meetingId })).map((u) => u.id)).toEqual([units[0].id, units[2].id, units[1].id])
  })

  it('puts a reviewer back in place; a recusal whose unit was deleted meanwhile stays gone', async () => {
    const { meeting, units, reviewers } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    for (const unit of units.slice(0, 2)) await t.api.recusals.set({ meetingId, reviewerId: reviewers[0].id, unitId: unit.id, recused: true })
    const before = await t.api.reviewers.list({ meetingId })
    const recusals = await t.api.recusals.list({ meetingId })

    await t.api.reviewers.delete({ meetingId, id: reviewers[0].id })
    await t.api.units.delete({ meetingId, id: units[0].id })
    await t.api.reviewers.restore({ meetingId, reviewer: before[0], recusals })
    expect((await t.api.reviewers.list({ meetingId })).map((r) => [r.id, r.seq, r.role])).toEqual(before.map((r) => [r.id, r.seq, r.role]))
    expect((await t.api.recusals.list({ meetingId })).map((r) => r.unitId)).toEqual([units[1].id])
  })

  it('refuses a second undo, a name taken meanwhile, a second chair and another meeting’s row — changing nothing', async () => {
    const { meeting, units, reviewers } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    const db = t.core.context.db
    const [unit] = await t.api.units.list({ meetingId })
    await t.api.units.delete({ meetingId, id: unit.id })
    await t.api.units.restore({ meetingId, unit, recusals: [] })
    await expectRejected(db, () => t.api.units.restore({ meetingId, unit, recusals: [] }), 'CONFLICT', '已经恢复')

    await t.api.units.delete({ meetingId, id: units[2].id })
    await t.api.units.create({ meetingId, fields: { name: units[2].name, category: '处室' } })
    await expectRejected(db, () => t.api.units.restore({ meetingId, unit: units[2], recusals: [] }), 'CONFLICT', '同名单位')

    const chair = reviewers.find((r) => r.role === 'chair')!
    await t.api.reviewers.delete({ meetingId, id: chair.id })
    await t.api.reviewers.update({ meetingId, id: reviewers[1].id, fields: { name: reviewers[1].name, role: 'chair' } })
    await expectRejected(db, () => t.api.reviewers.restore({ meetingId, reviewer: chair, recusals: [] }), 'CONFLICT', '组长')

    const other = await t.api.meetings.create({ title: '另一个会', date: '2025-01-01' })
    await expectRejected(db, () => t.api.units.restore({ meetingId: other.id, unit: units[2], recusals: [] }), 'VALIDATION', '不属于本会议')
  })

  it('puts a note back with its id, place and fields; its unit deleted meanwhile makes it a general note', async () => {
    const { meeting, units } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    const save = (fields: { speaker?: string; unitId?: string; keyPoints?: string; decisions?: string }) => t.api.notes.save({ meetingId, fields })
    const a = await save({ speaker: '刘建华', keyPoints: '宣布评审纪律' })
    const b = await save({ speaker: '周明远', unitId: units[0].id, keyPoints: '数据共享特色鲜明', decisions: '推荐该单位经验' })
    const c = await save({ speaker: '王丽', unitId: units[1].id, keyPoints: '材料齐全' })
    const before = await t.api.notes.list({ meetingId })

    await t.api.notes.delete({ meetingId, id: b.id })
    await t.api.notes.restore({ meetingId, note: b })
    const after = await t.api.notes.list({ meetingId })
    const fields = (n: (typeof after)[number]) => [n.id, n.seq, n.speaker, n.unitId, n.keyPoints, n.decisions]
    expect(after.map(fields)).toEqual(before.map(fields))

    // Reordered meanwhile so its place is taken: it goes back to that place and the rest move down.
    await t.api.notes.delete({ meetingId, id: a.id })
    await t.api.notes.reorder({ meetingId, ids: [c.id, b.id] })
    await t.api.notes.restore({ meetingId, note: a })
    expect((await t.api.notes.list({ meetingId })).map((n) => n.id)).toEqual([a.id, c.id, b.id])

    await t.api.notes.delete({ meetingId, id: c.id })
    await t.api.units.delete({ meetingId, id: units[1].id })
    await t.api.notes.restore({ meetingId, note: c })
    expect((await t.api.notes.list({ meetingId })).find((n) => n.id === c.id)).toMatchObject({ unitId: null, keyPoints: '材料齐全' })
  })

  it('refuses a note restored twice and another meeting’s note — changing nothing', async () => {
    const { meeting } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    const db = t.core.context.db
    const note = await t.api.notes.save({ meetingId, fields: { speaker: '刘建华', keyPoints: '宣布评审纪律' } })
    await t.api.notes.delete({ meetingId, id: note.id })
    await t.api.notes.restore({ meetingId, note })
    await expectRejected(db, () => t.api.notes.restore({ meetingId, note }), 'CONFLICT', '已经恢复')

    const other = await t.api.meetings.create({ title: '另一个会', date: '2025-01-01' })
    await t.api.notes.delete({ meetingId, id: note.id })
    await expectRejected(db, () => t.api.notes.restore({ meetingId: other.id, note }), 'VALIDATION', '不属于本会议')
  })
})
