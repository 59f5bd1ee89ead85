/**
 * One score sheet as the scoring form drives it, against the real core (SQLite in a temp folder)
 * reached through the renderer's own api client, as inside Electron (window.onsite.invoke).
 * Timers are fake: the debounce and the "window closed before the save" moments are chosen exactly.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ApiClient, Invoke } from '@shared/client'
import type { Rubric } from '@shared/schemas/rubric'
import { DraftJournal } from '../../src-renderer/src/scoring/draftJournal'
import { DEBOUNCE_MS } from '../../src-renderer/src/scoring/fieldSaver'
import { REVIEW_REF, createSheetSession, journalKey, scoreRef, type FieldRef, type SheetTotals } from '../../src-renderer/src/scoring/sheetSession'
import { MemoryStorage } from './memory-storage'

// The api module picks its transport from window.onsite when it loads: install it before any import.
const backend = vi.hoisted(() => {
  const state = { invoke: undefined as Invoke | undefined, calls: [] as string[] }
  const onsite = {
    invoke: (name: string, input: unknown) => {
      state.calls.push(name)
      return state.invoke!(name, input)
    },
    onEvent: () => () => undefined,
  }
  Object.assign(globalThis, { window: { onsite } })
  return state
})

interface TestCore {
  core: { dispatch: Invoke }
  api: ApiClient
  dispose(): void
}
interface Seeded {
  meeting: { id: string }
  rubric: Rubric
  units: { id: string; name: string }[]
  reviewers: { id: string; name: string }[]
}

let t: TestCore
let seeded: Seeded
let storage: MemoryStorage
let seedAnother: () => Promise<Seeded>
beforeAll(async () => {
  // Loaded at run time: this folder is type-checked for the browser (no Node types), the core is Node.
  const helpers = new URL('../helpers/core.ts', import.meta.url).href
  const { makeTestCore, seedSmallMeeting } = (await import(/* @vite-ignore */ helpers)) as {
    makeTestCore(): TestCore
    seedSmallMeeting(api: ApiClient): Promise<Seeded>
  }
  t = makeTestCore()
  backend.invoke = t.core.dispatch
  seeded = await seedSmallMeeting(t.api)
  seedAnother = () => seedSmallMeeting(t.api)
})
afterAll(() => t.dispose())
beforeEach(() => {
  storage = new MemoryStorage()
  vi.stubGlobal('localStorage', storage)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  backend.calls.length = 0
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** A reviewer × unit pair no other test touches. */
function sheet(reviewer: number, unit: number) {
  const meetingId = seeded.meeting.id
  const reviewerId = seeded.reviewers[reviewer].id
  const unitId = seeded.units[unit].id
  const items = seeded.rubric.criteria.flatMap((c) => c.items)
  const totals: SheetTotals[] = []
  const open = () =>
    createSheetSession({ meetingId, reviewerId, unitId, rubric: seeded.rubric, journal: new DraftJournal(meetingId), readOnly: false, onTotals: (_u, x) => totals.push(x) })
  const server = () => t.api.scoring.sheet({ meetingId, reviewerId, unitId })
  const journaled = (ref: FieldRef) => new DraftJournal(meetingId).get(reviewerId, unitId, journalKey(ref))
  return { meetingId, reviewerId, unitId, items, totals, open, server, journaled }
}

describe('sheet session', () => {
  it('journals each keystroke at once, saves after the pause, then forgets the journal entry', async () => {
    const s = sheet(0, 0)
    const session = s.open()
    await session.load()
    const field = scoreRef(s.items[0].id)

    session.edit(field, 'text', '5.5')
    expect(s.journaled(field)).toEqual({ text: '5.5' })
    expect(backend.calls).not.toContain('scores.save')

    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    await session.flushAll()
    expect((await s.server()).scores.find((x) => x.itemId === s.items[0].id)?.value).toBe(5.5)
    expect(session.state.status.scores[s.items[0].id]).toEqual({ kind: 'saved' })
    expect(s.journaled(field)).toBeUndefined()
    expect(s.totals.at(-1)).toMatchObject({ scored: 1, total: 5.5 })
    expect(session.hasUnsaved()).toBe(false)
  })

  it('replays input left by a window closed before the save, over the server copy, and saves it', async () => {
    const s = sheet(1, 0)
    await t.api.scores.save({ meetingId: s.meetingId, reviewerId: s.reviewerId, unitId: s.unitId, itemId: s.items[1].id, value: 3, deductionReason: '' })
    const first = s.open()
    await first.load()
    first.edit(scoreRef(s.items[0].id), 'text', '4')
    first.edit(REVIEW_REF, 'strengths', '台账完整，整改闭环')
    // The window closes here, inside the debounce: nothing was sent.
    expect(backend.calls).not.toContain('scores.save')

    const reopened = s.open() // a new page: a new journal read from localStorage
    await reopened.load()
    expect(reopened.state.scores[s.items[0].id]).toMatchObject({ text: '4' })
    expect(reopened.state.scores[s.items[1].id]).toMatchObject({ text: '3' }) // untouched: the server's
    expect(reopened.state.review).toMatchObject({ strengths: '台账完整，整改闭环' })
    await reopened.flushAll()

    const saved = await s.server()
    expect(saved.scores.find((x) => x.itemId === s.items[0].id)?.value).toBe(4)
    expect(saved.review.strengths).toBe('台账完整，整改闭环')
    expect(new DraftJournal(s.meetingId).sheets()).toEqual([])
  })

  it('reports a refusal (the organiser set a recusal meanwhile), drops the entry and does not retry', async () => {
    const s = sheet(2, 1)
    const session = s.open()
    await session.load()
    await t.api.recusals.set({ meetingId: s.meetingId, reviewerId: s.reviewerId, unitId: s.unitId, recused: true })
    const field = scoreRef(s.items[0].id)

    session.edit(field, 'text', '6')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    await session.flushAll()
    expect(session.state.status.scores[s.items[0].id]).toEqual({ kind: 'error', message: `评委“${seeded.reviewers[2].name}”已回避“${seeded.units[1].name}”，不能评分` })
    expect(s.journaled(field)).toBeUndefined() // a reload must not replay a refused change
    await vi.advanceTimersByTimeAsync(60_000)
    expect(backend.calls.filter((name) => name === 'scores.save')).toHaveLength(1)
  })

  it('totals only what the server holds: an invalid value in a box is not counted', async () => {
    const s = sheet(0, 1)
    const session = s.open()
    await session.load()
    session.edit(scoreRef(s.items[0].id), 'text', '5.5')
    await session.flushAll()
    session.edit(scoreRef(s.items[1].id), 'text', '9') // 满分 4
    await session.flushAll()
    expect(session.state.status.scores[s.items[1].id]).toEqual({ kind: 'error', message: '满分 4 分' })
    expect(session.savedTotal()).toBe(5.5)
    expect(session.errors()).toBe(1)
  })

  it('holds a deduction without its required 扣分说明 (journaled, listed as incomplete) and saves it once the reason is written', async () => {
    const other = await seedAnother()
    const rubric = await t.api.rubric.save({ meetingId: other.meeting.id, rubric: { ...other.rubric, deductionReasonRequired: true } })
    const [theory] = rubric.criteria.flatMap((c) => c.items)
    const target = { meetingId: other.meeting.id, reviewerId: other.reviewers[0].id, unitId: other.units[0].id }
    const session = createSheetSession({ ...target, rubric, journal: new DraftJournal(target.meetingId), readOnly: false, onTotals: () => undefined })
    await session.load()
    const ref = scoreRef(theory.id)

    session.edit(ref, 'text', '5') // 满分 6: a deduction
    await session.flushAll()
    expect(session.state.status.scores[theory.id]).toEqual({ kind: 'incomplete', message: '待补扣分说明' })
    expect(new DraftJournal(target.meetingId).get(target.reviewerId, target.unitId, journalKey(ref))).toEqual({ text: '5' })
    expect(session.errors()).toBe(1)
    expect(backend.calls).not.toContain('scores.save')

    session.edit(ref, 'reason', '理论学习记录不全')
    await session.flushAll()
    expect(session.state.status.scores[theory.id]).toEqual({ kind: 'saved' })
    expect((await t.api.scoring.sheet(target)).scores).toMatchObject([{ itemId: theory.id, value: 5, deductionReason: '理论学习记录不全' }])
    expect(session.savedTotal()).toBe(5)
  })
})
