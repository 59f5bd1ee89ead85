import { describe, expect, it } from 'vitest'
import { runInWorker } from '../../../src-main/core/jobs/run-in-worker'

const COUNT_WORKER = new URL('./count-worker.ts', import.meta.url)

describe('runInWorker', () => {
  it('returns the worker result and passes its progress on', async () => {
    const seen: [number, number][] = []
    const result = await runInWorker<object, number>(COUNT_WORKER, { total: 10_000, every: 1_000 }, { onProgress: (d, t) => seen.push([d, t]) })
    expect(result).toBe(10_000)
    expect(seen).toHaveLength(10)
    expect(seen.at(-1)).toEqual([10_000, 10_000])
  })

  it('rejects with the message the worker threw', async () => {
    const run = runInWorker(COUNT_WORKER, { total: 100, every: 10, failAt: 42, failMessage: '第 42 行的金额不是数字' })
    await expect(run).rejects.toThrow('第 42 行的金额不是数字')
  })

  it('keeps the main event loop responsive while the worker counts, and abort stops it', async () => {
    let ticks = 0
    const ticker = setInterval(() => ticks++, 5)
    const controller = new AbortController()
    const seen: number[] = []
    let settled = false
    const run = runInWorker(COUNT_WORKER, { total: Number.MAX_SAFE_INTEGER, every: 1_000_000 }, {
      signal: controller.signal,
      onProgress: (done) => seen.push(done),
    }).finally(() => (settled = true))
    try {
      // The worker never finishes on its own; the timer ticking meanwhile proves the main thread is free.
      await expect.poll(() => ticks).toBeGreaterThanOrEqual(3)
      await expect.poll(() => seen.length).toBeGreaterThan(0)
      expect(settled).toBe(false)
      controller.abort(new Error('用户取消'))
      await expect(run).rejects.toThrow('用户取消')
    } finally {
      clearInterval(ticker)
    }
  })

  it('does not start a worker when already aborted', async () => {
    let progressed = false
    const run = runInWorker(COUNT_WORKER, { total: 10, every: 1 }, { signal: AbortSignal.abort(new Error('已取消')), onProgress: () => (progressed = true) })
    await expect(run).rejects.toThrow('已取消')
    expect(progressed).toBe(false)
  })

  it('reports a worker module that cannot load', async () => {
    await expect(runInWorker(new URL('./no-such-worker.ts', import.meta.url), {})).rejects.toThrow(/no-such-worker/)
  })
})
