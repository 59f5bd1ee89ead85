// A CPU-bound worker for the job runner tests: counts to `total`, reporting every `every` steps.
import { serveWorker } from '../../../src-main/core/jobs/worker-protocol'

interface Input {
  total: number
  every: number
  /** Throw this message once the count reaches `failAt`. */
  failAt?: number
  failMessage?: string
}

serveWorker<Input, number>(({ total, every, failAt, failMessage }, progress) => {
  let count = 0
  while (count < total) {
    count++
    if (count === failAt) throw new Error(failMessage)
    if (count % every === 0 || count === total) progress(count, total)
  }
  return count
})
