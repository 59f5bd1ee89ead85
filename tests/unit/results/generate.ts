/**
 * fast-check arbitraries for whole meetings as engine input: small maxima so totals tie often,
 * reviewer counts that keep 2, 4 or 8 sheets so means land on x.xx5, and every sheet state
 * (complete, recused, unfinished, empty), bonuses under a cap, vetoes and decisions.
 */
import fc from 'fast-check'
import type { TieBreaker } from '../../../src-main/shared/schemas/rules'
import type { EngineInput } from '../../../src-main/core/results/types'
import { fakeId } from './build'

type SheetState = 'complete' | 'recused' | 'partial' | 'empty'

const sheetState = fc.oneof(
  { weight: 12, arbitrary: fc.constant<SheetState>('complete') },
  { weight: 2, arbitrary: fc.constant<SheetState>('recused') },
  { weight: 1, arbitrary: fc.constant<SheetState>('partial') },
  { weight: 1, arbitrary: fc.constant<SheetState>('empty') },
)

// criterion:0, -1 and 01 can sit in a database saved before rules.save refused them: skipped, never fatal.
const TIE_BREAKERS: TieBreaker[] = ['untrimmedMean', 'bonus', 'criterion:1', 'criterion:2', 'criterion:3', 'criterion:4', 'criterion:0', 'criterion:-1', 'criterion:01']

const rulesArb = fc.record({
  trimMinReviewers: fc.integer({ min: 3, max: 7 }),
  roundingPlaces: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(1, 2) }, { weight: 1, arbitrary: fc.constantFrom(0, 3, 4) }),
  tieBreakers: fc.shuffledSubarray(TIE_BREAKERS),
  bands: fc
    .uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 4 })
    .map((mins) => mins.sort((a, b) => b - a).map((m, i) => ({ label: `等次${i + 1}`, minPoints: m / 2 }))),
  deviationPoints: fc.option(fc.integer({ min: 1, max: 300 }).map((t) => t / 10), { nil: null }),
  deviationSd: fc.option(fc.integer({ min: 5, max: 30 }).map((t) => t / 10), { nil: null }),
})

export interface Generated {
  input: EngineInput
  /** Scores for the recused sheets, which must change nothing when added. */
  recusedExtras: Pick<EngineInput, 'scores' | 'bonuses' | 'vetoMarks'>
}

export const meetingArb: fc.Arbitrary<Generated> = fc
  .record({
    reviewerCount: fc.oneof({ weight: 10, arbitrary: fc.integer({ min: 1, max: 10 }) }, { weight: 1, arbitrary: fc.integer({ min: 20, max: 22 }) }),
    unitCount: fc.integer({ min: 1, max: 7 }),
    criteria: fc.array(fc.array(fc.constantFrom(5, 10, 20, 30), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    bonusMax: fc.constantFrom(0, 0, 10, 50),
    capSlack: fc.nat({ max: 50 }),
    rules: rulesArb,
  })
  .chain((shape) => {
    const itemMax = shape.criteria.flat()
    const sheetArb = fc.record({
      state: sheetState,
      values: fc.tuple(...itemMax.map((max) => fc.oneof(fc.integer({ min: 0, max }), fc.constant(max), fc.constant(max - 1)))),
      missing: fc.nat({ max: itemMax.length - 1 }),
      bonus: fc.option(fc.integer({ min: 0, max: shape.bonusMax }), { nil: null }),
      veto: fc.integer({ min: 0, max: 19 }).map((n) => n === 0),
    })
    return fc.record({
      shape: fc.constant(shape),
      sheets: fc.array(fc.array(sheetArb, { minLength: shape.reviewerCount, maxLength: shape.reviewerCount }), {
        minLength: shape.unitCount,
        maxLength: shape.unitCount,
      }),
      decisions: fc.array(fc.constantFrom(null, 'confirmed' as const, 'not_established' as const), { minLength: shape.unitCount, maxLength: shape.unitCount }),
    })
  })
  .map(({ shape, sheets, decisions }) => {
    let id = 1000
    const criteria = shape.criteria.map((items, c) => ({
      id: fakeId(id++),
      name: `一级指标${c + 1}`,
      maxTenths: items.reduce((a, b) => a + b, 0),
      items: items.map((maxTenths) => ({ id: fakeId(id++), maxTenths })),
    }))
    const items = criteria.flatMap((c) => c.items)
    const base = items.reduce((a, i) => a + i.maxTenths, 0)
    const input: EngineInput = {
      meetingId: fakeId(id++),
      reviewers: Array.from({ length: shape.reviewerCount }, (_, r) => ({ id: fakeId(id++), name: `评委${r + 1}`, role: 'member' })),
      units: Array.from({ length: shape.unitCount }, (_, u) => ({ id: fakeId(id++), name: `单位${u + 1}`, seq: u + 1 })),
      criteria,
      bonusMaxTenths: shape.bonusMax,
      totalCapTenths: base + Math.min(shape.capSlack, shape.bonusMax),
      scores: [],
      bonuses: [],
      recusals: [],
      vetoMarks: [],
      vetoDecisions: [],
      rules: shape.rules,
      computedAt: '2024-12-18T10:00:00.000Z',
    }
    const allItemIds = items.map((i) => i.id)
    const extras: Generated['recusedExtras'] = { scores: [], bonuses: [], vetoMarks: [] }
    sheets.forEach((row, u) =>
      row.forEach((sheet, r) => {
        const unitId = input.units[u].id
        const reviewerId = input.reviewers[r].id
        const target = sheet.state === 'recused' ? extras : input
        if (sheet.state === 'recused') input.recusals.push({ reviewerId, unitId })
        if (sheet.state === 'empty') return
        if (sheet.state === 'partial') {
          const kept = items.flatMap((item, i) => (i === sheet.missing ? [] : [i]))
          target.scores.push({ reviewerId, unitId, itemIds: kept.map((i) => items[i].id), tenths: kept.map((i) => sheet.values[i]) })
        } else {
          // Complete sheets share one id array, as the loader's do.
          target.scores.push({ reviewerId, unitId, itemIds: allItemIds, tenths: [...sheet.values] })
        }
        if (sheet.bonus !== null && shape.bonusMax > 0) target.bonuses.push({ reviewerId, unitId, tenths: sheet.bonus })
        if (sheet.veto) target.vetoMarks.push({ reviewerId, unitId, vetoItemId: fakeId(9999), vetoItemName: '发生严重违纪违法案件', reason: '有立案记录' })
      }),
    )
    decisions.forEach((decision, u) => {
      if (decision) input.vetoDecisions.push({ unitId: input.units[u].id, decision, reason: '会务组核实' })
    })
    return { input, recusedExtras: extras }
  })
