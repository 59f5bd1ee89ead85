import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { dirname } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { DatabaseError, toDatabaseError } from './db-errors'

/** How many quick_check findings to keep: enough to show, not a 10,000-line report. */
const MAX_PROBLEMS = 20

/**
 * Looks at the data file before the program writes anything to it, and refuses what it cannot open
 * safely: a folder where the file should be, a folder it cannot write, a file from a newer version,
 * a file that is not a database or has damaged pages. Whatever it refuses is left byte-identical.
 */
export function checkBeforeOpening(file: string, latestVersion: number): void {
  const stat = statOrNull(file)
  if (stat && !stat.isFile()) throw new DatabaseError('DB_NOT_A_FILE', { path: file, expected: 'file' })
  assertWritable(dirname(file))
  if (!stat || stat.size === 0) return // SQLite creates the database on first open
  assertWritable(file)

  // Read-only for a rollback-journal file, so not even switching it to WAL touches it. A WAL file
  // opened read-only would leave -wal/-shm files it may not remove; a read-write connection to a
  // file already in WAL mode writes nothing to it and removes them on close.
  const db = openOrExplain(file, { readonly: !isWalFile(file), fileMustExist: true })
  try {
    const version = db.pragma('user_version', { simple: true }) as number
    if (version > latestVersion) throw new DatabaseError('DB_TOO_NEW', { version, supported: latestVersion })
    db.prepare('SELECT count(*) FROM sqlite_master').get() // the table list: without it nothing can be rescued
    const problems = quickCheck(db)
    if (problems.length) throw new DatabaseError('DB_CORRUPT', { path: file, recoverable: true, problems })
  } catch (error) {
    throw toDatabaseError(error, file) ?? error
  } finally {
    db.close()
  }
}

/**
 * `PRAGMA quick_check`'s findings (empty when the file is sound). It reads every page once: 0.4 s
 * for 360,000 scores (a 250 MB file) on an idle machine; some damage makes it stop with
 * SQLITE_CORRUPT instead of a list.
 */
function quickCheck(db: BetterSqlite3.Database): string[] {
  try {
    const rows = (db.pragma(`quick_check(${MAX_PROBLEMS})`) as { quick_check: string }[]).map((r) => r.quick_check)
    return rows.length === 1 && rows[0] === 'ok' ? [] : rows
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith('SQLITE_CORRUPT')) throw error
    return [(error as Error).message]
  }
}

function openOrExplain(file: string, options: BetterSqlite3.Options) {
  try {
    return new BetterSqlite3(file, options)
  } catch (error) {
    throw toDatabaseError(error, file) ?? error
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw toDatabaseError(error, path) ?? error
  }
}

/** SQLite writes the database and its -wal/-shm/-journal files next to it, so the folder must be writable too. */
function assertWritable(path: string): void {
  try {
    accessSync(path, constants.W_OK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') throw new DatabaseError('DB_READ_ONLY', { path })
    throw toDatabaseError(error, path) ?? error
  }
}

/** Bytes 18–19 of the SQLite header are 2 for a WAL database (1 for a rollback journal). */
function isWalFile(file: string): boolean {
  const header = Buffer.alloc(20)
  try {
    const fd = openSync(file, 'r')
    try {
      return readSync(fd, header, 0, 20, 0) === 20 && header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header[18] === 2
    } finally {
      closeSync(fd)
    }
  } catch (error) {
    throw toDatabaseError(error, file) ?? error
  }
}
