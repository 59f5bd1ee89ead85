/**
 * Turns the demo content and score plan into the rows of `demo-meeting.json`. Deterministic: ids are
 * name-based UUIDs (version 5 layout over SHA-1) and every “random” choice comes from a PRNG seeded by
 * the sheet's keys, so regenerating gives byte-identical output.
 */
import { createHash } from 'node:crypto'
import { DEMO_FORMAT, DEMO_MEETING_ID, DEMO_VERSION, type DemoFile } from '../../src-main/core/services/demo/demo-file'
import { deductionReasons, reviewerSuggestions, unitVoices, weaknessOverrides } from './comment-content'
import { meeting, reviewers, rubric, rules, units, type ReviewerKey } from './meeting-content'
import { bonuses, reasonOverrides, recusals, reviewerOrder, strongItems, totals, veto, weakItems } from './score-plan'

const NAMESPACE = 'onsite-review/demo/2024-qinglan'

/** A UUID derived from a name: the same key always gives the same id. */
export function stableId(key: string): string {
  const h = createHash('sha1').update(`${NAMESPACE}/${key}`).digest()
  h[6] = (h[6] & 0x0f) | 0x50
  h[8] = (h[8] & 0x3f) | 0x80
  const hex = h.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** mulberry32 seeded by FNV-1a of a string. */
function prng(seed: string): () => number {
  let a = 2166136261
  for (const ch of seed) a = Math.imul(a ^ ch.codePointAt(0)!, 16777619)
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const items = rubric.criteria.flatMap((c) => c.items.map(([name, maxPoints, step, guidance]) => ({ name, maxPoints, step, guidance })))
const tenths = (points: number) => Math.round(points * 10)

/**
 * Spreads a sheet's deduction (in tenths) over the items: the remainder below half a point goes to the
 * 0.1-step item, the rest in half-point chunks (whole points for the 1-step item), preferring the
 * unit's weak items, never on its strong items, never more than 45% of an item's maximum.
 */
function spreadDeduction(deduction: number, unit: number, reviewer: ReviewerKey): number[] {
  const random = prng(`deduct/${reviewer}/${unit}`)
  const taken = items.map(() => 0)
  const caps = items.map((i) => Math.floor((tenths(i.maxPoints) * 0.45) / tenths(i.step)) * tenths(i.step))
  const fineItem = items.findIndex((i) => i.step === 0.1)
  taken[fineItem] = deduction % 5
  let left = deduction - taken[fineItem]
  const overrides = new Set(reasonOverrides.filter((o) => o.reviewer === reviewer && o.unit === unit).map((o) => o.item - 1))
  const weak = new Set(weakItems[unit].map((i) => i - 1))
  const strong = new Set(strongItems[unit].map((i) => i - 1))
  for (let guard = 0; left > 0; guard++) {
    if (guard > 10_000) throw new Error(`无法分配扣分：单位 ${unit}，评委 ${reviewer}，剩余 ${left / 10} 分`)
    const chunkOf = (i: number) => Math.max(5, tenths(items[i].step))
    const open = items.map((_, i) => i).filter((i) => !strong.has(i) && taken[i] + chunkOf(i) <= caps[i] && chunkOf(i) <= left)
    if (open.length === 0) throw new Error(`扣分过多无法分配：单位 ${unit}，评委 ${reviewer}`)
    const weights = open.map((i) => (overrides.has(i) ? 8 : weak.has(i) ? 4 : 1))
    let pick = random() * weights.reduce((a, b) => a + b, 0)
    const index = open.find((_, k) => (pick -= weights[k]) < 0) ?? open[open.length - 1]
    taken[index] += chunkOf(index)
    left -= chunkOf(index)
  }
  return taken
}

function reasonFor(itemIndex: number, unit: number, reviewer: ReviewerKey): string {
  const override = reasonOverrides.find((o) => o.reviewer === reviewer && o.unit === unit && o.item === itemIndex + 1)
  if (override) return override.reason
  const options = deductionReasons[itemIndex + 1]
  return options[Math.floor(prng(`reason/${reviewer}/${unit}/${itemIndex}`)() * options.length)]
}

export function buildDemo(): DemoFile {
  const unitId = (u: number) => stableId(`unit/${u}`)
  const reviewerId = (key: string) => stableId(`reviewer/${key}`)
  const itemId = (i: number) => stableId(`item/${i + 1}`)
  const vetoId = (name: string) => stableId(`veto/${rubric.vetoItems.indexOf(name) + 1}`)
  const file: DemoFile = {
    format: DEMO_FORMAT,
    version: DEMO_VERSION,
    meeting: { id: DEMO_MEETING_ID, ...meeting },
    rubric: {
      basePoints: rubric.basePoints,
      bonusMaxPoints: rubric.bonusMaxPoints,
      bonusGuidance: rubric.bonusGuidance,
      totalCapPoints: rubric.totalCapPoints,
      deductionReasonRequired: rubric.deductionReasonRequired,
      criteria: rubric.criteria.map((c, ci) => ({
        id: stableId(`criterion/${ci + 1}`),
        name: c.name,
        maxPoints: c.maxPoints,
        items: c.items.map(([name, maxPoints, step, guidance]) => {
          const index = items.findIndex((i) => i.name === name)
          return { id: itemId(index), name, maxPoints, step, weight: 1, guidance }
        }),
      })),
      vetoItems: rubric.vetoItems.map((name) => ({ id: vetoId(name), name })),
    },
    rules: { ...rules, tieBreakers: [...rules.tieBreakers] },
    units: units.map((u, i) => ({ id: unitId(i + 1), ...u })),
    // Every reviewer has handed in: the demo opens at the results stage.
    reviewers: reviewers.map(({ key, ...r }, i) => ({ id: reviewerId(key), ...r, submittedAt: `2024-12-18T03:${String(40 + i * 3).padStart(2, '0')}:00.000Z` })),
    recusals: recusals.map((r) => ({
      id: stableId(`recusal/${r.reviewer}/${r.unit}`),
      reviewerId: reviewerId(r.reviewer),
      unitId: unitId(r.unit),
      source: 'organizer' as const,
      reason: r.reason,
    })),
    scores: [],
    reviews: [],
    vetoMarks: [
      { id: stableId(`veto-mark/${veto.reviewer}/${veto.unit}`), reviewerId: reviewerId(veto.reviewer), unitId: unitId(veto.unit), vetoItemId: vetoId(veto.item), reason: veto.reason },
    ],
    vetoDecisions: [{ id: stableId(`veto-decision/${veto.unit}`), unitId: unitId(veto.unit), decision: 'not_established', reason: veto.decisionReason }],
  }
  for (let u = 1; u <= units.length; u++) {
    reviewerOrder.forEach((key, r) => {
      const total = totals[u][r]
      if (total === null) return
      const bonus = bonuses[u][r] ?? 0
      const deduction = 1000 - tenths(total - bonus)
      const taken = spreadDeduction(deduction, u, key)
      items.forEach((item, i) => {
        file.scores.push({
          id: stableId(`score/${key}/${u}/${i + 1}`),
          reviewerId: reviewerId(key),
          unitId: unitId(u),
          itemId: itemId(i),
          value: (tenths(item.maxPoints) - taken[i]) / 10,
          deductionReason: taken[i] > 0 ? reasonFor(i, u, key) : '',
        })
      })
      file.reviews.push({ id: stableId(`review/${key}/${u}`), reviewerId: reviewerId(key), unitId: unitId(u), ...comments(u, r, key, taken, bonus) })
    })
  }
  return file
}

function comments(unit: number, r: number, key: ReviewerKey, taken: number[], bonus: number) {
  const voice = unitVoices[unit]
  const biggest = taken.indexOf(Math.max(...taken))
  const ownWeakness = voice.weaknesses[r % voice.weaknesses.length]
  const extra = weakItems[unit].includes(biggest + 1) ? '' : `；${reasonFor(biggest, unit, key)}`
  const override = weaknessOverrides.find((o) => o.reviewer === key && o.unit === unit)
  return {
    bonus: bonus > 0 ? bonus : null,
    bonusReason: bonus > 0 ? voice.bonusReason : '',
    strengths: `${voice.strengths[r % 3]}；${voice.strengths[(r + 1) % 3]}。`,
    weaknesses: override ? override.text : `${ownWeakness}${extra}。`,
    suggestions: `${voice.suggestions[r % 3]}；${reviewerSuggestions[key][unit % 2]}。`,
  }
}
