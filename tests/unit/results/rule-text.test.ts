import { describe, expect, it } from 'vitest'
import { deviationSentence } from '../../../src-main/shared/rule-text'
import { compute } from './build'

const criteria = [
  { name: '做政治坚定的模范', items: [50] },
  { name: '做作风优良的模范', items: [50] },
]

describe('the rule in words', () => {
  it('states the threshold, bonus, rounding, tie-breakers, bands and vetoes as configured', () => {
    const r = compute({ reviewers: ['周明远'], criteria, bonusMax: 5, cap: 105, units: {} })
    expect(r.ruleText).toBe(
      '每个单位的有效评委人数达到5人时，去掉一个最高分和一个最低分后取平均分（最高分或最低分有多个相同的，只去掉一个）；' +
        '不足5人时取全部有效评分的平均分。回避的评委和未完成评分的评分表不计入有效评分。' +
        '评委总分为各项得分与特色加分之和（特色加分最高5分），总分不超过105分。结果保留两位小数，四舍五入。' +
        '综合得分（保留两位小数后）相同时，依次比较：全部有效评分的平均分、“做政治坚定的模范”一级指标的平均分（全部有效评委）、' +
        '“做作风优良的模范”一级指标的平均分（全部有效评委），均按未经四舍五入的精确值比较；仍相同的并列，其后名次顺延。' +
        '等次按综合得分评定：优秀（90分及以上）、良好（80分及以上、不足90分）、合格（60分及以上、不足80分）、不合格（不足60分）。' +
        '被勾选一票否决事项的单位，经会务组认定否决成立的，不参加排名和等次评定；经核实不构成的，正常排名；尚未认定的，暂按得分排名并在备注中注明。',
    )
  })

  it('follows other settings', () => {
    const r = compute({
      reviewers: ['周明远'],
      criteria,
      units: {},
      rules: { trimMinReviewers: 7, roundingPlaces: 1, tieBreakers: ['bonus', 'criterion:9'], bands: [{ label: '好', minPoints: 85 }, { label: '较好', minPoints: 70 }] },
    })
    expect(r.ruleText).toContain('达到7人时')
    expect(r.ruleText).toContain('不足7人时')
    expect(r.ruleText).toContain('评委总分为各项得分之和，总分不超过100分。')
    expect(r.ruleText).toContain('结果保留一位小数，四舍五入。综合得分（保留一位小数后）相同时，依次比较：特色加分的平均分（全部有效评委），均按未经四舍五入的精确值比较')
    expect(r.ruleText).toContain('计分规则中的同分比较项“第9项一级指标”在现行评分标准中不存在（共有2项一级指标），比较时跳过。')
    expect(r.ruleText).toContain('等次按综合得分评定：好（85分及以上）、较好（不足85分）。')
    const noTies = compute({ reviewers: ['周明远'], criteria, units: {}, rules: { tieBreakers: [], roundingPlaces: 0 } })
    expect(noTies.ruleText).toContain('结果取整数，四舍五入。综合得分（取整后）相同的并列，其后名次顺延。')
  })

  it('writes no space between Chinese and digits', () => {
    const r = compute({ reviewers: ['周明远'], criteria, bonusMax: 5, cap: 105, units: {}, rules: { tieBreakers: ['criterion:4'] } })
    const text = [r.ruleText, deviationSentence({ deviationPoints: 15, deviationSd: 2 })].join('')
    expect(text).not.toMatch(/[\u4e00-\u9fff（）：，、“”] +[-\d]|\d +[\u4e00-\u9fff（）：，、“”]/)
  })
})
