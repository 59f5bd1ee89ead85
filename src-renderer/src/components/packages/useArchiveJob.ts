/**
 * Runs archive.write / archive.restore (the core's `archive` job): follows its progress events,
 * cancels it by task id, and tells a cancel from a failure (a cancel is said, never shown as an error).
 */
import { onBeforeUnmount, ref } from 'vue'
import { api, onAppEvent } from '../../api'
import { endedByCancel, toJobProgress, type JobProgress } from '../materials/jobProgress'

/** The core's job kind for both directions (services/archive.ts): one archive job at a time. */
export const ARCHIVE_JOB_KIND = 'archive'

export type ArchiveOutcome<T> = { result: T } | { cancelled: true } | { error: unknown }

export function useArchiveJob() {
  const progress = ref<JobProgress | null>(null)
  const running = ref(false)
  const cancelling = ref(false)
  let stop: (() => void) | null = null

  async function run<T>(call: () => Promise<T>): Promise<ArchiveOutcome<T>> {
    progress.value = null
    cancelling.value = false
    running.value = true
    stop = onAppEvent((e) => {
      if (e.type === 'progress' && e.kind === ARCHIVE_JOB_KIND) progress.value = toJobProgress(e)
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

  async function cancel(): Promise<void> {
    if (!running.value || cancelling.value) return
    cancelling.value = true
    try {
      const id = progress.value?.taskId ?? (await api.jobs.list({})).find((j) => j.kind === ARCHIVE_JOB_KIND)?.id
      if (id) await api.jobs.cancel({ id })
      else cancelling.value = false
    } catch {
      cancelling.value = false
    }
  }

  onBeforeUnmount(() => stop?.())
  return { progress, running, cancelling, run, cancel }
}
