/**
 * A checked slice file attached to the database as `pkg` for the length of `work` (ATTACH cannot
 * run inside a transaction, so `work` opens its own). Always detached afterwards.
 */
import type { Database } from 'better-sqlite3'

export function withAttachedSlice<T>(db: Database, file: string, work: () => T): T {
  db.prepare('ATTACH DATABASE ? AS pkg').run(file)
  try {
    return work()
  } finally {
    db.exec('DETACH DATABASE pkg')
  }
}
