import type { Database } from 'better-sqlite3'
import { dataTableNames } from '../../src-main/core/db/data-tables'

/** The data tables with their SQL (the FTS5 index, derived from material_pages, left out). */
export function dataTables(db: Database): { name: string; sql: string }[] {
  const names = new Set(dataTableNames(db))
  const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[]
  return tables.filter((t) => names.has(t.name))
}

/** Every row of every table, in a stable order: "nothing changed" means this is deep-equal before and after. */
export function snapshotDatabase(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(dataTables(db).map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY ${storageOrder(db, name)}`).all()]))
}

/** rowid, or the primary key of a table stored by it (WITHOUT ROWID: scores). */
function storageOrder(db: Database, table: string): string {
  if (!(db.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').pluck().get(table) as number)) return 'rowid'
  const columns = db.pragma(`table_info("${table}")`) as { name: string; pk: number }[]
  return columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => `"${c.name}"`).join(', ')
}

/** The schema as SQLite stores it, whitespace-normalised. */
export function schemaOf(db: Database): { version: number; objects: string[] } {
  const rows = db
    .prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[]
  return {
    version: db.pragma('user_version', { simple: true }) as number,
    objects: rows.map((r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ').trim()}`),
  }
}
