/** A material import (single unit or batch) as a core job; failures come back as words to show. */
import { errorMessage } from '../../composables/apiError'
import { useCoreJob } from '../../composables/useCoreJob'

export type JobOutcome<T> = { result: T } | { cancelled: true } | { error: string }

export function useMaterialJob() {
  const job = useCoreJob((kind) => kind.startsWith('materials.'))
  const run = async <T>(call: () => Promise<T>): Promise<JobOutcome<T>> => {
    const outcome = await job.run(call)
    return 'error' in outcome ? { error: errorMessage(outcome.error) } : outcome
  }
  return { ...job, run }
}
