/**
 * 评审意见 per unit: the organizer edits the draft merged from the reviewers' comments; the saved
 * text is what the minutes print. Restoring the draft deletes the saved text.
 */
import type { Database } from 'better-sqlite3'
import type { UnitOpinion } from '../../shared/schemas/opinions'
import { newId, now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { emptyEntry, pairKey, type EditedOpinion, type SheetEntry } from '../documents/dossier'
import { draftOpinion, unitOpinions, type OpinionSources } from '../documents/minutes-opinions'
import { notFound } from '../errors'
import { assertMeeting } from './meetings'
import { computeMeetingResults } from './results'
import { listReviewers } from './reviewers'
import { listUnits } from './units'

/** Unit id → the organizer's saved 评审意见 (units without one print the draft). */
export function readEditedOpinions(db: Database, meetingId: string): Map<string, EditedOpinion> {
  const rows = stmt(db, 'SELECT unit_id, text, based_on, updated_at FROM unit_opinions WHERE meeting_id = ?').raw(true).all(meetingId) as string[][]
  return new Map(rows.map(([unitId, text, basedOn, updatedAt]) => [unitId, { text, basedOn, updatedAt }]))
}

/**
 * The comments, recusals, veto outcomes and edited texts, without the score sheets the documents
 * print (a 300-unit, 40-reviewer meeting has 360,000 scores): read in one transaction.
 */
function loadOpinionSources(db: Database, meetingId: string): OpinionSources {
  return db.transaction((): OpinionSources => {
    assertMeeting(db, meetingId)
    const entries = new Map<string, SheetEntry>()
    for (const [r, u, strengths, weaknesses, suggestions] of stmt(
      db,
      'SELECT reviewer_id, unit_id, strengths, weaknesses, suggestions FROM reviews WHERE meeting_id = ?',
    )
      .raw(true)
      .all(meetingId) as string[][]) {
      entries.set(pairKey(r, u), { ...emptyEntry(), strengths, weaknesses, suggestions })
    }
    const recused = new Set(
      (stmt(db, 'SELECT reviewer_id, unit_id FROM recusals WHERE meeting_id = ?').raw(true).all(meetingId) as string[][]).map(([r, u]) => pairKey(r, u)),
    )
    return {
      units: listUnits(db, meetingId),
      reviewers: listReviewers(db, meetingId),
      results: computeMeetingResults(db, meetingId),
      recused,
      entries,
      opinions: readEditedOpinions(db, meetingId),
    }
  })()
}

export function listUnitOpinions(db: Database, meetingId: string): UnitOpinion[] {
  return unitOpinions(loadOpinionSources(db, meetingId))
}

function assertUnit(db: Database, meetingId: string, unitId: string): void {
  assertMeeting(db, meetingId)
  if (!stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
}

const opinionIn = (d: OpinionSources, unitId: string): UnitOpinion => unitOpinions(d).find((o) => o.unitId === unitId)!

/** Saves the organizer's text for one unit (empty: print no 评审意见 for it). */
export function saveUnitOpinion(db: Database, meetingId: string, unitId: string, text: string): UnitOpinion {
  return writeTransaction(db, () => {
    assertUnit(db, meetingId, unitId)
    const d = loadOpinionSources(db, meetingId)
    // The draft the organizer was looking at: saving again means they have seen the current one.
    const basedOn = draftOpinion(d, unitId)
    const at = now()
    stmt(
      db,
      `INSERT INTO unit_opinions (id, meeting_id, unit_id, text, based_on, updated_at) VALUES (@id, @meetingId, @unitId, @text, @basedOn, @at)
       ON CONFLICT (unit_id) DO UPDATE SET text = @text, based_on = @basedOn, updated_at = @at`,
    ).run({ id: newId(), meetingId, unitId, text, basedOn, at })
    d.opinions.set(unitId, { text, basedOn, updatedAt: at })
    return opinionIn(d, unitId)
  })
}

/** 恢复自动汇总: forgets the edited text, so the minutes print the draft again. */
export function resetUnitOpinion(db: Database, meetingId: string, unitId: string): UnitOpinion {
  return writeTransaction(db, () => {
    assertUnit(db, meetingId, unitId)
    stmt(db, 'DELETE FROM unit_opinions WHERE unit_id = ?').run(unitId)
    return opinionIn(loadOpinionSources(db, meetingId), unitId)
  })
}
