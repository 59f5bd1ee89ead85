import type { Database } from 'better-sqlite3'
import { DomainError } from '../errors'
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
    throw new DomainError(
      'DB_TOO_NEW',
      `数据库由更新版本的“现场评审”创建（结构版本 ${current}，本程序支持到 ${latest}），请升级程序后再打开。`,
    )
  }
  const pending = steps.filter((m) => m.version > current)
  if (pending.length === 0) return current
  db.transaction(() => {
    for (const step of pending) db.exec(step.sql)
    db.pragma(`user_version = ${latest}`)
  }).immediate()
  return latest
}

export { LATEST_VERSION }
