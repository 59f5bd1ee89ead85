/**
 * Each reviewer's package key: 32 random bytes made with their first distribution package, carried
 * in it, and used by their laptop to sign return packages (HMAC-SHA256, docs/package-format.md).
 */
import { randomBytes } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { now, stmt } from '../db/statements'

/** Gives every reviewer of the meeting a key if they have none yet. The caller owns the transaction. */
export function ensureReviewerKeys(db: Database, meetingId: string): void {
  const missing = stmt(db, 'SELECT id FROM reviewers WHERE meeting_id = ? AND id NOT IN (SELECT reviewer_id FROM reviewer_keys)').all(meetingId) as { id: string }[]
  for (const { id } of missing)
    stmt(db, 'INSERT INTO reviewer_keys (reviewer_id, meeting_id, key, created_at) VALUES (?, ?, ?, ?)').run(id, meetingId, randomBytes(32).toString('hex'), now())
}

export function reviewerKey(db: Database, meetingId: string, reviewerId: string): Buffer | undefined {
  const row = stmt(db, 'SELECT key FROM reviewer_keys WHERE meeting_id = ? AND reviewer_id = ?').get(meetingId, reviewerId) as { key: string } | undefined
  return row ? Buffer.from(row.key, 'hex') : undefined
}
