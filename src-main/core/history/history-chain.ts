/**
 * The score history as a hash chain (one chain per meeting). Every change to a score, bonus, veto,
 * decision or lock is appended here — never updated (a trigger refuses UPDATE) — and each entry's
 * hash covers its content and the previous entry's hash, so a row edited, removed or reordered by
 * hand in the database file breaks the chain at that point. It is evidence, not a lock: someone who
 * recomputes every hash can forge it; someone editing a row with a SQLite tool cannot go unnoticed.
 */
import { createHash } from 'node:crypto'
import type { Database } from 'better-sqlite3'
import { now, stmt } from '../db/statements'

export interface HistoryEntry {
  meetingId: string
  reviewerId: string
  unitId: string
  /** 'item:<id>', 'bonus', 'comment', 'veto:<id>', 'veto-decision', 'import', 'submit', 'unlock'… */
  field: string
  oldValue: string | null
  newValue: string | null
  reason?: string
  at?: string
}

/** The hash of an entry's content chained to `prev` (''). JSON of an array: no field can bleed into the next. */
export function entryHash(prev: string, e: Required<Omit<HistoryEntry, 'meetingId'>> & { meetingId: string }): string {
  const content = JSON.stringify(['v1', prev, e.meetingId, e.reviewerId, e.unitId, e.field, e.oldValue, e.newValue, e.reason, e.at])
  return createHash('sha256').update(content).digest('hex')
}

/** Appends one entry to the meeting's chain; the caller owns the transaction (the change and its record commit together). */
export function appendHistory(db: Database, entry: HistoryEntry): void {
  appendHistoryEntries(db, entry.meetingId, [entry])
}

/**
 * Appends entries of one meeting in order, chained as appendHistory would one by one, reading and moving
 * the head once (a merge or a bulk save records one line per sheet: 300 at a time). The caller owns the transaction.
 */
export function appendHistoryEntries(db: Database, meetingId: string, entries: HistoryEntry[]): void {
  if (entries.length === 0) return
  const head = stmt(db, 'SELECT hash FROM history_heads WHERE meeting_id = ?').get(meetingId) as { hash: string } | undefined
  const insert = stmt(
    db,
    `INSERT INTO score_history (meeting_id, reviewer_id, unit_id, field, old_value, new_value, reason, at, prev_hash, hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  let prev = head?.hash ?? ''
  let seq = 0
  const at = now()
  for (const entry of entries) {
    if (entry.meetingId !== meetingId) throw new Error('appendHistoryEntries: entries of another meeting')
    const e = { ...entry, reason: entry.reason ?? '', at: entry.at ?? at }
    const hash = entryHash(prev, e)
    seq = Number(insert.run(e.meetingId, e.reviewerId, e.unitId, e.field, e.oldValue, e.newValue, e.reason, e.at, prev, hash).lastInsertRowid)
    prev = hash
  }
  stmt(
    db,
    `INSERT INTO history_heads (meeting_id, seq, hash, entries) VALUES (?, ?, ?, ?)
     ON CONFLICT (meeting_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, entries = entries + excluded.entries`,
  ).run(meetingId, seq, prev, entries.length)
}
