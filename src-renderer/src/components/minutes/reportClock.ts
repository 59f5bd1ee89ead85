/**
 * The recorder's report timer, kept in this page: the state the projector's clock has (phase, time
 * counted before the last start, when it was started), so shared/projector-clock.ts — the one home of
 * the clock's rule — says what it shows. Measured from timestamps, so a busy tab or a sleep does not drift it.
 */
import { countedMs } from '@shared/projector-clock'
import type { ProjectorState } from '@shared/schemas/onday'

export type TimerPhase = 'report' | 'questions'
export type TimerState = Pick<ProjectorState, 'elapsedMs' | 'runningSince'> & { phase: TimerPhase }

export const freshClock = (phase: TimerPhase = 'report'): TimerState => ({ phase, elapsedMs: 0, runningSince: null })

export const start = (s: TimerState, now: number): TimerState => (s.runningSince === null ? { ...s, runningSince: new Date(now).toISOString() } : s)
export const pause = (s: TimerState, now: number): TimerState => (s.runningSince === null ? s : { ...s, elapsedMs: countedMs(s, now), runningSince: null })
