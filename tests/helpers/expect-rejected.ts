import type { Database } from 'better-sqlite3'
import { expect } from 'vitest'
import { snapshotDatabase } from './db-snapshot'

/**
 * Runs `call`, expects it to be refused with `code` and `message`, and checks that the database did
 * not change at all: bad input gets a clear error and loses (and writes) nothing.
 */
export async function expectRejected(db: Database, call: () => Promise<unknown>, code: string, message: string | RegExp): Promise<void> {
  const before = snapshotDatabase(db)
  const error = await call().then(
    () => null,
    (e: { code: string; message: string }) => e,
  )
  expect(error, 'the call should have been refused').not.toBeNull()
  expect(error!.code).toBe(code)
  expect(error!.message).toMatch(message)
  expect(snapshotDatabase(db)).toEqual(before)
}
