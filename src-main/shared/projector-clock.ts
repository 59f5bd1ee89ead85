/**
 * The projector's clock, the one home of its rule: time counted = elapsedMs plus, while running, the
 * time since runningSince; the phase lasts reportMinutes (汇报) or questionMinutes (提问); the clock
 * turns amber warnMinutes before the end and red, counting 超时 upwards, once over. A screen passes its
 * own clock corrected by the server's (serverNow), so a projector on another machine shows the same.
 */
import type { ProjectorPhase, ProjectorState } from './schemas/onday'

export type ClockTone = 'normal' | 'warn' | 'over'

export interface ClockView {
  /** Remaining time, negative once over. */
  remainingMs: number
  tone: ClockTone
  /** "07:59", or "+1:05" once over (shown after 超时). */
  text: string
  running: boolean
}

export const PHASE_LABEL: Record<ProjectorPhase, string> = { idle: '准备', report: '汇报', questions: '提问', done: '已结束' }

/** The phase's length; idle shows the report time about to start. */
export function phaseMs(state: Pick<ProjectorState, 'phase' | 'reportMinutes' | 'questionMinutes'>): number {
  if (state.phase === 'questions') return state.questionMinutes * 60_000
  if (state.phase === 'done') return 0
  return state.reportMinutes * 60_000
}

/** Time counted in the phase at `nowMs` (the server's clock). */
export function countedMs(state: Pick<ProjectorState, 'elapsedMs' | 'runningSince'>, nowMs: number): number {
  return state.elapsedMs + (state.runningSince ? Math.max(0, nowMs - Date.parse(state.runningSince)) : 0)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** What a screen shows at `nowMs` (the server's clock: the local clock plus the offset seen at the last read). */
export function clockView(state: Pick<ProjectorState, 'phase' | 'elapsedMs' | 'runningSince' | 'reportMinutes' | 'questionMinutes' | 'warnMinutes'>, nowMs: number): ClockView {
  const remainingMs = phaseMs(state) - countedMs(state, nowMs)
  const running = state.runningSince !== null
  if (state.phase === 'done') return { remainingMs: 0, tone: 'normal', text: '00:00', running }
  if (remainingMs < 0) {
    // Whole seconds over: 超时 +0:01 one second after the end.
    const over = Math.floor(-remainingMs / 1000)
    return { remainingMs, tone: 'over', text: `+${Math.floor(over / 60)}:${pad(over % 60)}`, running }
  }
  // Counting down, a started second still shows: 08:00 until a full second has passed.
  const left = Math.ceil(remainingMs / 1000)
  const tone = state.phase !== 'idle' && remainingMs <= state.warnMinutes * 60_000 ? 'warn' : 'normal'
  return { remainingMs, tone, text: `${pad(Math.floor(left / 60))}:${pad(left % 60)}`, running }
}

/**
 * The unit after `currentId` in the report order (the units' order), skipping withdrawn ones; the
 * first one when none is current yet. The projector's 下一个单位 and every screen's 下一个：… use it.
 */
export function nextUnitInOrder<T extends { id: string }>(units: readonly T[], currentId: string | null, withdrawn: (u: T) => boolean): T | null {
  const from = currentId ? units.findIndex((u) => u.id === currentId) : -1
  return units.slice(from + 1).find((u) => !withdrawn(u)) ?? null
}
