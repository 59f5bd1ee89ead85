/** A packages operation (a core job of kind packages.*); failures come back as words to show. */
import { errorMessage } from '../../composables/apiError'
import { useCoreJob } from '../../composables/useCoreJob'
import type { JobOutcome } from '../materials/useMaterialJob'

export const isPackageJob = (kind: string | undefined): boolean => (kind ?? '').startsWith('packages.')

export function usePackageJob() {
  const job = useCoreJob(isPackageJob)
  const run = async <T>(call: () => Promise<T>): Promise<JobOutcome<T>> => {
    const outcome = await job.run(call)
    return 'error' in outcome ? { error: errorMessage(outcome.error) } : outcome
  }
  return { ...job, run }
}
