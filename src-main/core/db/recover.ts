/**
 * Rescue for a damaged data file: copies whatever can still be read into a fresh database with the
 * current schema. The damaged file is only ever opened read-only. A table is copied in one scan
 * when it reads cleanly; where a scan stops on a damaged page, it is read again from the end, and
 * the rows in between are tried one by one, so one bad page costs only the rows stored on it.
 */
import { existsSync, rmSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { DomainError } from '../errors'
import { DatabaseError, toDatabaseError } from './db-errors'
import { dataTableNames } from './data-tables'
import { LATEST_VERSION } from './migrate'
import { openDatabase } from './open'
import { stmt } from './statements'

export interface TableRecovery {
  table: string
  /** Rows written to the new file. */
  copied: number
  /** Rows that could not be read (on damaged pages) or no longer fit the schema. */
  lost: number
  /** Part of the table could not be read; when its end was unreadable too, `lost` is only a lower bound. */
  damaged: boolean
  /** Rows dropped afterwards because what they belong to (meeting, unit, reviewer…) was lost. */
  orphans: number
}

export interface RecoveryReport {
  source: string
  target: string
  tables: TableRecovery[]
}

/** Where both the end and the start of a table are unreadable, stop after this many missing rowids in a row. */
const MAX_BLIND_PROBES = 10_000

export function recoverDatabase(sourceFile: string, targetFile: string): RecoveryReport {
  const source = resolve(sourceFile)
  const target = resolve(targetFile)
  if (!existsSync(source) || !statSync(source).isFile()) throw new DomainError('NOT_FOUND', `找不到要恢复的数据文件：${source}`)
  if (existsSync(target)) throw new DomainError('CONFLICT', `新文件已存在：${target}。为免覆盖已有文件，请换一个文件名。`)
  if (!existsSync(dirname(target))) throw new DomainError('NOT_FOUND', `新文件所在的文件夹不存在：${dirname(target)}`)

  const hadSideFiles = ['-wal', '-shm'].map((s) => existsSync(source + s))
  let src: Database
  try {
    src = new BetterSqlite3(source, { readonly: true, fileMustExist: true })
  } catch (error) {
    throw toDatabaseError(error, source) ?? error
  }
  let out: Database | undefined
  try {
    const tables = readableTables(src, source)
    out = openDatabase(target)
    const report = copyAll(src, out, tables)
    out.close()
    return { source, target, tables: report }
  } catch (error) {
    out?.close()
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(target + suffix, { force: true })
    throw toDatabaseError(error) ?? error
  } finally {
    src.close()
    removeEmptySideFiles(source, hadSideFiles)
  }
}

/** The source's tables and their columns; a file whose table list cannot be read has nothing to rescue. */
function readableTables(src: Database, source: string): Map<string, string[]> {
  try {
    const version = src.pragma('user_version', { simple: true }) as number
    if (version > LATEST_VERSION) throw new DatabaseError('DB_TOO_NEW', { version, supported: LATEST_VERSION })
    const names = src.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[]
    return new Map(names.map((name) => [name, (src.pragma(`table_info(${quote(name)})`) as { name: string }[]).map((c) => c.name)]))
  } catch (error) {
    if (error instanceof DatabaseError && error.code === 'DB_TOO_NEW') throw error
    throw new DatabaseError('DB_CORRUPT', { path: source })
  }
}

function copyAll(src: Database, out: Database, sourceTables: Map<string, string[]>): TableRecovery[] {
  // Rows may point at rows that were lost; they are dropped below, after everything readable is in.
  out.pragma('foreign_keys = OFF')
  // The search index is not copied: the triggers on material_pages rebuild it row by row.
  const targetTables = dataTableNames(out)
  const report = out.transaction(() =>
    targetTables.map((table): TableRecovery => {
      const have = sourceTables.get(table) ?? []
      const columns = (out.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name).filter((c) => have.includes(c))
      return { table, ...(columns.length ? copyTable(src, out, table, columns) : { copied: 0, lost: 0, damaged: false }), orphans: 0 }
    }),
  )()
  out.transaction(() => dropOrphans(out, report))()
  out.pragma('foreign_keys = ON')
  return report
}

function copyTable(src: Database, out: Database, table: string, columns: string[]): { copied: number; lost: number; damaged: boolean } {
  const list = columns.map(quote).join(', ')
  const insert = out.prepare(`INSERT INTO ${quote(table)} (${list}) VALUES (${columns.map(() => '?').join(', ')})`)
  let copied = 0
  let lost = 0
  const write = (row: Record<string, unknown>) => {
    try {
      insert.run(columns.map((c) => row[c]))
      copied++
    } catch {
      lost++ // readable but broken (fails a CHECK or a unique key): leave it out
    }
  }
  const key = keyOf(src, table)
  if (key) return { ...copyByKey(src, table, list, key, write), copied, lost }
  const select = `SELECT rowid AS "rowid:", ${list} FROM ${quote(table)} NOT INDEXED`
  // Forward until the end or the first damaged page, then backward from the end to the damage.
  const low = scan(src.prepare(`${select} ORDER BY rowid`), write)
  if (low.complete) return { copied, lost, damaged: false }
  const high = scan(src.prepare(`${select} ORDER BY rowid DESC`), write, low.last)
  const one = src.prepare(`${select} WHERE rowid = ?`)
  // Row by row through the gap. With no known end, failures after the last readable row may lie
  // past the table's end, so they are not counted: `lost` is then a lower bound.
  let blind = 0
  let failed = 0
  for (let rowid = (low.last ?? 0) + 1; high.last === undefined ? blind < MAX_BLIND_PROBES : rowid < high.last; rowid++) {
    try {
      const row = one.get(rowid) as Record<string, unknown> | undefined
      if (row) write(row)
      blind = row ? 0 : blind + 1
      if (row) [lost, failed] = [lost + failed, 0]
    } catch {
      failed++
      blind++
    }
  }
  return { copied, lost: high.last === undefined ? lost : lost + failed, damaged: true }
}

/** The primary key of a table stored by it (WITHOUT ROWID, e.g. scores), or undefined for a rowid table. */
function keyOf(src: Database, table: string): string[] | undefined {
  const listed = src.prepare('SELECT wr FROM pragma_table_list WHERE name = ?').get(table) as { wr: number } | undefined
  if (!listed?.wr) return undefined
  return (src.pragma(`table_info(${quote(table)})`) as { name: string; pk: number }[])
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name)
}

/**
 * A table stored by its key has no row numbers to probe one by one: forward in key order to the damage,
 * backward from the end to the last key read; what lay on the damaged pages is lost, and how many rows
 * that was cannot be read either (`lost` counts only readable rows that failed, the report says so).
 */
function copyByKey(src: Database, table: string, list: string, key: string[], write: (row: Record<string, unknown>) => void): { damaged: boolean } {
  const keyList = key.map(quote).join(', ')
  const select = `SELECT ${keyList.replace(/"([^"]+)"/g, '"$1" AS "key:$1"')}, ${list} FROM ${quote(table)}`
  let last: unknown[] | undefined
  try {
    for (const row of src.prepare(`${select} ORDER BY ${keyList}`).iterate() as Iterable<Record<string, unknown>>) {
      last = key.map((k) => row[`key:${k}`])
      write(row)
    }
    return { damaged: false }
  } catch {
    // damaged: read the rest from the end
  }
  const after = last ? ` WHERE (${keyList}) > (${key.map(() => '?').join(', ')})` : ''
  try {
    for (const row of src.prepare(`${select}${after} ORDER BY ${key.map((k) => `${quote(k)} DESC`).join(', ')}`).iterate(...(last ?? [])) as Iterable<Record<string, unknown>>)
      write(row)
  } catch {
    // damaged from both ends: the rows between are lost
  }
  return { damaged: true }
}

/** Reads rows in order until the end, a damaged page, or the rowid where an earlier scan stopped. */
function scan(statement: BetterSqlite3.Statement, write: (row: Record<string, unknown>) => void, stopAt?: number) {
  let last: number | undefined
  try {
    for (const row of statement.iterate() as Iterable<Record<string, unknown>>) {
      const rowid = row['rowid:'] as number
      if (stopAt !== undefined && rowid <= stopAt) return { complete: true, last }
      last = rowid
      write(row)
    }
    return { complete: true, last }
  } catch {
    return { complete: false, last }
  }
}

/** Deletes rows whose parent row was lost, repeatedly, since a deletion can orphan further rows. */
function dropOrphans(out: Database, report: TableRecovery[]): void {
  for (;;) {
    const broken = out.pragma('foreign_key_check') as { table: string; rowid: number | null; parent: string; fkid: number }[]
    if (broken.length === 0) return
    const drop = (table: string, n: number) => {
      const entry = report.find((r) => r.table === table)!
      entry.orphans += n
      entry.copied -= n
    }
    const keyed = new Set<string>()
    for (const { table, rowid, fkid } of broken) {
      if (rowid !== null) drop(table, stmt(out, `DELETE FROM ${quote(table)} WHERE rowid = ?`).run(rowid).changes)
      else keyed.add(`${table}\u0000${fkid}`) // a table stored by its key (no rowid): by the broken reference itself
    }
    for (const entry of keyed) {
      const [table, fkid] = entry.split('\u0000')
      const columns = (out.pragma(`foreign_key_list(${quote(table)})`) as { id: number; table: string; from: string; to: string }[]).filter((f) => f.id === Number(fkid))
      const parent = columns[0].table
      const match = columns.map((f) => `p.${quote(f.to)} = c.${quote(f.from)}`).join(' AND ')
      const present = columns.map((f) => `${quote(f.from)} IS NOT NULL`).join(' AND ')
      drop(table, out.prepare(`DELETE FROM ${quote(table)} AS c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${quote(parent)} p WHERE ${match})`).run().changes)
    }
  }
}

/** A read-only connection leaves empty -wal/-shm files behind; remove the ones it created. */
function removeEmptySideFiles(source: string, hadBefore: boolean[]): void {
  const [hadWal, hadShm] = hadBefore
  const wal = source + '-wal'
  if (hadWal || hadShm || !existsSync(wal) || statSync(wal).size !== 0) return
  rmSync(wal, { force: true })
  rmSync(source + '-shm', { force: true })
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`
