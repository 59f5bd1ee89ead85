/** Domain-level bad input: each gets a clear Chinese message, and nothing is saved. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected as rejectedWithoutChange } from '../helpers/expect-rejected'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const expectRejected = (call: () => Promise<unknown>, code: string, message: string | RegExp) =>
  rejectedWithoutChange(t.core.context.db, call, code, message)

describe('scores', () => {
  const save = (value: number) =>
    t.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value })

  it('refuses a score above the maximum', () => expectRejected(() => save(6.5), 'OUT_OF_RANGE', '“理论武装”满分 6 分，不能打 6.5 分'))
  it('refuses a score off the step', () => expectRejected(() => save(5.3), 'OFF_STEP', '“理论武装”按 0.5 分一档计分，5.3 分不在档位上'))
  it('refuses a negative score', () => expectRejected(() => save(-1), 'VALIDATION', '分值不能为负'))
  it('refuses scoring a unit the reviewer is recused from', async () => {
    await t.api.recusals.set({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, recused: true, reason: '曾在该单位工作' })
    await expectRejected(() => save(5), 'CONFLICT', /已回避/)
  })
  it('accepts 0.1 steps exactly (no float drift): 0.3 + 0.6 + 9.1', async () => {
    const itemId = seed.items[2].id
    const r = await t.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId, value: 9.1 })
    expect(r.subtotal).toBe(9.1)
    const s = await t.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 0.5 })
    expect(s.subtotal).toBe(9.6)
  })
  it('refuses a bonus above its maximum and a veto tick without a reason', async () => {
    await expectRejected(
      () => t.api.reviews.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, bonus: 6 }),
      'OUT_OF_RANGE',
      '特色加分最高 5 分，不能加 6 分',
    )
    await expectRejected(
      () =>
        t.api.vetoes.mark({
          meetingId: seed.meeting.id,
          reviewerId: seed.reviewers[0].id,
          unitId: seed.units[0].id,
          vetoItemId: seed.rubric.vetoItems[0].id,
          marked: true,
          reason: '',
        }),
      'VALIDATION',
      '勾选一票否决必须写明事由',
    )
  })
})

describe('units', () => {
  it('refuses an empty name', () =>
    expectRejected(() => t.api.units.create({ meetingId: seed.meeting.id, fields: { name: '   ', category: '处室' } }), 'VALIDATION', '单位名称不能为空'))
  it('refuses a duplicate name', () =>
    expectRejected(
      () => t.api.units.create({ meetingId: seed.meeting.id, fields: { name: seed.units[0].name, category: '处室' } }),
      'CONFLICT',
      `单位“${seed.units[0].name}”已在名单中，单位名称不能重复`,
    ))
  it('refuses renaming onto another unit', () =>
    expectRejected(
      () => t.api.units.update({ meetingId: seed.meeting.id, id: seed.units[1].id, fields: { name: seed.units[0].name, category: '处室' } }),
      'CONFLICT',
      /不能重复/,
    ))
  it('refuses a reorder that does not list every unit exactly once', () =>
    expectRejected(
      () => t.api.units.reorder({ meetingId: seed.meeting.id, ids: [seed.units[0].id, seed.units[0].id, seed.units[1].id] }),
      'VALIDATION',
      /全部单位/,
    ))
})

describe('rubric', () => {
  const rubricWith = (itemMax: number) => ({
    basePoints: 10,
    criteria: [{ name: '做政治坚定的模范', maxPoints: 10, items: [{ name: '理论武装', maxPoints: itemMax, step: 1 as const }] }],
  })
  it('refuses item maxima that do not add up to the criterion', async () => {
    const fresh = await t.api.meetings.create({ title: '空会议', date: '2024-12-19' })
    await expectRejected(
      () => t.api.rubric.save({ meetingId: fresh.id, rubric: rubricWith(9) }),
      'RUBRIC_INVALID',
      '评分标准有误：一级指标“做政治坚定的模范”满分 10 分，但其二级指标合计 9 分',
    )
  })
  it('refuses criteria that do not add up to the total', async () => {
    const fresh = await t.api.meetings.create({ title: '空会议', date: '2024-12-19' })
    await expectRejected(
      () => t.api.rubric.save({ meetingId: fresh.id, rubric: { ...rubricWith(10), basePoints: 100 } }),
      'RUBRIC_INVALID',
      '各一级指标合计 10 分，与总分 100 分不符',
    )
  })
  it('refuses a maximum that is not a multiple of the step', async () => {
    const fresh = await t.api.meetings.create({ title: '空会议', date: '2024-12-19' })
    await expectRejected(
      () =>
        t.api.rubric.save({
          meetingId: fresh.id,
          rubric: { basePoints: 7.5, criteria: [{ name: '甲', maxPoints: 7.5, items: [{ name: '乙', maxPoints: 7.5, step: 1 }] }] },
        }),
      'RUBRIC_INVALID',
      /不是步长 1 的整数倍/,
    )
  })
  it('freezes maxima once scores exist', async () => {
    await t.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 5 })
    const current = await t.api.rubric.get({ meetingId: seed.meeting.id })
    expect(current.locked).toBe(true)
    const changed = structuredClone(current)
    changed.criteria[0].items[0].maxPoints = 5
    changed.criteria[0].items[1].maxPoints = 5
    await expectRejected(() => t.api.rubric.save({ meetingId: seed.meeting.id, rubric: changed }), 'CONFLICT', /不能再修改/)
  })
})

describe('meetings and rules', () => {
  it('refuses a malformed date', () =>
    expectRejected(() => t.api.meetings.create({ title: '会', date: '2024-13-45' }), 'VALIDATION', '日期格式应为 YYYY-MM-DD'))
  it('refuses bands whose thresholds do not fall', async () => {
    await expectRejected(
      () =>
        t.api.rules.save({
          meetingId: seed.meeting.id,
          rules: { bands: [{ label: '优秀', minPoints: 80 }, { label: '良好', minPoints: 90 }] },
        }),
      'VALIDATION',
      '等次“良好”的分数线应低于上一等次“优秀”',
    )
  })
  describe('refuses a tie-breaker naming a criterion the rubric does not have (it has 2)', () => {
    const save = (breaker: string) => () =>
      t.api.rules.save({ meetingId: seed.meeting.id, rules: { tieBreakers: ['untrimmedMean', breaker as 'criterion:1'] } })
    for (const [breaker, name] of [
      ['criterion:0', '第0项'],
      ['criterion:-1', '第-1项'],
      ['criterion:01', '第01项'],
      ['criterion:3', '第3项'],
    ]) {
      it(breaker, () => expectRejected(save(breaker), 'VALIDATION', `同分比较项“${name}一级指标”不存在：本评分标准共有2项一级指标（1—2）`))
    }
    it('criterion:abc', () => expectRejected(save('criterion:abc'), 'VALIDATION', /同分比较项只能是/))
    it('accepts criterion:2', async () => {
      const saved = await t.api.rules.save({ meetingId: seed.meeting.id, rules: { tieBreakers: ['criterion:2', 'bonus'] } })
      expect(saved.tieBreakers).toEqual(['criterion:2', 'bonus'])
    })
  })
  it('answers NOT_FOUND in Chinese for a meeting that does not exist', () =>
    expectRejected(() => t.api.units.list({ meetingId: crypto.randomUUID() }), 'NOT_FOUND', '会议不存在或已被删除'))
})
