import { parentPort, workerData } from 'node:worker_threads'

/** Messages a job worker posts to the main thread (see run-in-worker.ts). */
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; value: unknown }
  | { type: 'error'; message: string }

/**
 * The worker side: call once at the top of a worker module. `work` gets the input given to runInWorker
 * and a progress reporter; its result (or its error's message) goes back to the main thread.
 */
export function serveWorker<I, O>(work: (input: I, progress: (done: number, total: number) => void) => Promise<O> | O): void {
  const port = parentPort
  if (!port) throw new Error('serveWorker 只能在 worker 线程中调用')
  const post = (message: WorkerMessage) => port.postMessage(message)
  void (async () => {
    try {
      const value = await work(workerData as I, (done, total) => post({ type: 'progress', done, total }))
      post({ type: 'result', value })
    } catch (error) {
      post({ type: 'error', message: error instanceof Error ? error.message : String(error) })
    }
  })()
}
