import { Worker } from 'node:worker_threads'
import type { WorkerMessage } from './worker-protocol'

export interface RunInWorkerOptions {
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

/**
 * Runs a CPU-heavy step in a worker thread so the main process (every window) stays responsive.
 * The module calls serveWorker(); `input` and the result must be structured-cloneable.
 * Abort terminates the worker and rejects with the signal's reason.
 */
export function runInWorker<I, O>(moduleUrl: URL | string, input: I, { signal, onProgress }: RunInWorkerOptions = {}): Promise<O> {
  return new Promise<O>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const url = typeof moduleUrl === 'string' ? new URL(moduleUrl) : moduleUrl
    // Source workers (tests, tsx dev runs) import siblings without extensions, which Node's own type
    // stripping cannot resolve; tsx can. Built apps load .js workers and need no loader.
    const execArgv = /\.[cm]?ts$/.test(url.pathname) ? ['--import', 'tsx'] : undefined
    const worker = new Worker(url, { workerData: input, execArgv })

    let settled = false
    const finish = (settle: () => void) => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      settle()
      void worker.terminate()
    }
    const onAbort = () => finish(() => reject(signal!.reason))
    signal?.addEventListener('abort', onAbort, { once: true })

    worker.on('message', (message: WorkerMessage) => {
      if (settled) return
      if (message.type === 'progress') onProgress?.(message.done, message.total)
      else if (message.type === 'result') finish(() => resolve(message.value as O))
      else finish(() => reject(new Error(message.message)))
    })
    // Uncaught errors in the worker (and failures to load the module) arrive here.
    worker.on('error', (error) => finish(() => reject(new Error(error.message))))
    worker.on('exit', (code) => finish(() => reject(new Error(`后台任务意外退出（代码 ${code}）`))))
  })
}
