/**
 * Starting a rubric from a template or an earlier meeting: real core, real SQLite. The drafts are
 * what the editor fills in; saving them goes through the same checks as a rubric typed by hand.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, type TestCore } from '../helpers/core'

let t: TestCore
beforeEach(() => {
  t = makeTestCore()
})
afterEach(() => t.dispose())

const newMeeting = () => t.api.meetings.create({ title: '2025年度党支部评审会', date: '2025-03-20' })

describe('rubric templates', () => {
  it('offers the demo’s 五个模范 and 党支部标准化规范化建设; both save as they are and add up', async () => {
    const meeting = await newMeeting()
    const templates = await t.api.rubric.templates({ meetingId: meeting.id })
    expect(templates.map((x) => x.id)).toEqual(['five-models', 'party-branch-standard'])

    const five = templates[0].rubric
    expect(five.criteria.map((c) => c.name)).toEqual(['做政治坚定的模范', '做提升组织力的模范', '做作风优良的模范', '做业绩过硬的模范', '做关心关爱的模范'])
    expect(five.criteria.flatMap((c) => c.items)).toHaveLength(15)
    expect(five).toMatchObject({ basePoints: 100, bonusMaxPoints: 5, totalCapPoints: 105 })

    for (const template of templates) {
      const saved = await t.api.rubric.save({ meetingId: meeting.id, rubric: template.rubric })
      expect(saved.criteria.map((c) => [c.name, c.maxPoints, c.items.map((i) => [i.name, i.maxPoints, i.step, i.guidance])])).toEqual(
        template.rubric.criteria.map((c) => [c.name, c.maxPoints, c.items.map((i) => [i.name, i.maxPoints, i.step, i.guidance])]),
      )
      expect(saved.vetoItems.map((v) => v.name)).toEqual(template.rubric.vetoItems.map((v) => v.name))
      const sum = saved.criteria.reduce((s, c) => s + c.maxPoints * 10, 0)
      expect(sum).toBe(saved.basePoints * 10)
    }
  })

  it('copies an earlier meeting’s rubric as a draft, without ids, and writes nothing', async () => {
    const demo = await t.api.meetings.openDemo({})
    const meeting = await newMeeting()
    const demoRubric = await t.api.rubric.get({ meetingId: demo.id })
    const before = await t.api.rubric.get({ meetingId: meeting.id })
    const draft = await t.api.rubric.draftFromMeeting({ meetingId: meeting.id, fromMeetingId: demo.id })
    expect(JSON.stringify(draft)).not.toMatch(/"id"/)
    expect(draft.criteria.map((c) => c.items.map((i) => i.guidance))).toEqual(demoRubric.criteria.map((c) => c.items.map((i) => i.guidance)))
    expect(await t.api.rubric.get({ meetingId: meeting.id })).toEqual(before)
    const saved = await t.api.rubric.save({ meetingId: meeting.id, rubric: draft })
    // New rows for the new meeting: the demo's ids stay the demo's.
    const demoIds = new Set(demoRubric.criteria.flatMap((c) => [c.id, ...c.items.map((i) => i.id)]))
    expect(saved.criteria.flatMap((c) => [c.id, ...c.items.map((i) => i.id)]).some((id) => demoIds.has(id))).toBe(false)
  })

  it('refuses to copy from itself, from a meeting without a rubric, or from one that does not exist — changing nothing', async () => {
    const meeting = await newMeeting()
    const other = await t.api.meetings.create({ title: '空会议', date: '2025-01-01' })
    const db = t.core.context.db
    await expectRejected(db, () => t.api.rubric.draftFromMeeting({ meetingId: meeting.id, fromMeetingId: meeting.id }), 'VALIDATION', '不能从本会议复制')
    await expectRejected(db, () => t.api.rubric.draftFromMeeting({ meetingId: meeting.id, fromMeetingId: other.id }), 'VALIDATION', '还没有设置评分标准')
    await expectRejected(db, () => t.api.rubric.draftFromMeeting({ meetingId: meeting.id, fromMeetingId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', '不存在')
    await expectRejected(db, () => t.api.rubric.templates({ meetingId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND', '不存在')
  })
})
