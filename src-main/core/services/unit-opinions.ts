/**
 * 评审意见 per unit: the organizer edits the draft merged from the reviewers' comments; the saved
 * text is what the minutes print. Restoring the draft deletes the saved text.
 */
import type { Database } from 'better-sqlite3'
import type { UnitOpinion } from '../../shared/schemas/opinions'
import { newId, now, stmt } from '../db/statements'
import type { Dossier } from '../documents/dossier'
import { loadDossier } from '../documents/load-dossier'
import { draftOpinion, unitOpinions } from '../documents/minutes-opinions'
import { notFound } from '../errors'
import { assertMeeting } from './meetings'

export function listUnitOpinions(db: Database, meetingId: string): UnitOpinion[] {
  return unitOpinions(loadDossier(db, meetingId))
}

function assertUnit(db: Database, meetingId: string, unitId: string): void {
  assertMeeting(db, meetingId)
  if (!stmt(db, 'SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
}

const opinionIn = (d: Dossier, unitId: string): UnitOpinion => unitOpinions(d).find((o) => o.unitId === unitId)!

/** Saves the organizer's text for one unit (empty: print no 评审意见 for it). */
export function saveUnitOpinion(db: Database, meetingId: string, unitId: string, text: string): UnitOpinion {
  return db.transaction(() => {
    assertUnit(db, meetingId, unitId)
    const d = loadDossier(db, meetingId)
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
  })()
}

/** 恢复自动汇总: forgets the edited text, so the minutes print the draft again. */
export function resetUnitOpinion(db: Database, meetingId: string, unitId: string): UnitOpinion {
  return db.transaction(() => {
    assertUnit(db, meetingId, unitId)
    stmt(db, 'DELETE FROM unit_opinions WHERE unit_id = ?').run(unitId)
    return opinionIn(loadDossier(db, meetingId), unitId)
  })()
}
