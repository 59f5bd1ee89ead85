import type { Database } from 'better-sqlite3'

/**
 * Runs `fn` as one write transaction that takes the write lock at its start (BEGIN IMMEDIATE).
 * A deferred transaction reads first and asks for the lock at its first write; when another
 * process (a second server, the desktop app) wrote in between, SQLite must fail it at once with
 * "database is locked" instead of waiting for the busy timeout. Inside another transaction it
 * becomes a savepoint, as better-sqlite3 does for every nested transaction.
 */
export function writeTransaction<T>(db: Database, fn: () => T): T {
  return db.transaction(fn).immediate()
}
