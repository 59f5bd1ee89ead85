/**
 * Checks the SQLite file inside a package before any of its rows is copied: it is whole
 * (quick_check), of a schema version this app knows, with exactly the schema that version has (so no
 * view or trigger of the sender's making runs here), holding only the tables its kind carries and
 * only rows of its meeting (and reviewer). An older schema is then upgraded by the app's migrations.
 */
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { dataTableNames } from '../db/data-tables'
import { LATEST_VERSION, migrate } from '../db/migrate'
import { migrations } from '../db/migrations'
import { packageError } from './package-errors'
import { PACKAGE_KIND_NAMES, type PackageKind } from './package-manifest'
import { SLICE_ROWS } from './meeting-slice'

export interface SliceExpectation {
  kind: PackageKind
  meetingId: string
  reviewerId?: string
}

const schemaOf = (db: Database): string =>
  JSON.stringify(db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all())

const referenceSchemas = new Map<number, string>()
function referenceSchema(version: number): string {
  let schema = referenceSchemas.get(version)
  if (!schema) {
    const db = new BetterSqlite3(':memory:')
    migrate(db, migrations.filter((m) => m.version <= version))
    referenceSchemas.set(version, (schema = schemaOf(db)))
    db.close()
  }
  return schema
}

const bad = (kind: PackageKind, what: string) => packageError('bad-data', `${PACKAGE_KIND_NAMES[kind]}中的数据文件${what}，已拒绝（请重新导出）`)

/** Checks the slice file in place; upgrades it to the current schema when older. Returns its original version. */
export function checkSlice(file: string, expected: SliceExpectation): number {
  let version: number
  let db: Database
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true })
  } catch {
    throw bad(expected.kind, '无法打开（不是 SQLite 数据库或已损坏）')
  }
  try {
    db.pragma('trusted_schema = OFF')
    try {
      version = db.pragma('user_version', { simple: true }) as number
      if ((db.pragma('quick_check', { simple: true }) as string) !== 'ok') throw bad(expected.kind, '已损坏')
    } catch (error) {
      if (error instanceof Error && error.name === 'PackageError') throw error
      throw bad(expected.kind, '已损坏')
    }
    if (version > LATEST_VERSION)
      throw packageError('newer-schema', `${PACKAGE_KIND_NAMES[expected.kind]}中的数据来自较新版本的软件（数据结构第 ${version} 版，本软件支持到第 ${LATEST_VERSION} 版），请升级本软件后再导入`)
    if (version < 1 || schemaOf(db) !== referenceSchema(version)) throw bad(expected.kind, '结构与本软件不符（可能被改动过）')
    checkRows(db, expected)
  } finally {
    db.close()
  }
  if (version < LATEST_VERSION) {
    const upgrade = new BetterSqlite3(file)
    try {
      migrate(upgrade)
    } finally {
      upgrade.close()
    }
  }
  return version
}

function checkRows(db: Database, { kind, meetingId, reviewerId }: SliceExpectation): void {
  const params = { m: meetingId, r: reviewerId ?? '' }
  for (const table of dataTableNames(db)) {
    if (!SLICE_ROWS[table]?.[kind]) {
      if (db.prepare(`SELECT EXISTS (SELECT 1 FROM "${table}")`).pluck().get()) throw packageError('foreign-data', `评审包中含有不应有的数据（${table}），已拒绝`)
      continue
    }
    // One pass over the table: rows of another meeting, rows of another reviewer.
    const columns = (db.pragma(`table_info("${table}")`) as { name: string }[]).map((c) => c.name)
    const meetingColumn = table === 'meetings' ? 'id' : columns.includes('meeting_id') ? 'meeting_id' : undefined
    const reviewerColumn = kind === 'archive' || !reviewerId ? undefined : table === 'reviewers' ? 'id' : columns.includes('reviewer_id') ? 'reviewer_id' : undefined
    if (!meetingColumn && !reviewerColumn) continue
    const [otherMeeting, otherReviewer] = db
      .prepare(`SELECT ${meetingColumn ? `count(*) FILTER (WHERE ${meetingColumn} IS NOT :m)` : '0'}, ${reviewerColumn ? `count(*) FILTER (WHERE ${reviewerColumn} IS NOT :r)` : '0'} FROM "${table}"`)
      .raw()
      .get(params) as [number, number]
    if (otherMeeting > 0) throw packageError('foreign-data', '评审包中含有其他会议的数据，已拒绝')
    if (otherReviewer > 0)
      throw packageError(
        'foreign-data',
        table === 'reviewers' ? '评审包中含有其他评委的数据，已拒绝' : '评审包中含有其他评委的评分或数据，已拒绝：一个评审结果包只能带回一位评委自己的评分',
      )
  }
}
