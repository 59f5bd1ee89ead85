import type { Database, Statement } from 'better-sqlite3'

const caches = new WeakMap<Database, Map<string, Statement>>()

/** A prepared statement, compiled once per connection: hot paths (score save) stay well under 1 ms. */
export function stmt(db: Database, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new Map()))
  let prepared = cache.get(sql)
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)))
  return prepared
}

export const now = (): string => new Date().toISOString()
export const newId = (): string => crypto.randomUUID()
