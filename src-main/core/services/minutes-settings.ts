/**
 * Minutes settings: one row per meeting once saved; until then the defaults are derived from the
 * meeting each time they are read, so edits to the meeting (title, reviewers…) still show up.
 */
import type { Database } from 'better-sqlite3'
import type { z } from 'zod'
import type { MinutesSettings, MinutesSettingsFields } from '../../shared/schemas/minutes'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import { getMeeting } from './meetings'
import { getRules } from './rules'

interface SettingsRow {
  title: string
  issuing_body: string
  issue_date: string
  attendees: string
  observers: string
  absentees: string
  recorder: string
  overall_opinion: string
  other_matters: string
  recommended_wording: string
  recommended_bands: string
  scorer: string
  checker: string
  mark_internal: number
  updated_at: string
}

/** Parsed settings (every default applied by the contract). */
export type SettingsFields = z.output<typeof MinutesSettingsFields>

/** Defaults: title from the meeting, the reviewers attend, the meeting's recorder, the best band recommended. */
export function defaultSettings(db: Database, meetingId: string): MinutesSettings {
  const meeting = getMeeting(db, meetingId)
  const rules = getRules(db, meetingId)
  const reviewers = stmt(db, 'SELECT name FROM reviewers WHERE meeting_id = ? ORDER BY seq').all(meetingId) as { name: string }[]
  const issuer = meeting.issuingBody || '会务组'
  return {
    meetingId,
    title: meeting.title.endsWith('纪要') ? meeting.title : `${meeting.title}纪要`,
    issuingBody: meeting.issuingBody,
    issueDate: meeting.date,
    attendees: reviewers.map((r) => r.name),
    observers: [],
    absentees: [],
    recorder: meeting.recorder,
    overallOpinion: '',
    otherMatters: [
      '请各参评单位对照评审意见，认真抓好整改提升，巩固创建成果。',
      `评审结果经评审组长签字确认后，由${issuer}按程序报批并予以公布。`,
    ].join('\n'),
    recommendedWording: '根据评审结果，经评审组合议，建议推荐以下单位：',
    recommendedBands: rules.bands.length > 1 ? [rules.bands[0].label] : [],
    scorer: '',
    checker: '',
    markInternal: true,
    saved: false,
    updatedAt: null,
  }
}

export function getMinutesSettings(db: Database, meetingId: string): MinutesSettings {
  const defaults = defaultSettings(db, meetingId)
  const r = stmt(db, 'SELECT * FROM minutes_settings WHERE meeting_id = ?').get(meetingId) as SettingsRow | undefined
  if (!r) return defaults
  return {
    meetingId,
    title: r.title,
    issuingBody: r.issuing_body,
    issueDate: r.issue_date,
    attendees: JSON.parse(r.attendees),
    observers: JSON.parse(r.observers),
    absentees: JSON.parse(r.absentees),
    recorder: r.recorder,
    overallOpinion: r.overall_opinion,
    otherMatters: r.other_matters,
    recommendedWording: r.recommended_wording,
    recommendedBands: JSON.parse(r.recommended_bands),
    scorer: r.scorer,
    checker: r.checker,
    markInternal: r.mark_internal === 1,
    saved: true,
    updatedAt: r.updated_at,
  }
}

/** Recommended bands must be bands of the meeting's rules, or nobody would ever match. */
function checkBands(db: Database, meetingId: string, bands: string[]): void {
  const labels = new Set(getRules(db, meetingId).bands.map((b) => b.label))
  const unknown = bands.filter((b) => !labels.has(b))
  if (unknown.length) {
    throw new DomainError('VALIDATION', `推荐等次“${unknown.join('、')}”不在本会议的等次设置中（现有：${[...labels].join('、')}）`)
  }
  if (new Set(bands).size !== bands.length) throw new DomainError('VALIDATION', '推荐等次不能重复')
}

export function saveMinutesSettings(db: Database, meetingId: string, fields: SettingsFields): MinutesSettings {
  return writeTransaction(db, () => {
    getMeeting(db, meetingId)
    checkBands(db, meetingId, fields.recommendedBands)
    stmt(
      db,
      `INSERT INTO minutes_settings (id, meeting_id, title, issuing_body, issue_date, attendees, observers, absentees, recorder,
         overall_opinion, other_matters, recommended_wording, recommended_bands, scorer, checker, mark_internal, updated_at)
       VALUES (@id, @meetingId, @title, @issuingBody, @issueDate, @attendees, @observers, @absentees, @recorder,
         @overallOpinion, @otherMatters, @recommendedWording, @recommendedBands, @scorer, @checker, @markInternal, @at)
       ON CONFLICT (meeting_id) DO UPDATE SET title = @title, issuing_body = @issuingBody, issue_date = @issueDate,
         attendees = @attendees, observers = @observers, absentees = @absentees, recorder = @recorder,
         overall_opinion = @overallOpinion, other_matters = @otherMatters, recommended_wording = @recommendedWording,
         recommended_bands = @recommendedBands, scorer = @scorer, checker = @checker, mark_internal = @markInternal,
         updated_at = @at`,
    ).run({
      ...fields,
      id: newId(),
      meetingId,
      attendees: JSON.stringify(fields.attendees),
      observers: JSON.stringify(fields.observers),
      absentees: JSON.stringify(fields.absentees),
      recommendedBands: JSON.stringify(fields.recommendedBands),
      markInternal: fields.markInternal ? 1 : 0,
      at: now(),
    })
    return getMinutesSettings(db, meetingId)
  })
}
