import { afterEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { loadEngineInput } from '../../src-main/core/services/results'

let t: TestCore
afterEach(() => t?.dispose())

type Seeded = Awaited<ReturnType<typeof seedSmallMeeting>>

/** Scores one sheet through the API, item by item, as the scoring form does. */
async function score(s: Seeded, reviewer: number, unit: number, values: (number | null)[], bonus: number | null = null) {
  const base = { meetingId: s.meeting.id, reviewerId: s.reviewers[reviewer].id, unitId: s.units[unit].id }
  for (const [i, value] of values.entries()) if (value !== null) await t.api.scores.save({ ...base, itemId: s.items[i].id, value })
  if (bonus !== null) await t.api.reviews.save({ ...base, bonus })
}

const historyOf = (field: string) =>
  t.core.context.db.prepare('SELECT reviewer_id, unit_id, old_value, new_value, reason FROM score_history WHERE field = ? ORDER BY seq').all(field)

/** Three units: trimmed (3 valid), plain after a recusal, one sheet unfinished. */
async function seedScores() {
  const s = await seedSmallMeeting(t.api)
  const meetingId = s.meeting.id
  await t.api.rules.save({ meetingId, rules: { trimMinReviewers: 3 } })
  await t.api.recusals.set({ meetingId, reviewerId: s.reviewers[1].id, unitId: s.units[1].id, recused: true, reason: '曾在该单位任职' })
  await score(s, 0, 0, [6, 4, 9.5], 1) // 20.5
  await score(s, 1, 0, [5.5, 3, 8.8]) // 17.3
  await score(s, 2, 0, [5, 4, 9]) // 18
  await score(s, 0, 1, [6, 4, 10]) // 20
  await score(s, 2, 1, [5, 3, 7.5]) // 15.5
  await score(s, 0, 2, [6, 4, 9.9]) // 19.9
  await score(s, 1, 2, [5, 4, 8]) // 17
  await score(s, 2, 2, [5, null, 9]) // unfinished
  return s
}

describe('results.compute through the API', () => {
  it('computes trimmed and plain means, ranks, remarks and the provisional list from saved scores', async () => {
    t = makeTestCore()
    const s = await seedScores()
    const r = await t.api.results.compute({ meetingId: s.meeting.id })
    expect(r.units.map((u) => [u.unitName, u.finalScore, u.rank, u.trimmed, u.validReviewerCount])).toEqual([
      ['市统计服务局综合处党支部', 18.45, 1, false, 2],
      ['市数据资源局数据共享处党支部', 18, 2, true, 3],
      ['市水利保障局水文监测站', 17.75, 3, false, 2],
    ])
    const [incomplete, trimmed, recused] = r.units
    expect(trimmed.totals.map((x) => [x.total, x.dropped])).toEqual([
      [20.5, 'high'],
      [17.3, 'low'],
      [18, null],
    ])
    expect(trimmed.totals[0]).toMatchObject({ subtotal: 19.5, bonus: 1 })
    expect(trimmed.criterionMeans).toEqual([9.17, 9.1]) // over all three valid sheets, the dropped ones too
    expect(recused.remarks).toEqual(['林静怡回避', '有效评委2人，不足3人，未去最高最低分'])
    expect(incomplete.remarks).toContain('陈卫国评分未完成')
    expect(r.incompleteUnitIds).toEqual([s.units[2].id])
    expect(r.reviewers.map((x) => x.name)).toEqual(['周明远', '林静怡', '陈卫国'])
    expect(r.criteria).toEqual([
      { id: s.rubric.criteria[0].id, name: '做政治坚定的模范', maxPoints: 10 },
      { id: s.rubric.criteria[1].id, name: '做作风优良的模范', maxPoints: 10 },
    ])
    expect(r.ruleText).toContain('评委总分为各项得分与特色加分之和（特色加分最高5分），总分不超过25分。')
  })

  it('loads every saved score exactly once, sheet by sheet', async () => {
    t = makeTestCore()
    const s = await seedScores()
    const db = t.core.context.db
    const input = loadEngineInput(db, s.meeting.id)
    const loaded = input.scores.flatMap((sheet) => sheet.itemIds.map((itemId, k) => [sheet.reviewerId, sheet.unitId, itemId, sheet.tenths[k]].join('|'))).sort()
    const stored = (db.prepare('SELECT reviewer_id, unit_id, item_id, value_tenths FROM scores').raw(true).all() as unknown[][]).map((r) => r.join('|')).sort()
    expect(loaded).toEqual(stored)
    expect(loaded).toHaveLength(23)
    expect(input.bonuses).toEqual([{ reviewerId: s.reviewers[0].id, unitId: s.units[0].id, tenths: 10 }])
    expect(input.recusals).toEqual([{ reviewerId: s.reviewers[1].id, unitId: s.units[1].id }])
  })

  it('computes with stored tie-breakers the rubric does not have (saved before they were refused), skipping them', async () => {
    t = makeTestCore()
    const s = await seedSmallMeeting(t.api)
    const meetingId = s.meeting.id
    for (const reviewer of [0, 1, 2]) {
      await score(s, reviewer, 0, [6, 4, 9])
      await score(s, reviewer, 1, [6, 4, 9])
      await score(s, reviewer, 2, [5, 3, 8])
    }
    t.core.context.db.prepare('UPDATE meeting_rules SET tie_breakers = ? WHERE meeting_id = ?').run('["criterion:0","criterion:-1","criterion:01","criterion:5"]', meetingId)
    expect((await t.api.rules.get({ meetingId })).tieBreakers).toEqual(['criterion:0', 'criterion:-1', 'criterion:01', 'criterion:5'])
    const r = await t.api.results.compute({ meetingId })
    expect(r.units.map((u) => [u.unitName, u.rank, u.tied])).toEqual([
      ['市数据资源局数据共享处党支部', 1, true],
      ['市水利保障局水文监测站', 1, true],
      ['市统计服务局综合处党支部', 3, false],
    ])
    expect(r.units[0].tieNote).toBe('“市数据资源局数据共享处党支部”与“市水利保障局水文监测站”综合得分同为19.00分，各项比较均相同，并列第1名')
    expect(r.ruleText).toContain('同分比较项“第0项一级指标”“第-1项一级指标”“第01项一级指标”“第5项一级指标”在现行评分标准中不存在（共有2项一级指标），比较时跳过。')
  })

  it('shows the demo meeting’s designed outlier and tie in plain words, and nothing spurious', async () => {
    t = makeTestCore()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    const r = await t.api.results.compute({ meetingId })
    expect(r.flags.map((f) => [f.kind, f.message])).toEqual([
      ['deviation', '赵海燕给“市应急保障局应急指挥中心”打70.0分，其他4位评委平均89.63分，相差19.63分，请其复核'],
    ])
    expect(r.units.filter((u) => u.tieNote).map((u) => [u.rank, u.tieNote])).toEqual([
      [1, '“市数据资源局数据共享处党支部”与“市农业农村服务局科技推广站”综合得分同为93.17分，按全部有效评分的平均分比较，“市数据资源局数据共享处党支部”排名在前'],
      [2, '“市农业农村服务局科技推广站”与“市数据资源局数据共享处党支部”综合得分同为93.17分，按全部有效评分的平均分比较，“市数据资源局数据共享处党支部”排名在前'],
    ])
    expect(r.ruleText).toContain('相同时，依次比较：全部有效评分的平均分、“做政治坚定的模范”一级指标的平均分（全部有效评委）、')
  })

  it('refuses an unknown meeting', async () => {
    t = makeTestCore()
    await expect(t.api.results.compute({ meetingId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', message: '会议不存在或已被删除' })
  })
})

describe('vetoes.decide', () => {
  it('takes a confirmed veto out of the ranking, keeps a not-established one in, and records every step', async () => {
    t = makeTestCore()
    const s = await seedScores()
    const meetingId = s.meeting.id
    const unitId = s.units[2].id
    await t.api.vetoes.mark({ meetingId, reviewerId: s.reviewers[2].id, unitId, vetoItemId: s.rubric.vetoItems[0].id, marked: true, reason: '有立案审查记录' })
    const unitOf = async () => (await t.api.results.compute({ meetingId })).units.find((u) => u.unitId === unitId)!

    let u = await unitOf()
    expect([u.veto.status, u.rank, u.remarks[0]]).toEqual(['pending', 1, '一票否决待会务组认定'])
    expect(u.veto.marks).toEqual([{ reviewerId: s.reviewers[2].id, vetoItemId: s.rubric.vetoItems[0].id, vetoItemName: '发生严重违纪违法案件', reason: '有立案审查记录' }])

    expect(await t.api.vetoes.decide({ meetingId, unitId, decision: 'confirmed', reason: '经纪检部门核实属实' })).toEqual({ ok: true })
    const results = await t.api.results.compute({ meetingId })
    u = results.units.at(-1)!
    expect([u.unitId, u.veto.status, u.rank, u.band, u.remarks[0], u.veto.decisionReason]).toEqual([unitId, 'confirmed', null, null, '一票否决', '经纪检部门核实属实'])
    expect(results.units.map((x) => x.rank)).toEqual([1, 2, null])

    await t.api.vetoes.decide({ meetingId, unitId, decision: 'not_established', reason: '案件发生在评审年度之前' })
    u = await unitOf()
    expect([u.veto.status, u.rank, u.remarks[0]]).toEqual(['not_established', 1, '否决事项经核实不构成'])

    await t.api.vetoes.decide({ meetingId, unitId, decision: null, reason: '认定有误，重新核实' })
    expect((await unitOf()).veto.status).toBe('pending')

    expect(historyOf('veto-decision')).toEqual([
      { reviewer_id: '', unit_id: unitId, old_value: null, new_value: '确认否决', reason: '经纪检部门核实属实' },
      { reviewer_id: '', unit_id: unitId, old_value: '确认否决', new_value: '核实不构成', reason: '案件发生在评审年度之前' },
      { reviewer_id: '', unit_id: unitId, old_value: '核实不构成', new_value: null, reason: '认定有误，重新核实' },
    ])
  })

  it('refuses a missing reason, a unit nobody marked and an unknown unit, with Chinese messages, changing nothing', async () => {
    t = makeTestCore()
    const s = await seedScores()
    const meetingId = s.meeting.id
    const marked = s.units[2].id
    await t.api.vetoes.mark({ meetingId, reviewerId: s.reviewers[2].id, unitId: marked, vetoItemId: s.rubric.vetoItems[0].id, marked: true, reason: '有立案审查记录' })
    const before = await t.api.results.compute({ meetingId })
    const strip = (r: typeof before) => ({ ...r, computedAt: '' })

    await expect(t.api.vetoes.decide({ meetingId, unitId: marked, decision: 'confirmed', reason: '   ' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: '输入有误：认定一票否决须写明理由',
    })
    await expect(t.api.vetoes.decide({ meetingId, unitId: s.units[0].id, decision: 'confirmed', reason: '误操作' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '没有评委对“市数据资源局数据共享处党支部”勾选一票否决事项，无需认定',
    })
    await expect(t.api.vetoes.decide({ meetingId, unitId: crypto.randomUUID(), decision: 'confirmed', reason: '核实' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '参评单位不存在或已被删除',
    })
    await expect(t.api.vetoes.decide({ meetingId, unitId: marked, decision: null, reason: '撤销' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '“市统计服务局综合处党支部”的一票否决尚未认定，无需撤销',
    })
    await expect(t.api.vetoes.decide({ meetingId, unitId: marked, decision: 'maybe' as never, reason: '核实' })).rejects.toMatchObject({ code: 'VALIDATION' })

    expect(strip(await t.api.results.compute({ meetingId }))).toEqual(strip(before))
    expect(t.core.context.db.prepare('SELECT count(*) AS n FROM veto_decisions').get()).toEqual({ n: 0 })
    expect(historyOf('veto-decision')).toEqual([])
  })

  it('does not count a veto ticked by a reviewer later recused from the unit', async () => {
    t = makeTestCore()
    const s = await seedScores()
    const meetingId = s.meeting.id
    const unitId = s.units[0].id
    await t.api.vetoes.mark({ meetingId, reviewerId: s.reviewers[1].id, unitId, vetoItemId: s.rubric.vetoItems[0].id, marked: true, reason: '有举报' })
    await t.api.recusals.set({ meetingId, reviewerId: s.reviewers[1].id, unitId, recused: true, source: 'reviewer', reason: '当天声明回避' })
    const u = (await t.api.results.compute({ meetingId })).units.find((x) => x.unitId === unitId)!
    expect(u.veto.status).toBe('none')
    await expect(t.api.vetoes.decide({ meetingId, unitId, decision: 'confirmed', reason: '核实' })).rejects.toMatchObject({ code: 'CONFLICT' })
  })
})
