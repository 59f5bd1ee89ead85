/**
 * One reviewer × unit score sheet being edited: the typed drafts of every field, their save status,
 * and one FieldSaver per field. The form renders `state`; every keystroke goes through `edit()`,
 * which journals it and schedules the save. Input typed before the sheet has loaded is kept and
 * wins over the server's copy (the user's latest keystroke is the truth).
 */
import { reactive } from 'vue'
import type { Rubric } from '@shared/schemas/rubric'
import type { Review, SavedScore, ScoreSheet, VetoMark } from '@shared/schemas/scoring'
import { formatPoints, fromTenths, toTenths } from '@shared/points'
import { api } from '../api'
import type { DraftJournal, DraftPart } from './draftJournal'
import { FieldSaver, errorText, type Checked, type FieldStatus } from './fieldSaver'
import { parsePoints } from './pointsInput'

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

export const scoreField = (itemId: string) => `score:${itemId}`
export const vetoField = (vetoItemId: string) => `veto:${vetoItemId}`
export const REVIEW_FIELD = 'review'

type AnySaver = FieldSaver<DraftPart, unknown, unknown>

export function capTenths(rubric: Rubric): number {
  return toTenths(rubric.totalCapPoints ?? rubric.basePoints + rubric.bonusMaxPoints)
}

function serverDrafts(rubric: Rubric, sheet: ScoreSheet | null): Record<string, DraftPart> {
  const fields: Record<string, DraftPart> = {}
  for (const item of rubric.criteria.flatMap((c) => c.items)) {
    const s = sheet?.scores.find((x) => x.itemId === item.id)
    fields[scoreField(item.id)] = { text: s && s.value !== null ? formatPoints(s.value) : '', reason: s?.deductionReason ?? '' } satisfies ScoreDraft
  }
  const r = sheet?.review
  fields[REVIEW_FIELD] = {
    bonus: r && r.bonus !== null ? formatPoints(r.bonus) : '',
    bonusReason: r?.bonusReason ?? '',
    strengths: r?.strengths ?? '',
    weaknesses: r?.weaknesses ?? '',
    suggestions: r?.suggestions ?? '',
  } satisfies ReviewDraft
  for (const veto of rubric.vetoItems) {
    const m = sheet?.vetoMarks.find((x) => x.vetoItemId === veto.id)
    fields[vetoField(veto.id)] = { marked: !!m, reason: m?.reason ?? '' } satisfies VetoDraft
  }
  return fields
}

const sameDraft = (a: DraftPart, b: DraftPart) => Object.keys(a).every((k) => a[k] === b[k])

export function createSheetSession(ctx: SheetContext) {
  const { rubric, journal, reviewerId, unitId, meetingId } = ctx
  const items = new Map(rubric.criteria.flatMap((c) => c.items).map((i) => [i.id, i]))
  const state = reactive({
    loading: true,
    loadError: '',
    sheet: null as ScoreSheet | null,
    fields: serverDrafts(rubric, null),
    status: {} as Record<string, FieldStatus>,
  })
  const touched = new Map<string, Set<string>>()
  const savers = new Map<string, AnySaver>()
  let loaded = false
  let serverSubtotalTenths = 0

  const isReadOnly = () => ctx.readOnly || !!state.sheet?.locked || !!state.sheet?.recused
  const journalPart = (field: string, draft: DraftPart): DraftPart =>
    Object.fromEntries([...(touched.get(field) ?? [])].map((sub) => [sub, draft[sub]]))

  function validate(field: string, draft: DraftPart): Checked<unknown> {
    if (field.startsWith('score:')) {
      const item = items.get(field.slice(6))!
      const d = draft as ScoreDraft
      const parsed = parsePoints(d.text, item.maxPoints, item.step)
      if (!parsed.ok) return { error: parsed.message }
      const reason = d.reason.trim()
      if (parsed.value === null) return reason ? { error: '请先填写得分' } : { payload: { value: null, deductionReason: '' } }
      if (rubric.deductionReasonRequired && parsed.value < item.maxPoints && !reason) return { error: '扣分须填写扣分说明' }
      return { payload: { value: parsed.value, deductionReason: reason } }
    }
    if (field.startsWith('veto:')) {
      const d = draft as VetoDraft
      if (d.marked && !d.reason.trim()) return { error: '勾选一票否决须写明事由' }
      return { payload: { vetoItemId: field.slice(5), marked: d.marked, reason: d.marked ? d.reason.trim() : '' } }
    }
    const d = draft as ReviewDraft
    const bonus = parsePoints(d.bonus, rubric.bonusMaxPoints, 0.1, '最高')
    if (!bonus.ok) return { error: `特色加分${bonus.message}` }
    const { strengths, weaknesses, suggestions, bonusReason } = d
    return { payload: { bonus: bonus.value, bonusReason, strengths, weaknesses, suggestions } }
  }

  function send(field: string, payload: unknown): Promise<unknown> {
    const target = { meetingId, reviewerId, unitId }
    if (field.startsWith('score:')) return api.scores.save({ ...target, itemId: field.slice(6), ...(payload as { value: number | null; deductionReason: string }) })
    if (field.startsWith('veto:')) return api.vetoes.mark({ ...target, ...(payload as { vetoItemId: string; marked: boolean; reason: string }) })
    return api.reviews.save({ ...target, ...(payload as Omit<ReviewDraft, 'bonus'> & { bonus: number | null }) })
  }

  function onSaved(field: string, result: unknown): void {
    if (field.startsWith('score:')) {
      const saved = result as SavedScore
      serverSubtotalTenths = toTenths(saved.subtotal)
      ctx.onTotals(unitId, { scored: saved.scored, total: saved.total })
    } else if (field === REVIEW_FIELD) {
      const bonus = (result as Review).bonus
      ctx.onTotals(unitId, { total: fromTenths(Math.min(serverSubtotalTenths + toTenths(bonus ?? 0), capTenths(rubric))) })
    } else if (state.sheet) {
      state.sheet.vetoMarks = result as VetoMark[]
    }
  }

  function saver(field: string): AnySaver {
    let s = savers.get(field)
    if (!s) {
      s = new FieldSaver<DraftPart, unknown, unknown>({
        validate: (draft) => validate(field, draft),
        send: (payload) => send(field, payload),
        onSaved: (result) => onSaved(field, result),
        onConfirmed: (draft) => journal.removeIf(reviewerId, unitId, field, journalPart(field, draft)),
        onRejected: () => journal.remove(reviewerId, unitId, field),
        onStatus: (status) => (state.status[field] = status),
        canSend: () => loaded,
      })
      savers.set(field, s)
    }
    return s
  }

  /** A keystroke: journal it synchronously, then schedule the save. */
  function edit(field: string, sub: string, value: string | boolean): void {
    if (isReadOnly()) return
    const draft = state.fields[field]
    draft[sub] = value
    const subs = touched.get(field) ?? new Set<string>()
    subs.add(sub)
    touched.set(field, subs)
    journal.put(reviewerId, unitId, field, journalPart(field, draft))
    saver(field).set({ ...draft }, typeof value === 'boolean')
  }

  /** Enter, Tab, blur: save this field now instead of after the idle delay. */
  function commit(field: string): void {
    const s = savers.get(field)
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
      serverSubtotalTenths = toTenths(sheet.subtotal)
    } catch (error) {
      state.loadError = errorText(error)
      state.loading = false
      return
    }
    const server = serverDrafts(rubric, state.sheet)
    loaded = true
    for (const [field, serverDraft] of Object.entries(server)) {
      const target = state.fields[field]
      if (isReadOnly()) {
        journal.remove(reviewerId, unitId, field)
        Object.assign(target, serverDraft)
        continue
      }
      const subs = touched.get(field) ?? new Set<string>()
      const saved = journal.get(reviewerId, unitId, field)
      for (const sub of Object.keys(serverDraft)) {
        if (subs.has(sub)) continue
        if (saved && sub in saved) {
          target[sub] = saved[sub]
          subs.add(sub)
        } else target[sub] = serverDraft[sub]
      }
      if (subs.size === 0) continue
      touched.set(field, subs)
      if (sameDraft(target, serverDraft) && !savers.get(field)?.touched) {
        journal.remove(reviewerId, unitId, field)
        continue
      }
      journal.put(reviewerId, unitId, field, journalPart(field, target))
      saver(field).set({ ...target }, true)
    }
    state.loading = false
  }

  const errors = () => Object.values(state.status).filter((s) => s.kind === 'error').length
  const hasUnsaved = () => [...savers.values()].some((s) => s.busy) || errors() > 0

  return { reviewerId, unitId, state, edit, commit, flushAll, load, isReadOnly, hasUnsaved, errors }
}

export type SheetSession = ReturnType<typeof createSheetSession>
