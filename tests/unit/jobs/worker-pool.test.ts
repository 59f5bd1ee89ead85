/** A job's items spread over at most `size` threads; a thread starts only when the others are busy. */
import { describe, expect, it } from 'vitest'
import { startWorkerPool } from '../../../src-main/core/jobs/worker-pool'

const THREAD_WORKER = new URL('./thread-worker.ts', import.meta.url)

describe('startWorkerPool', () => {
  it('runs calls that arrive together on two threads, never more than the size', async () => {
    const pool = startWorkerPool<{ ms: number }, number>(THREAD_WORKER, { size: 2 })
    try {
      const threads = await Promise.all(Array.from({ length: 6 }, () => pool.call({ ms: 300 })))
      expect(new Set(threads).size).toBe(2)
    } finally {
      await pool.close()
    }
  })

  it('keeps to one thread while calls come one after another', async () => {
    const pool = startWorkerPool<{ ms: number }, number>(THREAD_WORKER, { size: 2 })
    try {
      const threads: number[] = []
      for (let i = 0; i < 4; i++) threads.push(await pool.call({ ms: 0 }))
      expect(new Set(threads).size).toBe(1)
    } finally {
      await pool.close()
    }
  })

  it('a cancel rejects every waiting call with its reason', async () => {
    const controller = new AbortController()
    const pool = startWorkerPool<{ ms: number }, number>(THREAD_WORKER, { size: 2, signal: controller.signal })
    const calls = Array.from({ length: 3 }, () => pool.call({ ms: 60_000 }))
    controller.abort(new Error('材料导入已取消'))
    for (const call of calls) await expect(call).rejects.toThrow('材料导入已取消')
    await pool.close()
  })
})
