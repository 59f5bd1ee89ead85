import { describe, expect, it } from 'vitest'
import { compute } from './build'

const four = ['周明远', '林静怡', '陈卫国', '王建华']
const flagsOf = (r: ReturnType<typeof compute>, kind: string) =>
  r.flags.filter((f) => f.kind === kind).map((f) => [r.reviewers.find((x) => x.id === f.reviewerId)!.name, r.units.find((u) => u.unitId === f.unitId)?.unitName ?? null, f.message])

describe('deviation flags', () => {
  it('flags a total at least the threshold away from the mean of the other reviewers, with the numbers', () => {
    const r = compute({
      reviewers: four,
      units: { 甲: [90, 88, 92, 60], 乙: [90, 90, 90, 75], 丙: [90, 90, 90, 75.1] },
      rules: { deviationPoints: 15, deviationSd: null, trimMinReviewers: 5 },
    })
    expect(flagsOf(r, 'deviation')).toEqual([
      ['王建华', '甲', '王建华对“甲”的总分 60 分，比其他评委平均分（90 分）低 30 分（阈值 15 分）'],
      ['王建华', '乙', '王建华对“乙”的总分 75 分，比其他评委平均分（90 分）低 15 分（阈值 15 分）'],
    ])
  })

  it('flags by standard deviations of the others (sample SD), skipping fewer than 3 others or no spread', () => {
    const r = compute({
      reviewers: four,
      units: { 甲: [80, 82, 84, 86], 乙: [80, 82, 84, 85.9], 丙: [80, 80, 80, 81], 丁: [80, 82, 100, null] },
      rules: { deviationPoints: null, deviationSd: 2, trimMinReviewers: 5 },
    })
    const flags = flagsOf(r, 'deviation')
    expect(flags).toContainEqual(['王建华', '甲', '王建华对“甲”的总分 86 分，比其他评委平均分（82 分）高 4 分，为其他评委评分标准差的 2 倍（阈值 2 倍）'])
    expect(flags).toContainEqual(['周明远', '甲', expect.stringContaining('低 4 分，为其他评委评分标准差的 2 倍')])
    expect(flags.filter(([name, unit]) => unit === '乙' && name === '王建华')).toEqual([]) // 3.9 < 2 × 2
    expect(flags.filter(([, unit]) => unit === '丙' || unit === '丁')).toEqual([])
  })

  it('names both thresholds when both are passed, and none when switched off', () => {
    const spec = { reviewers: four, units: { 甲: [90, 88, 92, 60] } }
    const both = compute({ ...spec, rules: { deviationPoints: 15, deviationSd: 2 } })
    expect(flagsOf(both, 'deviation')).toEqual([
      ['王建华', '甲', '王建华对“甲”的总分 60 分，比其他评委平均分（90 分）低 30 分（阈值 15 分），为其他评委评分标准差的 15 倍（阈值 2 倍）'],
    ])
    expect(compute({ ...spec, rules: { deviationPoints: null, deviationSd: null } }).flags).toEqual([])
  })
})

describe('reviewer-wide flags', () => {
  it('flags identical totals across at least three units', () => {
    const r = compute({
      reviewers: four,
      units: { 甲: [85, 85, 70, 88], 乙: [85, 85, 80, 87], 丙: [85, 'recused', 90, 86] },
      rules: { deviationPoints: null, deviationSd: null },
    })
    expect(flagsOf(r, 'identical')).toEqual([['周明远', null, '周明远对 3 个单位的总分均为 85 分']])
  })

  it('flags a reviewer who gave every item full marks on every unit scored', () => {
    const r = compute({
      reviewers: four,
      criteria: [{ name: '工作实绩', items: [50, 50] }],
      units: {
        甲: [[50, 50], [50, 50], [40, 50], { partial: [50, null] }],
        乙: [[50, 50], [50, 49.9], 'recused', null],
      },
      rules: { deviationPoints: null, deviationSd: null },
    })
    expect(flagsOf(r, 'fullMarks')).toEqual([['周明远', null, '周明远对已评的 2 个单位每一项都打了满分']])
  })
})
