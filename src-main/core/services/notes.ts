/**
 * The recorder's notes (会议记录): speaker, the unit concerned, key points and decisions, in the
 * order they were taken. They become part of 三、评审意见 in the minutes.
 */
import type { Database } from 'better-sqlite3'
import type { AgendaNote } from '../../shared/schemas/minutes'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError, notFound } from '../errors'
import { assertMeeting } from './meetings'
import { assertAbsent, makeRoom } from './restore'

interface NoteRow {
  id: string
  meeting_id: string
  seq: number
  speaker: string
  unit_id: string | null
  key_points: string
  decisions: string
  updated_at: string
}

/** Parsed note fields (defaults applied by the contract). */
export interface NoteFields {
  speaker: string
  unitId: string | null
  keyPoints: string
  decisions: string
}

const toNote = (r: NoteRow): AgendaNote => ({
  id: r.id,
  meetingId: r.meeting_id,
  seq: r.seq,
  speaker: r.speaker,
  unitId: r.unit_id,
  keyPoints: r.key_points,
  decisions: r.decisions,
  updatedAt: r.updated_at,
})

export function listNotes(db: Database, meetingId: string): AgendaNote[] {
  assertMeeting(db, meetingId)
  return (stmt(db, 'SELECT * FROM agenda_notes WHERE meeting_id = ? ORDER BY seq').all(meetingId) as NoteRow[]).map(toNote)
}

function getNote(db: Database, meetingId: string, id: string): AgendaNote {
  const row = stmt(db, 'SELECT * FROM agenda_notes WHERE id = ? AND meeting_id = ?').get(id, meetingId) as NoteRow | undefined
  if (!row) throw notFound('会议记录')
  return toNote(row)
}

/** A note may only point at a unit of its own meeting. */
function assertUnitOfMeeting(db: Database, meetingId: string, unitId: string | null): void {
  if (unitId === null) return
  if (!stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) {
    throw new DomainError('NOT_FOUND', '记录所涉及的参评单位不存在或不属于本会议')
  }
}

/** Creates a note at the end of the list, or updates the note `id`. */
export function saveNote(db: Database, meetingId: string, id: string | undefined, fields: NoteFields): AgendaNote {
  return writeTransaction(db, () => {
    assertMeeting(db, meetingId)
    assertUnitOfMeeting(db, meetingId, fields.unitId)
    const at = now()
    if (id) {
      getNote(db, meetingId, id)
      stmt(
        db,
        `UPDATE agenda_notes SET speaker = @speaker, unit_id = @unitId, key_points = @keyPoints, decisions = @decisions, updated_at = @at
         WHERE id = @id`,
      ).run({ ...fields, id, at })
      return getNote(db, meetingId, id)
    }
    const newNoteId = newId()
    const { next } = stmt(db, 'SELECT coalesce(max(seq), 0) + 1 AS next FROM agenda_notes WHERE meeting_id = ?').get(meetingId) as { next: number }
    stmt(
      db,
      `INSERT INTO agenda_notes (id, meeting_id, seq, speaker, unit_id, key_points, decisions, updated_at)
       VALUES (@id, @meetingId, @seq, @speaker, @unitId, @keyPoints, @decisions, @at)`,
    ).run({ ...fields, id: newNoteId, meetingId, seq: next, at })
    return getNote(db, meetingId, newNoteId)
  })
}

export function deleteNote(db: Database, meetingId: string, id: string): void {
  getNote(db, meetingId, id)
  stmt(db, 'DELETE FROM agenda_notes WHERE id = ?').run(id)
}

/**
 * 撤销删除: puts a note deleted a moment ago back with its id, place in the order and fields. If its
 * unit was deleted meanwhile it comes back as a general note, as deleting the unit would have left it.
 */
export function restoreNote(db: Database, meetingId: string, note: AgendaNote): void {
  assertMeeting(db, meetingId)
  if (note.meetingId !== meetingId) throw new DomainError('VALIDATION', '要恢复的会议记录不属于本会议')
  writeTransaction(db, () => {
    assertAbsent(db, 'agenda_notes', note.id, '会议记录')
    const unitId = note.unitId !== null && stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(note.unitId, meetingId) ? note.unitId : null
    const seq = makeRoom(db, 'agenda_notes', meetingId, note.seq)
    stmt(
      db,
      `INSERT INTO agenda_notes (id, meeting_id, seq, speaker, unit_id, key_points, decisions, updated_at)
       VALUES (@id, @meetingId, @seq, @speaker, @unitId, @keyPoints, @decisions, @at)`,
    ).run({ id: note.id, meetingId, seq, speaker: note.speaker, unitId, keyPoints: note.keyPoints, decisions: note.decisions, at: now() })
  })
}

/** Sets the order from the complete list of the meeting's note ids. */
export function reorderNotes(db: Database, meetingId: string, ids: string[]): AgendaNote[] {
  assertMeeting(db, meetingId)
  const existing = (stmt(db, 'SELECT id FROM agenda_notes WHERE meeting_id = ?').all(meetingId) as { id: string }[]).map((r) => r.id)
  const given = new Set(ids)
  if (given.size !== ids.length || given.size !== existing.length || existing.some((id) => !given.has(id))) {
    throw new DomainError('VALIDATION', '排序必须恰好包含本会议的全部会议记录，各一次')
  }
  const update = stmt(db, 'UPDATE agenda_notes SET seq = ?, updated_at = ? WHERE id = ?')
  const at = now()
  writeTransaction(db, () => ids.forEach((id, i) => update.run(i + 1, at, id)))
  return listNotes(db, meetingId)
}
