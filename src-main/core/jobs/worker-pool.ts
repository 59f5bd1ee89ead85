/**
 * Up to `size` worker services for one job (worker-service.ts), so CPU-bound steps of several items
 * run on several cores: each call goes to an idle thread, a new thread starts only when every running
 * one is busy, and when all `size` are busy the call waits behind the one with the fewest calls.
 * Each thread still takes its calls one at a time, so at most `size` items are in memory together.
 */
import { availableParallelism } from 'node:os'
import { startWorkerService, type WorkerService, type WorkerServiceOptions } from './worker-service'

/** Threads for a job: the machine's cores, at most `limit` (and at least one). */
export const poolSize = (limit: number): number => Math.max(1, Math.min(limit, availableParallelism()))

export function startWorkerPool<I, O>(moduleUrl: URL, { size, ...options }: WorkerServiceOptions & { size: number }): WorkerService<I, O> {
  const threads: { service: WorkerService<I, O>; calls: number }[] = []
  return {
    call(input) {
      let thread = threads.reduce<(typeof threads)[number] | undefined>((best, t) => (!best || t.calls < best.calls ? t : best), undefined)
      if ((!thread || thread.calls > 0) && threads.length < size) {
        thread = { service: startWorkerService<I, O>(moduleUrl, options), calls: 0 }
        threads.push(thread)
      }
      const chosen = thread!
      chosen.calls++
      return chosen.service.call(input).finally(() => chosen.calls--)
    },
    async close() {
      await Promise.all(threads.map((t) => t.service.close()))
    },
  }
}
