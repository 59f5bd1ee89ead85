/**
 * The report timer's arithmetic: a phase (汇报 then 提问) runs against its allotted minutes, measured
 * from wall-clock timestamps so a busy tab or a sleep does not make it drift.
 */
export type Phase = 'report' | 'questions'

export interface ClockState {
  phase: Phase
  /** Milliseconds already run in this phase before the current start. */
  banked: number
  /** Date.now() when the clock was last started; null while paused. */
  startedAt: number | null
}

export const freshClock = (phase: Phase = 'report'): ClockState => ({ phase, banked: 0, startedAt: null })

export const elapsedMs = (s: ClockState, now: number): number => s.banked + (s.startedAt === null ? 0 : now - s.startedAt)

export const start = (s: ClockState, now: number): ClockState => (s.startedAt === null ? { ...s, startedAt: now } : s)
export const pause = (s: ClockState, now: number): ClockState => (s.startedAt === null ? s : { ...s, banked: elapsedMs(s, now), startedAt: null })

/** "7:05" for remaining time, "+0:35" once over. */
export function clockText(remainingMs: number): string {
  const over = remainingMs < 0
  const total = Math.ceil(Math.abs(remainingMs) / 1000)
  const text = `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
  return over ? `+${text}` : text
}
