/** The recorder's report timer: measured from timestamps, shown by the projector's clock rule. */
import { describe, expect, it } from 'vitest'
import { clockView, countedMs } from '../../src-main/shared/projector-clock'
import { freshClock, pause, start } from '../../src-renderer/src/components/minutes/reportClock'

const minutes = { reportMinutes: 8, questionMinutes: 5, warnMinutes: 1 }

describe('report timer', () => {
  it('counts only while running, across pauses', () => {
    let clock = start(freshClock(), 1_000)
    clock = pause(clock, 61_000) // ran 60 s
    expect(countedMs(clock, 500_000)).toBe(60_000) // paused: no time passes
    clock = start(clock, 500_000)
    expect(countedMs(clock, 530_000)).toBe(90_000)
    expect(start(clock, 999_999)).toBe(clock) // starting a running clock changes nothing
  })

  it('shows what the projector shows: time left, amber in the last minute, then the overrun in red', () => {
    const at = (ms: number, phase: 'report' | 'questions' = 'report') => clockView({ ...pause(start(freshClock(phase), 0), ms), ...minutes }, ms)
    expect(at(0)).toMatchObject({ text: '08:00', tone: 'normal', running: false })
    expect(at(7 * 60_000 - 5_000)).toMatchObject({ text: '01:05', tone: 'normal' })
    expect(at(7 * 60_000 + 1)).toMatchObject({ text: '01:00', tone: 'warn' })
    expect(at(8 * 60_000 + 35_000)).toMatchObject({ text: '+0:35', tone: 'over' })
    expect(at(60_000, 'questions')).toMatchObject({ text: '04:00' })
    expect(clockView({ ...start(freshClock(), 0), ...minutes }, 1_000)).toMatchObject({ running: true, text: '07:59' })
  })
})
