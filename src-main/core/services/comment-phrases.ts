/**
 * The organizer's common phrases for 亮点 / 不足 / 建议. A row in comment_phrase_lists means a list
 * was saved (even an empty one, so an organizer can switch the defaults off); until then the app's
 * defaults are offered.
 */
import type { Database } from 'better-sqlite3'
import { DEFAULT_COMMENT_PHRASES } from '../../shared/comment-phrase-defaults'
import { COMMENT_PARTS, type CommentPhraseList, type CommentPhrases } from '../../shared/schemas/phrases'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { assertMeeting } from './meetings'

const defaults = (): CommentPhraseList => ({
  strengths: [...DEFAULT_COMMENT_PHRASES.strengths],
  weaknesses: [...DEFAULT_COMMENT_PHRASES.weaknesses],
  suggestions: [...DEFAULT_COMMENT_PHRASES.suggestions],
  saved: false,
})

export function getCommentPhrases(db: Database, meetingId: string): CommentPhraseList {
  assertMeeting(db, meetingId)
  if (!stmt(db, 'SELECT 1 FROM comment_phrase_lists WHERE meeting_id = ?').get(meetingId)) return defaults()
  const rows = stmt(db, 'SELECT part, text FROM comment_phrases WHERE meeting_id = ? ORDER BY part, seq').all(meetingId) as {
    part: (typeof COMMENT_PARTS)[number]
    text: string
  }[]
  const list: CommentPhraseList = { strengths: [], weaknesses: [], suggestions: [], saved: true }
  for (const r of rows) list[r.part].push(r.text)
  return list
}

/** Replaces the meeting's three lists, in the given order; a phrase repeated within a part is kept once. */
export function saveCommentPhrases(db: Database, meetingId: string, phrases: CommentPhrases): CommentPhraseList {
  return writeTransaction(db, () => {
    assertMeeting(db, meetingId)
    stmt(
      db,
      `INSERT INTO comment_phrase_lists (meeting_id, saved_at) VALUES (?, ?)
       ON CONFLICT (meeting_id) DO UPDATE SET saved_at = excluded.saved_at`,
    ).run(meetingId, now())
    stmt(db, 'DELETE FROM comment_phrases WHERE meeting_id = ?').run(meetingId)
    const insert = stmt(db, 'INSERT INTO comment_phrases (meeting_id, part, seq, text) VALUES (?, ?, ?, ?)')
    for (const part of COMMENT_PARTS) {
      ;[...new Set(phrases[part])].forEach((text, seq) => insert.run(meetingId, part, seq, text))
    }
    return getCommentPhrases(db, meetingId)
  })
}
