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
/**
 * A row id: UUID version 7 (RFC 9562 §5.7) — 48 bits of Unix milliseconds, then random bits. Rows
 * made together get neighbouring ids, so a bulk insert (a merged return package: 9,000 scores)
 * touches a few pages of each id index instead of one page per row all over it.
 */
export function newId(): string {
  // A random (v4) UUID already has the variant bits and the random bits in place: put the time in front and mark it v7.
  const random = crypto.randomUUID()
  const ms = Date.now().toString(16).padStart(12, '0')
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${random.slice(15)}`
}
