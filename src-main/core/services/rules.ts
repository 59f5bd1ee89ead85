import type { Database } from 'better-sqlite3'
import { RulesInput, type Rules } from '../../shared/schemas/rules'
import { criterionNumber, tieBreakerProblem } from '../../shared/tie-breakers'
import { now, stmt } from '../db/statements'
import { DomainError, notFound } from '../errors'

interface RulesRow {
  trim_min_reviewers: number
  rounding_places: number
  tie_breakers: string
  bands: string
  deviation_tenths: number | null
  deviation_sd: number | null
}

export function getRules(db: Database, meetingId: string): Required<Rules> {
  const r = stmt(db, 'SELECT * FROM meeting_rules WHERE meeting_id = ?').get(meetingId) as RulesRow | undefined
  if (!r) throw notFound('会议')
  return {
    trimMinReviewers: r.trim_min_reviewers,
    roundingPlaces: r.rounding_places,
    tieBreakers: JSON.parse(r.tie_breakers),
    bands: JSON.parse(r.bands),
    deviationPoints: r.deviation_tenths === null ? null : r.deviation_tenths / 10,
    deviationSd: r.deviation_sd,
  }
}

/** Bands must run from best to worst with strictly falling thresholds, or a score fits two bands. */
function checkBands(rules: Rules): void {
  const bands = rules.bands ?? []
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].minPoints >= bands[i - 1].minPoints) {
      throw new DomainError('VALIDATION', `等次“${bands[i].label}”的分数线应低于上一等次“${bands[i - 1].label}”`)
    }
  }
  const labels = new Set(bands.map((b) => b.label))
  if (labels.size !== bands.length) throw new DomainError('VALIDATION', '等次名称不能重复')
}

/** Each criterion tie-breaker must name a criterion of the rubric, written plainly (criterion:1, not 0, -1 or 01). */
function checkTieBreakers(db: Database, meetingId: string, rules: Rules): void {
  const { n: count } = stmt(db, 'SELECT count(*) AS n FROM criteria WHERE meeting_id = ?').get(meetingId) as { n: number }
  for (const breaker of rules.tieBreakers ?? []) {
    // Before the rubric has criteria (a new meeting's defaults) any criterion:<n> may wait for them.
    if (count === 0 && criterionNumber(breaker) !== null) continue
    const problem = tieBreakerProblem(breaker, count)
    if (problem) throw new DomainError('VALIDATION', problem)
  }
}

export function saveRules(db: Database, meetingId: string, input: Rules): Required<Rules> {
  const rules = RulesInput.parse(input)
  checkBands(rules)
  checkTieBreakers(db, meetingId, rules)
  stmt(
    db,
    `INSERT INTO meeting_rules (meeting_id, trim_min_reviewers, rounding_places, tie_breakers, bands, deviation_tenths, deviation_sd, updated_at)
     VALUES (@meetingId, @trim, @places, @ties, @bands, @devTenths, @devSd, @at)
     ON CONFLICT (meeting_id) DO UPDATE SET trim_min_reviewers = @trim, rounding_places = @places, tie_breakers = @ties,
       bands = @bands, deviation_tenths = @devTenths, deviation_sd = @devSd, updated_at = @at`,
  ).run({
    meetingId,
    trim: rules.trimMinReviewers,
    places: rules.roundingPlaces,
    ties: JSON.stringify(rules.tieBreakers),
    bands: JSON.stringify(rules.bands),
    devTenths: rules.deviationPoints === null ? null : Math.round(rules.deviationPoints * 10),
    devSd: rules.deviationSd,
    at: now(),
  })
  return getRules(db, meetingId)
}
