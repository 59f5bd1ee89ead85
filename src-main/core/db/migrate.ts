import type { Database } from 'better-sqlite3'
import { DatabaseError } from './db-errors'
import { LATEST_VERSION, migrations, type Migration } from './migrations'

/**
 * Brings the database to the latest schema: every pending step and the `user_version` bump run in
 * one transaction, so a failure leaves the file as it was. A database written by a newer app is
 * refused rather than guessed at.
 */
export function migrate(db: Database, steps: Migration[] = migrations): number {
  const current = db.pragma('user_version', { simple: true }) as number
  const latest = steps.length ? steps[steps.length - 1].version : 0
  if (current > latest) {
    throw new DatabaseError('DB_TOO_NEW', { version: current, supported: latest })
  }
  if (current === latest) return current
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated the file meanwhile.
    const locked = db.pragma('user_version', { simple: true }) as number
    for (const step of steps.filter((m) => m.version > locked)) db.exec(step.sql)
    db.pragma(`user_version = ${latest}`)
  }).immediate()
  return latest
}

export { LATEST_VERSION }
