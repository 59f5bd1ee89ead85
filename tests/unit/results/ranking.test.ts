import { describe, expect, it } from 'vitest'
import { compute, unitNamed, type SheetSpec } from './build'

const five = ['周明远', '林静怡', '陈卫国', '王建华', '赵雪梅']
const criteria = [
  { name: '做政治坚定的模范', items: [50] },
  { name: '做作风优良的模范', items: [50] },
]
/** A two-criterion sheet worth `total`, split evenly. */
const even = (total: number): SheetSpec => [total / 2, total / 2]

describe('ranking, tie-breakers and 并列', () => {
  it('breaks an equal final score by the untrimmed mean, and ranks exact equals 1, 2, 3, 3, 5', () => {
    const r = compute({
      reviewers: five,
      criteria,
      units: {
        甲: [90, 90, 90, 95, 70].map(even),
        乙: [90, 90, 90, 92, 80].map(even),
        丙: [85, 85, 85, 85, 85].map(even),
        丁: [85, 85, 85, 85, 85].map(even),
        戊: [80, 80, 80, 80, 80].map(even),
      },
    })
    expect(r.units.map((u) => [u.unitName, u.finalScore, u.rank, u.tied])).toEqual([
      ['乙', 90, 1, false],
      ['甲', 90, 2, false],
      ['丙', 85, 3, true],
      ['丁', 85, 3, true],
      ['戊', 80, 5, false],
    ])
    expect(unitNamed(r, '乙').tieNote).toBe('“乙”与“甲”综合得分同为90.00分，按全部有效评分的平均分比较，“乙”排名在前')
    expect(unitNamed(r, '甲').tieNote).toBe('“甲”与“乙”综合得分同为90.00分，按全部有效评分的平均分比较，“乙”排名在前')
    expect(unitNamed(r, '丙').tieNote).toBe('“丙”与“丁”综合得分同为85.00分，各项比较均相同，并列第3名')
    expect(unitNamed(r, '丁').remarks).toEqual(['并列第3名'])
    expect(unitNamed(r, '戊').tieNote).toBe('')
  })

  it('compares the rounded final score, then the tie-breakers exactly', () => {
    const units = {
      // 240.1 / 3 = 80.0333… → 80.03; criterion 1 mean 40
      甲: [[40, 40.1], [40, 40], [40, 40], 'recused'] as SheetSpec[],
      // 320.1 / 4 = 80.025 → 80.03; criterion 1 mean 41
      乙: [[41, 39.1], [41, 39], [41, 39], [41, 39]] as SheetSpec[],
      丙: [[40, 39], [40, 39], [40, 39], [40, 39]] as SheetSpec[],
    }
    const byCriterion = compute({ reviewers: five.slice(0, 4), criteria, units, rules: { tieBreakers: ['criterion:1'] } })
    expect(byCriterion.units.map((u) => [u.unitName, u.finalScore, u.rank])).toEqual([
      ['乙', 80.03, 1],
      ['甲', 80.03, 2],
      ['丙', 79, 3],
    ])
    expect(unitNamed(byCriterion, '乙').tieNote).toBe('“乙”与“甲”综合得分同为80.03分，按“做政治坚定的模范”一级指标的平均分（全部有效评委）比较，“乙”排名在前')

    const none = compute({ reviewers: five.slice(0, 4), criteria, units, rules: { tieBreakers: [] } })
    expect(none.units.map((u) => [u.unitName, u.rank, u.tied])).toEqual([
      ['甲', 1, true],
      ['乙', 1, true],
      ['丙', 3, false],
    ])
    expect(unitNamed(none, '乙').remarks).toEqual(['并列第1名'])
    expect(unitNamed(none, '甲').remarks).toEqual(['王建华回避', '并列第1名'])
  })

  it('breaks by the bonus mean and skips a tie-breaker for a criterion the rubric does not have', () => {
    const r = compute({
      reviewers: five.slice(0, 2),
      criteria: [{ name: '工作实绩', items: [100] }],
      bonusMax: 5,
      units: { 甲: [{ items: [88] }, { items: [86], bonus: 2 }], 乙: [{ items: [85], bonus: 3 }, { items: [85], bonus: 3 }] },
      rules: { tieBreakers: ['criterion:7', 'bonus'], trimMinReviewers: 5 },
    })
    expect(r.units.map((u) => [u.unitName, u.finalScore, u.rank])).toEqual([
      ['乙', 88, 1],
      ['甲', 88, 2],
    ])
    expect(r.units[0].tieNote).toBe('“乙”与“甲”综合得分同为88.00分，按特色加分的平均分（全部有效评委）比较，“乙”排名在前')
  })

  it('names every unit of a three-way tie with how each pair was decided', () => {
    const r = compute({
      reviewers: five.slice(0, 2),
      criteria,
      units: { 甲: [[45, 45], [45, 45]], 乙: [[46, 44], [46, 44]], 丙: [[45, 45], [45, 45]] },
      rules: { tieBreakers: ['criterion:1'], trimMinReviewers: 5 },
    })
    expect(r.units.map((u) => [u.unitName, u.rank])).toEqual([
      ['乙', 1],
      ['甲', 2],
      ['丙', 2],
    ])
    expect(unitNamed(r, '乙').tieNote).toBe('“乙”与“甲”“丙”综合得分同为90.00分，按“做政治坚定的模范”一级指标的平均分（全部有效评委）比较，“乙”排名在前')
    expect(unitNamed(r, '甲').tieNote).toBe(
      '“甲”与“乙”综合得分同为90.00分，按“做政治坚定的模范”一级指标的平均分（全部有效评委）比较，“乙”排名在前；“甲”与“丙”综合得分同为90.00分，各项比较均相同，并列第2名',
    )
  })
})

/** Every order of [0, 1, …, n − 1]. */
const permutations = (n: number): number[][] =>
  n === 0 ? [[]] : permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]))

describe('tie-breakers over every valid sheet (DOMAIN.md §3)', () => {
  // Equal totals 95, 95, 90, 90, 80 for both: the same final score (91.67) and untrimmed mean (90).
  // 甲's two highest totals differ in criterion 1 (50 and 45): over all five sheets criterion 1 is 45
  // for 甲 and 44 for 乙, while over the kept three it would be 45 or 46.67 for 甲 depending on which
  // 95 was dropped, and 46.33 for 乙.
  const jia: SheetSpec[] = [[50, 45], [45, 50], [45, 45], [45, 45], [40, 40]]
  const yi: SheetSpec[] = [[47, 48], [47, 48], [46, 44], [46, 44], [34, 46]]

  it('ranks the same whichever of two equal highest totals is dropped, in every reviewer order', () => {
    const orders = permutations(5)
    expect(orders).toHaveLength(120)
    for (const order of orders) {
      const r = compute({ reviewers: five, criteria, units: { 甲: order.map((i) => jia[i]), 乙: order.map((i) => yi[4 - i]) } })
      expect(r.units.map((u) => [u.unitName, u.finalScore, u.untrimmedMean, u.criterionMeans[0], u.rank])).toEqual([
        ['甲', 91.67, 90, 45, 1],
        ['乙', 91.67, 90, 44, 2],
      ])
      expect(unitNamed(r, '甲').tieNote).toBe('“甲”与“乙”综合得分同为91.67分，按“做政治坚定的模范”一级指标的平均分（全部有效评委）比较，“甲”排名在前')
    }
  })

  it('breaks by the bonus mean over every valid sheet', () => {
    // Totals 95, 95, 90, 90, 80 for both. 甲's bonus is mostly on its dropped 80: over every sheet 1, over
    // the kept ones 0.33; 乙's is on a kept 90: over every sheet 0.6, over the kept ones 1.
    const units = {
      甲: [{ items: [47, 47], bonus: 1 }, { items: [47.5, 47.5] }, { items: [45, 45] }, { items: [45, 45] }, { items: [38, 38], bonus: 4 }],
      乙: [{ items: [47.5, 47.5] }, { items: [47.5, 47.5] }, { items: [44, 43], bonus: 3 }, { items: [45, 45] }, { items: [40, 40] }],
    }
    const r = compute({ reviewers: five, criteria, bonusMax: 5, units, rules: { tieBreakers: ['bonus'] } })
    expect(r.units.map((u) => [u.unitName, u.finalScore, u.rank])).toEqual([
      ['甲', 91.67, 1],
      ['乙', 91.67, 2],
    ])
  })

  it('skips stored tie-breakers the rubric does not have (0, −1, 01, 7) and says so, without failing', () => {
    const r = compute({
      reviewers: five.slice(0, 2),
      criteria,
      units: { 甲: [[45, 45], [45, 45]], 乙: [[44, 46], [44, 46]], 丙: [[40, 40], [40, 40]], 丁: [[40, 40], [40, 40]] },
      rules: { tieBreakers: ['criterion:0', 'criterion:-1', 'criterion:01', 'criterion:7', 'criterion:2'], trimMinReviewers: 5 },
    })
    expect(r.units.map((u) => [u.unitName, u.rank, u.tied])).toEqual([
      ['乙', 1, false],
      ['甲', 2, false],
      ['丙', 3, true],
      ['丁', 3, true],
    ])
    expect(unitNamed(r, '丙').tieNote).toBe('“丙”与“丁”综合得分同为80.00分，各项比较均相同，并列第3名')
    expect(r.ruleText).toContain('依次比较：“做作风优良的模范”一级指标的平均分（全部有效评委），均按未经四舍五入的精确值比较；')
    expect(r.ruleText).toContain('计分规则中的同分比较项“第0项一级指标”“第-1项一级指标”“第01项一级指标”“第7项一级指标”在现行评分标准中不存在（共有2项一级指标），比较时跳过。')

    const onlyOrphans = compute({ reviewers: ['周明远'], criteria, units: { 甲: [[45, 45]], 乙: [[44, 46]] }, rules: { tieBreakers: ['criterion:0', 'criterion:3'] } })
    expect(onlyOrphans.units.map((u) => [u.unitName, u.rank, u.tied])).toEqual([
      ['甲', 1, true],
      ['乙', 1, true],
    ])
    expect(onlyOrphans.ruleText).toContain('综合得分（保留两位小数后）相同的并列，其后名次顺延。计分规则中的同分比较项“第0项一级指标”“第3项一级指标”')
  })
})

describe('bands', () => {
  it('gives the highest band whose threshold the rounded score reaches', () => {
    const r = compute({
      reviewers: five.slice(0, 2),
      units: { A: [90, 90], B: [89.9, 90], C: [89.9, 89.9], D: [60, 60], E: [59.9, 60], F: [59.9, 59.9], G: [0, 0] },
      rules: { roundingPlaces: 1, trimMinReviewers: 5 },
    })
    expect(Object.fromEntries(r.units.map((u) => [u.unitName, [u.finalScore, u.band]]))).toEqual({
      A: [90, '优秀'],
      B: [90, '优秀'], // 89.95 shows as 90.0
      C: [89.9, '良好'],
      D: [60, '合格'],
      E: [60, '合格'],
      F: [59.9, '不合格'],
      G: [0, '不合格'],
    })
  })

  it('gives the last band below every threshold, and honours decimal thresholds', () => {
    const r = compute({
      reviewers: ['周明远'],
      units: { A: [89.5], B: [89.4], C: [30] },
      rules: { bands: [{ label: '好', minPoints: 89.5 }, { label: '较好', minPoints: 60 }], trimMinReviewers: 5 },
    })
    expect(r.units.map((u) => u.band)).toEqual(['好', '较好', '较好'])
  })
})

describe('vetoes', () => {
  it('takes a confirmed veto out of the ranking, keeps the others ranked and says so', () => {
    const r = compute({
      reviewers: five.slice(0, 3),
      units: { 甲: [95, 95, 95], 乙: [90, 90, 90], 丙: [85, 85, 85], 丁: [80, 'recused', 80], 戊: [75, 75, 75] },
      vetoes: [
        { reviewer: '周明远', unit: '甲', reason: '2024年有立案审查记录' },
        { reviewer: '陈卫国', unit: '乙' },
        { reviewer: '林静怡', unit: '丙' },
        { reviewer: '林静怡', unit: '丁' }, // recused from 丁: does not count
      ],
      decisions: [
        { unit: '甲', decision: 'confirmed', reason: '经核实属实' },
        { unit: '乙', decision: 'not_established', reason: '案件发生在评审年度之前' },
        { unit: '戊', decision: 'confirmed', reason: '旧的认定，勾选已撤销' },
      ],
      rules: { trimMinReviewers: 5 },
    })
    expect(r.units.map((u) => [u.unitName, u.rank, u.band, u.veto.status])).toEqual([
      ['乙', 1, '优秀', 'not_established'],
      ['丙', 2, '良好', 'pending'],
      ['丁', 3, '良好', 'none'],
      ['戊', 4, '合格', 'none'],
      ['甲', null, null, 'confirmed'],
    ])
    const jia = unitNamed(r, '甲')
    expect(jia.finalScore).toBe(95) // the score is still shown
    expect(jia.remarks[0]).toBe('一票否决')
    expect(jia.veto.decisionReason).toBe('经核实属实')
    expect(jia.veto.marks).toEqual([
      { reviewerId: r.reviewers[0].id, vetoItemId: expect.any(String), vetoItemName: '发生严重违纪违法案件', reason: '2024年有立案审查记录' },
    ])
    expect(unitNamed(r, '乙').remarks[0]).toBe('否决事项经核实不构成')
    expect(unitNamed(r, '丙').remarks[0]).toBe('一票否决待会务组认定')
    expect(unitNamed(r, '丁').veto.marks).toEqual([])
    expect(unitNamed(r, '戊').veto.decisionReason).toBe('')
  })
})
