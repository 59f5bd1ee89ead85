import { describe, expect, it } from 'vitest'
import { capPhrase, capPoints, sheetLimits, sheetTotalPoints, sheetTotalRule, sheetTotalTenths } from '../../src-main/shared/sheet-total'

describe('the sheet total, one rule', () => {
  const demo = sheetLimits({ basePoints: 100, bonusMaxPoints: 5, totalCapPoints: 105 })

  it('adds the bonus up to its maximum and stops at the cap, in exact tenths', () => {
    expect(sheetTotalTenths(912, 30, demo)).toBe(942)
    expect(sheetTotalTenths(1000, 50, demo)).toBe(1050)
    expect(sheetTotalTenths(912, 80, demo)).toBe(962) // a stale 8 counts as 5
    expect(sheetTotalTenths(1000, 50, sheetLimits({ basePoints: 100, bonusMaxPoints: 5, totalCapPoints: 102 }))).toBe(1020)
    expect(sheetTotalTenths(875, null, demo)).toBe(875)
    expect(sheetTotalPoints(0.1 + 0.2, 0.3, demo)).toBe(0.6)
  })

  it('defaults the cap to the base points plus the bonus maximum', () => {
    expect(capPoints({ basePoints: 100, bonusMaxPoints: 5, totalCapPoints: null })).toBe(105)
    expect(capPoints({ basePoints: 100, bonusMaxPoints: 0, totalCapPoints: null })).toBe(100)
    expect(capPoints({ basePoints: 20, totalCapPoints: 22.5 })).toBe(22.5)
  })

  it('words the cap the same way wherever it is shown', () => {
    expect(capPhrase(demo)).toBe('总分不超过105分')
    expect(sheetTotalRule(demo)).toBe('评委总分为各项得分与特色加分之和（特色加分最高5分），总分不超过105分')
    expect(sheetTotalRule(sheetLimits({ basePoints: 100, totalCapPoints: null }))).toBe('评委总分为各项得分之和，总分不超过100分')
  })
})
