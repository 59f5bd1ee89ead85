/**
 * Merging the return packages chosen together (the 合并评审结果 panel takes many files at once). Each
 * is merged on its own and in the order given, exactly as mergeReturnPackage merges one: a package
 * refused, already merged, older or in conflict does not stop the others, and each merged one is its
 * own transaction. What overlaps is the half that needs no database (return-prepare.ts: opening, the
 * HMAC, extraction with SHA-256, the data file's quick_check — about a third of a package's time): the
 * next packages are prepared in a worker thread on the other core while this thread merges. Until the
 * worker has loaded its modules, this thread prepares the package it is about to merge itself.
 */
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CoreContext } from '../context'
import type { JobContext } from '../jobs/job-runner'
import { startWorkerService, type WorkerService } from '../jobs/worker-service'
import { workerModuleUrl } from '../jobs/worker-url'
import { mergePreparedReturn, type MergeReport } from './merge-return'
import { PackageError } from './package-errors'
import { prepareReturn, returnExpectation, type PreparedReturn } from './return-prepare'
import type { PrepareAnswer, PrepareCall } from './return-worker'

export type MergeOutcome =
  | { kind: 'report'; report: MergeReport }
  /** Refused (the package's fault: `problem` says which check) or failed (e.g. the disk): nothing of it was written. */
  | { kind: 'refused'; problem?: string; message: string }
  /** Not merged: the job was cancelled before its turn. */
  | { kind: 'cancelled' }

/** Packages prepared ahead of the one being merged: enough to keep the worker busy, few enough to keep the temporary files small. */
const AHEAD = 2

export const returnWorkerUrl = (): URL => workerModuleUrl(import.meta.url, 'return-worker', '评审结果包校验')

export interface MergeBatchOptions {
  /** Start only once the worker has loaded, so it prepares from the first package on (tests of the worker's part). */
  awaitWorker?: boolean
}

/** One outcome per path, in order. A cancel ends the run: the packages merged so far stay merged, the rest are `cancelled`. */
export async function mergeReturnPackages(ctx: CoreContext, meetingId: string, paths: string[], job: JobContext, options: MergeBatchOptions = {}): Promise<MergeOutcome[]> {
  const expected = returnExpectation(ctx.db, meetingId)
  const outcomes: MergeOutcome[] = paths.map(() => ({ kind: 'cancelled' }))
  const folder = await mkdtemp(join(tmpdir(), 'onsite-returns-'))
  const sliceFile = (i: number) => join(folder, `${i}.sqlite`)
  const prepareHere = (i: number) => prepareReturn(paths[i], expected, sliceFile(i))
  const prepared: Promise<PreparedReturn>[] = []
  let merging = 0
  let worker = paths.length > 1 ? startWorker(job.signal) : undefined
  let workerIdle = false
  let closing = false

  /** The worker takes the next package nobody has started, one at a time, at most AHEAD past the merge. */
  const feedWorker = (): void => {
    const i = prepared.length
    workerIdle = !worker || i >= paths.length || i > merging + AHEAD || job.signal.aborted
    if (workerIdle) return
    prepared[i] = worker!.call({ path: paths[i], expected, sliceFile: sliceFile(i) }).then(
      (answer) => {
        if (typeof answer === 'object' && 'failed' in answer) throw new Error(answer.failed)
        return answer as PreparedReturn
      },
      (error: unknown) => {
        if (job.signal.aborted || closing) throw error
        // The thread died (a broken build, memory): this thread prepares the rest.
        worker = undefined
        return prepareHere(i)
      },
    )
    void prepared[i].then(feedWorker, feedWorker)
  }
  const workerUp = worker?.call({ ready: true }).then(feedWorker, () => (worker = undefined))

  try {
    if (options.awaitWorker) await workerUp
    job.progress(0, 0, { files: { done: 0, total: paths.length } })
    for (; merging < paths.length && !job.signal.aborted; merging++) {
      prepared[merging] ??= prepareHere(merging)
      if (workerIdle) feedWorker()
      try {
        outcomes[merging] = { kind: 'report', report: mergePreparedReturn(ctx, meetingId, await prepared[merging], {}, job.signal) }
      } catch (error) {
        if (job.signal.aborted) break
        outcomes[merging] = { kind: 'refused', problem: error instanceof PackageError ? error.problem : undefined, message: error instanceof Error ? error.message : String(error) }
      }
      rmSync(sliceFile(merging), { force: true })
      job.progress(0, 0, { files: { done: merging + 1, total: paths.length } })
    }
    return outcomes
  } finally {
    closing = true
    await worker?.close()
    // Packages prepared ahead but not merged (a cancel) leave their files here too.
    await Promise.allSettled(prepared)
    rmSync(folder, { recursive: true, force: true })
  }
}

function startWorker(signal: AbortSignal): WorkerService<PrepareCall, PrepareAnswer> | undefined {
  try {
    return startWorkerService(returnWorkerUrl(), { signal })
  } catch {
    // No worker module (a damaged install): everything is prepared on this thread, only slower.
    return undefined
  }
}
