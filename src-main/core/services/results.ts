/**
 * Loads a meeting from SQLite into the results engine's input with a handful of set-based
 * queries (one per table), then computes.
 */
import type { Database } from 'better-sqlite3'
import type { MeetingResults } from '../../shared/schemas/results'
import { capTenthsOf } from '../../shared/sheet-total'
import { now, stmt } from '../db/statements'
import { notFound } from '../errors'
import { computeResults } from '../results/compute'
import type { EngineCriterion, EngineInput, SheetScores, VetoDecision } from '../results/types'
import { assertMeeting } from './meetings'
import { getRules } from './rules'
import { countUnsubmittedSheets } from './submissions'

/**
 * Every item score of the meeting, one row per sheet: the reviewers' unique index
 * (reviewer_id, unit_id, item_id) gives the grouping order without a sort, and 12,000 rows
 * instead of 360,000 read several times faster. Each score travels as one "id␟value" pair (the
 * ASCII unit separator occurs in no id), so ids and values cannot drift apart.
 */
function loadScores(db: Database, meetingId: string): SheetScores[] {
  const rows = stmt(
    db,
    `SELECT reviewer_id, unit_id, group_concat(item_id || char(31) || value_tenths, char(31))
     FROM scores WHERE reviewer_id IN (SELECT id FROM reviewers WHERE meeting_id = ?) GROUP BY reviewer_id, unit_id`,
  )
    .raw(true)
    .all(meetingId) as [string, string, string][]
  const sheets: SheetScores[] = []
  let shared: string[] = []
  for (const [reviewerId, unitId, pairs] of rows) {
    const parts = pairs.split('\x1f')
    const itemIds: string[] = []
    const tenths: number[] = []
    for (let k = 0; k < parts.length; k += 2) {
      itemIds.push(parts[k])
      tenths.push(Number(parts[k + 1]))
    }
    // Sheets listing the same items in the same order share one array: the engine matches it once.
    if (itemIds.length === shared.length && itemIds.every((id, k) => id === shared[k])) sheets.push({ reviewerId, unitId, itemIds: shared, tenths })
    else sheets.push({ reviewerId, unitId, itemIds: (shared = itemIds), tenths })
  }
  return sheets
}

export function loadEngineInput(db: Database, meetingId: string): EngineInput {
  assertMeeting(db, meetingId)
  const head = stmt(db, 'SELECT base_tenths, bonus_max_tenths, total_cap_tenths FROM rubrics WHERE meeting_id = ?').get(meetingId) as
    | { base_tenths: number; bonus_max_tenths: number; total_cap_tenths: number | null }
    | undefined
  if (!head) throw notFound('评分标准')
  const criteria = (stmt(db, 'SELECT id, name, max_tenths FROM criteria WHERE meeting_id = ? ORDER BY seq').all(meetingId) as {
    id: string
    name: string
    max_tenths: number
  }[]).map((c): EngineCriterion => ({ id: c.id, name: c.name, maxTenths: c.max_tenths, items: [] }))
  const byCriterion = new Map(criteria.map((c) => [c.id, c]))
  for (const item of stmt(db, 'SELECT id, criterion_id, max_tenths FROM rubric_items WHERE meeting_id = ? ORDER BY seq').all(meetingId) as {
    id: string
    criterion_id: string
    max_tenths: number
  }[]) {
    byCriterion.get(item.criterion_id)?.items.push({ id: item.id, maxTenths: item.max_tenths })
  }

  const scores = loadScores(db, meetingId)

  return {
    meetingId,
    reviewers: stmt(db, 'SELECT id, name, role FROM reviewers WHERE meeting_id = ? ORDER BY seq').all(meetingId) as EngineInput['reviewers'],
    units: stmt(
      db,
      `SELECT id, name, seq, CASE WHEN withdrawn_at IS NULL THEN NULL ELSE withdrawn_reason END AS withdrawnReason
       FROM units WHERE meeting_id = ? ORDER BY seq`,
    ).all(meetingId) as EngineInput['units'],
    criteria,
    bonusMaxTenths: head.bonus_max_tenths,
    totalCapTenths: capTenthsOf(head.base_tenths, head.bonus_max_tenths, head.total_cap_tenths),
    scores,
    bonuses: stmt(
      db,
      'SELECT reviewer_id AS reviewerId, unit_id AS unitId, bonus_tenths AS tenths FROM reviews WHERE meeting_id = ? AND bonus_tenths IS NOT NULL',
    ).all(meetingId) as EngineInput['bonuses'],
    recusals: stmt(db, 'SELECT reviewer_id AS reviewerId, unit_id AS unitId FROM recusals WHERE meeting_id = ?').all(meetingId) as EngineInput['recusals'],
    vetoMarks: stmt(
      db,
      `SELECT m.reviewer_id AS reviewerId, m.unit_id AS unitId, m.veto_item_id AS vetoItemId, v.name AS vetoItemName, m.reason
       FROM veto_marks m JOIN veto_items v ON v.id = m.veto_item_id
       WHERE m.meeting_id = ? ORDER BY v.seq`,
    ).all(meetingId) as EngineInput['vetoMarks'],
    vetoDecisions: stmt(db, 'SELECT unit_id AS unitId, decision, reason FROM veto_decisions WHERE meeting_id = ?').all(meetingId) as {
      unitId: string
      decision: VetoDecision
      reason: string
    }[],
    rules: getRules(db, meetingId),
    unsubmittedSheets: countUnsubmittedSheets(db, meetingId),
    computedAt: now(),
  }
}

/** The meeting's results as of now: loads every score in one read transaction, then computes. */
export function computeMeetingResults(db: Database, meetingId: string): MeetingResults {
  const input = db.transaction(() => loadEngineInput(db, meetingId))()
  return computeResults(input)
}
