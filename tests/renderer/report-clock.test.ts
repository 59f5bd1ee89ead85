/** The recorder's report timer: measured from timestamps, so pausing and sleeping do not drift it. */
import { describe, expect, it } from 'vitest'
import { clockText, elapsedMs, freshClock, pause, start } from '../../src-renderer/src/components/minutes/reportClock'

describe('report clock', () => {
  it('counts only while running, across pauses', () => {
    let clock = start(freshClock(), 1_000)
    clock = pause(clock, 61_000) // ran 60 s
    expect(elapsedMs(clock, 500_000)).toBe(60_000) // paused: no time passes
    clock = start(clock, 500_000)
    expect(elapsedMs(clock, 530_000)).toBe(90_000)
    expect(start(clock, 999_999)).toBe(clock) // starting a running clock changes nothing
  })

  it('shows the time left, then the overrun with a plus sign', () => {
    expect(clockText(8 * 60_000)).toBe('8:00')
    expect(clockText(65_000)).toBe('1:05')
    expect(clockText(500)).toBe('0:01')
    expect(clockText(-35_000)).toBe('+0:35')
  })
})
