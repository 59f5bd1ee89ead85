import type { Database } from 'better-sqlite3'

/**
 * The tables that hold data, in creation order. Virtual tables (the FTS5 search index) and their
 * shadow tables are derived — triggers fill them from `material_pages` — and SQLite refuses direct
 * writes to them, so copies, digests and recovery leave them out.
 */
export function dataTableNames(db: Database): string[] {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
    .all() as { name: string; sql: string | null }[]
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql ?? '')).map((t) => t.name)
  return tables.filter((t) => !virtual.some((v) => t.name === v || t.name.startsWith(`${v}_`))).map((t) => t.name)
}
