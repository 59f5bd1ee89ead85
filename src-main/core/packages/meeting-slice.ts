/**
 * The data inside a package: a SQLite file with the app's own schema holding one slice of a
 * meeting (as Anki carries a collection). Same schema, so the app's own services read it, migrations
 * upgrade an older one, and any SQLite tool can open it. Which rows each kind carries is decided
 * here, table by table; a table this file does not know is never carried (a test keeps the list whole).
 * The search index is not carried: it is rebuilt from material_pages where the slice is imported.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from '../db/migrate'
import { dataTableNames } from '../db/data-tables'
import type { PackageKind } from './package-manifest'

const M = 'meeting_id = :m'
/** The reviewer's units: not recused, not withdrawn (`main.` are the organizer's rows). */
const VISIBLE = 'unit_id IN (SELECT id FROM main.units WHERE meeting_id = :m AND withdrawn_at IS NULL AND id NOT IN (SELECT unit_id FROM main.recusals WHERE reviewer_id = :r))'
const OWN = 'meeting_id = :m AND reviewer_id = :r'

/** Per table, the rows each kind of package carries (SQL over the source table; :m meeting, :r reviewer). */
export const SLICE_ROWS: Record<string, Partial<Record<PackageKind, string>>> = {
  meetings: { distribution: 'id = :m', archive: 'id = :m' },
  meeting_rules: { distribution: M, archive: M },
  rubrics: { distribution: M, archive: M },
  criteria: { distribution: M, archive: M },
  rubric_items: { distribution: M, archive: M },
  veto_items: { distribution: M, archive: M },
  units: { distribution: `${M} AND ${VISIBLE.replace('unit_id IN', 'id IN')}`, archive: M },
  reviewers: { distribution: 'id = :r', return: 'id = :r', archive: M },
  recusals: { return: `${OWN} AND source = 'reviewer'`, archive: M },
  scores: { distribution: `${OWN} AND ${VISIBLE}`, return: OWN, archive: M },
  reviews: { distribution: `${OWN} AND ${VISIBLE}`, return: OWN, archive: M },
  veto_marks: { distribution: `${OWN} AND ${VISIBLE}`, return: OWN, archive: M },
  veto_decisions: { archive: M },
  score_history: { return: OWN, archive: M },
  agenda_notes: { archive: M },
  minutes_settings: { archive: M },
  unit_opinions: { archive: M },
  materials: { distribution: `${M} AND ${VISIBLE}`, archive: M },
  material_pages: {
    distribution: `material_id IN (SELECT id FROM main.materials WHERE ${M} AND ${VISIBLE})`,
    archive: 'material_id IN (SELECT id FROM main.materials WHERE meeting_id = :m)',
  },
  history_heads: { return: M, archive: M },
  sheet_submissions: { distribution: `${OWN} AND ${VISIBLE}`, return: OWN, archive: M },
  reviewer_pins: { archive: 'reviewer_id IN (SELECT id FROM main.reviewers WHERE meeting_id = :m)' },
  annotations: { distribution: `${OWN} AND ${VISIBLE}`, return: OWN, archive: M },
  comment_phrase_lists: { distribution: M, archive: M },
  comment_phrases: { distribution: M, archive: M },
  lot_draws: { archive: M },
  projector_state: { archive: M },
  reviewer_keys: { distribution: 'reviewer_id = :r', archive: M },
  package_imports: { archive: M },
  package_exports: { archive: M },
  merge_base_sheets: { archive: M },
}
/** Tables about this computer, not a meeting: never carried. */
export const LOCAL_TABLES = ['app_secrets', 'access_mode']

export interface SliceScope {
  kind: PackageKind
  meetingId: string
  /** Distribution and return slices: whose. */
  reviewerId?: string
}

/** Triggers that keep the search index: dropped while a slice is filled (the index is not carried). */
const indexTriggers = (db: Database, schema = 'main') =>
  db.prepare(`SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'trigger' AND tbl_name = 'material_pages'`).all() as { name: string; sql: string }[]

/** Writes the slice to a new SQLite file `file`; returns rows per table. Reads `db` in one snapshot. */
export function writeSlice(db: Database, file: string, scope: SliceScope): Record<string, number> {
  const slice = new BetterSqlite3(file)
  let triggers: { name: string; sql: string }[]
  try {
    slice.pragma('journal_mode = DELETE')
    migrate(slice)
    triggers = indexTriggers(slice)
    for (const t of triggers) slice.exec(`DROP TRIGGER "${t.name}"`)
  } finally {
    slice.close()
  }
  const counts: Record<string, number> = {}
  db.prepare('ATTACH DATABASE ? AS pkg').run(file)
  // A return slice holds the reviewer's rows without the meeting, units and rubric they refer to (the
  // organizer has those), so the slice is written with foreign keys off. Nothing else runs on this
  // connection meanwhile (all of this is synchronous); rows copied into a database are checked there.
  const enforced = db.pragma('foreign_keys', { simple: true }) as number
  db.pragma('foreign_keys = OFF')
  try {
    db.transaction(() => {
      for (const table of dataTableNames(db)) {
        const where = SLICE_ROWS[table]?.[scope.kind]
        if (!where) continue
        const columns = columnList(db, table)
        const params = { m: scope.meetingId, ...(scope.reviewerId ? { r: scope.reviewerId } : {}) }
        counts[table] = db.prepare(`INSERT INTO pkg."${table}" (${columns}) SELECT ${columns} FROM main."${table}" WHERE ${where}`).run(params).changes
      }
    })()
  } finally {
    db.pragma(`foreign_keys = ${enforced ? 'ON' : 'OFF'}`)
    db.exec('DETACH DATABASE pkg')
  }
  const done = new BetterSqlite3(file)
  try {
    for (const t of triggers) done.exec(t.sql)
  } finally {
    done.close()
  }
  return counts
}

const columnList = (db: Database, table: string, schema = 'main', omit: string[] = []): string =>
  (db.pragma(`${schema}.table_info("${table}")`) as { name: string }[])
    .map((c) => c.name)
    .filter((c) => !omit.includes(c))
    .map((c) => `"${c}"`)
    .join(', ')

/**
 * The rowid column of a table whose rows are numbered by the database (score_history.seq,
 * material_pages.id): copied into another database they get new numbers, so the column is left out.
 */
export function rowidAlias(db: Database, table: string, schema = 'main'): string | undefined {
  const columns = db.pragma(`${schema}.table_info("${table}")`) as { name: string; type: string; pk: number }[]
  const keys = columns.filter((c) => c.pk > 0)
  return keys.length === 1 && keys[0].type.toUpperCase() === 'INTEGER' ? keys[0].name : undefined
}

/**
 * Copies every row of the attached slice `pkg` into main, table by table in creation order (parents
 * first). Runs inside the caller's transaction; foreign keys, CHECKs and STRICT types of main judge
 * every row. Database-numbered columns are renumbered (see rowidAlias).
 */
export function copyAttachedSlice(db: Database, kind: PackageKind): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const table of dataTableNames(db)) {
    if (!SLICE_ROWS[table]?.[kind]) continue
    const alias = rowidAlias(db, table)
    const columns = columnList(db, table, 'main', alias ? [alias] : [])
    // In their original order: a renumbered history keeps its chain order.
    const order = alias ? ` ORDER BY "${alias}"` : ''
    counts[table] = db.prepare(`INSERT INTO main."${table}" (${columns}) SELECT ${columns} FROM pkg."${table}"${order}`).run().changes
  }
  return counts
}
