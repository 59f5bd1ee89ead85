/**
 * Who is at the keyboard: the organizer, or one reviewer in reviewer mode. The mode is a row in the
 * database (access_mode, migration 010), so a reload, a second window or a restart stays in it.
 * Entering needs the reviewer's PIN and an organizer PIN to exist (else nobody could leave);
 * leaving needs the organizer's PIN.
 */
import type { Database } from 'better-sqlite3'
import type { AccessState } from '../../shared/schemas/access'
import type { CoreContext } from '../context'
import { now, stmt } from '../db/statements'
import { DomainError } from '../errors'
import { assertMeeting } from '../services/meetings'
import { getReviewer } from '../services/reviewers'
import { checkPin, ORGANIZER_PIN_KEY, organizerPinHash, reviewerPinHash, reviewerPinKey } from './pins'

export interface ReviewerMode {
  meetingId: string
  reviewerId: string
  enteredAt: string
  canLeave: boolean
}

/** The reviewer mode in force, or null when the organizer is at the keyboard. */
export function readMode(db: Database): ReviewerMode | null {
  const row = stmt(db, 'SELECT meeting_id, reviewer_id, entered_at, can_leave FROM access_mode WHERE id = 1').get() as
    | { meeting_id: string; reviewer_id: string; entered_at: string; can_leave: number }
    | undefined
  return row ? { meetingId: row.meeting_id, reviewerId: row.reviewer_id, enteredAt: row.entered_at, canLeave: row.can_leave === 1 } : null
}

export function accessState(db: Database): AccessState {
  const organizerPinSet = organizerPinHash(db) !== undefined
  const mode = readMode(db)
  if (!mode) return { mode: 'organizer', organizerPinSet }
  const names = stmt(db, 'SELECT m.title AS meetingName, r.name AS reviewerName FROM meetings m JOIN reviewers r ON r.meeting_id = m.id WHERE m.id = ? AND r.id = ?').get(
    mode.meetingId,
    mode.reviewerId,
  ) as { meetingName: string; reviewerName: string }
  return { mode: 'reviewer', organizerPinSet, ...mode, ...names, since: mode.enteredAt }
}

export async function enterReviewer(ctx: CoreContext, meetingId: string, reviewerId: string, pin: string): Promise<AccessState> {
  const { db } = ctx
  const organizerHash = organizerPinHash(db)
  if (!organizerHash) throw new DomainError('FORBIDDEN', '请先设置会务组 PIN：退出评委模式要用它')
  assertMeeting(db, meetingId)
  const reviewer = getReviewer(db, meetingId, reviewerId)
  const hash = reviewerPinHash(db, reviewerId)
  if (!hash) throw new DomainError('FORBIDDEN', `评委“${reviewer.name}”尚未设置 PIN，请会务组在“评委与回避”中设置`)
  await checkPin(ctx, reviewerPinKey(reviewerId), pin, hash, `评委“${reviewer.name}”的 PIN 不正确`)
  stmt(db, 'INSERT OR REPLACE INTO access_mode (id, meeting_id, reviewer_id, entered_at, can_leave) VALUES (1, ?, ?, ?, 1)').run(meetingId, reviewerId, now())
  return accessState(db)
}

/** Back to the organizer: needs the organizer's PIN; a workspace made from a package (issue 10) cannot be left. */
export async function leaveReviewer(ctx: CoreContext, organizerPin: string): Promise<AccessState> {
  const { db } = ctx
  const mode = readMode(db)
  // Another window already left: nothing to do, and nothing to reveal.
  if (!mode) return accessState(db)
  if (!mode.canLeave) throw new DomainError('FORBIDDEN', '这是由评审包生成的评委工作区，只能评分和生成回收包，不能退出评委模式')
  const hash = organizerPinHash(db)
  if (!hash) throw new DomainError('FORBIDDEN', '未设置会务组 PIN，无法退出评委模式')
  await checkPin(ctx, ORGANIZER_PIN_KEY, organizerPin, hash, '会务组 PIN 不正确')
  stmt(db, 'DELETE FROM access_mode WHERE id = 1').run()
  return accessState(db)
}
