/** What every projector screen shows, from the stored state and the (server-corrected) clock. */
import { describe, expect, it } from 'vitest'
import type { ProjectorState } from '../../../src-main/shared/schemas/onday'
import { clockView, nextUnitInOrder } from '../../../src-main/shared/projector-clock'

const T0 = Date.parse('2024-12-18T01:00:00.000Z')
const state = (over: Partial<ProjectorState> = {}): ProjectorState => ({
  meetingId: crypto.randomUUID(),
  unitId: crypto.randomUUID(),
  phase: 'report',
  runningSince: new Date(T0).toISOString(),
  elapsedMs: 0,
  reportMinutes: 8,
  questionMinutes: 5,
  warnMinutes: 1,
  serverNow: new Date(T0).toISOString(),
  ...over,
})

describe('clockView', () => {
  it('shows a started second until it has fully passed: 08:00, then 07:59', () => {
    expect(clockView(state(), T0).text).toBe('08:00')
    expect(clockView(state(), T0 + 999).text).toBe('08:00')
    expect(clockView(state(), T0 + 1000).text).toBe('07:59')
  })

  it('adds the time counted before a pause to the running time', () => {
    expect(clockView(state({ elapsedMs: 60_000 }), T0 + 30_000)).toMatchObject({ text: '06:30', tone: 'normal', running: true })
    expect(clockView(state({ elapsedMs: 60_000, runningSince: null }), T0 + 999_999)).toMatchObject({ text: '07:00', running: false })
  })

  it('turns amber at the warning minute and red, counting 超时 up, once over', () => {
    expect(clockView(state(), T0 + 7 * 60_000 - 1).tone).toBe('normal')
    expect(clockView(state(), T0 + 7 * 60_000)).toMatchObject({ tone: 'warn', text: '01:00' })
    expect(clockView(state(), T0 + 8 * 60_000)).toMatchObject({ tone: 'warn', text: '00:00' })
    expect(clockView(state(), T0 + 8 * 60_000 + 1000)).toMatchObject({ tone: 'over', text: '+0:01' })
    expect(clockView(state(), T0 + 10 * 60_000 + 5000)).toMatchObject({ tone: 'over', text: '+2:05' })
  })

  it('times the questions with their own minutes; idle shows the report time and never warns', () => {
    expect(clockView(state({ phase: 'questions' }), T0).text).toBe('05:00')
    expect(clockView(state({ phase: 'idle', runningSince: null, reportMinutes: 1 }), T0)).toMatchObject({ text: '01:00', tone: 'normal' })
  })
})

describe('nextUnitInOrder', () => {
  const units = [
    { id: 'a', out: false },
    { id: 'b', out: true },
    { id: 'c', out: false },
  ]
  it('is the first unit before any, skips withdrawn ones, and is null after the last', () => {
    const out = (u: { out: boolean }) => u.out
    expect(nextUnitInOrder(units, null, out)?.id).toBe('a')
    expect(nextUnitInOrder(units, 'a', out)?.id).toBe('c')
    expect(nextUnitInOrder(units, 'c', out)).toBeNull()
  })
})
