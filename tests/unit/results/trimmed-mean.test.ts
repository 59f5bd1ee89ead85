import { describe, expect, it } from 'vitest'
import { compute, unitNamed } from './build'

const five = ['周明远', '林静怡', '陈卫国', '王建华', '赵雪梅']

describe('trimmed mean or plain mean, decided per unit', () => {
  it('drops one highest and one lowest at the threshold; a recusal takes a unit below it', () => {
    const r = compute({
      reviewers: five,
      units: {
        数据共享处: [90, 80, 85, 70, 95],
        水文监测站: [90, 'recused', 85, 70, 95],
      },
      rules: { trimMinReviewers: 5 },
    })
    const a = unitNamed(r, '数据共享处')
    expect(a.trimmed).toBe(true)
    expect(a.validReviewerCount).toBe(5)
    expect(a.finalScore).toBe(85) // (90 + 80 + 85) / 3
    expect(a.untrimmedMean).toBe(84)
    expect(a.highest).toBe(95)
    expect(a.lowest).toBe(70)
    expect(a.totals.map((t) => t.dropped)).toEqual([null, null, null, 'low', 'high'])
    // Both come to 85.00: the untrimmed mean (84 vs 85) orders them, and 备注 says so by rank.
    expect(a.remarks).toEqual([])
    expect(a.tieRemark).toBe('综合得分与第1名相同，按全部有效评分的平均分比较排名在后')

    const b = unitNamed(r, '水文监测站')
    expect(b.trimmed).toBe(false)
    expect(b.validReviewerCount).toBe(4)
    expect(b.finalScore).toBe(85) // (90 + 85 + 70 + 95) / 4
    expect(b.totals.every((t) => t.dropped === null)).toBe(true)
    expect(b.totals[1]).toEqual({ reviewerId: r.reviewers[1].id, subtotal: null, bonus: null, total: null, recused: true, incomplete: false, dropped: null })
    expect(b.remarks).toEqual(['林静怡回避', '有效评委4人，不足5人，未去最高最低分'])
    expect(b.tieRemark).toBe('综合得分与第2名相同，按全部有效评分的平均分比较排名在前')
  })

  it('drops exactly one of several equal highest and lowest totals', () => {
    const r = compute({ reviewers: five, units: { 综合处: [90, 90, 80, 80, 85] }, rules: { trimMinReviewers: 5 } })
    const u = r.units[0]
    expect(u.finalScore).toBe(85) // (90 + 80 + 85) / 3, not the mean of 85 alone
    expect(u.totals.filter((t) => t.dropped === 'high')).toHaveLength(1)
    expect(u.totals.filter((t) => t.dropped === 'low')).toHaveLength(1)
    // identical sheets: the first in reviewer order is the one struck out
    expect(u.totals.map((t) => t.dropped)).toEqual(['high', null, 'low', null, null])
  })

  it('drops one even when every total is the same', () => {
    const u = compute({ reviewers: five, units: { 综合处: [88, 88, 88, 88, 88] } }).units[0]
    expect(u.totals.map((t) => t.dropped)).toEqual(['low', 'high', null, null, null])
    expect(u.finalScore).toBe(88)
  })

  it('among equal totals drops the sheet with the higher item subtotal, whatever the reviewer order', () => {
    const criteria = [{ name: '工作实绩', items: [100] }]
    const sheets = [{ items: [85], bonus: 5 }, { items: [90] }, { items: [80] }, { items: [82] }, { items: [84] }]
    const forward = compute({ reviewers: five, criteria, bonusMax: 5, units: { 综合处: sheets } }).units[0]
    const backward = compute({ reviewers: [...five].reverse(), criteria, bonusMax: 5, units: { 综合处: [...sheets].reverse() } }).units[0]
    expect(forward.totals[1].dropped).toBe('high') // 90 + 0 rather than 85 + 5
    expect(backward.totals[3].dropped).toBe('high')
    for (const u of [forward, backward]) {
      expect(u.finalScore).toBe(85.33) // (85 + 5 + 82 + 84) / 3
      expect(u.validMean).toBe(83.67) // (85 + 82 + 84) / 3
      expect(u.bonusMean).toBe(1.67) // (5 + 0 + 0) / 3
    }
  })

  it('uses the plain mean of all valid totals below the threshold', () => {
    const u = compute({ reviewers: five.slice(0, 3), units: { 综合处: [90, 70, 80.5] }, rules: { trimMinReviewers: 3 } }).units[0]
    expect(u.trimmed).toBe(true)
    expect(u.finalScore).toBe(80.5)
    const plain = compute({ reviewers: five.slice(0, 3), units: { 综合处: [90, 70, 80.5] }, rules: { trimMinReviewers: 4 } }).units[0]
    expect(plain.trimmed).toBe(false)
    expect(plain.finalScore).toBe(80.17) // 240.5 / 3 = 80.1666…
  })
})

describe('bonus and cap', () => {
  it('adds the bonus, caps the total and counts only the bonus under the cap', () => {
    const u = compute({
      reviewers: five.slice(0, 2),
      criteria: [{ name: '工作实绩', items: [60, 40] }],
      bonusMax: 5,
      cap: 100,
      units: { 综合处: [{ items: [59, 39], bonus: 5 }, { items: [50, 30], bonus: 3 }] },
    }).units[0]
    expect(u.totals.map((t) => [t.subtotal, t.bonus, t.total])).toEqual([
      [98, 2, 100],
      [80, 3, 83],
    ])
    expect(u.finalScore).toBe(91.5)
    expect(u.validMean).toBe(89)
    expect(u.bonusMean).toBe(2.5)
  })

  it('never counts more bonus than the bonus item allows', () => {
    const u = compute({ reviewers: ['周明远'], bonusMax: 5, units: { 综合处: [{ items: [80], bonus: 7 }] } }).units[0]
    expect(u.totals[0]).toMatchObject({ subtotal: 80, bonus: 5, total: 85 })
  })

  it('means per first-level criterion over every valid reviewer, not only the kept ones', () => {
    const u = compute({
      reviewers: five,
      criteria: [
        { name: '做政治坚定的模范', items: [6, 4] },
        { name: '做作风优良的模范', items: [10] },
      ],
      units: { 综合处: [[6, 4, 10], [5, 4, 9], [5.5, 3, 8], [3, 2, 5], [5, 4, 8.5]] },
    }).units[0]
    // criterion 1: (10 + 9 + 8.5 + 5 + 9) / 5; criterion 2: (10 + 9 + 8 + 5 + 8.5) / 5 — the dropped 20 and 10 count
    expect(u.criterionMeans).toEqual([8.3, 8.1])
    expect(u.finalScore).toBe(17.33)
  })
})

describe('incomplete sheets', () => {
  it('leaves an unfinished sheet out, marks the results provisional and says who', () => {
    const r = compute({
      reviewers: five.slice(0, 3),
      criteria: [{ name: '工作实绩', items: [50, 50] }],
      units: { 综合处: [[40, 40], { partial: [45, null] }, [42, 44]], 人事处: [[40, 40], [45, 45], [42, 44]] },
      rules: { trimMinReviewers: 5 },
    })
    const u = unitNamed(r, '综合处')
    expect(u.totals[1]).toMatchObject({ subtotal: null, total: null, incomplete: true, recused: false })
    expect(u.validReviewerCount).toBe(2)
    expect(u.finalScore).toBe(83)
    expect(u.remarks).toContain('林静怡评分未完成')
    expect(r.incompleteUnitIds).toEqual([u.unitId])
  })

  it('leaves a unit nobody has finished unranked', () => {
    const r = compute({ reviewers: five.slice(0, 2), units: { 综合处: [null, null], 人事处: [80, 90] } })
    const u = unitNamed(r, '综合处')
    expect([u.finalScore, u.rank, u.band]).toEqual([null, null, null])
    expect(u.remarks).toEqual(['周明远、林静怡评分未完成', '暂无有效评分'])
    expect(r.units.map((x) => x.unitName)).toEqual(['人事处', '综合处'])
  })
})
