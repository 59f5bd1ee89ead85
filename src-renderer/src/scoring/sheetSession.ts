/**
 * One reviewer × unit score sheet being edited: the typed drafts, their save status and what the
 * server has confirmed, each in one table per field kind (scores by item id, the review, veto marks
 * by veto item id), and one FieldSaver per field. The form renders `state`; every keystroke goes
 * through `edit()`, which journals it and schedules the save. Input typed before the sheet has
 * loaded is kept and wins over the server's copy (the user's latest keystroke is the truth).
 */
import { reactive } from 'vue'
import type { Rubric } from '@shared/schemas/rubric'
import type { Review, SavedScore, ScoreSheet, VetoMark } from '@shared/schemas/scoring'
import { formatPoints } from '@shared/points'
import { api } from '../api'
import type { DraftJournal, DraftPart } from './draftJournal'
import { FieldSaver, errorText, type Checked, type FieldStatus } from './fieldSaver'
import { parsePoints } from './pointsInput'
import { sheetTotal } from './sheetTotal'

export interface ScoreDraft extends DraftPart {
  text: string
  reason: string
}
export interface ReviewDraft extends DraftPart {
  bonus: string
  bonusReason: string
  strengths: string
  weaknesses: string
  suggestions: string
}
export interface VetoDraft extends DraftPart {
  marked: boolean
  reason: string
}

/** Which field: a score (by rubric item), the sheet's review (bonus and comments), a veto mark. */
export type FieldRef = { kind: 'score'; itemId: string } | { kind: 'review' } | { kind: 'veto'; vetoItemId: string }
export const scoreRef = (itemId: string): FieldRef => ({ kind: 'score', itemId })
export const vetoRef = (vetoItemId: string): FieldRef => ({ kind: 'veto', vetoItemId })
export const REVIEW_REF: FieldRef = { kind: 'review' }

/** The journal's address of a field (its storage format). */
export function journalKey(ref: FieldRef): string {
  if (ref.kind === 'score') return `score:${ref.itemId}`
  if (ref.kind === 'veto') return `veto:${ref.vetoItemId}`
  return 'review'
}

export interface SheetTotals {
  scored?: number
  total: number
}

export interface SheetContext {
  meetingId: string
  reviewerId: string
  unitId: string
  rubric: Rubric
  journal: DraftJournal
  /** Known before loading (recusal from progress, submitted reviewer): no input is accepted. */
  readOnly: boolean
  onTotals(unitId: string, totals: SheetTotals): void
}

type AnySaver = FieldSaver<DraftPart, unknown, unknown>

export const MISSING_REASON = '待补扣分说明'

function serverScore(sheet: ScoreSheet | null, itemId: string): ScoreDraft {
  const s = sheet?.scores.find((x) => x.itemId === itemId)
  return { text: s && s.value !== null ? formatPoints(s.value) : '', reason: s?.deductionReason ?? '' }
}
function serverReview(sheet: ScoreSheet | null): ReviewDraft {
  const r = sheet?.review
  return {
    bonus: r && r.bonus !== null ? formatPoints(r.bonus) : '',
    bonusReason: r?.bonusReason ?? '',
    strengths: r?.strengths ?? '',
    weaknesses: r?.weaknesses ?? '',
    suggestions: r?.suggestions ?? '',
  }
}
function serverVeto(sheet: ScoreSheet | null, vetoItemId: string): VetoDraft {
  const m = sheet?.vetoMarks.find((x) => x.vetoItemId === vetoItemId)
  return { marked: !!m, reason: m?.reason ?? '' }
}

const sameDraft = (a: DraftPart, b: DraftPart) => Object.keys(a).every((k) => a[k] === b[k])

export function createSheetSession(ctx: SheetContext) {
  const { rubric, journal, reviewerId, unitId, meetingId } = ctx
  const itemList = rubric.criteria.flatMap((c) => c.items)
  const items = new Map(itemList.map((i) => [i.id, i]))
  const allRefs: FieldRef[] = [...itemList.map((i) => scoreRef(i.id)), REVIEW_REF, ...rubric.vetoItems.map((v) => vetoRef(v.id))]
  const state = reactive({
    loading: true,
    loadError: '',
    sheet: null as ScoreSheet | null,
    scores: Object.fromEntries(itemList.map((i) => [i.id, serverScore(null, i.id)])) as Record<string, ScoreDraft>,
    review: serverReview(null),
    vetoes: Object.fromEntries(rubric.vetoItems.map((v) => [v.id, serverVeto(null, v.id)])) as Record<string, VetoDraft>,
    status: {
      scores: {} as Record<string, FieldStatus>,
      review: undefined as FieldStatus | undefined,
      vetoes: {} as Record<string, FieldStatus>,
    },
    /** What the server holds: the saved total is computed from this, never from the boxes. */
    saved: { scores: {} as Record<string, number | null>, bonus: null as number | null },
  })
  const touched = new Map<string, Set<string>>()
  const savers = new Map<string, AnySaver>()
  let loaded = false

  function draftOf(ref: FieldRef): DraftPart {
    if (ref.kind === 'score') return state.scores[ref.itemId]
    if (ref.kind === 'veto') return state.vetoes[ref.vetoItemId]
    return state.review
  }
  function serverDraft(ref: FieldRef, sheet: ScoreSheet | null): DraftPart {
    if (ref.kind === 'score') return serverScore(sheet, ref.itemId)
    if (ref.kind === 'veto') return serverVeto(sheet, ref.vetoItemId)
    return serverReview(sheet)
  }
  function setStatus(ref: FieldRef, status: FieldStatus): void {
    if (ref.kind === 'score') state.status.scores[ref.itemId] = status
    else if (ref.kind === 'veto') state.status.vetoes[ref.vetoItemId] = status
    else state.status.review = status
  }

  const isReadOnly = () => ctx.readOnly || !!state.sheet?.locked || !!state.sheet?.recused
  const journalPart = (key: string, draft: DraftPart): DraftPart =>
    Object.fromEntries([...(touched.get(key) ?? [])].map((sub) => [sub, draft[sub]]))

  function validate(ref: FieldRef, draft: DraftPart): Checked<unknown> {
    if (ref.kind === 'score') {
      const item = items.get(ref.itemId)!
      const d = draft as ScoreDraft
      const parsed = parsePoints(d.text, item.maxPoints, item.step)
      if (!parsed.ok) return { error: parsed.message }
      const reason = d.reason.trim()
      if (parsed.value === null) return reason ? { error: '请先填写得分' } : { payload: { value: null, deductionReason: '' } }
      // The core stores a deduction only with its reason: the value waits (journaled) and is listed, focus moves on.
      if (rubric.deductionReasonRequired && parsed.value < item.maxPoints && !reason) return { incomplete: MISSING_REASON }
      return { payload: { value: parsed.value, deductionReason: reason } }
    }
    if (ref.kind === 'veto') {
      const d = draft as VetoDraft
      if (d.marked && !d.reason.trim()) return { error: '勾选一票否决须写明事由' }
      return { payload: { vetoItemId: ref.vetoItemId, marked: d.marked, reason: d.marked ? d.reason.trim() : '' } }
    }
    const d = draft as ReviewDraft
    const bonus = parsePoints(d.bonus, rubric.bonusMaxPoints, 0.1, '最高')
    if (!bonus.ok) return { error: `特色加分${bonus.message}` }
    const { strengths, weaknesses, suggestions, bonusReason } = d
    return { payload: { bonus: bonus.value, bonusReason, strengths, weaknesses, suggestions } }
  }

  function send(ref: FieldRef, payload: unknown): Promise<unknown> {
    const target = { meetingId, reviewerId, unitId }
    if (ref.kind === 'score') return api.scores.save({ ...target, itemId: ref.itemId, ...(payload as { value: number | null; deductionReason: string }) })
    if (ref.kind === 'veto') return api.vetoes.mark({ ...target, ...(payload as { vetoItemId: string; marked: boolean; reason: string }) })
    return api.reviews.save({ ...target, ...(payload as Omit<ReviewDraft, 'bonus'> & { bonus: number | null }) })
  }

  const savedTotal = () => sheetTotal(rubric, itemList.map((i) => state.saved.scores[i.id] ?? null), state.saved.bonus)

  function onSaved(ref: FieldRef, result: unknown): void {
    if (ref.kind === 'score') {
      const saved = result as SavedScore
      state.saved.scores[ref.itemId] = saved.score.value
      ctx.onTotals(unitId, { scored: saved.scored, total: saved.total })
    } else if (ref.kind === 'review') {
      state.saved.bonus = (result as Review).bonus
      ctx.onTotals(unitId, { total: savedTotal() })
    } else if (state.sheet) {
      state.sheet.vetoMarks = result as VetoMark[]
    }
  }

  function saver(ref: FieldRef): AnySaver {
    const key = journalKey(ref)
    let s = savers.get(key)
    if (!s) {
      s = new FieldSaver<DraftPart, unknown, unknown>({
        validate: (draft) => validate(ref, draft),
        send: (payload) => send(ref, payload),
        onSaved: (result) => onSaved(ref, result),
        onConfirmed: (draft) => journal.removeIf(reviewerId, unitId, key, journalPart(key, draft)),
        onRejected: () => journal.remove(reviewerId, unitId, key),
        onStatus: (status) => setStatus(ref, status),
        canSend: () => loaded,
      })
      savers.set(key, s)
    }
    return s
  }

  /** A keystroke: journal it synchronously, then schedule the save. */
  function edit(ref: FieldRef, sub: string, value: string | boolean): void {
    if (isReadOnly()) return
    const key = journalKey(ref)
    const draft = draftOf(ref)
    draft[sub] = value
    const subs = touched.get(key) ?? new Set<string>()
    subs.add(sub)
    touched.set(key, subs)
    journal.put(reviewerId, unitId, key, journalPart(key, draft))
    saver(ref).set({ ...draft }, typeof value === 'boolean')
  }

  /** Enter, Tab, blur: save this field now instead of after the idle delay. */
  function commit(ref: FieldRef): void {
    const s = savers.get(journalKey(ref))
    if (s?.busy) void s.flush()
  }

  function flushAll(): Promise<void> {
    return Promise.all([...savers.values()].map((s) => s.flush())).then(() => undefined)
  }

  /** Loads the server's sheet (after `before`, e.g. a previous session's flush of the same sheet). */
  async function load(before?: Promise<unknown>): Promise<void> {
    try {
      await before
      const sheet = await api.scoring.sheet({ meetingId, reviewerId, unitId })
      state.sheet = sheet
      state.saved.scores = Object.fromEntries(sheet.scores.map((s) => [s.itemId, s.value]))
      state.saved.bonus = sheet.review.bonus
    } catch (error) {
      state.loadError = errorText(error)
      state.loading = false
      return
    }
    loaded = true
    for (const ref of allRefs) {
      const key = journalKey(ref)
      const server = serverDraft(ref, state.sheet)
      const target = draftOf(ref)
      if (isReadOnly()) {
        journal.remove(reviewerId, unitId, key)
        Object.assign(target, server)
        continue
      }
      const subs = touched.get(key) ?? new Set<string>()
      const saved = journal.get(reviewerId, unitId, key)
      for (const sub of Object.keys(server)) {
        if (subs.has(sub)) continue
        if (saved && sub in saved) {
          target[sub] = saved[sub]
          subs.add(sub)
        } else target[sub] = server[sub]
      }
      if (subs.size === 0) continue
      touched.set(key, subs)
      if (sameDraft(target, server) && !savers.get(key)?.touched) {
        journal.remove(reviewerId, unitId, key)
        continue
      }
      journal.put(reviewerId, unitId, key, journalPart(key, target))
      saver(ref).set({ ...target }, true)
    }
    state.loading = false
  }

  /** Why the field's current input can never be saved as typed (a wrong value), or null. */
  function invalidReason(ref: FieldRef): string | null {
    const check = validate(ref, draftOf(ref))
    return 'error' in check ? check.error : null
  }

  const statuses = (): FieldStatus[] => [...Object.values(state.status.scores), ...(state.status.review ? [state.status.review] : []), ...Object.values(state.status.vetoes)]
  /** Fields whose input the server does not hold and will not get without a correction. */
  const errors = () => statuses().filter((s) => s.kind === 'error' || s.kind === 'incomplete').length
  const hasUnsaved = () => [...savers.values()].some((s) => s.busy) || errors() > 0

  return { reviewerId, unitId, state, edit, commit, flushAll, load, isReadOnly, hasUnsaved, errors, savedTotal, invalidReason }
}

export type SheetSession = ReturnType<typeof createSheetSession>
