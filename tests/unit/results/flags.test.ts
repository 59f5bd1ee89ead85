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
      ['王建华', '甲', '王建华给“甲”打60.0分，其他3位评委平均90.00分，相差30.00分，请其复核'],
      ['王建华', '乙', '王建华给“乙”打75.0分，其他3位评委平均90.00分，相差15.00分，请其复核'],
    ])
  })

  it('flags by standard deviations of the others (sample SD), skipping fewer than 3 others or no spread', () => {
    const r = compute({
      reviewers: four,
      units: { 甲: [80, 82, 84, 86], 乙: [80, 82, 84, 85.9], 丙: [80, 80, 80, 81], 丁: [80, 82, 100, null] },
      rules: { deviationPoints: null, deviationSd: 2, trimMinReviewers: 5 },
    })
    const flags = flagsOf(r, 'deviation')
    expect(flags).toContainEqual(['王建华', '甲', '王建华给“甲”打86.0分，其他3位评委平均82.00分，相差4.00分，请其复核'])
    expect(flags).toContainEqual(['周明远', '甲', '周明远给“甲”打80.0分，其他3位评委平均84.00分，相差4.00分，请其复核'])
    expect(flags.filter(([name, unit]) => unit === '乙' && name === '王建华')).toEqual([]) // 3.9 < 2 × 2
    expect(flags.filter(([, unit]) => unit === '丙' || unit === '丁')).toEqual([])
  })

  it('says the same plain sentence when both thresholds are passed, never a multiple of the SD, and nothing when switched off', () => {
    const spec = { reviewers: four, units: { 甲: [90, 88, 92, 60] } }
    const both = compute({ ...spec, rules: { deviationPoints: 15, deviationSd: 2 } })
    expect(flagsOf(both, 'deviation')).toEqual([
      ['王建华', '甲', '王建华给“甲”打60.0分，其他3位评委平均90.00分，相差30.00分，请其复核'],
    ])
    expect(compute({ ...spec, rules: { deviationPoints: null, deviationSd: null } }).flags).toEqual([])
  })
})

describe('deviation alerts with the default rules', () => {
  const panel = ['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东']

  it('flag the one total far from the others, not the small spread of near-equal totals', () => {
    const units: Record<string, number[]> = { 市应急保障局应急指挥中心: [89.5, 90, 89.5, 70, 89.5] }
    // Agreeing panels: a few tenths apart, one reviewer 4 points off — ordinary, though many SDs away.
    for (let u = 0; u < 11; u++) units[`单位${u + 1}`] = [92.1, 92.3, 92, 92.2, 88 + (u % 3)].map((v) => v - u)
    const r = compute({ reviewers: panel, units })
    expect(flagsOf(r, 'deviation')).toEqual([
      ['赵海燕', '市应急保障局应急指挥中心', '赵海燕给“市应急保障局应急指挥中心”打70.0分，其他4位评委平均89.63分，相差19.63分，请其复核'],
    ])
  })

  it('print a gap that the two printed numbers add up to', () => {
    // Others' mean 89.625 shows as 89.63: the gap printed is 100.0 − 89.63 = 10.37 (not 10.375 rounded).
    const r = compute({ reviewers: panel, units: { 甲: [89.6, 89.6, 89.6, 89.7, 100] }, rules: { deviationPoints: 10 } })
    expect(flagsOf(r, 'deviation').map((f) => f[2])).toEqual(['吴晓东给“甲”打100.0分，其他4位评委平均89.63分，相差10.37分，请其复核'])
    const whole = compute({ reviewers: panel, units: { 甲: [89.5, 90, 89.5, 70, 89.5] }, rules: { roundingPlaces: 0 } })
    expect(whole.flags.map((f) => f.message)).toEqual(['赵海燕给“甲”打70.0分，其他4位评委平均90分，相差20.0分，请其复核'])
  })
})

describe('reviewer-wide flags', () => {
  it('flags identical totals across at least three units', () => {
    const r = compute({
      reviewers: four,
      units: { 甲: [85, 85, 70, 88], 乙: [85, 85, 80, 87], 丙: [85, 'recused', 90, 86] },
      rules: { deviationPoints: null, deviationSd: null },
    })
    expect(flagsOf(r, 'identical')).toEqual([['周明远', null, '周明远对3个单位的总分均为85.0分，请其复核']])
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
    expect(flagsOf(r, 'fullMarks')).toEqual([['周明远', null, '周明远对已评的2个单位每一项都打了满分，请其复核']])
  })
})
