import type { Database } from 'better-sqlite3'
import type { Meeting, MeetingFields, MeetingSummary } from '../../shared/schemas/meeting'
import { RulesInput } from '../../shared/schemas/rules'
import { notFound } from '../errors'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { saveRules } from './rules'
import { scoresOfMeeting } from './score-scope'

interface MeetingRow {
  id: string
  title: string
  date: string
  start_time: string
  end_time: string
  place: string
  host: string
  host_title: string
  recorder: string
  issuing_body: string
  report_minutes: number
  question_minutes: number
  is_demo: number
  created_at: string
  updated_at: string
}

const toMeeting = (r: MeetingRow): Meeting => ({
  id: r.id,
  title: r.title,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  place: r.place,
  host: r.host,
  hostTitle: r.host_title,
  recorder: r.recorder,
  issuingBody: r.issuing_body,
  reportMinutes: r.report_minutes,
  questionMinutes: r.question_minutes,
  isDemo: r.is_demo === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

export function listMeetings(db: Database): MeetingSummary[] {
  const rows = stmt(
    db,
    `SELECT m.*,
       (SELECT count(*) FROM units u WHERE u.meeting_id = m.id) AS unit_count,
       (SELECT count(*) FROM reviewers r WHERE r.meeting_id = m.id) AS reviewer_count,
       (SELECT count(*) FROM scores WHERE ${scoresOfMeeting('m.id')}) AS score_count
     FROM meetings m ORDER BY m.date DESC, m.created_at DESC`,
  ).all() as (MeetingRow & { unit_count: number; reviewer_count: number; score_count: number })[]
  return rows.map((r) => ({
    ...toMeeting(r),
    unitCount: r.unit_count,
    reviewerCount: r.reviewer_count,
    scoreCount: r.score_count,
  }))
}

export function getMeeting(db: Database, id: string): Meeting {
  const row = stmt(db, 'SELECT * FROM meetings WHERE id = ?').get(id) as MeetingRow | undefined
  if (!row) throw notFound('会议')
  return toMeeting(row)
}

/** Throws NOT_FOUND unless the meeting exists; used by every meeting-scoped operation. */
export function assertMeeting(db: Database, id: string): void {
  if (!stmt(db, 'SELECT 1 FROM meetings WHERE id = ?').get(id)) throw notFound('会议')
}

export function createMeeting(db: Database, fields: MeetingFields, options: { id?: string; isDemo?: boolean } = {}): Meeting {
  const id = options.id ?? newId()
  const at = now()
  writeTransaction(db, () => {
    stmt(
      db,
      `INSERT INTO meetings (id, title, date, start_time, end_time, place, host, host_title, recorder, issuing_body,
         report_minutes, question_minutes, is_demo, created_at, updated_at)
       VALUES (@id, @title, @date, @startTime, @endTime, @place, @host, @hostTitle, @recorder, @issuingBody,
         @reportMinutes, @questionMinutes, @isDemo, @at, @at)`,
    ).run({ ...fields, id, isDemo: options.isDemo ? 1 : 0, at })
    saveRules(db, id, RulesInput.parse({}))
    stmt(db, 'INSERT INTO rubrics (meeting_id, base_tenths, updated_at) VALUES (?, 1000, ?)').run(id, at)
  })
  return getMeeting(db, id)
}

export function updateMeeting(db: Database, id: string, fields: MeetingFields): Meeting {
  const info = stmt(
    db,
    `UPDATE meetings SET title = @title, date = @date, start_time = @startTime, end_time = @endTime, place = @place,
       host = @host, host_title = @hostTitle, recorder = @recorder, issuing_body = @issuingBody,
       report_minutes = @reportMinutes, question_minutes = @questionMinutes, updated_at = @at
     WHERE id = @id`,
  ).run({ ...fields, id, at: now() })
  if (info.changes === 0) throw notFound('会议')
  return getMeeting(db, id)
}

export function deleteMeeting(db: Database, id: string): void {
  writeTransaction(db, () => {
    // Scores first, by their key: the cascade from each deleted unit and rubric item would otherwise
    // search the whole scores table once per unit and item (score-scope.ts).
    stmt(db, `DELETE FROM scores WHERE ${scoresOfMeeting()}`).run(id)
    const info = stmt(db, 'DELETE FROM meetings WHERE id = ?').run(id)
    if (info.changes === 0) throw notFound('会议')
  })
}
