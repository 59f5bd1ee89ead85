/**
 * computeResults: a meeting's data in, the results table out (MeetingResults). Pure: no database,
 * no clock, no floating-point arithmetic before the final rounding.
 */
import type { MeetingResults, UnitResult } from '../../shared/schemas/results'
import type { Band } from '../../shared/schemas/rules'
import { decimalPoints, pointsOf, roundPoints, roundScaled, type Frac } from './exact'
import { computeFlags } from './flags'
import { rankUnits, type RankCandidate, type RankOutcome } from './ranking'
import { activeTieBreakers } from '../../shared/tie-breakers'
import { ruleText } from './rule-text'
import { buildSheets, isComplete, sheetIndex, type SheetTable } from './sheets'
import type { EngineInput } from './types'
import { reviewerTotals, scoreUnit, type UnitScore } from './unit-scores'

type Veto = UnitResult['veto']

/** Marks of recused reviewers do not count: the unit is excluded from that reviewer's results. */
function vetoOf(input: EngineInput, t: SheetTable, unit: number, reviewerIndex: Map<string, number>): Veto {
  const unitId = input.units[unit].id
  const marks = input.vetoMarks
    .filter((m) => m.unitId === unitId && reviewerIndex.has(m.reviewerId) && !t.recused[sheetIndex(t, unit, reviewerIndex.get(m.reviewerId)!)])
    .sort((a, b) => reviewerIndex.get(a.reviewerId)! - reviewerIndex.get(b.reviewerId)!)
    .map(({ reviewerId, vetoItemId, vetoItemName, reason }) => ({ reviewerId, vetoItemId, vetoItemName, reason }))
  if (marks.length === 0) return { status: 'none', marks, decisionReason: '' }
  const decision = input.vetoDecisions.find((d) => d.unitId === unitId)
  return { status: decision?.decision ?? 'pending', marks, decisionReason: decision?.reason ?? '' }
}

/** The highest band whose threshold the rounded score reaches; below every threshold, the last band. */
function bandOf(bands: Band[], roundedFinal: bigint, places: number): string {
  const scale = 10n ** BigInt(places)
  for (const band of bands) {
    const min = decimalPoints(band.minPoints)
    if (roundedFinal * min.den >= min.num * scale) return band.label
  }
  return bands[bands.length - 1].label
}

const VETO_REMARKS: Record<Veto['status'], string | null> = {
  none: null,
  pending: '一票否决待会务组认定',
  confirmed: '一票否决',
  not_established: '否决事项经核实不构成',
}

/** The reason a unit withdrew ('' when none was given), or null when it takes part. */
const withdrawalOf = (input: EngineInput, unit: number): string | null => {
  const reason = input.units[unit].withdrawnReason
  return reason === undefined || reason === null ? null : reason
}

function remarksOf(input: EngineInput, t: SheetTable, unit: number, score: UnitScore, veto: Veto, outcome: RankOutcome | undefined): string[] {
  const remarks: string[] = []
  const withdrawn = withdrawalOf(input, unit)
  if (withdrawn !== null) remarks.push(withdrawn ? `退出评审（${withdrawn}），不参加排名` : '退出评审，不参加排名')
  const vetoRemark = VETO_REMARKS[veto.status]
  if (vetoRemark) remarks.push(vetoRemark)
  const recused = input.reviewers.filter((_, r) => t.recused[sheetIndex(t, unit, r)])
  if (recused.length) remarks.push(`${recused.map((r) => r.name).join('、')}回避`)
  const unfinished = input.reviewers.filter((_, r) => !t.recused[sheetIndex(t, unit, r)] && !isComplete(t, sheetIndex(t, unit, r)))
  if (unfinished.length) remarks.push(`${unfinished.map((r) => r.name).join('、')}评分未完成`)
  if (score.valid.length === 0) remarks.push('暂无有效评分')
  // Only worth a remark when the meeting has enough reviewers and this unit fell short (recusals, unfinished sheets).
  else if (!score.trimmed && input.reviewers.length >= input.rules.trimMinReviewers) remarks.push(`有效评委${score.valid.length}人，不足${input.rules.trimMinReviewers}人，未去最高最低分`)
  if (outcome?.tied) remarks.push(`并列第${outcome.rank}名`)
  return remarks
}

export function computeResults(input: EngineInput): MeetingResults {
  const { rules } = input
  const places = rules.roundingPlaces
  const round = (f: Frac | null) => (f === null ? null : roundPoints(f, places))
  const criterionNames = input.criteria.map((c) => c.name)
  const reviewerIndex = new Map(input.reviewers.map((r, i) => [r.id, i]))
  const t = buildSheets(input)
  const limits = { bonusMaxTenths: input.bonusMaxTenths, capTenths: input.totalCapTenths }
  const scores = input.units.map((_, u) => scoreUnit(t, u, limits, rules.trimMinReviewers))
  const vetoes = input.units.map((_, u) => vetoOf(input, t, u, reviewerIndex))

  const candidates: RankCandidate[] = []
  input.units.forEach((unit, u) => {
    const s = scores[u]
    if (s.final === null || vetoes[u].status === 'confirmed' || withdrawalOf(input, u) !== null) return
    const roundedFinal = roundScaled(s.final, places)
    candidates.push({ unitId: unit.id, name: unit.name, seq: unit.seq, roundedFinal, untrimmed: s.untrimmed!, bonusMean: s.allBonusMean!, criterionMeans: s.criterionMeans })
  })
  const outcomes = rankUnits(candidates, activeTieBreakers(rules.tieBreakers, input.criteria.length), criterionNames, places)
  const outcomeOf = new Map(outcomes.map((o) => [o.unitId, o]))

  const results = input.units.map((unit, u): UnitResult => {
    const s = scores[u]
    const outcome = outcomeOf.get(unit.id)
    const veto = vetoes[u]
    return {
      unitId: unit.id,
      unitName: unit.name,
      seq: unit.seq,
      totals: reviewerTotals(t, u, s, input.reviewers.map((r) => r.id)),
      validReviewerCount: s.valid.length,
      trimmed: s.trimmed,
      highest: s.highest === null ? null : pointsOf(s.highest),
      lowest: s.lowest === null ? null : pointsOf(s.lowest),
      validMean: round(s.validMean),
      bonusMean: round(s.bonusMean),
      finalScore: round(s.final),
      untrimmedMean: round(s.untrimmed),
      criterionMeans: s.criterionMeans.map(round),
      rank: outcome?.rank ?? null,
      tied: outcome?.tied ?? false,
      tieNote: outcome?.tieNote ?? '',
      tieRemark: outcome?.tieRemark ?? '',
      band: s.final === null || veto.status === 'confirmed' || withdrawalOf(input, u) !== null ? null : bandOf(rules.bands, roundScaled(s.final, places), places),
      withdrawn: withdrawalOf(input, u) !== null,
      veto,
      remarks: remarksOf(input, t, u, s, veto, outcome),
    }
  })
  const byId = new Map(results.map((r) => [r.unitId, r]))
  const ranked = outcomes.map((o) => byId.get(o.unitId)!)
  const unranked = results.filter((r) => !outcomeOf.has(r.unitId))

  return {
    meetingId: input.meetingId,
    rules,
    ruleText: ruleText({ rules, criterionNames, bonusMaxTenths: input.bonusMaxTenths, totalCapTenths: input.totalCapTenths }),
    reviewers: input.reviewers.map(({ id, name, role }) => ({ id, name, role })),
    criteria: input.criteria.map((c) => ({ id: c.id, name: c.name, maxPoints: pointsOf(c.maxTenths) })),
    units: [...ranked, ...unranked],
    flags: computeFlags(input, t, scores),
    incompleteUnitIds: input.units.filter((_, u) => scores[u].incomplete).map((unit) => unit.id),
    unsubmittedSheets: input.unsubmittedSheets ?? 0,
    computedAt: input.computedAt,
  }
}
