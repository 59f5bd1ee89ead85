/**
 * Runs a packages operation (a core job of kind packages.*): follows its progress events, cancels it
 * by its task id, and tells a cancel from a failure — as the material import does.
 */
import { onBeforeUnmount, ref } from 'vue'
import { api, onAppEvent } from '../../api'
import { errorMessage } from '../../composables/apiError'
import { endedByCancel, toJobProgress, type JobProgress } from '../materials/jobProgress'
import type { JobOutcome } from '../materials/useMaterialJob'

export const isPackageJob = (kind: string | undefined): boolean => (kind ?? '').startsWith('packages.')

export function usePackageJob() {
  const progress = ref<JobProgress | null>(null)
  const running = ref(false)
  const cancelling = ref(false)
  let stop: (() => void) | null = null

  async function run<T>(call: () => Promise<T>): Promise<JobOutcome<T>> {
    progress.value = null
    cancelling.value = false
    running.value = true
    stop = onAppEvent((e) => {
      if (e.type === 'progress' && isPackageJob(e.kind)) progress.value = toJobProgress(e)
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

  async function cancel(): Promise<void> {
    if (!running.value || cancelling.value) return
    cancelling.value = true
    try {
      const id = progress.value?.taskId ?? (await api.jobs.list({})).find((j) => isPackageJob(j.kind))?.id
      if (id) await api.jobs.cancel({ id })
      else cancelling.value = false
    } catch {
      cancelling.value = false
    }
  }

  onBeforeUnmount(() => stop?.())
  return { progress, running, cancelling, run, cancel }
}
