/**
 * Autosave of one scoring field, on fake timers: what the reviewer typed last is what ends up saved,
 * a passing fault is retried, a refusal is reported and never replayed, and nothing is sent twice.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiCallError } from '@shared/client'
import type { ErrorCode } from '@shared/errors'
import { DEBOUNCE_MS, FieldSaver, type FieldStatus } from '../../src-renderer/src/scoring/fieldSaver'

const RETRY_MS = 3000

interface Request {
  payload: number
  resolve(result: string): void
  reject(error: unknown): void
}

/** A saver over a server whose answers the test gives by hand; drafts are the typed text. */
function harness(options: { loaded?: boolean } = {}) {
  const requests: Request[] = []
  const saved: string[] = []
  const confirmed: string[] = []
  const rejected: string[] = []
  const statuses: FieldStatus[] = []
  let loaded = options.loaded ?? true
  const saver = new FieldSaver<string, number, string>({
    validate: (text) => (/^\d+$/.test(text) ? { payload: Number(text) } : { error: '请输入数字' }),
    send: (payload) => new Promise((resolve, reject) => requests.push({ payload, resolve, reject })),
    onSaved: (result) => saved.push(result),
    onConfirmed: (text) => confirmed.push(text),
    onRejected: (text) => rejected.push(text),
    onStatus: (status) => statuses.push(status),
    canSend: () => loaded,
  })
  return {
    saver,
    requests,
    saved,
    confirmed,
    rejected,
    status: () => statuses.at(-1),
    sent: () => requests.map((r) => r.payload),
    setLoaded: (value: boolean) => (loaded = value),
  }
}

const apiError = (code: ErrorCode, message: string) => new ApiCallError({ code, message })
/** Lets the saver's promise chain react to an answer. */
const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('FieldSaver: debounce', () => {
  it('waits for a pause in typing, then sends only the last value once', async () => {
    const h = harness()
    h.saver.set('7')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS / 2)
    h.saver.set('75')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1)
    expect(h.sent()).toEqual([])
    expect(h.status()).toEqual({ kind: 'pending' })
    expect(h.saver.busy).toBe(true)

    await vi.advanceTimersByTimeAsync(1)
    expect(h.sent()).toEqual([75])
    expect(h.status()).toEqual({ kind: 'saving' })

    h.requests[0].resolve('ok-75')
    await settle()
    expect(h.status()).toEqual({ kind: 'saved' })
    expect(h.confirmed).toEqual(['75'])
    expect(h.saver.busy).toBe(false)
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([75])
  })

  it('sends at once when asked (a checkbox, Enter, leaving the sheet)', async () => {
    const h = harness()
    h.saver.set('3', true)
    await settle()
    expect(h.sent()).toEqual([3])

    h.requests[0].resolve('ok')
    await settle()
    h.saver.set('4')
    const flushed = h.saver.flush()
    await settle()
    expect(h.sent()).toEqual([3, 4])
    h.requests[1].resolve('ok')
    await flushed
    expect(h.confirmed).toEqual(['3', '4'])
  })

  it('reports invalid input at once and never sends it', async () => {
    const h = harness()
    h.saver.set('8')
    h.saver.set('8x')
    expect(h.status()).toEqual({ kind: 'error', message: '请输入数字' })
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([])
    expect(h.saver.busy).toBe(false)
  })

  it('holds input typed before the sheet has loaded, and sends it when kicked', async () => {
    const h = harness({ loaded: false })
    h.saver.set('6')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    expect(h.sent()).toEqual([])
    expect(h.status()).toEqual({ kind: 'pending' })
    h.setLoaded(true)
    h.saver.kick()
    await settle()
    expect(h.sent()).toEqual([6])
  })
})

describe('FieldSaver: ordering', () => {
  it('keeps one request in flight and sends the newest value when it returns; only that one is confirmed', async () => {
    const h = harness()
    h.saver.set('5')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    h.saver.set('6')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    h.saver.set('7')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    expect(h.sent()).toEqual([5]) // serialised: 6 never goes out, 7 waits

    h.requests[0].resolve('ok-5')
    await settle()
    expect(h.saved).toEqual(['ok-5']) // totals follow every answer…
    expect(h.confirmed).toEqual([]) // …but 5 is not what the box shows
    expect(h.sent()).toEqual([5, 7])
    expect(h.status()).toEqual({ kind: 'saving' })

    h.requests[1].resolve('ok-7')
    await settle()
    expect(h.confirmed).toEqual(['7'])
    expect(h.status()).toEqual({ kind: 'saved' })
  })

  it('does not show the failure of a value already overtaken by newer input', async () => {
    const h = harness()
    h.saver.set('5', true)
    await settle()
    h.saver.set('6', true)
    h.requests[0].reject(apiError('CONFLICT', '评分表已提交，不能修改'))
    await settle()
    expect(h.rejected).toEqual([])
    expect(h.sent()).toEqual([5, 6])
    h.requests[1].resolve('ok-6')
    await settle()
    expect(h.status()).toEqual({ kind: 'saved' })
    expect(h.confirmed).toEqual(['6'])
  })
})

describe('FieldSaver: failures', () => {
  it('retries a passing fault after a pause with the same value, and says so', async () => {
    const h = harness()
    h.saver.set('9', true)
    await settle()
    h.requests[0].reject(apiError('INTERNAL', '无法连接到本机服务，请确认程序仍在运行'))
    await settle()
    expect(h.status()).toEqual({ kind: 'error', message: '无法连接到本机服务，请确认程序仍在运行（稍后自动重试）' })

    await vi.advanceTimersByTimeAsync(RETRY_MS - 1)
    expect(h.sent()).toEqual([9])
    await vi.advanceTimersByTimeAsync(1)
    expect(h.sent()).toEqual([9, 9])

    h.requests[1].resolve('ok-9')
    await settle()
    expect(h.status()).toEqual({ kind: 'saved' })
    expect(h.confirmed).toEqual(['9'])
  })

  it('keeps retrying while the fault lasts; a thrown non-API error counts as a fault', async () => {
    const h = harness()
    h.saver.set('2', true)
    await settle()
    h.requests[0].reject(new TypeError('Failed to fetch'))
    await settle()
    expect(h.status()).toEqual({ kind: 'error', message: '保存失败：Failed to fetch（稍后自动重试）' })
    await vi.advanceTimersByTimeAsync(RETRY_MS)
    h.requests[1].reject(apiError('INTERNAL', '数据库忙'))
    await vi.advanceTimersByTimeAsync(RETRY_MS)
    expect(h.sent()).toEqual([2, 2, 2])
  })

  it('drops a pending retry of an old value once the user has typed a new one', async () => {
    const h = harness()
    h.saver.set('4', true)
    await settle()
    h.requests[0].reject(apiError('INTERNAL', '数据库忙'))
    await vi.advanceTimersByTimeAsync(1000)
    h.saver.set('5')
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS)
    expect(h.sent()).toEqual([4, 5])
    h.requests[1].resolve('ok-5')
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS) // well past the old retry
    expect(h.sent()).toEqual([4, 5])
    expect(h.status()).toEqual({ kind: 'saved' })
    expect(h.confirmed).toEqual(['5'])
  })

  it.each([
    ['CONFLICT', '评分表已提交，不能修改'],
    ['NOT_FOUND', '参评单位不存在'],
  ] as const)('reports a refusal (%s) as it is, gives the input up and never replays it', async (code, message) => {
    const h = harness()
    h.saver.set('8', true)
    await settle()
    h.requests[0].reject(apiError(code, message))
    await settle()
    expect(h.status()).toEqual({ kind: 'error', message })
    expect(h.rejected).toEqual(['8'])
    expect(h.confirmed).toEqual([])
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([8])
    expect(h.saver.busy).toBe(false)
  })

  it('reports a range refusal without retrying it, but keeps the input (the user corrects it)', async () => {
    const h = harness()
    h.saver.set('12', true)
    await settle()
    h.requests[0].reject(apiError('OUT_OF_RANGE', '超出满分'))
    await settle()
    expect(h.status()).toEqual({ kind: 'error', message: '超出满分' })
    expect(h.rejected).toEqual([])
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([12])
  })
})

describe('FieldSaver: dispose', () => {
  it('cancels a save still waiting for the pause in typing', async () => {
    const h = harness()
    h.saver.set('1')
    h.saver.dispose()
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([])
  })

  it('cancels a scheduled retry', async () => {
    const h = harness()
    h.saver.set('1', true)
    await settle()
    h.requests[0].reject(apiError('INTERNAL', '数据库忙'))
    await settle()
    h.saver.dispose()
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS)
    expect(h.sent()).toEqual([1])
  })
})
