import { randomUUID } from 'node:crypto'
import type { EmitEvent, ProgressEvent } from '../../shared/events'
import { DomainError } from '../errors'

/** What a job's work receives: the cancel signal and a (throttled) progress reporter. */
export interface JobContext {
  signal: AbortSignal
  progress(done: number, total: number, detail?: ProgressDetail): void
}

/** What a progress line shows beside done / total: files counted and the file at hand. */
export type ProgressDetail = Pick<ProgressEvent, 'files' | 'current'>

export interface JobInfo {
  id: string
  kind: string
  label: string
  /** Cancel was asked; the work is still cleaning up, so the kind stays taken. */
  cancelling: boolean
}

export interface StartedJob<T> {
  id: string
  result: Promise<T>
}

export interface JobRunner {
  start<T>(kind: string, label: string, work: (ctx: JobContext) => Promise<T> | T): StartedJob<T>
  /** Asks the job to stop; false when no such job runs (it may just have finished). */
  cancel(jobId: string): boolean
  active(): JobInfo[]
}

/** The rejection of a cancelled job (`signal.reason`), so callers can tell it from a failure. */
export class JobCancelledError extends Error {
  constructor(label: string) {
    super(`${label}已取消`)
    this.name = 'JobCancelledError'
  }
}

/** At most ~10 progress events a second: a progress bar gains nothing from more, the IPC channel pays for each. */
export const PROGRESS_INTERVAL_MS = 100

interface Running extends JobInfo {
  controller: AbortController
}

export function createJobRunner({ emit }: { emit: EmitEvent }): JobRunner {
  const byKind = new Map<string, Running>()

  function start<T>(kind: string, label: string, work: (ctx: JobContext) => Promise<T> | T): StartedJob<T> {
    const busy = byKind.get(kind)
    if (busy) throw new DomainError('CONFLICT', `已有一个${busy.label}正在进行，请等它完成或取消后再试`)

    const id = randomUUID()
    const controller = new AbortController()
    const job: Running = { id, kind, label, cancelling: false, controller }
    byKind.set(kind, job)

    const progress = throttledProgress((done, total, detail) => emit({ type: 'progress', taskId: id, label, kind, done, total, ...detail }))
    const ctx: JobContext = { signal: controller.signal, progress: progress.report }

    const result = (async () => {
      try {
        const value = await work(ctx)
        // Work that ignored the signal still counts as cancelled: the caller asked for it.
        if (controller.signal.aborted) throw controller.signal.reason
        progress.flush()
        return value
      } catch (error) {
        throw controller.signal.aborted ? controller.signal.reason : error
      } finally {
        // Only now, after the work's own cleanup has run, may another job of this kind start.
        progress.stop()
        byKind.delete(kind)
      }
    })()
    return { id, result }
  }

  function cancel(jobId: string): boolean {
    for (const job of byKind.values()) {
      if (job.id !== jobId) continue
      job.cancelling = true
      job.controller.abort(new JobCancelledError(job.label))
      return true
    }
    return false
  }

  const active = (): JobInfo[] =>
    [...byKind.values()].map(({ id, kind, label, cancelling }) => ({ id, kind, label, cancelling }))

  return { start, cancel, active }
}

/** Emits the first report at once, then at most one per interval, keeping only the latest in between. */
function throttledProgress(send: (done: number, total: number, detail?: ProgressDetail) => void) {
  let last = -Infinity
  let pending: [number, number, ProgressDetail | undefined] | undefined
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (!pending || stopped) return
    const [done, total, detail] = pending
    pending = undefined
    last = Date.now()
    send(done, total, detail)
  }
  const report = (done: number, total: number, detail?: ProgressDetail) => {
    if (stopped) return
    pending = [Math.max(0, Math.floor(done)), Math.max(0, Math.floor(total)), detail]
    const wait = last + PROGRESS_INTERVAL_MS - Date.now()
    if (wait <= 0) flush()
    else timer ??= setTimeout(flush, wait)
  }
  const stop = () => {
    stopped = true
    if (timer) clearTimeout(timer)
  }
  return { report, flush, stop }
}
