import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createApiClient, type ApiClient } from '../../src-main/shared/client'
import { createCore, type Core } from '../../src-main/core/app'
import { makeTestCore, repoRoot, type TestCore } from '../helpers/core'
import { DemoFile } from '../../src-main/core/services/demo/demo-file'
import { buildDemo } from '../../scripts/demo/build-rows'

const demoJson = readFileSync(join(repoRoot, 'resources', 'demo', 'demo-meeting.json'), 'utf8')

let t: TestCore | undefined
const cleanups: (() => void)[] = []
afterEach(() => {
  t?.dispose()
  t = undefined
  cleanups.splice(0).forEach((f) => f())
})

/** A core whose resources folder holds the given demo file text (or none). */
function coreWithDemoFile(text: string | null): { core: Core; api: ApiClient } {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-demo-'))
  mkdirSync(join(dir, 'resources', 'demo'), { recursive: true })
  if (text !== null) writeFileSync(join(dir, 'resources', 'demo', 'demo-meeting.json'), text)
  const core = createCore({ dataDir: join(dir, 'data'), resourcesDir: join(dir, 'resources'), appVersion: 'test' })
  cleanups.push(() => {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return { core, api: createApiClient(core.dispatch) }
}

const tableCounts = (core: Core) =>
  Object.fromEntries(
    ['meetings', 'criteria', 'rubric_items', 'veto_items', 'units', 'reviewers', 'recusals', 'scores', 'reviews', 'veto_marks', 'veto_decisions'].map((table) => [
      table,
      (core.context.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
    ]),
  )

/** Round a sum of tenths over `count` to hundredths, half-up, in integers. */
const hundredths = (sumTenths: number, count: number) => Math.floor((sumTenths * 20 + count) / (2 * count))

describe('demo meeting', () => {
  it('ships exactly what scripts/make-demo.ts generates (regenerate after editing the generator)', () => {
    expect(`${JSON.stringify(DemoFile.parse(buildDemo()), null, 1)}\n`).toBe(demoJson)
  })

  it('opens once, and a second call returns the same meeting without duplicating rows', async () => {
    t = makeTestCore()
    const started = performance.now()
    const meeting = await t.api.meetings.openDemo({})
    const elapsed = performance.now() - started
    console.info(`openDemo (first import) took ${elapsed.toFixed(0)} ms`)
    expect(meeting).toMatchObject({
      title: '青岚市直机关2024年度“模范机关”创建现场评审会',
      date: '2024-12-18',
      startTime: '09:00',
      endTime: '12:30',
      place: '市行政中心3号楼5楼第二会议室',
      host: '刘建华',
      hostTitle: '市直机关工委常务副书记',
      recorder: '王小雨',
      reportMinutes: 8,
      questionMinutes: 5,
      isDemo: true,
    })
    const before = tableCounts(t.core)
    const again = await t.api.meetings.openDemo({})
    expect(again.id).toBe(meeting.id)
    expect(tableCounts(t.core)).toEqual(before)
    expect(before).toMatchObject({ meetings: 1, units: 12, reviewers: 5, rubric_items: 15, recusals: 2, scores: 58 * 15, reviews: 58 })
  })

  it('keeps the ids of the shipped file, so every machine has the same demo', async () => {
    t = makeTestCore()
    const meeting = await t.api.meetings.openDemo({})
    const file = JSON.parse(demoJson)
    expect(meeting.id).toBe(file.meeting.id)
    const units = await t.api.units.list({ meetingId: meeting.id })
    expect(units.map((u) => u.id)).toEqual(file.units.map((u: { id: string }) => u.id))
    const rubric = await t.api.rubric.get({ meetingId: meeting.id })
    expect(rubric.criteria.flatMap((c) => c.items.map((i) => i.id))).toEqual(
      file.rubric.criteria.flatMap((c: { items: { id: string }[] }) => c.items.map((i) => i.id)),
    )
    const recusals = await t.api.recusals.list({ meetingId: meeting.id })
    expect(recusals.map((r) => r.id).sort()).toEqual(file.recusals.map((r: { id: string }) => r.id).sort())
  })

  it('has the 五个模范 rubric, 12 units, 5 reviewers and the default rules', async () => {
    t = makeTestCore()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    const rubric = await t.api.rubric.get({ meetingId })
    expect(rubric.criteria.map((c) => [c.name, c.maxPoints])).toEqual([
      ['做政治坚定的模范', 25],
      ['做提升组织力的模范', 20],
      ['做作风优良的模范', 20],
      ['做业绩过硬的模范', 20],
      ['做关心关爱的模范', 15],
    ])
    const items = rubric.criteria.flatMap((c) => c.items)
    expect(items).toHaveLength(15)
    expect(items.reduce((a, i) => a + i.maxPoints * 10, 0)).toBe(1000)
    for (const c of rubric.criteria) expect(c.items.reduce((a, i) => a + i.maxPoints * 10, 0)).toBe(c.maxPoints * 10)
    for (const i of items) expect(i.guidance.length).toBeGreaterThan(20)
    expect(rubric).toMatchObject({ basePoints: 100, bonusMaxPoints: 5, totalCapPoints: 105, deductionReasonRequired: true, locked: true })
    expect(rubric.vetoItems.map((v) => v.name)).toContain('申报材料弄虚作假')

    const units = await t.api.units.list({ meetingId })
    expect(units).toHaveLength(12)
    expect(units[0]).toMatchObject({ name: '市数据资源局数据共享处党支部', category: '处室', department: '市数据资源局', brand: '数联先锋' })
    for (const u of units) {
      expect(u.category).toBe(u.name.endsWith('党支部') ? '处室' : '直属单位')
      expect(u.contact && u.phone && u.brand).toBeTruthy()
    }
    const reviewers = await t.api.reviewers.list({ meetingId })
    expect(reviewers.map((r) => r.name)).toEqual(['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东'])
    expect(reviewers.filter((r) => r.role === 'chair').map((r) => r.name)).toEqual(['周明远'])

    const rules = await t.api.rules.get({ meetingId })
    expect(rules).toMatchObject({ trimMinReviewers: 5, roundingPlaces: 2, deviationPoints: 15 })
    expect(rules.tieBreakers.slice(0, 2)).toEqual(['untrimmedMean', 'criterion:1'])
    expect(rules.bands.map((b) => [b.label, b.minPoints])).toEqual([['优秀', 90], ['良好', 80], ['合格', 60], ['不合格', 0]])
  })

  it('shows every special situation: recusal, far-off total, tie after trimming, cleared veto', async () => {
    t = makeTestCore()
    const { id: meetingId } = await t.api.meetings.openDemo({})
    const [units, reviewers, rubric, rules] = await Promise.all([
      t.api.units.list({ meetingId }),
      t.api.reviewers.list({ meetingId }),
      t.api.rubric.get({ meetingId }),
      t.api.rules.get({ meetingId }),
    ])
    const maxOf = new Map(rubric.criteria.flatMap((c) => c.items.map((i) => [i.id, i.maxPoints * 10])))
    // totals[unit][reviewer] in tenths, computed here from the raw scores and bonus.
    const totals = new Map<string, Map<string, number>>()
    for (const unit of units) {
      const row = new Map<string, number>()
      for (const reviewer of reviewers) {
        const sheet = await t.api.scoring.sheet({ meetingId, reviewerId: reviewer.id, unitId: unit.id })
        if (sheet.recused) {
          expect(sheet.scores).toEqual([])
          continue
        }
        expect(sheet.complete).toBe(true)
        for (const s of sheet.scores) if (s.value! * 10 < maxOf.get(s.itemId)!) expect(s.deductionReason).not.toBe('')
        expect(sheet.review.strengths && sheet.review.weaknesses && sheet.review.suggestions).toBeTruthy()
        const sum = sheet.scores.reduce((a, s) => a + Math.round(s.value! * 10), 0) + Math.round((sheet.review.bonus ?? 0) * 10)
        const total = Math.min(sum, 1050)
        expect(total).toBe(Math.round(sheet.total * 10))
        row.set(reviewer.id, total)
      }
      totals.set(unit.id, row)
    }

    // (a) one reviewer recused (by the organizer, with a reason) from two units, which fall below the threshold.
    const recusals = await t.api.recusals.list({ meetingId })
    expect(recusals).toHaveLength(2)
    expect(new Set(recusals.map((r) => r.reviewerId)).size).toBe(1)
    for (const r of recusals) {
      expect(r).toMatchObject({ source: 'organizer' })
      expect(r.reason).not.toBe('')
      expect(totals.get(r.unitId)!.size).toBe(4)
      expect(totals.get(r.unitId)!.size).toBeLessThan(rules.trimMinReviewers)
    }
    expect(units.filter((u) => totals.get(u.id)!.size === 5)).toHaveLength(10)

    // (b) exactly one total at least 15 points from the others' mean.
    const farOff: [string, string, number][] = []
    for (const [unitId, row] of totals) {
      for (const [reviewerId, total] of row) {
        const others = [...row].filter(([id]) => id !== reviewerId).map(([, v]) => v)
        const distance = Math.abs(total - others.reduce((a, b) => a + b, 0) / others.length) / 10
        if (distance >= rules.deviationPoints!) farOff.push([unitId, reviewerId, distance])
      }
    }
    expect(farOff).toHaveLength(1)
    const [farUnit, farReviewer, distance] = farOff[0]
    expect(units.find((u) => u.id === farUnit)!.name).toBe('市应急保障局应急指挥中心')
    expect(reviewers.find((r) => r.id === farReviewer)!.name).toBe('赵海燕')
    expect(distance).toBeCloseTo(19.625, 6)

    // (c) exactly one pair tied on the trimmed mean (2 places), with different untrimmed means.
    const finals = units.map((u) => {
      const values = [...totals.get(u.id)!.values()]
      const all = values.reduce((a, b) => a + b, 0)
      const trim = values.length >= rules.trimMinReviewers
      const kept = trim ? all - Math.max(...values) - Math.min(...values) : all
      return { name: u.name, trim, final: hundredths(kept, trim ? values.length - 2 : values.length), untrimmed: hundredths(all, values.length) }
    })
    const ties = finals.flatMap((a, i) => finals.slice(i + 1).filter((b) => b.final === a.final).map((b) => [a, b]))
    expect(ties).toHaveLength(1)
    const [a, b] = ties[0]
    expect([a.name, b.name, a.final]).toEqual(['市数据资源局数据共享处党支部', '市农业农村服务局科技推广站', 9317])
    expect(a.trim && b.trim).toBe(true)
    expect([a.untrimmed, b.untrimmed]).toEqual([9310, 9290])

    // (d) one veto ticked with a reason, cleared by the organizer as 核实不构成.
    const vetoed = units.find((u) => u.name === '市社会保障服务局社保经办中心')!
    const marks: { vetoItemId: string; reason: string; reviewer: string }[] = []
    for (const reviewer of reviewers) {
      const sheet = await t.api.scoring.sheet({ meetingId, reviewerId: reviewer.id, unitId: vetoed.id })
      marks.push(...sheet.vetoMarks.map((m) => ({ ...m, reviewer: reviewer.name })))
    }
    expect(marks).toHaveLength(1)
    expect(marks[0].reviewer).toBe('赵海燕')
    expect(rubric.vetoItems.find((v) => v.id === marks[0].vetoItemId)!.name).toBe('申报材料弄虚作假')
    expect(marks[0].reason).toContain('照片')
    const decisions = t.core.context.db.prepare('SELECT unit_id, decision, reason FROM veto_decisions WHERE meeting_id = ?').all(meetingId) as {
      unit_id: string
      decision: string
      reason: string
    }[]
    expect(decisions).toHaveLength(1)
    expect(decisions[0]).toMatchObject({ unit_id: vetoed.id, decision: 'not_established' })
    expect(decisions[0].reason).toContain('不构成')
  })

  it('refuses a corrupt demo file with a Chinese message and leaves the database unchanged', async () => {
    const broken = coreWithDemoFile('{ "format": "onsite-review-demo", ')
    await expect(broken.api.meetings.openDemo({})).rejects.toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('示例会议数据文件已损坏') })
    expect(tableCounts(broken.core)).toMatchObject({ meetings: 0, units: 0, scores: 0 })

    const file = JSON.parse(demoJson)
    file.scores[7].value = 99
    const overMax = coreWithDemoFile(JSON.stringify(file))
    await expect(overMax.api.meetings.openDemo({})).rejects.toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('第 8 条评分') })
    expect(tableCounts(overMax.core).meetings).toBe(0)

    // A fault only the services see (criteria no longer add up to 100) is found after rows were written: all rolled back.
    const badRubric = JSON.parse(demoJson)
    badRubric.rubric.criteria[0].maxPoints = 26
    const late = coreWithDemoFile(JSON.stringify(badRubric))
    await expect(late.api.meetings.openDemo({})).rejects.toMatchObject({ code: 'IMPORT_INVALID', message: expect.stringContaining('评分标准有误') })
    expect(Object.values(tableCounts(late.core)).every((n) => n === 0)).toBe(true)

    const missing = coreWithDemoFile(null)
    await expect(missing.api.meetings.openDemo({})).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('找不到示例会议数据文件') })
  })
})
