import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'

/**
 * On the day: the report order drawn by lots (抽签) and the projector's timer.
 * A draw is recorded with its seed and time, and sets the units' order (the one order the scoring
 * list, the projector and the minutes use); the same seed gives the same order (core/onday/lot-draw.ts).
 */
export const LotDraw = z.object({
  id: Id,
  meetingId: Id,
  /** 1 for the first draw of the meeting, 2 for a redraw… */
  seq: z.number().int().min(1),
  /** Hex; shown on the printed order so a 复核人 can redo the draw. */
  seed: z.string(),
  drawnAt: Timestamp,
  /** Required for a redraw (why the order changed). */
  reason: z.string(),
  order: z.array(z.object({ unitId: Id, unitName: z.string(), position: z.number().int().min(1) })),
})
export type LotDraw = z.infer<typeof LotDraw>
export const LotDrawInput = MeetingRef.extend({
  /** Hex, 8–64 characters; omitted: a random seed from the system. */
  seed: z.string().regex(/^[0-9a-fA-F]{8,64}$/, '种子应为 8–64 位十六进制数字').optional(),
  reason: z.string().trim().max(200, '理由不超过 200 字').default(''),
})

export const ProjectorPhase = z.enum(['idle', 'report', 'questions', 'done'])
export type ProjectorPhase = z.infer<typeof ProjectorPhase>
export const ProjectorState = z.object({
  meetingId: Id,
  /** The unit on the screen; null before the first. */
  unitId: Id.nullable(),
  phase: ProjectorPhase,
  /** When the running clock was (re)started; null while paused or idle. */
  runningSince: Timestamp.nullable(),
  /** Time counted in this phase before runningSince. */
  elapsedMs: z.number().int().min(0),
  reportMinutes: z.number().int().min(1).max(120),
  questionMinutes: z.number().int().min(0).max(120),
  /** The clock turns amber this many minutes before the end (red once over). */
  warnMinutes: z.number().int().min(0).max(30),
  /** The server's clock when this state was read, so a screen can correct its own clock. */
  serverNow: Timestamp,
})
export type ProjectorState = z.infer<typeof ProjectorState>
export const ProjectorControl = z.discriminatedUnion('action', [
  z.object({ action: z.literal('select'), unitId: Id }),
  z.object({ action: z.literal('start') }),
  z.object({ action: z.literal('pause') }),
  z.object({ action: z.literal('nextPhase') }),
  z.object({ action: z.literal('nextUnit') }),
  z.object({ action: z.literal('reset') }),
  z.object({
    action: z.literal('settings'),
    reportMinutes: z.number().int().min(1, '汇报时间至少 1 分钟').max(120),
    questionMinutes: z.number().int().min(0).max(120),
    warnMinutes: z.number().int().min(0).max(30),
  }),
])
export const ProjectorControlInput = MeetingRef.extend({ control: ProjectorControl })
