/**
 * Runs a material import (single unit or batch) as the core's background job: follows its progress
 * events, cancels it by its task id, and tells a cancel from a failure.
 */
import { onBeforeUnmount, ref } from 'vue'
import { api, onAppEvent } from '../../api'
import { errorMessage } from '../../composables/apiError'
import { endedByCancel, isMaterialJob, toJobProgress, type JobProgress } from './jobProgress'

export type JobOutcome<T> = { result: T } | { cancelled: true } | { error: string }

export function useMaterialJob() {
  const progress = ref<JobProgress | null>(null)
  const running = ref(false)
  const cancelling = ref(false)
  let stop: (() => void) | null = null

  async function run<T>(call: () => Promise<T>): Promise<JobOutcome<T>> {
    progress.value = null
    cancelling.value = false
    running.value = true
    stop = onAppEvent((e) => {
      if (e.type === 'progress' && isMaterialJob(e)) progress.value = toJobProgress(e)
    })
    try {
      return { result: await call() }
    } catch (error) {
      return endedByCancel(error, cancelling.value) ? { cancelled: true } : { error: errorMessage(error) }
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
      const id = progress.value?.taskId ?? (await api.jobs.list({})).find((j) => j.kind.startsWith('materials.'))?.id
      if (id) await api.jobs.cancel({ id })
      else cancelling.value = false
    } catch {
      cancelling.value = false
    }
  }

  onBeforeUnmount(() => stop?.())
  return { progress, running, cancelling, run, cancel }
}
