import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { MeetingResults, UnitResult } from '../../../src-main/shared/schemas/results'
import type { EngineInput } from '../../../src-main/core/results/types'
import { compute } from './build'
import { meetingArb } from './generate'

const RUNS = 300

/** Name lists ("甲、乙回避") follow the reviewer order; compare them as sets. */
const normalizeRemark = (remark: string) =>
  remark.replace(/^(.+?)(回避|评分未完成)$/, (_, names: string, tail: string) => `${names.split('、').sort().join('、')}${tail}`)

/** A unit's result with its reviewer columns keyed by reviewer id instead of position. */
function comparable(u: UnitResult) {
  const { totals, remarks, veto, ...rest } = u
  const byReviewer = Object.fromEntries(totals.map(({ dropped: _, ...t }) => [t.reviewerId, t]))
  const dropped = totals.filter((t) => t.dropped).map((t) => `${t.dropped}:${t.total}:${t.subtotal}`).sort()
  const marks = [...veto.marks].sort((a, b) => a.reviewerId.localeCompare(b.reviewerId))
  return { ...rest, byReviewer, dropped, remarks: remarks.map(normalizeRemark), veto: { ...veto, marks } }
}

const sortedFlags = (r: MeetingResults) => [...r.flags].sort((a, b) => `${a.kind}${a.reviewerId}${a.unitId}`.localeCompare(`${b.kind}${b.reviewerId}${b.unitId}`))

function permuteReviewers(input: EngineInput, order: number[]): EngineInput {
  return { ...input, reviewers: order.map((i) => input.reviewers[i]) }
}

describe('results engine properties on generated meetings', () => {
  it('does not depend on the reviewer order', () => {
    fc.assert(
      fc.property(
        meetingArb.chain((g) => fc.tuple(fc.constant(g), fc.shuffledSubarray([...g.input.reviewers.keys()], { minLength: g.input.reviewers.length }))),
        ([{ input }, order]) => {
          const a = compute(input)
          const b = compute(permuteReviewers(input, order))
          expect(b.units.map(comparable)).toEqual(a.units.map(comparable))
          expect(sortedFlags(b)).toEqual(sortedFlags(a))
          expect(b.incompleteUnitIds).toEqual(a.incompleteUnitIds)
          expect(b.ruleText).toBe(a.ruleText)
        },
      ),
      { numRuns: RUNS },
    )
  })

  it('ignores whatever a recused reviewer scored or marked', () => {
    fc.assert(
      fc.property(meetingArb, ({ input, recusedExtras }) => {
        const withExtras: EngineInput = {
          ...input,
          scores: [...input.scores, ...recusedExtras.scores],
          bonuses: [...input.bonuses, ...recusedExtras.bonuses],
          vetoMarks: [...input.vetoMarks, ...recusedExtras.vetoMarks],
        }
        expect(compute(withExtras)).toEqual(compute(input))
      }),
      { numRuns: RUNS },
    )
  })

  it('does not depend on the order of the sheets or of the items within a sheet, nor on how they are split', () => {
    fc.assert(
      fc.property(
        meetingArb.chain(({ input }) =>
          fc.tuple(
            fc.constant(input),
            fc.shuffledSubarray(input.scores, { minLength: input.scores.length }),
            fc.array(fc.integer(), { minLength: input.scores.length, maxLength: input.scores.length }),
          ),
        ),
        ([input, shuffled, seeds]) => {
          // Each sheet's items in another order, and every sheet cut in two entries.
          const reordered = shuffled.flatMap((sheet, n) => {
            const order = sheet.itemIds.map((_, k) => k).sort((a, b) => ((a * 7919 + seeds[n]) % 13) - ((b * 7919 + seeds[n]) % 13) || a - b)
            const cut = Math.abs(seeds[n]) % (order.length + 1)
            return [order.slice(0, cut), order.slice(cut)].map((part) => ({ ...sheet, itemIds: part.map((k) => sheet.itemIds[k]), tenths: part.map((k) => sheet.tenths[k]) }))
          })
          expect(compute({ ...input, scores: reordered })).toEqual(compute(input))
        },
      ),
      { numRuns: 100 },
    )
  })

  it('keeps every final score between the lowest and highest valid total and within [0, cap]', () => {
    fc.assert(
      fc.property(meetingArb, ({ input }) => {
        const r = compute(input)
        const step = 10 ** -input.rules.roundingPlaces
        const roundHalfUp = (v: number) => Number((Math.round(v / step + 1e-9) * step).toFixed(input.rules.roundingPlaces))
        for (const u of r.units) {
          const totals = u.totals.filter((t) => t.total !== null).map((t) => t.total!)
          expect(u.validReviewerCount).toBe(totals.length)
          if (totals.length === 0) {
            expect([u.finalScore, u.rank, u.band]).toEqual([null, null, null])
            continue
          }
          expect(u.finalScore!).toBeGreaterThanOrEqual(roundHalfUp(Math.min(...totals)))
          expect(u.finalScore!).toBeLessThanOrEqual(roundHalfUp(Math.max(...totals)))
          expect(u.finalScore!).toBeGreaterThanOrEqual(0)
          expect(u.finalScore!).toBeLessThanOrEqual(roundHalfUp(input.totalCapTenths / 10))
          expect(Math.abs(u.validMean! + u.bonusMean! - u.finalScore!)).toBeLessThanOrEqual(step * 1.0001)
          expect(u.trimmed).toBe(totals.length >= input.rules.trimMinReviewers)
          expect(u.totals.filter((t) => t.dropped === 'high')).toHaveLength(u.trimmed ? 1 : 0)
          expect(u.totals.filter((t) => t.dropped === 'low')).toHaveLength(u.trimmed ? 1 : 0)
          if (u.trimmed) {
            expect(u.totals.find((t) => t.dropped === 'high')!.total).toBe(Math.max(...totals))
            expect(u.totals.find((t) => t.dropped === 'low')!.total).toBe(Math.min(...totals))
          }
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('ranks as a competition ranking (1, 2, 2, 4) by descending final score', () => {
    fc.assert(
      fc.property(meetingArb, ({ input }) => {
        const r = compute(input)
        const ranked = r.units.filter((u) => u.rank !== null)
        const unranked = r.units.filter((u) => u.rank === null)
        expect(r.units).toEqual([...ranked, ...unranked]) // ranked first
        expect(unranked.every((u) => u.finalScore === null || u.veto.status === 'confirmed')).toBe(true)
        expect(unranked.map((u) => u.seq)).toEqual([...unranked.map((u) => u.seq)].sort((a, b) => a - b))
        ranked.forEach((u, i) => {
          const sharing = ranked.filter((o) => o.rank === u.rank).length
          expect(u.tied).toBe(sharing > 1)
          expect(u.rank).toBe(ranked.findIndex((o) => o.rank === u.rank) + 1) // the first holder sits at position rank
          if (i > 0) {
            expect(u.rank! >= ranked[i - 1].rank!).toBe(true)
            expect(u.finalScore! <= ranked[i - 1].finalScore!).toBe(true)
            if (u.rank === ranked[i - 1].rank) expect(u.finalScore).toBe(ranked[i - 1].finalScore)
          }
        })
        if (ranked.length) expect(ranked[0].rank).toBe(1)
      }),
      { numRuns: RUNS },
    )
  })
})
