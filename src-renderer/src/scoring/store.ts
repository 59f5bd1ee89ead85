import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { Rubric } from '@shared/schemas/rubric'
import type { Unit } from '@shared/schemas/unit'
import type { Reviewer } from '@shared/schemas/reviewer'
import type { SubmitResult, UnitProgress } from '@shared/schemas/scoring'
import type { CommentPhrases } from '@shared/schemas/phrases'
import { api } from '../api'
import { DraftJournal } from './draftJournal'
import { errorText } from './fieldSaver'
import { createSheetSession, type SheetSession, type SheetTotals } from './sheetSession'

const reviewerMemoryKey = (meetingId: string) => `onsite.scoring.reviewer.${meetingId}`
const sheetKey = (reviewerId: string, unitId: string) => `${reviewerId}|${unitId}`

/**
 * The scoring screen's data for one meeting: rubric, units, reviewers, the chosen reviewer's
 * progress, and the sheet being edited. Only the chosen reviewer's own scores are ever loaded
 * (independence: a reviewer never sees the others').
 */
export const useScoringStore = defineStore('scoring', () => {
  const meetingId = ref('')
  const rubric = shallowRef<Rubric | null>(null)
  const units = shallowRef<Unit[]>([])
  const reviewers = shallowRef<Reviewer[]>([])
  const reviewerId = ref('')
  const progress = ref<Record<string, UnitProgress>>({})
  const session = shallowRef<SheetSession | null>(null)
  const loading = ref(false)
  const loadError = ref('')
  /** The organizer's common phrases for the comments, read once per meeting (null: none to offer). */
  const phrases = shallowRef<CommentPhrases | null>(null)
  let journal: DraftJournal | null = null
  /** Flushes of sheets the user has left, by reviewer|unit: a reopened sheet loads after them. */
  const leaving = new Map<string, Promise<void>>()

  const reviewer = computed(() => reviewers.value.find((r) => r.id === reviewerId.value) ?? null)
  const unitId = computed(() => session.value?.unitId ?? '')

  function applyTotals(forReviewer: string, unit: string, totals: SheetTotals): void {
    if (forReviewer !== reviewerId.value || !progress.value[unit]) return
    const entry = progress.value[unit]
    progress.value[unit] = { ...entry, total: totals.total, scored: totals.scored ?? entry.scored }
  }

  function makeSession(forReviewer: string, unit: string, readOnly: boolean): SheetSession {
    return createSheetSession({
      meetingId: meetingId.value,
      reviewerId: forReviewer,
      unitId: unit,
      rubric: rubric.value!,
      journal: journal!,
      readOnly,
      onTotals: (u, totals) => applyTotals(forReviewer, u, totals),
    })
  }

  /** Saves input left in the journal by a closed window or a crash (sheets not open right now). */
  async function replayJournal(): Promise<void> {
    const known = new Set(units.value.map((u) => u.id))
    const knownReviewers = new Set(reviewers.value.map((r) => r.id))
    for (const sheet of journal!.sheets()) {
      if (!known.has(sheet.unitId) || !knownReviewers.has(sheet.reviewerId)) continue
      const s = makeSession(sheet.reviewerId, sheet.unitId, false)
      await s.load()
      await s.flushAll()
    }
  }

  async function init(id: string): Promise<void> {
    // Always reload: the rubric, units or reviewers may have changed on the set-up tabs.
    await leaveSheet()
    meetingId.value = id
    session.value = null
    reviewerId.value = ''
    progress.value = {}
    loading.value = true
    loadError.value = ''
    phrases.value = null
    void loadPhrases(id)
    try {
      const [r, u, rv] = await Promise.all([api.rubric.get({ meetingId: id }), api.units.list({ meetingId: id }), api.reviewers.list({ meetingId: id })])
      rubric.value = r
      units.value = u
      reviewers.value = rv
      journal = new DraftJournal(id)
      await replayJournal()
    } catch (error) {
      loadError.value = errorText(error)
    } finally {
      loading.value = false
    }
  }

  /** A sheet can be scored without them, so a failure only leaves the 常用语 control out. */
  async function loadPhrases(id: string): Promise<void> {
    try {
      const list = await api.phrases.get({ meetingId: id })
      if (meetingId.value === id) phrases.value = list
    } catch {
      // Nothing to offer; typing works as before.
    }
  }

  function rememberedReviewer(): string {
    return localStorage.getItem(reviewerMemoryKey(meetingId.value)) ?? ''
  }

  async function chooseReviewer(id: string): Promise<void> {
    if (!reviewers.value.some((r) => r.id === id)) return
    void leaveSheet()
    session.value = null
    reviewerId.value = id
    localStorage.setItem(reviewerMemoryKey(meetingId.value), id)
    const list = await api.scoring.progress({ meetingId: meetingId.value, reviewerId: id })
    if (reviewerId.value === id) progress.value = Object.fromEntries(list.map((p) => [p.unitId, p]))
  }

  /** Starts saving everything typed in the open sheet; the returned promise ends when it is stored. */
  function leaveSheet(): Promise<void> {
    const s = session.value
    if (!s) return Promise.resolve()
    const key = sheetKey(s.reviewerId, s.unitId)
    const done = s.flushAll().finally(() => {
      if (leaving.get(key) === done) leaving.delete(key)
    })
    leaving.set(key, done)
    return done
  }

  /** Switches to a unit at once (no waiting), so keys typed right after land in the new sheet. */
  function openUnit(unit: string): void {
    if (!rubric.value || !reviewerId.value || session.value?.unitId === unit) return
    void leaveSheet()
    // A submitted sheet is locked (the server refuses writes too); only the organizer's unlock opens it.
    const readOnly = !!progress.value[unit]?.submittedAt || !!progress.value[unit]?.recused
    const s = makeSession(reviewerId.value, unit, readOnly)
    session.value = s
    void s.load(leaving.get(sheetKey(reviewerId.value, unit)))
  }

  /** The next (+1) or previous (-1) unit this reviewer can score, skipping recusals. */
  function neighbourUnit(direction: 1 | -1): string | null {
    const list = units.value
    const from = list.findIndex((u) => u.id === unitId.value)
    for (let i = from + direction; i >= 0 && i < list.length; i += direction) {
      if (!progress.value[list[i].id]?.recused) return list[i].id
    }
    return null
  }

  function firstOpenUnit(): string | null {
    const list = units.value.filter((u) => !progress.value[u.id]?.recused)
    return (list.find((u) => { const p = progress.value[u.id]; return !p || p.scored < p.itemCount }) ?? list[0])?.id ?? null
  }

  /** Reads the reviewer's progress and the reviewer list again, then reopens the current sheet with its new lock state. */
  async function refreshAfterLockChange(): Promise<void> {
    const id = reviewerId.value
    const current = unitId.value
    const [list, rv] = await Promise.all([api.scoring.progress({ meetingId: meetingId.value, reviewerId: id }), api.reviewers.list({ meetingId: meetingId.value })])
    if (reviewerId.value !== id) return
    progress.value = Object.fromEntries(list.map((p) => [p.unitId, p]))
    reviewers.value = rv
    if (current) {
      session.value = null
      openUnit(current)
    }
  }

  /**
   * Submits the listed units (or all): everything typed is saved first, so the server judges what the
   * reviewer sees. Refusals (items still unscored) come back as the API error, with the units listed.
   */
  async function submit(unitIds?: string[]): Promise<SubmitResult> {
    await flushEverything()
    const result = await api.scoring.submit({ meetingId: meetingId.value, reviewerId: reviewerId.value, unitIds })
    await refreshAfterLockChange()
    return result
  }

  /** The organizer's unlock of the open sheet, with the reason that goes into the history. */
  async function unlock(unit: string, reason: string): Promise<void> {
    await api.scoring.unlock({ meetingId: meetingId.value, reviewerId: reviewerId.value, unitId: unit, reason })
    await refreshAfterLockChange()
  }

  /** 申请回避 on the day: the reviewer's own declaration, with the reason the organizer will read. */
  async function declareRecusal(unit: string, reason: string): Promise<void> {
    await flushEverything()
    await api.recusals.set({ meetingId: meetingId.value, reviewerId: reviewerId.value, unitId: unit, recused: true, source: 'reviewer', reason })
    await refreshAfterLockChange()
  }

  /** Everything pending anywhere (open sheet and sheets being left): for closing and reloading. */
  function flushEverything(): Promise<void> {
    return Promise.all([leaving.values(), session.value ? [session.value.flushAll()] : []].flatMap((x) => [...x])).then(() => undefined)
  }

  return {
    meetingId, rubric, units, reviewers, reviewerId, reviewer, progress, session, unitId, loading, loadError, phrases,
    init, rememberedReviewer, chooseReviewer, openUnit, neighbourUnit, firstOpenUnit, leaveSheet, flushEverything, submit, unlock, declareRecusal,
  }
})
