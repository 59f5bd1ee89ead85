import { z } from 'zod'
import { ProjectorState } from './schemas/onday'

/** Push events from the core (IPC channel `event` in Electron, SSE `/api/events` in the bridge). */
export const ProgressEvent = z.object({
  type: z.literal('progress'),
  taskId: z.string(),
  label: z.string(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** The job's kind (e.g. `materials.import`) for jobs run by the job runner; cancel it with jobs.cancel(taskId). */
  kind: z.string().optional(),
  /** Files done / in all, beside the bytes in done / total (material imports). */
  files: z.object({ done: z.number().int().min(0), total: z.number().int().min(0) }).optional(),
  /** The file being worked on, for the progress line. */
  current: z.string().optional(),
})
export type ProgressEvent = z.infer<typeof ProgressEvent>
/** The projector's state changed (a unit chosen, the clock started or paused…): every projector screen redraws. */
export const ProjectorEvent = z.object({ type: z.literal('projector'), state: ProjectorState })
export type ProjectorEvent = z.infer<typeof ProjectorEvent>
export const AppEvent = z.discriminatedUnion('type', [ProgressEvent, ProjectorEvent])
export type AppEvent = z.infer<typeof AppEvent>
export type EmitEvent = (event: AppEvent) => void

/** The task id of a unit-list import's progress events, so the dialog can follow just that import. */
export const unitImportTaskId = (meetingId: string): string => `units.importXlsx:${meetingId}`
