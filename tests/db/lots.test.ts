/** 抽签: a draw is recorded and sets the one unit order the scoring list and the minutes follow. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { drawOrder } from '../../src-main/core/onday/lot-draw'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let seeded: Awaited<ReturnType<typeof seedSmallMeeting>>
let meetingId: string
beforeAll(async () => {
  t = makeTestCore()
  seeded = await seedSmallMeeting(t.api)
  meetingId = seeded.meeting.id
  for (const name of ['市营商环境服务局政务服务中心', '市应急保障局应急指挥中心', '市交通运行局办公室党支部']) {
    await t.api.units.create({ meetingId, fields: { name, category: '直属单位' } })
  }
})
afterAll(() => t.dispose())

const names = async () => (await t.api.units.list({ meetingId })).map((u) => u.name)

describe('lots.draw', () => {
  it('refuses a seed that is not 8–64 hex digits, changing nothing', async () => {
    await expectRejected(t.core.context.db, () => t.api.lots.draw({ meetingId, seed: 'xyz12345' }), 'VALIDATION', '十六进制')
  })

  it('draws with a random seed, records it and puts the units in the drawn order in one step', async () => {
    const before = await t.api.units.list({ meetingId })
    const draw = await t.api.lots.draw({ meetingId })
    expect(draw).toMatchObject({ seq: 1, reason: '' })
    expect(draw.seed).toMatch(/^[0-9a-f]{32}$/)
    // What the printed seed gives by the documented algorithm is exactly the recorded order and the units' order.
    expect(draw.order.map((o) => o.unitName)).toEqual(drawOrder(before, draw.seed).map((u) => u.name))
    expect(draw.order.map((o) => o.position)).toEqual([1, 2, 3, 4, 5, 6])
    expect(await names()).toEqual(draw.order.map((o) => o.unitName))
    expect(await t.api.lots.list({ meetingId })).toEqual([draw])
  })

  it('refuses a redraw without a reason, changing nothing; with one it reproduces a typed seed', async () => {
    await expectRejected(t.core.context.db, () => t.api.lots.draw({ meetingId, seed: 'c0ffee00' }), 'VALIDATION', '重新抽签须写明理由')
    await expectRejected(t.core.context.db, () => t.api.lots.draw({ meetingId, seed: 'c0ffee00', reason: '   ' }), 'VALIDATION', '理由')
    const again = await t.api.lots.draw({ meetingId, seed: 'C0FFEE00', reason: '监督人要求当场复现' })
    expect(again).toMatchObject({ seq: 2, seed: 'c0ffee00', reason: '监督人要求当场复现' })
    const units = await t.api.units.list({ meetingId })
    expect(units.map((u) => u.name)).toEqual(drawOrder(units, 'c0ffee00').map((u) => u.name))
    const listed = await t.api.lots.list({ meetingId })
    expect(listed.map((d) => d.seq)).toEqual([2, 1])
    // Both draws are in the meeting's hash chain, the redraw with its reason.
    const history = (await t.api.history.list({ meetingId })).entries.filter((e) => e.what === '抽签（汇报顺序）')
    expect(history).toEqual([
      expect.objectContaining({ who: '会务组', unitName: '全部单位', newValue: '第 2 次，种子 c0ffee00', reason: '监督人要求当场复现' }),
      expect.objectContaining({ who: '会务组', unitName: '全部单位', newValue: expect.stringMatching(/^第 1 次，种子 [0-9a-f]{32}$/), reason: '' }),
    ])
    expect((await t.api.system.verifyHistory({ meetingId }))[0]).toMatchObject({ broken: null, unchained: 0 })
  })

  it('leaves withdrawn units out of the draw and puts them after the drawn ones', async () => {
    const units = await t.api.units.list({ meetingId })
    const leaving = units[0]
    await t.api.units.withdraw({ meetingId, id: leaving.id, reason: '机构调整' })
    const draw = await t.api.lots.draw({ meetingId, seed: '0123456789abcdef', reason: '一个单位退出评审' })
    expect(draw.order.map((o) => o.unitId)).not.toContain(leaving.id)
    expect(draw.order).toHaveLength(units.length - 1)
    expect(await names()).toEqual([...draw.order.map((o) => o.unitName), leaving.name])
    await t.api.units.reinstate({ meetingId, id: leaving.id })
  })

  it('sets the order of the 评分 list and of the minutes', async () => {
    const draw = await t.api.lots.draw({ meetingId, seed: 'feedface99', reason: '再抽一次' })
    const drawn = draw.order.map((o) => o.unitName)
    const progress = await t.api.scoring.progress({ meetingId, reviewerId: seeded.reviewers[0].id })
    const unitNames = new Map((await t.api.units.list({ meetingId })).map((u) => [u.id, u.name]))
    expect(progress.map((p) => unitNames.get(p.unitId))).toEqual(drawn)
    // No scores yet: the minutes name every unit as 暂无有效评分, in the unit order.
    const minutes = await t.api.minutes.preview({ meetingId })
    const text = minutes.sections.flatMap((s) => s.blocks).find((b) => b.text.includes('暂无有效评分'))!.text
    const positions = drawn.map((name) => text.indexOf(name))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
  })

  it('refuses a meeting with no units to draw, changing nothing', async () => {
    const empty = await t.api.meetings.create({ title: '空会议', date: '2024-12-18' })
    await expectRejected(t.core.context.db, () => t.api.lots.draw({ meetingId: empty.id }), 'VALIDATION', '没有参加抽签的单位')
  })
})
