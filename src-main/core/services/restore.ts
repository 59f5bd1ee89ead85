/**
 * 撤销删除: puts back a unit or a reviewer (a note: see notes.ts) exactly as it was deleted a moment ago — same id, same place
 * in the list, same fields, and its recusals with whoever is still there. Deletes are refused once
 * scores exist, so nothing else hangs on these rows. The renderer keeps what it deleted for the few
 * seconds the 撤销 button shows and sends it back here.
 */
import type { Database } from 'better-sqlite3'
import type { Recusal, Reviewer } from '../../shared/schemas/reviewer'
import type { Unit } from '../../shared/schemas/unit'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import { assertMeeting } from './meetings'

type Table = 'units' | 'reviewers' | 'agenda_notes'

/**
 * Frees place `seq` for the returning row. Deleting leaves a gap in the numbering, so usually the
 * place is still free; if rows were added or moved meanwhile, those from there on move down one.
 */
export function makeRoom(db: Database, table: Table, meetingId: string, seq: number): number {
  if (db.prepare(`SELECT 1 FROM ${table} WHERE meeting_id = ? AND seq = ?`).get(meetingId, seq)) {
    // Two steps so no intermediate state repeats a seq, whatever the index allows.
    db.prepare(`UPDATE ${table} SET seq = -seq - 1 WHERE meeting_id = ? AND seq >= ?`).run(meetingId, seq)
    db.prepare(`UPDATE ${table} SET seq = -seq WHERE meeting_id = ? AND seq < 0`).run(meetingId)
  }
  return seq
}

/** A row that is back already (a second click of 撤销, or a second window) is not put back twice. */
export function assertAbsent(db: Database, table: Table, id: string, what: string): void {
  if (db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) throw new DomainError('CONFLICT', `该${what}已经恢复，无需再次撤销`)
}

function assertNameFree(db: Database, table: Table, meetingId: string, name: string, what: string): void {
  if (db.prepare(`SELECT 1 FROM ${table} WHERE meeting_id = ? AND name = ?`).get(meetingId, name)) {
    throw new DomainError('CONFLICT', `无法撤销：名单中已有同名${what}“${name}”`)
  }
}

/** Recusals of the restored row whose other side still exists (one deleted meanwhile stays gone). */
function restoreRecusals(db: Database, meetingId: string, recusals: Recusal[]): void {
  const insert = stmt(
    db,
    `INSERT INTO recusals (id, meeting_id, reviewer_id, unit_id, source, reason, updated_at)
     SELECT @id, @meetingId, @reviewerId, @unitId, @source, @reason, @at
     WHERE EXISTS (SELECT 1 FROM reviewers WHERE id = @reviewerId AND meeting_id = @meetingId)
       AND EXISTS (SELECT 1 FROM units WHERE id = @unitId AND meeting_id = @meetingId)
     ON CONFLICT DO NOTHING`,
  )
  const at = now()
  for (const r of recusals) insert.run({ id: r.id, meetingId, reviewerId: r.reviewerId, unitId: r.unitId, source: r.source, reason: r.reason, at })
}

export function restoreUnit(db: Database, meetingId: string, unit: Unit, recusals: Recusal[]): void {
  assertMeeting(db, meetingId)
  if (unit.meetingId !== meetingId || recusals.some((r) => r.unitId !== unit.id)) throw new DomainError('VALIDATION', '要恢复的单位不属于本会议')
  writeTransaction(db, () => {
    assertAbsent(db, 'units', unit.id, '单位')
    assertNameFree(db, 'units', meetingId, unit.name, '单位')
    const seq = makeRoom(db, 'units', meetingId, unit.seq)
    stmt(
      db,
      `INSERT INTO units (id, meeting_id, seq, name, category, department, brand, contact, phone, updated_at)
       VALUES (@id, @meetingId, @seq, @name, @category, @department, @brand, @contact, @phone, @at)`,
    ).run({ ...unit, meetingId, seq, at: now() })
    restoreRecusals(db, meetingId, recusals)
  })
}

export function restoreReviewer(db: Database, meetingId: string, reviewer: Reviewer, recusals: Recusal[]): void {
  assertMeeting(db, meetingId)
  if (reviewer.meetingId !== meetingId || recusals.some((r) => r.reviewerId !== reviewer.id)) throw new DomainError('VALIDATION', '要恢复的评委不属于本会议')
  writeTransaction(db, () => {
    assertAbsent(db, 'reviewers', reviewer.id, '评委')
    assertNameFree(db, 'reviewers', meetingId, reviewer.name, '评委')
    if (reviewer.role === 'chair' && db.prepare(`SELECT 1 FROM reviewers WHERE meeting_id = ? AND role = 'chair'`).get(meetingId)) {
      throw new DomainError('CONFLICT', '无法撤销：已另设评审组长，请先把现任组长改为评委')
    }
    const seq = makeRoom(db, 'reviewers', meetingId, reviewer.seq)
    stmt(
      db,
      `INSERT INTO reviewers (id, meeting_id, seq, name, title, role, submitted_at, updated_at)
       VALUES (@id, @meetingId, @seq, @name, @title, @role, @submittedAt, @at)`,
    ).run({ id: reviewer.id, meetingId, seq, name: reviewer.name, title: reviewer.title, role: reviewer.role, submittedAt: reviewer.submittedAt, at: now() })
    restoreRecusals(db, meetingId, recusals)
  })
}
