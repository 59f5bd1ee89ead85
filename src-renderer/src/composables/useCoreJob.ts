/**
 * Runs one of the core's background jobs (material import, packages, archive) from a screen: follows
 * its progress events, cancels it by its task id, and tells a cancel from a failure. `isKind` picks the
 * job's events among all the app's (one job of a kind runs at a time).
 */
import { onBeforeUnmount, ref } from 'vue'
import { api, onAppEvent } from '../api'
import { endedByCancel, toJobProgress, type JobProgress } from '../components/materials/jobProgress'

export type CoreJobOutcome<T> = { result: T } | { cancelled: true } | { error: unknown }

export function useCoreJob(isKind: (kind: string) => boolean) {
  const progress = ref<JobProgress | null>(null)
  const running = ref(false)
  const cancelling = ref(false)
  let stop: (() => void) | null = null

  async function run<T>(call: () => Promise<T>): Promise<CoreJobOutcome<T>> {
    progress.value = null
    cancelling.value = false
    running.value = true
    stop = onAppEvent((e) => {
      if (e.type === 'progress' && isKind(e.kind ?? '')) progress.value = toJobProgress(e)
    })
    try {
      return { result: await call() }
    } catch (error) {
      return endedByCancel(error, cancelling.value) ? { cancelled: true } : { error }
    } finally {
      stop?.()
      stop = null
      running.value = false
    }
  }

  /** The task id comes with the first progress event; before it arrives, the runner's list names the job. */
  async function cancel(): Promise<void> {
    if (!running.value || cancelling.value) return
    cancelling.value = true
    try {
      const id = progress.value?.taskId ?? (await api.jobs.list({})).find((j) => isKind(j.kind))?.id
      if (id) await api.jobs.cancel({ id })
      else cancelling.value = false
    } catch {
      cancelling.value = false
    }
  }

  onBeforeUnmount(() => stop?.())
  return { progress, running, cancelling, run, cancel }
}
