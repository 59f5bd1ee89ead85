/**
 * A second, deliberately plain implementation of the rules — decimal strings parsed into BigInt
 * hundredths, a sort for the trimming, a sort for the ranking — that must agree with the engine
 * on every generated meeting, including means that land exactly on a rounding half (x.xx5).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { EngineInput } from '../../../src-main/core/results/types'
import type { MeetingResults } from '../../../src-main/shared/schemas/results'
import { buildInput, compute } from './build'
import { meetingArb } from './generate'

// ---- the reference ----------------------------------------------------------------------------

/** "87.1" → 8710n (hundredths of a point). */
function hundredths(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.')
  return BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2))
}
const decimalOfTenths = (t: number) => `${Math.floor(t / 10)}.${t % 10}`
const h = (tenths: number) => hundredths(decimalOfTenths(tenths))

interface Mean {
  sum: bigint
  n: bigint
}
const mean = (values: bigint[]): Mean | null => (values.length ? { sum: values.reduce((a, b) => a + b, 0n), n: BigInt(values.length) } : null)
/** Descending exact comparison of two means (negative when a is larger). */
const byLargerMean = (a: Mean, b: Mean) => {
  const d = b.sum * a.n - a.sum * b.n
  return d > 0n ? 1 : d < 0n ? -1 : 0
}
/** Round half-up by long division with the remainder: returns the value in 10^-places points. */
function roundMean(m: Mean, places: number): bigint {
  const scaled = m.sum * 10n ** BigInt(places)
  const den = m.n * 100n
  const q = scaled / den
  return 2n * (scaled % den) >= den ? q + 1n : q
}
const asNumber = (scaled: bigint, places: number) => {
  const digits = scaled.toString().padStart(places + 1, '0')
  return Number(places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits)
}
/** True when the exact mean sits exactly halfway between two shown values. */
const onHalf = (m: Mean, places: number) => {
  const scaled = m.sum * 10n ** BigInt(places)
  const den = m.n * 100n
  return scaled % den !== 0n && (2n * scaled) % den === 0n
}

interface Sheet {
  r: number
  sub: bigint
  bonus: bigint
  total: bigint
  crit: bigint[]
}

function reference(input: EngineInput) {
  const places = input.rules.roundingPlaces
  const rIdx = new Map(input.reviewers.map((r, i) => [r.id, i]))
  const score = new Map<string, bigint>(input.scores.flatMap((s) => s.itemIds.map((itemId, k) => [`${s.reviewerId}|${s.unitId}|${itemId}`, h(s.tenths[k])] as const)))
  const bonus = new Map(input.bonuses.map((b) => [`${b.reviewerId}|${b.unitId}`, h(b.tenths)]))
  const recused = new Set(input.recusals.map((x) => `${x.reviewerId}|${x.unitId}`))
  const cap = h(input.totalCapTenths)
  const items = input.criteria.flatMap((c) => c.items)

  const units = input.units.map((unit) => {
    const valid: Sheet[] = []
    let incomplete = false
    input.reviewers.forEach((rev, r) => {
      const key = `${rev.id}|${unit.id}`
      if (recused.has(key)) return
      const values = input.criteria.map((c) => c.items.map((i) => score.get(`${key}|${i.id}`)))
      if (items.length === 0 || values.flat().some((v) => v === undefined)) return void (incomplete = true)
      const crit = values.map((vs) => vs.reduce((a: bigint, b) => a + b!, 0n))
      const sub = crit.reduce((a, b) => a + b, 0n)
      const raw = sub + (bonus.get(key) ?? 0n)
      const total = raw < cap ? raw : cap
      valid.push({ r, sub, bonus: total - sub, total, crit })
    })
    const keyOf = (s: Sheet) => [s.total, s.sub, ...s.crit]
    const sorted = [...valid].sort((a, b) => {
      const ka = keyOf(a)
      const kb = keyOf(b)
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1
      return a.r - b.r
    })
    const trimmed = valid.length >= input.rules.trimMinReviewers
    const kept = trimmed ? sorted.slice(1, -1) : sorted
    const marks = input.vetoMarks.filter((m) => m.unitId === unit.id && rIdx.has(m.reviewerId) && !recused.has(`${m.reviewerId}|${unit.id}`))
    const decision = input.vetoDecisions.find((d) => d.unitId === unit.id)
    return {
      unit,
      valid,
      kept,
      trimmed,
      incomplete,
      dropped: trimmed ? [`high:${sorted.at(-1)!.total}:${sorted.at(-1)!.sub}`, `low:${sorted[0].total}:${sorted[0].sub}`] : [],
      final: mean(kept.map((s) => s.total)),
      untrimmed: mean(valid.map((s) => s.total)),
      validMean: mean(kept.map((s) => s.sub)),
      bonusMean: mean(kept.map((s) => s.bonus)),
      // Tie-breakers and criterion means use every valid sheet, whichever were dropped (DOMAIN.md §3).
      allBonusMean: mean(valid.map((s) => s.bonus)),
      critMeans: input.criteria.map((_, c) => mean(valid.map((s) => s.crit[c]))),
      veto: marks.length === 0 ? 'none' : (decision?.decision ?? 'pending'),
    }
  })

  // A criterion counts only as criterion:<1…count> written plainly; anything else stored is skipped.
  const criterionOf = (b: string) => input.criteria.findIndex((_, c) => b === `criterion:${c + 1}`)
  const breakers = [...new Set(input.rules.tieBreakers)].filter((b) => b === 'untrimmedMean' || b === 'bonus' || criterionOf(b) >= 0)
  const breakerMean = (u: (typeof units)[number], b: string) =>
    b === 'untrimmedMean' ? u.untrimmed! : b === 'bonus' ? u.allBonusMean! : u.critMeans[criterionOf(b)]!
  const compareUnits = (a: (typeof units)[number], b: (typeof units)[number]) => {
    const ra = roundMean(a.final!, places)
    const rb = roundMean(b.final!, places)
    if (ra !== rb) return ra > rb ? -1 : 1
    for (const br of breakers) {
      const c = byLargerMean(breakerMean(a, br), breakerMean(b, br))
      if (c) return c
    }
    return 0
  }
  const ranked = units.filter((u) => u.final && u.veto !== 'confirmed').sort((a, b) => compareUnits(a, b) || a.unit.seq - b.unit.seq)
  const rank = new Map<string, number>()
  ranked.forEach((u, i) => rank.set(u.unit.id, i > 0 && compareUnits(ranked[i - 1], u) === 0 ? rank.get(ranked[i - 1].unit.id)! : i + 1))

  const band = (u: (typeof units)[number]) => {
    if (!u.final || u.veto === 'confirmed') return null
    const shown = roundMean(u.final, places)
    const hit = input.rules.bands.find((b) => shown * 2n >= BigInt(Math.round(b.minPoints * 2)) * 10n ** BigInt(places))
    return (hit ?? input.rules.bands.at(-1)!).label
  }
  const show = (m: Mean | null) => (m === null ? null : asNumber(roundMean(m, places), places))
  const rows = [...ranked, ...units.filter((u) => !rank.has(u.unit.id))].map((u) => ({
    unitId: u.unit.id,
    validReviewerCount: u.valid.length,
    trimmed: u.trimmed,
    highest: u.valid.length ? asNumber(u.valid.reduce((a, s) => (s.total > a ? s.total : a), 0n), 2) : null,
    lowest: u.valid.length ? asNumber(u.valid.reduce((a, s) => (s.total < a ? s.total : a), cap), 2) : null,
    finalScore: show(u.final),
    untrimmedMean: show(u.untrimmed),
    validMean: show(u.validMean),
    bonusMean: show(u.bonusMean),
    criterionMeans: u.critMeans.map(show),
    rank: rank.get(u.unit.id) ?? null,
    tied: rank.has(u.unit.id) && [...rank.values()].filter((x) => x === rank.get(u.unit.id)).length > 1,
    band: band(u),
    vetoStatus: u.veto,
    dropped: [...u.dropped].sort(),
    totals: input.reviewers.map((rev, r) => {
      const s = u.valid.find((v) => v.r === r)
      const isRecused = recused.has(`${rev.id}|${u.unit.id}`)
      return { total: s ? asNumber(s.total, 2) : null, subtotal: s ? asNumber(s.sub, 2) : null, bonus: s ? asNumber(s.bonus, 2) : null, recused: isRecused, incomplete: !isRecused && !s }
    }),
  }))

  const flags: string[] = []
  const { deviationPoints, deviationSd } = input.rules
  for (const u of units) {
    for (const s of u.valid) {
      const others = u.valid.filter((o) => o !== s).map((o) => o.total)
      const n = BigInt(others.length)
      if (n === 0n) continue
      const S = others.reduce((a, b) => a + b, 0n)
      const gap = n * s.total - S < 0n ? S - n * s.total : n * s.total - S
      const byPoints = deviationPoints !== null && gap >= BigInt(Math.round(deviationPoints * 100)) * n
      const spread = others.reduce((a, y) => a + (n * y - S) ** 2n, 0n)
      const K = deviationSd === null ? 0n : BigInt(Math.round(deviationSd * 10))
      const bySd = deviationSd !== null && n >= 3n && spread > 0n && gap * gap * (n - 1n) * 100n >= K * K * spread
      if (byPoints || bySd) flags.push(`deviation|${input.reviewers[s.r].id}|${u.unit.id}`)
    }
  }
  input.reviewers.forEach((rev, r) => {
    const totals = units.flatMap((u) => u.valid.filter((s) => s.r === r).map((s) => s.total))
    if (totals.length >= 3 && new Set(totals).size === 1) flags.push(`identical|${rev.id}|null`)
    const started = input.units.filter((unit) => !recused.has(`${rev.id}|${unit.id}`) && items.some((i) => score.has(`${rev.id}|${unit.id}|${i.id}`)))
    const allFull = started.every((unit) => items.every((i) => score.get(`${rev.id}|${unit.id}|${i.id}`) === h(i.maxTenths)))
    if (started.length && allFull) flags.push(`fullMarks|${rev.id}|null`)
  })

  const halves = units.filter((u) => u.final && onHalf(u.final, places))
  const floatWrong = halves.filter((u) => {
    const asFloat = Number(u.final!.sum) / Number(u.final!.n) / 100
    return Math.round(asFloat * 10 ** places) !== Number(roundMean(u.final!, places))
  })
  return { rows, flags: flags.sort(), incomplete: units.filter((u) => u.incomplete).map((u) => u.unit.id), halves: halves.length, floatWrong: floatWrong.length }
}

// ---- the comparison ---------------------------------------------------------------------------

function engineView(r: MeetingResults) {
  return {
    rows: r.units.map((u) => ({
      unitId: u.unitId,
      validReviewerCount: u.validReviewerCount,
      trimmed: u.trimmed,
      highest: u.highest,
      lowest: u.lowest,
      finalScore: u.finalScore,
      untrimmedMean: u.untrimmedMean,
      validMean: u.validMean,
      bonusMean: u.bonusMean,
      criterionMeans: u.criterionMeans,
      rank: u.rank,
      tied: u.tied,
      band: u.band,
      vetoStatus: u.veto.status,
      dropped: u.totals
        .filter((t) => t.dropped)
        .map((t) => `${t.dropped}:${Math.round(t.total! * 100)}:${Math.round(t.subtotal! * 100)}`)
        .sort(),
      totals: u.totals.map(({ total, subtotal, bonus, recused, incomplete }) => ({ total, subtotal, bonus, recused, incomplete })),
    })),
    flags: r.flags.map((f) => `${f.kind}|${f.reviewerId}|${f.unitId}`).sort(),
    incomplete: r.incompleteUnitIds,
  }
}

describe('the engine against a plain reference implementation', () => {
  it('agrees on hundreds of generated meetings, including exact rounding halves', () => {
    let halves = 0
    let meetings = 0
    fc.assert(
      fc.property(meetingArb, ({ input }) => {
        const { halves: h, floatWrong: _, ...expected } = reference(input)
        expect(engineView(compute(input))).toEqual(expected)
        halves += h
        meetings++
      }),
      { numRuns: 600 },
    )
    expect(meetings).toBe(600)
    expect(halves).toBeGreaterThan(100) // about 200 in practice: the generator keeps 2, 4 or 8 sheets often
  })
})

/** (kept sheets, places) pairs where a mean of tenths can sit exactly on a half. */
const HALF_CASES = [
  [2, 1],
  [4, 1],
  [20, 1],
  [4, 2],
  [8, 2],
  [20, 2],
  [40, 2],
  [8, 3],
  [16, 3],
  [40, 3],
] as const

/** Meetings built to land exactly on a rounding half, plain or after trimming one 100 and one 0. */
const halfArb = fc
  .record({ c: fc.constantFrom(...HALF_CASES), trim: fc.boolean(), values: fc.array(fc.integer({ min: 1, max: 999 }), { minLength: 40, maxLength: 40 }) })
  .map(({ c: [n, places], trim, values }) => {
    const kept = values.slice(0, n)
    // Nudge the last total until the mean of the kept totals is exactly halfway.
    for (let delta = 0; ; delta++) {
      const last = ((values[n - 1] + delta) % 999) + 1
      const sum = kept.slice(0, -1).reduce((a, b) => a + b, 0) + last
      if (onHalf({ sum: BigInt(sum) * 10n, n: BigInt(n) }, places)) {
        kept[n - 1] = last
        break
      }
    }
    const totals = trim ? [1000, ...kept, 0] : kept
    const reviewers = totals.map((_, i) => `评委${i + 1}`)
    return buildInput({
      reviewers,
      units: { 综合处: totals.map((t) => t / 10) },
      rules: { roundingPlaces: places, trimMinReviewers: trim ? totals.length : 100 },
    })
  })

describe('means landing exactly on a rounding half', () => {
  it('rounds every one of them up, as the reference does', () => {
    fc.assert(
      fc.property(halfArb, (input) => {
        const { halves, floatWrong: _, ...expected } = reference(input)
        expect(halves).toBe(1)
        expect(engineView(compute(input))).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('rounds 75.225 up to 75.23 where a float division rounds it down', () => {
    // Four sheets of 75.2, 75.2, 75.2 and 75.3: the mean is exactly 75.225.
    const input = buildInput({ reviewers: ['评委1', '评委2', '评委3', '评委4'], units: { 综合处: [75.2, 75.2, 75.2, 75.3] }, rules: { roundingPlaces: 2, trimMinReviewers: 100 } })
    const { halves, floatWrong, ...expected } = reference(input)
    expect([halves, floatWrong]).toEqual([1, 1]) // the naive float path gets this one wrong
    expect(engineView(compute(input))).toEqual(expected)
    expect(compute(input).units[0].finalScore).toBe(75.23)
  })
})
