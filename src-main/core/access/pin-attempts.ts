/**
 * Wrong PINs in a row, per PIN (the organizer's, each reviewer's): after 5 the next try waits 30 s,
 * so nobody at a shared PC can try every 4-digit PIN in an afternoon. Kept in memory on the core
 * context: a restart forgets it, which costs a guesser a restart per 5 tries.
 */
import { DomainError } from '../errors'

export const MAX_WRONG_PINS = 5
export const LOCKOUT_MS = 30_000

export interface PinAttempts {
  /** Wrong tries in a row and, once locked, when the wait ends (ms since epoch). */
  readonly counters: Map<string, { wrong: number; lockedUntil: number }>
}

export const createPinAttempts = (): PinAttempts => ({ counters: new Map() })

const waitMessage = (ms: number) => `PIN 连续输错 ${MAX_WRONG_PINS} 次，请 ${Math.ceil(ms / 1000)} 秒后再试`

/** Refuses while this PIN is locked; the message says how long is left. */
export function assertNotLocked(attempts: PinAttempts, key: string): void {
  const counter = attempts.counters.get(key)
  if (!counter || counter.lockedUntil === 0) return
  const left = counter.lockedUntil - Date.now()
  if (left > 0) throw new DomainError('FORBIDDEN', waitMessage(left))
  attempts.counters.delete(key)
}

/** Records the outcome of a check; a wrong PIN throws, saying so (and how long to wait once locked). */
export function recordPinCheck(attempts: PinAttempts, key: string, right: boolean, wrongMessage: string): void {
  if (right) {
    attempts.counters.delete(key)
    return
  }
  const counter = attempts.counters.get(key) ?? { wrong: 0, lockedUntil: 0 }
  counter.wrong++
  if (counter.wrong >= MAX_WRONG_PINS) counter.lockedUntil = Date.now() + LOCKOUT_MS
  attempts.counters.set(key, counter)
  throw new DomainError('FORBIDDEN', counter.lockedUntil ? `${wrongMessage}；${waitMessage(LOCKOUT_MS)}` : `${wrongMessage}（还可再试 ${MAX_WRONG_PINS - counter.wrong} 次）`)
}
