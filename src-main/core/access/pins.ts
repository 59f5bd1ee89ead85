/**
 * The PINs themselves: the organizer's (app-wide, it leaves reviewer mode) and one per reviewer (it
 * enters). Stored as scrypt hashes (pin-hash.ts); nothing here ever returns a PIN.
 */
import type { Database } from 'better-sqlite3'
import type { CoreContext } from '../context'
import { now, stmt } from '../db/statements'
import { DomainError } from '../errors'
import { getReviewer } from '../services/reviewers'
import { assertMeeting } from '../services/meetings'
import { hashPin, verifyPin } from './pin-hash'
import { assertNotLocked, recordPinCheck } from './pin-attempts'

export const ORGANIZER_PIN_KEY = 'organizer'
export const reviewerPinKey = (reviewerId: string) => `reviewer:${reviewerId}`

export const organizerPinHash = (db: Database): string | undefined =>
  stmt(db, "SELECT hash FROM app_secrets WHERE name = 'organizer_pin'").pluck().get() as string | undefined

export const reviewerPinHash = (db: Database, reviewerId: string): string | undefined =>
  stmt(db, 'SELECT hash FROM reviewer_pins WHERE reviewer_id = ?').pluck().get(reviewerId) as string | undefined

/** Checks a typed PIN against a stored hash, counting wrong tries under `key` (5 in a row → a wait). */
export async function checkPin(ctx: Pick<CoreContext, 'pinAttempts'>, key: string, pin: string, hash: string, wrongMessage: string): Promise<void> {
  assertNotLocked(ctx.pinAttempts, key)
  recordPinCheck(ctx.pinAttempts, key, await verifyPin(pin, hash), wrongMessage)
}

/** First time: no current PIN needed. A change needs the current one (the person leaving reviewer mode is the one who knows it). */
export async function setOrganizerPin(ctx: CoreContext, currentPin: string | undefined, newPin: string): Promise<void> {
  const existing = organizerPinHash(ctx.db)
  if (existing) {
    if (!currentPin) throw new DomainError('FORBIDDEN', '修改会务组 PIN 须先输入原 PIN')
    await checkPin(ctx, ORGANIZER_PIN_KEY, currentPin, existing, '原会务组 PIN 不正确')
  }
  const hash = await hashPin(newPin)
  stmt(ctx.db, "INSERT INTO app_secrets (name, hash, updated_at) VALUES ('organizer_pin', ?, ?) ON CONFLICT (name) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at").run(
    hash,
    now(),
  )
}

export function reviewerPinStatus(db: Database, meetingId: string): { reviewerId: string; pinSet: boolean }[] {
  assertMeeting(db, meetingId)
  const rows = stmt(
    db,
    'SELECT r.id AS reviewerId, EXISTS (SELECT 1 FROM reviewer_pins p WHERE p.reviewer_id = r.id) AS pinSet FROM reviewers r WHERE r.meeting_id = ? ORDER BY r.seq',
  ).all(meetingId) as { reviewerId: string; pinSet: number }[]
  return rows.map((r) => ({ reviewerId: r.reviewerId, pinSet: r.pinSet === 1 }))
}

/** Sets a reviewer's PIN, or clears it (null): the organizer's act, on a reviewer of that meeting. */
export async function setReviewerPin(ctx: CoreContext, meetingId: string, reviewerId: string, pin: string | null): Promise<void> {
  assertMeeting(ctx.db, meetingId)
  getReviewer(ctx.db, meetingId, reviewerId)
  if (pin === null) {
    stmt(ctx.db, 'DELETE FROM reviewer_pins WHERE reviewer_id = ?').run(reviewerId)
    return
  }
  const hash = await hashPin(pin)
  stmt(ctx.db, 'INSERT INTO reviewer_pins (reviewer_id, hash, updated_at) VALUES (?, ?, ?) ON CONFLICT (reviewer_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at').run(
    reviewerId,
    hash,
    now(),
  )
  // A new PIN starts with a clean slate of tries.
  ctx.pinAttempts.counters.delete(reviewerPinKey(reviewerId))
}
