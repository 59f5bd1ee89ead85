/**
 * Walks each meeting's history chain and reports the first entry that does not fit: content changed,
 * an entry removed, inserted or moved, or entries cut off the end (the head no longer matches).
 */
import type { Database } from 'better-sqlite3'
import type { HistoryCheck } from '../../shared/schemas/history'
import { stmt } from '../db/statements'
import { entryHash } from './history-chain'

interface Row {
  seq: number
  meeting_id: string
  reviewer_id: string
  unit_id: string
  field: string
  old_value: string | null
  new_value: string | null
  reason: string
  at: string
  prev_hash: string | null
  hash: string | null
}

export function verifyHistory(db: Database, meetingId?: string): HistoryCheck[] {
  const meetings = (
    meetingId
      ? stmt(db, 'SELECT id, title AS name FROM meetings WHERE id = ?').all(meetingId)
      : stmt(db, 'SELECT id, title AS name FROM meetings ORDER BY created_at, id').all()
  ) as { id: string; name: string }[]
  return meetings.map((m) => verifyMeeting(db, m.id, m.name))
}

function verifyMeeting(db: Database, meetingId: string, meetingName: string): HistoryCheck {
  const rows = stmt(db, 'SELECT * FROM score_history WHERE meeting_id = ? ORDER BY seq').iterate(meetingId) as IterableIterator<Row>
  const head = stmt(db, 'SELECT seq, hash, entries FROM history_heads WHERE meeting_id = ?').get(meetingId) as
    | { seq: number; hash: string; entries: number }
    | undefined
  let checked = 0
  let unchained = 0
  let prev = ''
  let last: Row | undefined
  const result = (broken: HistoryCheck['broken']): HistoryCheck => ({ meetingId, meetingName, checked, unchained, broken })
  const at = (row: Row, problem: string) => ({ seq: row.seq, at: row.at, field: row.field, problem })

  for (const row of rows) {
    if (row.hash === null) {
      // Entries from before the chain existed come first; one without a hash later was slipped in.
      if (checked > 0) return result(at(row, '这条记录没有校验值，是在记录链建立后被插入的'))
      unchained++
      continue
    }
    if (row.prev_hash !== prev) return result(at(row, '它之前的记录被删除、插入或调换了顺序'))
    const expected = entryHash(prev, {
      meetingId: row.meeting_id,
      reviewerId: row.reviewer_id,
      unitId: row.unit_id,
      field: row.field,
      oldValue: row.old_value,
      newValue: row.new_value,
      reason: row.reason,
      at: row.at,
    })
    if (expected !== row.hash) return result(at(row, '这条记录的内容被修改过'))
    prev = row.hash
    last = row
    checked++
  }
  if (!head && checked > 0) return result({ seq: last!.seq, at: last!.at, field: last!.field, problem: '记录链的结尾标记被删除' })
  if (head && (head.hash !== prev || head.entries !== checked)) {
    return result({ seq: head.seq, at: '', field: '', problem: `最后的 ${Math.max(head.entries - checked, 1)} 条记录被删除或改动` })
  }
  return result(null)
}
