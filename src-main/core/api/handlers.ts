/**
 * Operation name → service call. The `Handlers` type makes a missing or mistyped handler a
 * compile error: every contract line must be answered here.
 */
import type { OperationName, OutputOf, ParsedInputOf } from '../../shared/contract'
import { LATEST_VERSION } from '../db/migrate'
import type { CoreContext } from '../context'
import { createMeeting, deleteMeeting, getMeeting, listMeetings, updateMeeting } from '../services/meetings'
import { getRubric, saveRubric } from '../services/rubric'
import { restoreReviewer, restoreUnit } from '../services/restore'
import { listRubricTemplates, rubricDraftFromMeeting, rubricDraftFromSheet } from '../services/rubric-templates'
import { getRules, saveRules } from '../services/rules'
import { createUnit, deleteUnit, listUnits, reorderUnits, setUnitWithdrawal, updateUnit } from '../services/units'
import { importUnitsXlsx } from '../services/unit-import'
import {
  createReviewer,
  deleteReviewer,
  listRecusals,
  listReviewers,
  reorderReviewers,
  setRecusal,
  updateReviewer,
} from '../services/reviewers'
import { getProgress, getScoreSheet, markVeto, saveReview, saveScore } from '../services/scoring'
import { submitSheets, unlockSheet } from '../services/submissions'
import { meetingScores, saveScoresBulkPoints } from '../services/scores-bulk'
import { openDemo } from '../services/demo'
import { assertMeeting } from '../services/meetings'
import { computeMeetingResults } from '../services/results'
import { decideVeto } from '../services/veto-decisions'
import { deleteNote, listNotes, reorderNotes, restoreNote, saveNote } from '../services/notes'
import { getMinutesSettings, saveMinutesSettings } from '../services/minutes-settings'
import { listUnitOpinions, resetUnitOpinion, saveUnitOpinion } from '../services/unit-opinions'
import { exportMinutes, exportReportOrder, exportReviewerSheets, exportScoreMatrix, exportSummarySheet, previewMinutes } from '../services/exports'
import { deleteMaterial, listMeetingMaterials, materialText } from '../services/materials'
import { importBatch, importMaterials, planBatch, previewMaterials } from '../services/material-import'
import { removeOrphanBlobs } from '../materials/leftovers'
import { materialTable, meetingMaterialOverview, searchMeetingMaterials } from '../services/material-views'
import { verifyHistory } from '../history/history-verify'
import { listHistory } from '../history/history-list'
import { deleteAnnotation, listAnnotations, saveAnnotation } from '../services/annotations'
import { accessState, enterReviewer, leaveReviewer } from '../access/access-mode'
import { reviewerPinStatus, setOrganizerPin, setReviewerPin } from '../access/pins'
import { drawLots, listLotDraws } from '../services/lots'
import { controlProjector, getProjectorState } from '../services/projector'
import { getCommentPhrases, saveCommentPhrases } from '../services/comment-phrases'
import { archiveMeeting, restoreMeetingArchive } from '../services/archive'
import { mergeReturn, mergeReturns, openDistribution, packagesCompleteness, writeDistribution, writeReturn } from '../services/packages'

export type Handler<K extends OperationName> = (input: ParsedInputOf<K>, ctx: CoreContext) => OutputOf<K> | Promise<OutputOf<K>>
export type Handlers = { [K in OperationName]: Handler<K> }

const ok = { ok: true as const }

export const handlers: Handlers = {
  'system.info': (_, ctx) => ({ appVersion: ctx.appVersion, schemaVersion: LATEST_VERSION, dataDir: ctx.dataDir }),

  'system.verifyHistory': ({ meetingId }, { db }) => (meetingId && assertMeeting(db, meetingId), verifyHistory(db, meetingId)),

  'history.list': ({ meetingId, ...filter }, { db }) => (assertMeeting(db, meetingId), listHistory(db, meetingId, filter)),

  'meetings.list': (_, { db }) => listMeetings(db),
  'meetings.get': ({ meetingId }, { db }) => getMeeting(db, meetingId),
  'meetings.create': (fields, { db }) => createMeeting(db, fields),
  'meetings.update': ({ meetingId, fields }, { db }) => updateMeeting(db, meetingId, fields),
  'meetings.delete': async ({ meetingId }, ctx) => (deleteMeeting(ctx.db, meetingId), await removeOrphanBlobs(ctx), ok),
  'meetings.openDemo': (_, ctx) => openDemo(ctx),

  'rubric.get': ({ meetingId }, { db }) => getRubric(db, meetingId),
  'rubric.save': ({ meetingId, rubric }, { db }) => saveRubric(db, meetingId, rubric),
  'rubric.templates': ({ meetingId }, { db, resourcesDir }) => {
    assertMeeting(db, meetingId)
    return listRubricTemplates(resourcesDir)
  },
  'rubric.draftFromMeeting': ({ meetingId, fromMeetingId }, { db }) => rubricDraftFromMeeting(db, meetingId, fromMeetingId),
  'rubric.draftFromSheet': ({ meetingId, fileName, dataBase64 }, { db }) => rubricDraftFromSheet(db, meetingId, fileName, Buffer.from(dataBase64, 'base64')),

  'rules.get': ({ meetingId }, { db }) => getRules(db, meetingId),
  'rules.save': ({ meetingId, rules }, { db }) => (assertMeeting(db, meetingId), saveRules(db, meetingId, rules)),

  'units.list': ({ meetingId }, { db }) => listUnits(db, meetingId),
  'units.create': ({ meetingId, fields }, { db }) => createUnit(db, meetingId, fields),
  'units.update': ({ meetingId, id, fields }, { db }) => updateUnit(db, meetingId, id, fields),
  'units.delete': async ({ meetingId, id, withMaterials }, ctx) => (deleteUnit(ctx.db, meetingId, id, withMaterials), await removeOrphanBlobs(ctx), ok),
  'units.restore': ({ meetingId, unit, recusals }, { db }) => (restoreUnit(db, meetingId, unit, recusals), ok),
  'units.withdraw': ({ meetingId, id, reason }, { db }) => setUnitWithdrawal(db, meetingId, id, reason),
  'units.reinstate': ({ meetingId, id }, { db }) => setUnitWithdrawal(db, meetingId, id, null),
  'units.reorder': ({ meetingId, ids }, { db }) => reorderUnits(db, meetingId, ids),
  'units.importXlsx': (input, ctx) => importUnitsXlsx(ctx, input),

  'reviewers.list': ({ meetingId }, { db }) => listReviewers(db, meetingId),
  'reviewers.create': ({ meetingId, fields }, { db }) => createReviewer(db, meetingId, fields),
  'reviewers.update': ({ meetingId, id, fields }, { db }) => updateReviewer(db, meetingId, id, fields),
  'reviewers.delete': ({ meetingId, id }, { db }) => (deleteReviewer(db, meetingId, id), ok),
  'reviewers.restore': ({ meetingId, reviewer, recusals }, { db }) => (restoreReviewer(db, meetingId, reviewer, recusals), ok),
  'reviewers.reorder': ({ meetingId, ids }, { db }) => reorderReviewers(db, meetingId, ids),

  'recusals.list': ({ meetingId }, { db }) => listRecusals(db, meetingId),
  'recusals.set': ({ meetingId, ...change }, { db }) => (setRecusal(db, meetingId, change), ok),

  'scoring.progress': ({ meetingId, reviewerId }, { db }) => getProgress(db, meetingId, reviewerId),
  'scoring.sheet': ({ meetingId, reviewerId, unitId }, { db }) => getScoreSheet(db, meetingId, reviewerId, unitId),
  'scores.save': ({ meetingId, ...score }, { db }) => saveScore(db, meetingId, score),
  'scores.all': ({ meetingId }, { db }) => meetingScores(db, meetingId),
  'scores.saveBulk': ({ meetingId, rows }, { db }) => saveScoresBulkPoints(db, meetingId, rows),
  'reviews.save': ({ meetingId, ...review }, { db }) => saveReview(db, meetingId, review),
  'vetoes.mark': ({ meetingId, ...mark }, { db }) => markVeto(db, meetingId, mark),
  'scoring.submit': ({ meetingId, reviewerId, unitIds }, { db }) => submitSheets(db, meetingId, reviewerId, unitIds),
  'scoring.unlock': ({ meetingId, ...unlock }, { db }) => (unlockSheet(db, meetingId, unlock), ok),

  // <results-handlers>
  'results.compute': ({ meetingId }, { db }) => computeMeetingResults(db, meetingId),
  'vetoes.decide': ({ meetingId, ...decision }, { db }) => (decideVeto(db, meetingId, decision), ok),

  // <documents-handlers>
  'notes.list': ({ meetingId }, { db }) => listNotes(db, meetingId),
  'notes.save': ({ meetingId, id, fields }, { db }) => saveNote(db, meetingId, id, fields),
  'notes.delete': ({ meetingId, id }, { db }) => (deleteNote(db, meetingId, id), ok),
  'notes.restore': ({ meetingId, note }, { db }) => (restoreNote(db, meetingId, note), ok),
  'notes.reorder': ({ meetingId, ids }, { db }) => reorderNotes(db, meetingId, ids),
  'minutes.getSettings': ({ meetingId }, { db }) => getMinutesSettings(db, meetingId),
  'minutes.saveSettings': ({ meetingId, settings }, { db }) => saveMinutesSettings(db, meetingId, settings),
  'opinions.list': ({ meetingId }, { db }) => listUnitOpinions(db, meetingId),
  'opinions.save': ({ meetingId, unitId, text }, { db }) => saveUnitOpinion(db, meetingId, unitId, text),
  'opinions.reset': ({ meetingId, unitId }, { db }) => resetUnitOpinion(db, meetingId, unitId),
  'minutes.preview': ({ meetingId }, { db }) => previewMinutes(db, meetingId),
  'exports.minutes': ({ meetingId }, ctx) => exportMinutes(ctx, meetingId),
  'exports.summarySheet': ({ meetingId }, ctx) => exportSummarySheet(ctx, meetingId),
  'exports.reviewerSheets': ({ meetingId, ...options }, ctx) => exportReviewerSheets(ctx, meetingId, options),
  'exports.scoreMatrix': ({ meetingId }, ctx) => exportScoreMatrix(ctx, meetingId),

  // <materials-handlers>
  'materials.list': ({ meetingId, unitId }, ctx) => listMeetingMaterials(ctx, meetingId, unitId),
  'materials.preview': (input, ctx) => previewMaterials(ctx, input),
  'materials.import': (input, ctx) => importMaterials(ctx, input),
  'materials.batchPlan': (input, ctx) => planBatch(ctx, input),
  'materials.batchImport': (input, ctx) => importBatch(ctx, input),
  'materials.overview': ({ meetingId }, ctx) => meetingMaterialOverview(ctx, meetingId),
  'materials.delete': async ({ meetingId, id }, ctx) => (await deleteMaterial(ctx, meetingId, id), ok),
  'materials.search': (input, ctx) => searchMeetingMaterials(ctx, input),
  'materials.text': ({ meetingId, id }, ctx) => materialText(ctx, meetingId, id),
  'materials.table': ({ meetingId, id }, ctx) => materialTable(ctx, meetingId, id),

  // <access-handlers>
  'access.state': (_, { db }) => accessState(db),
  'access.setOrganizerPin': async ({ currentPin, newPin }, ctx) => (await setOrganizerPin(ctx, currentPin, newPin), ok),
  'access.reviewerPins': ({ meetingId }, { db }) => reviewerPinStatus(db, meetingId),
  'access.setReviewerPin': async ({ meetingId, reviewerId, pin }, ctx) => (await setReviewerPin(ctx, meetingId, reviewerId, pin), ok),
  'access.enterReviewer': ({ meetingId, reviewerId, pin }, ctx) => enterReviewer(ctx, meetingId, reviewerId, pin),
  'access.leaveReviewer': ({ organizerPin }, ctx) => leaveReviewer(ctx, organizerPin),

  // <annotations-handlers>
  'annotations.list': (input, { db }) => listAnnotations(db, input),
  'annotations.save': (input, { db }) => saveAnnotation(db, input),
  'annotations.delete': ({ meetingId, reviewerId, id }, { db }) => (deleteAnnotation(db, meetingId, reviewerId, id), ok),

  // <phrases-handlers>
  'phrases.get': ({ meetingId }, { db }) => getCommentPhrases(db, meetingId),
  'phrases.save': ({ meetingId, phrases }, { db }) => saveCommentPhrases(db, meetingId, phrases),

  // <onday-handlers>
  'lots.list': ({ meetingId }, { db }) => listLotDraws(db, meetingId),
  'lots.draw': ({ meetingId, seed, reason }, { db }) => drawLots(db, meetingId, { seed, reason }),
  'exports.reportOrder': ({ meetingId }, ctx) => exportReportOrder(ctx, meetingId),
  'projector.state': ({ meetingId }, { db }) => getProjectorState(db, meetingId),
  'projector.control': ({ meetingId, control }, ctx) => controlProjector(ctx, meetingId, control),

  // <packages-handlers>
  'packages.writeDistribution': ({ meetingId, folder }, ctx) => writeDistribution(ctx, meetingId, folder),
  'packages.openDistribution': ({ source }, ctx) => openDistribution(ctx, source),
  'packages.writeReturn': ({ folder }, ctx) => writeReturn(ctx, folder),
  'packages.mergeReturn': (input, ctx) => mergeReturn(ctx, input),
  'packages.mergeReturns': (input, ctx) => mergeReturns(ctx, input),
  'packages.completeness': ({ meetingId }, ctx) => packagesCompleteness(ctx, meetingId),
  'archive.write': async ({ meetingId, folder }, ctx) => {
    const { fileName, path, bytes } = await archiveMeeting(ctx, meetingId, folder)
    return { fileName, path, bytes }
  },
  'archive.restore': (input, ctx) => restoreMeetingArchive(ctx, input),

  'jobs.list': (_, { jobs }) => jobs.active(),
  'jobs.cancel': ({ id }, { jobs }) => ({ cancelled: jobs.cancel(id) }),
}
