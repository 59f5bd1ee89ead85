/**
 * The projector's state per meeting (projector_state): the unit on the screen, the phase
 * (idle → 汇报 → 提问 → done) and the clock as runningSince + elapsedMs, so every screen computes the
 * remaining time itself (shared/projector-clock.ts). Every change is pushed as a `projector` event.
 * The next unit follows the one unit order (units.seq, set by 抽签), skipping withdrawn units.
 */
import type { Database } from 'better-sqlite3'
import type { ProjectorState } from '../../shared/schemas/onday'
import type { ProjectorControl } from '../../shared/schemas/onday'
import { nextUnitInOrder } from '../../shared/projector-clock'
import type { z } from 'zod'
import type { CoreContext } from '../context'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError, notFound } from '../errors'
import { getMeeting } from './meetings'

type Control = z.infer<typeof ProjectorControl>
type Stored = Omit<ProjectorState, 'serverNow'>

interface StateRow {
  meeting_id: string
  unit_id: string | null
  phase: ProjectorState['phase']
  running_since: string | null
  elapsed_ms: number
  report_minutes: number
  question_minutes: number
  warn_minutes: number
}

/** Before the first control: the meeting's planned durations (8 + 5 unless set), warning 1 minute before the end. */
function defaults(db: Database, meetingId: string): Stored {
  const meeting = getMeeting(db, meetingId)
  return {
    meetingId,
    unitId: null,
    phase: 'idle',
    runningSince: null,
    elapsedMs: 0,
    reportMinutes: meeting.reportMinutes || 8,
    questionMinutes: meeting.questionMinutes,
    warnMinutes: 1,
  }
}

function load(db: Database, meetingId: string): Stored {
  const r = stmt(db, 'SELECT * FROM projector_state WHERE meeting_id = ?').get(meetingId) as StateRow | undefined
  if (!r) return defaults(db, meetingId)
  return {
    meetingId,
    unitId: r.unit_id,
    phase: r.phase,
    runningSince: r.running_since,
    elapsedMs: r.elapsed_ms,
    reportMinutes: r.report_minutes,
    questionMinutes: r.question_minutes,
    warnMinutes: r.warn_minutes,
  }
}

export function getProjectorState(db: Database, meetingId: string): ProjectorState {
  return { ...load(db, meetingId), serverNow: now() }
}

interface UnitRef {
  id: string
  name: string
  withdrawn: boolean
}

const unitsInOrder = (db: Database, meetingId: string): UnitRef[] =>
  (stmt(db, 'SELECT id, name, withdrawn_at IS NOT NULL AS withdrawn FROM units WHERE meeting_id = ? ORDER BY seq').all(meetingId) as {
    id: string
    name: string
    withdrawn: number
  }[]).map((u) => ({ ...u, withdrawn: u.withdrawn === 1 }))

/** The clock stopped and set back to the start of a phase. */
const stopped = (s: Stored, phase: Stored['phase']): Stored => ({ ...s, phase, runningSince: null, elapsedMs: 0 })

function stopClock(s: Stored, at: string): Stored {
  if (!s.runningSince) return s
  return { ...s, runningSince: null, elapsedMs: s.elapsedMs + Math.max(0, Date.parse(at) - Date.parse(s.runningSince)) }
}

/** The state after `control`, or a refusal that changes nothing. */
function apply(db: Database, s: Stored, control: Control, at: string): Stored {
  const units = unitsInOrder(db, s.meetingId)
  const active = units.filter((u) => !u.withdrawn)
  switch (control.action) {
    case 'select': {
      const unit = units.find((u) => u.id === control.unitId)
      if (!unit) throw notFound('参评单位')
      if (unit.withdrawn) throw new DomainError('CONFLICT', `“${unit.name}”已退出评审，不安排汇报`)
      return stopped({ ...s, unitId: unit.id }, 'idle')
    }
    case 'start': {
      const unitId = s.unitId ?? active[0]?.id
      if (!unitId) throw new DomainError('CONFLICT', '没有可汇报的单位：请先添加参评单位')
      if (s.phase === 'done') throw new DomainError('CONFLICT', '本单位的汇报和提问已结束，请进入下一个单位')
      if (s.runningSince) return s
      return { ...s, unitId, phase: s.phase === 'idle' ? 'report' : s.phase, runningSince: at }
    }
    case 'pause':
      return stopClock(s, at)
    case 'nextPhase': {
      if (!s.unitId) throw new DomainError('CONFLICT', '请先选择汇报单位')
      // No question time set: the report is followed by the end.
      const next = s.phase === 'idle' ? 'report' : s.phase === 'report' && s.questionMinutes > 0 ? 'questions' : 'done'
      if (s.phase === 'done') throw new DomainError('CONFLICT', '本单位的汇报和提问已结束，请进入下一个单位')
      // The clock keeps running into the question time; the end stops it.
      return { ...stopped(s, next), runningSince: s.runningSince && next !== 'done' ? at : null }
    }
    case 'nextUnit': {
      const next = nextUnitInOrder(units, s.unitId, (u) => u.withdrawn)
      if (!next) throw new DomainError('CONFLICT', '已是最后一个汇报单位')
      return stopped({ ...s, unitId: next.id }, 'idle')
    }
    case 'reset':
      return stopped(s, 'idle')
    case 'settings':
      return { ...s, reportMinutes: control.reportMinutes, questionMinutes: control.questionMinutes, warnMinutes: control.warnMinutes }
  }
}

/** Applies one control action, stores the state and pushes it to every projector screen. */
export function controlProjector(ctx: CoreContext, meetingId: string, control: Control): ProjectorState {
  const { db } = ctx
  const at = now()
  // Read, decide and write under the write lock: two control windows never overwrite each other's step.
  const next = writeTransaction(db, () => {
    const decided = apply(db, load(db, meetingId), control, at)
    store(db, decided, at)
    return decided
  })
  const state: ProjectorState = { ...next, serverNow: at }
  ctx.emit({ type: 'projector', state })
  return state
}

function store(db: Database, s: Stored, at: string): void {
  stmt(
    db,
    `INSERT INTO projector_state (meeting_id, unit_id, phase, running_since, elapsed_ms, report_minutes, question_minutes, warn_minutes, updated_at)
     VALUES (@meetingId, @unitId, @phase, @runningSince, @elapsedMs, @reportMinutes, @questionMinutes, @warnMinutes, @at)
     ON CONFLICT (meeting_id) DO UPDATE SET unit_id = excluded.unit_id, phase = excluded.phase, running_since = excluded.running_since,
       elapsed_ms = excluded.elapsed_ms, report_minutes = excluded.report_minutes, question_minutes = excluded.question_minutes,
       warn_minutes = excluded.warn_minutes, updated_at = excluded.updated_at`,
  ).run({ ...s, at })
}
