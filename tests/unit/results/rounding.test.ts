import { describe, expect, it } from 'vitest'
import { frac, productAtLeast, roundPoints, roundScaled } from '../../../src-main/core/results/exact'
import { compute } from './build'

const names = (n: number) => Array.from({ length: n }, (_, i) => `评委${i + 1}`)

describe('half-up rounding on exact values', () => {
  it('rounds halves up at every place', () => {
    expect(roundPoints(frac(871.25 * 4, 4), 2)).toBe(87.13) // 87.125
    expect(roundPoints(frac(17423, 20), 2)).toBe(87.12) // 87.115 (a float would say 87.11499…)
    expect(roundPoints(frac(17421, 20), 2)).toBe(87.11) // 87.105
    expect(roundPoints(frac(17419, 20), 2)).toBe(87.1) // 87.095
    expect(roundPoints(frac(17423 - 1, 20), 2)).toBe(87.11) // 87.11
    expect(roundPoints(frac(1743, 2), 1)).toBe(87.2) // 87.15
    expect(roundPoints(frac(875), 0)).toBe(88) // 87.5
    expect(roundPoints(frac(874), 0)).toBe(87)
    expect(roundPoints(frac(1, 3), 4)).toBe(0.0333)
    expect(roundScaled(frac(-1743, 2), 1)).toBe(-872n) // halves away from zero
  })

  it('gives 87.13 for a final score of exactly 87.125 (four totals)', () => {
    const u = compute({ reviewers: names(4), units: { 综合处: [87.1, 87.1, 87.1, 87.2] }, rules: { trimMinReviewers: 5 } }).units[0]
    expect(u.finalScore).toBe(87.13)
  })

  it('gives 87.12 for exactly 87.115 (twenty totals), where float arithmetic gives 87.11', () => {
    const totals = [...Array(19).fill(87.1), 87.4]
    expect(Math.round((totals.reduce((a, b) => a + b, 0) / 20) * 100) / 100).not.toBe(87.12) // the trap avoided
    const u = compute({ reviewers: names(20), units: { 综合处: totals }, rules: { trimMinReviewers: 21 } }).units[0]
    expect(u.finalScore).toBe(87.12)
  })

  it('rounds the trimmed mean, not the kept totals, and to the configured places', () => {
    // 7 reviewers: drop 95 and 60, keep 87.1 87.1 87.1 87.2 → 87.125
    const sheets = [95, 87.1, 87.1, 60, 87.1, 87.2, 80]
    const two = compute({ reviewers: names(7), units: { 综合处: sheets.filter((v) => v !== 80) }, rules: { trimMinReviewers: 5 } }).units[0]
    expect(two.finalScore).toBe(87.13)
    const one = compute({ reviewers: names(2), units: { 综合处: [87.1, 87.2] }, rules: { roundingPlaces: 1 } }).units[0]
    expect(one.finalScore).toBe(87.2) // 87.15
    const none = compute({ reviewers: names(2), units: { 综合处: [87, 88] }, rules: { roundingPlaces: 0 } }).units[0]
    expect(none.finalScore).toBe(88)
  })
})

describe('exact product comparison', () => {
  it('decides equal and one-apart products beyond 2^53 exactly', () => {
    const big = 94906267 // big² ≈ 9.007e15, just above 2^53
    expect(productAtLeast([big, big], [big, big])).toBe(true)
    expect(productAtLeast([big, big], [big + 1, big - 1])).toBe(true) // differs by exactly 1
    expect(productAtLeast([big + 1, big - 1], [big, big])).toBe(false)
    expect(productAtLeast([0], [0])).toBe(true)
    expect(productAtLeast([0], [1])).toBe(false)
  })
})
