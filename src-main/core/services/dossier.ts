/**
 * Reads everything a meeting's documents print, in one read transaction so the results and the
 * individual sheets come from the same moment. Scores are read as raw rows (a 300 × 40 × 30
 * meeting has 360,000 of them).
 */
import type { Database } from 'better-sqlite3'
import { stmt } from '../db/statements'
import { getMeeting } from './meetings'
import { getMinutesSettings } from './minutes-settings'
import { listNotes } from './notes'
import { computeMeetingResults } from './results'
import { readEditedOpinions } from './unit-opinions'
import { listReviewers } from './reviewers'
import { getRubric } from './rubric'
import { listUnits } from './units'
import { emptyEntry, pairKey, type Dossier, type SheetEntry } from '../documents/dossier'

type Row = unknown[]

export function loadDossier(db: Database, meetingId: string): Dossier {
  return db.transaction((): Dossier => {
    const meeting = getMeeting(db, meetingId)
    const entries = new Map<string, SheetEntry>()
    const entry = (reviewerId: string, unitId: string) => {
      const key = pairKey(reviewerId, unitId)
      let e = entries.get(key)
      if (!e) entries.set(key, (e = emptyEntry()))
      return e
    }
    // Rows of one sheet usually come together (they are saved together), so the sheet is looked up
    // when it changes; sorting in SQL would cost more than it saves.
    let current: SheetEntry | null = null
    let currentR = ''
    let currentU = ''
    for (const [r, u, item, tenths, reason] of stmt(
      db,
      'SELECT reviewer_id, unit_id, item_id, value_tenths, deduction_reason FROM scores WHERE meeting_id = ?',
    )
      .raw(true)
      .all(meetingId) as [string, string, string, number, string][]) {
      if (current === null || r !== currentR || u !== currentU) {
        current = entry(r, u)
        currentR = r
        currentU = u
      }
      current.scores.set(item, { value: tenths / 10, reason })
    }
    for (const [r, u, bonus, bonusReason, strengths, weaknesses, suggestions] of stmt(
      db,
      'SELECT reviewer_id, unit_id, bonus_tenths, bonus_reason, strengths, weaknesses, suggestions FROM reviews WHERE meeting_id = ?',
    )
      .raw(true)
      .all(meetingId) as Row[]) {
      Object.assign(entry(r as string, u as string), {
        bonus: bonus === null ? null : (bonus as number) / 10,
        bonusReason,
        strengths,
        weaknesses,
        suggestions,
      })
    }
    for (const [r, u, vetoItemId, reason] of stmt(
      db,
      `SELECT m.reviewer_id, m.unit_id, m.veto_item_id, m.reason FROM veto_marks m JOIN veto_items v ON v.id = m.veto_item_id
       WHERE m.meeting_id = ? ORDER BY v.seq`,
    )
      .raw(true)
      .all(meetingId) as Row[]) {
      entry(r as string, u as string).vetoMarks.push({ vetoItemId: vetoItemId as string, reason: reason as string })
    }
    const recused = new Set(
      (stmt(db, 'SELECT reviewer_id, unit_id FROM recusals WHERE meeting_id = ?').raw(true).all(meetingId) as Row[]).map(([r, u]) =>
        pairKey(r as string, u as string),
      ),
    )
    return {
      meeting,
      rubric: getRubric(db, meetingId),
      units: listUnits(db, meetingId),
      reviewers: listReviewers(db, meetingId),
      results: computeMeetingResults(db, meetingId),
      notes: listNotes(db, meetingId),
      settings: getMinutesSettings(db, meetingId),
      recused,
      entries,
      opinions: readEditedOpinions(db, meetingId),
    }
  })()
}
