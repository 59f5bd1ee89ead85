/**
 * The three-way merge of one reviewer's fields, worked out by SQLite into a temporary table
 * (`temp.merge_plan`) from the attached package (`pkg`), the organizer's rows (`main`) and the merge
 * bases (what the last merge, or the distribution package, agreed on). Clock-free: only what changed on
 * each side since the base counts —
 *   agree     package = organizer
 *   take      only the package changed it            keep  only the organizer changed it
 *   conflict  both changed it, differently: the organizer decides
 *   ignored   the package's value cannot be taken (set by the caller, with the reason shown)
 * Set-based, because one return package holds thousands of scores (300 units × 30 items = 9,000) and
 * forty arrive after a meeting: only the rows that need words (conflicts, refusals, changed scores'
 * history) pass through JavaScript.
 */
import type { Database } from 'better-sqlite3'
import { baseFieldsSql, sheetFieldsSql } from './sheet-fields'

export type Outcome = 'agree' | 'take' | 'keep' | 'conflict' | 'ignored'

export interface PlanRow {
  unit_id: string
  field: string
  theirs: string | null
  ours: string | null
  base: string | null
  outcome: Outcome
}

/**
 * Fills the plan. `proven` marks a score the SQL alone shows can be taken as it is: a unit and an item of
 * this meeting, a whole number of tenths within the item's maximum and on its step, no deduction text to
 * check. Every other value the package changed goes through merge-fields.invalidValue.
 */
export function buildMergePlan(db: Database, meetingId: string, reviewerId: string): void {
  // The outcome follows from the three sides unless decided (a conflict chosen, a value refused): a generated
  // column, so each side is written once, straight into the key, with no grouping of the three. Stored, not
  // computed where read: six statements read it for every field, each write of a side computes it once.
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS merge_plan (
    unit_id TEXT NOT NULL, field TEXT NOT NULL, theirs TEXT, ours TEXT, base TEXT, proven INTEGER NOT NULL DEFAULT 0, decided TEXT,
    outcome TEXT GENERATED ALWAYS AS (coalesce(decided,
      CASE WHEN theirs IS ours THEN 'agree' WHEN ours IS base THEN 'take' WHEN theirs IS base THEN 'keep' ELSE 'conflict' END)) STORED,
    PRIMARY KEY (unit_id, field)) WITHOUT ROWID`)
  // What a takeable score is checked against, keyed for one lookup per score (TAKEABLE_AS_IS).
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS merge_items (id TEXT PRIMARY KEY, max_tenths INTEGER NOT NULL, step_tenths INTEGER NOT NULL) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS merge_units (id TEXT PRIMARY KEY) WITHOUT ROWID;
    DELETE FROM temp.merge_plan; DELETE FROM temp.merge_items; DELETE FROM temp.merge_units`)
  db.prepare('INSERT INTO temp.merge_items SELECT id, max_tenths, step_tenths FROM main.rubric_items WHERE meeting_id = ?').run(meetingId)
  db.prepare('INSERT INTO temp.merge_units SELECT id FROM main.units WHERE meeting_id = ?').run(meetingId)
  const params = { m: meetingId, r: reviewerId }
  db.prepare(`INSERT INTO temp.merge_plan (unit_id, field, theirs, proven) SELECT unit_id, field, value, proven FROM (${sheetFieldsSql('pkg', TAKEABLE_AS_IS)})`).run(params)
  // `WHERE true`: an upsert's SELECT needs a WHERE clause, or SQLite would read ON CONFLICT as a join's ON.
  db.prepare(
    `INSERT INTO temp.merge_plan (unit_id, field, ours) SELECT unit_id, field, value FROM (${sheetFieldsSql('main')}) WHERE true
     ON CONFLICT (unit_id, field) DO UPDATE SET ours = excluded.ours`,
  ).run(params)
  db.prepare(
    `INSERT INTO temp.merge_plan (unit_id, field, base) SELECT unit_id, field, value FROM (${baseFieldsSql('main')}) WHERE true
     ON CONFLICT (unit_id, field) DO UPDATE SET base = excluded.base`,
  ).run(params)
}

/** A package's score that needs no further check (see buildMergePlan), over the score row's own columns. */
const TAKEABLE_AS_IS = `(deduction_reason = '' AND typeof(value_tenths) = 'integer' AND value_tenths >= 0 AND unit_id IN temp.merge_units
  AND EXISTS (SELECT 1 FROM temp.merge_items i WHERE i.id = item_id AND value_tenths <= i.max_tenths AND value_tenths % i.step_tenths = 0))`

const planRows = (db: Database, where: string, params: Record<string, unknown> = {}) =>
  db.prepare(
    `SELECT unit_id, field, theirs, ours, base, outcome FROM temp.merge_plan p WHERE ${where}
     ORDER BY (SELECT seq FROM main.units WHERE id = p.unit_id), (SELECT seq FROM main.rubric_items WHERE 'item:' || id = p.field), field`,
  ).all(params) as PlanRow[]

/** Rows whose value the package changed and the SQL could not prove takeable. */
export const rowsToCheck = (db: Database): PlanRow[] => planRows(db, "outcome NOT IN ('agree', 'ignored') AND NOT proven")
export const conflictRows = (db: Database): PlanRow[] => planRows(db, "outcome = 'conflict'")
/** Taken fields other than scores (reviews, vetoes, submissions, recusals: a few per sheet), and scores that replace one. */
export const takenOneByOne = (db: Database): PlanRow[] => planRows(db, "outcome = 'take' AND (field NOT GLOB 'item:*' OR ours IS NOT NULL)")

export function setOutcome(db: Database, unitId: string, field: string, outcome: Outcome): void {
  db.prepare('UPDATE temp.merge_plan SET decided = ? WHERE unit_id = ? AND field = ?').run(outcome, unitId, field)
}

/** The organizer recused this reviewer from these units: nothing of theirs is taken there but their own recusal. */
export function ignoreOrganizerRecused(db: Database, meetingId: string, reviewerId: string): PlanRow[] {
  const where = "field <> 'recused' AND unit_id IN (SELECT unit_id FROM main.recusals WHERE meeting_id = :m AND reviewer_id = :r AND source = 'organizer')"
  const changed = planRows(db, `${where} AND theirs IS NOT NULL AND theirs IS NOT ours`, { m: meetingId, r: reviewerId })
  db.prepare(`UPDATE temp.merge_plan SET decided = 'ignored' WHERE ${where}`).run({ m: meetingId, r: reviewerId })
  return changed
}

export interface PlanCounts {
  added: number
  changed: number
  removed: number
  kept: number
  unchanged: number
}

/** The plan in figures (for the report), and per sheet the scores it adds (each sheet's history line): one pass over the plan. */
export function planTally(db: Database): { counts: PlanCounts; newScoresPerSheet: Map<string, number> } {
  const rows = db
    .prepare(
      `SELECT unit_id, count(*) FILTER (WHERE outcome = 'take' AND ours IS NULL) AS added,
         count(*) FILTER (WHERE outcome = 'take' AND ours IS NOT NULL AND theirs IS NOT NULL) AS changed,
         count(*) FILTER (WHERE outcome = 'take' AND theirs IS NULL) AS removed,
         count(*) FILTER (WHERE outcome = 'keep') AS kept,
         count(*) FILTER (WHERE outcome = 'agree') AS unchanged,
         count(*) FILTER (WHERE outcome = 'take' AND ours IS NULL AND field GLOB 'item:*') AS new_scores
       FROM temp.merge_plan GROUP BY unit_id`,
    )
    .all() as (PlanCounts & { unit_id: string; new_scores: number })[]
  const counts: PlanCounts = { added: 0, changed: 0, removed: 0, kept: 0, unchanged: 0 }
  const newScoresPerSheet = new Map<string, number>()
  for (const row of rows) {
    for (const key of Object.keys(counts) as (keyof PlanCounts)[]) counts[key] += row[key]
    if (row.new_scores) newScoresPerSheet.set(row.unit_id, row.new_scores)
  }
  return { counts, newScoresPerSheet }
}
