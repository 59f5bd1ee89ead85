import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppEvent } from '../../../src-main/shared/events'
import { DomainError } from '../../../src-main/core/errors'
import { createJobRunner, JobCancelledError } from '../../../src-main/core/jobs/job-runner'
import { runInWorker } from '../../../src-main/core/jobs/run-in-worker'

const COUNT_WORKER = new URL('./count-worker.ts', import.meta.url)
const FOREVER = Number.MAX_SAFE_INTEGER

function setup() {
  const events: AppEvent[] = []
  const runner = createJobRunner({ emit: (e) => events.push(e) })
  return { runner, events }
}

afterEach(() => {
  vi.useRealTimers()
})

describe('job runner', () => {
  it('emits worker progress under the job id, fewer events than reports, ending with done = total', async () => {
    const { runner, events } = setup()
    let reports = 0
    const job = runner.start('materials.import', '材料导入', ({ signal, progress }) =>
      runInWorker<object, number>(COUNT_WORKER, { total: 20_000_000, every: 2_000 }, {
        signal,
        onProgress: (done, total) => {
          reports++
          progress(done, total)
        },
      }),
    )
    await expect(job.result).resolves.toBe(20_000_000)
    expect(reports).toBe(10_000)
    expect(events.length).toBeGreaterThan(0)
    expect(events.length).toBeLessThan(reports)
    for (const e of events) expect(e).toMatchObject({ type: 'progress', taskId: job.id, label: '材料导入', total: 20_000_000 })
    expect(events.at(-1)).toMatchObject({ done: 20_000_000, total: 20_000_000 })
    expect(runner.active()).toEqual([])
  })

  it('sends at most one progress event per 100 ms and always the last one', async () => {
    vi.useFakeTimers()
    const { runner, events } = setup()
    let finish!: () => void
    const job = runner.start('export', '导出', async ({ progress }) => {
      // 1,000 reports over one (fake) second.
      for (let done = 1; done <= 1000; done++) {
        progress(done, 1000)
        vi.advanceTimersByTime(1)
      }
      progress(1000, 1000)
      await new Promise<void>((resolve) => (finish = resolve))
    })
    const dones = events.map((e) => (e.type === 'progress' ? e.done : -1))
    expect(dones.length).toBeGreaterThanOrEqual(10)
    expect(dones.length).toBeLessThanOrEqual(11)
    expect(dones[0]).toBe(1)
    finish()
    await job.result
    expect(events.at(-1)).toMatchObject({ done: 1000, total: 1000 })
  })

  it('runs one job of a kind at a time, and other kinds alongside', async () => {
    const { runner } = setup()
    let release!: () => void
    const first = runner.start('materials.import', '材料导入', () => new Promise<void>((resolve) => (release = resolve)))
    const other = runner.start('export', '导出', () => 'ok')

    const second = () => runner.start('materials.import', '材料导入', () => undefined)
    expect(second).toThrow(DomainError)
    expect(second).toThrow('已有一个材料导入正在进行，请等它完成或取消后再试')
    try {
      second()
    } catch (error) {
      expect((error as DomainError).code).toBe('CONFLICT')
    }
    expect(runner.active().map((j) => j.kind).sort()).toEqual(['export', 'materials.import'])

    await expect(other.result).resolves.toBe('ok')
    release()
    await first.result
    const again = runner.start('materials.import', '材料导入', () => 'again')
    await expect(again.result).resolves.toBe('again')
  })

  it('cancel stops a worker mid-way, waits for the cleanup, then frees the kind', async () => {
    const { runner, events } = setup()
    const dir = await mkdtemp(join(tmpdir(), 'jobs-'))
    const partial = join(dir, 'partial.bin')
    let allowCleanup!: () => void
    const cleanupAllowed = new Promise<void>((resolve) => (allowCleanup = resolve))
    let cleanedUp = false

    try {
      const job = runner.start('materials.import', '材料导入', async ({ signal, progress }) => {
        await writeFile(partial, 'half a file')
        try {
          return await runInWorker(COUNT_WORKER, { total: FOREVER, every: 1_000_000 }, { signal, onProgress: progress })
        } finally {
          if (signal.aborted) {
            await cleanupAllowed
            await rm(partial, { force: true })
            cleanedUp = true
          }
        }
      })
      await expect.poll(() => events.length).toBeGreaterThan(0)
      expect(existsSync(partial)).toBe(true)

      expect(runner.cancel(job.id)).toBe(true)
      // Still cleaning up: the kind is taken and the job shows as cancelling.
      expect(runner.active()).toEqual([{ id: job.id, kind: 'materials.import', label: '材料导入', cancelling: true }])
      expect(() => runner.start('materials.import', '材料导入', () => undefined)).toThrow('已有一个材料导入正在进行')

      allowCleanup()
      const error = await job.result.then(
        () => undefined,
        (e: unknown) => e,
      )
      expect(error).toBeInstanceOf(JobCancelledError)
      expect((error as Error).message).toBe('材料导入已取消')
      expect(cleanedUp).toBe(true)
      expect(existsSync(partial)).toBe(false)
      expect(runner.active()).toEqual([])
      expect(runner.cancel(job.id)).toBe(false)

      const again = runner.start('materials.import', '材料导入', ({ signal }) => runInWorker(COUNT_WORKER, { total: 1000, every: 100 }, { signal }))
      await expect(again.result).resolves.toBe(1000)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a failing job rejects with its message and frees its kind', async () => {
    const { runner } = setup()
    const failing = runner.start('materials.import', '材料导入', ({ signal }) =>
      runInWorker(COUNT_WORKER, { total: 100, every: 10, failAt: 50, failMessage: '压缩包已损坏，无法读取' }, { signal }),
    )
    await expect(failing.result).rejects.toThrow('压缩包已损坏，无法读取')
    expect(runner.active()).toEqual([])

    const thrownAtOnce = runner.start('materials.import', '材料导入', () => {
      throw new Error('文件不存在')
    })
    await expect(thrownAtOnce.result).rejects.toThrow('文件不存在')
    await expect(runner.start('materials.import', '材料导入', () => 1).result).resolves.toBe(1)
  })
})
