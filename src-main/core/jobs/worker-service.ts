/**
 * A worker thread that takes calls one after another for the length of a job (runInWorker runs one
 * input to one result). An import hands each file to it as soon as the file is stored, so text
 * extraction on one core overlaps copying and hashing on the other, instead of following it.
 * Calls run in order, one at a time in the worker: two 500-page PDFs never sit in one thread's memory
 * together (worker-pool.ts runs a few such threads for one job).
 */
import { Worker, parentPort, type ResourceLimits } from 'node:worker_threads'

type Request = { id: number; input: unknown }
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string }

export interface WorkerService<I, O> {
  call(input: I): Promise<O>
  /** Ends the thread; calls still waiting reject. */
  close(): Promise<void>
}

export interface WorkerServiceOptions {
  signal?: AbortSignal
  /** The thread's V8 heap limits (Node's `resourceLimits`). */
  resourceLimits?: ResourceLimits
}

export function startWorkerService<I, O>(moduleUrl: URL, { signal, resourceLimits }: WorkerServiceOptions = {}): WorkerService<I, O> {
  // Source workers (tests, tsx) need tsx to resolve extensionless imports; built .js workers do not.
  const execArgv = /\.[cm]?ts$/.test(moduleUrl.pathname) ? ['--import', 'tsx'] : undefined
  const worker = new Worker(moduleUrl, { execArgv, resourceLimits })
  const waiting = new Map<number, { resolve: (value: O) => void; reject: (error: unknown) => void }>()
  let next = 0
  let failure: unknown

  const failAll = (error: unknown) => {
    failure ??= error
    for (const { reject } of waiting.values()) reject(failure)
    waiting.clear()
  }
  worker.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.id)
    if (!pending) return
    waiting.delete(reply.id)
    if (reply.ok) pending.resolve(reply.value as O)
    else pending.reject(new Error(reply.message))
  })
  worker.on('error', (error) => failAll(new Error(error.message)))
  worker.on('exit', (code) => failAll(new Error(`后台任务意外退出（代码 ${code}）`)))
  const onAbort = () => {
    failAll(signal!.reason)
    void worker.terminate()
  }
  if (signal?.aborted) onAbort()
  else signal?.addEventListener('abort', onAbort, { once: true })

  return {
    call(input) {
      if (failure) return Promise.reject(failure)
      const id = next++
      return new Promise<O>((resolve, reject) => {
        waiting.set(id, { resolve, reject })
        worker.postMessage({ id, input } satisfies Request)
      })
    },
    async close() {
      signal?.removeEventListener('abort', onAbort)
      failure ??= new Error('后台任务已结束')
      await worker.terminate()
    },
  }
}

/** The worker side: answer each call with `handle(input)`, strictly in arrival order. */
export function serveCalls<I, O>(handle: (input: I) => Promise<O> | O): void {
  const port = parentPort
  if (!port) throw new Error('serveCalls 只能在 worker 线程中调用')
  let queue = Promise.resolve()
  port.on('message', ({ id, input }: Request) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id, ok: true, value: await handle(input as I) } satisfies Reply)
      } catch (error) {
        port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies Reply)
      }
    })
  })
}
