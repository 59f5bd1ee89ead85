/** The projector: control actions move the phase and the clock, follow the unit order, and are pushed to every screen. */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AppEvent } from '../../src-main/shared/events'
import { clockView } from '../../src-main/shared/projector-clock'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let meetingId: string
let unitIds: string[]
const events: AppEvent[] = []
const T0 = Date.parse('2024-12-18T01:00:00.000Z')
beforeAll(async () => {
  t = makeTestCore()
  const seeded = await seedSmallMeeting(t.api)
  meetingId = seeded.meeting.id
  unitIds = seeded.units.map((u) => u.id)
  t.core.onEvent((e) => events.push(e))
  // The clock is read from Date: moved by hand, never waited for.
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(T0)
})
afterEach(() => void (events.length = 0))
afterAll(() => {
  vi.useRealTimers()
  t.dispose()
})
const control = (c: Parameters<typeof t.api.projector.control>[0]['control']) => t.api.projector.control({ meetingId, control: c })
const at = (seconds: number) => vi.setSystemTime(T0 + seconds * 1000)

describe('the projector', () => {
  it('starts idle with the meeting’s durations (8 + 5 minutes) and a warning 1 minute before the end', async () => {
    expect(await t.api.projector.state({ meetingId })).toMatchObject({
      unitId: null,
      phase: 'idle',
      runningSince: null,
      elapsedMs: 0,
      reportMinutes: 8,
      questionMinutes: 5,
      warnMinutes: 1,
    })
  })

  it('start takes the first unit and runs the report clock; pause keeps the time counted; every change is pushed', async () => {
    at(0)
    const started = await control({ action: 'start' })
    expect(started).toMatchObject({ unitId: unitIds[0], phase: 'report', elapsedMs: 0, runningSince: new Date(T0).toISOString() })
    at(90)
    expect(clockView(await t.api.projector.state({ meetingId }), Date.now()).text).toBe('06:30')
    const paused = await control({ action: 'pause' })
    expect(paused).toMatchObject({ runningSince: null, elapsedMs: 90_000 })
    at(500)
    // Paused: the time does not move.
    expect(clockView(await t.api.projector.state({ meetingId }), Date.now()).text).toBe('06:30')
    expect(events).toEqual([
      { type: 'projector', state: started },
      { type: 'projector', state: paused },
    ])
  })

  it('turns amber in the last minute and red, counting 超时, after the end', async () => {
    await control({ action: 'start' })
    at(500 + 390 - 30)
    const state = await t.api.projector.state({ meetingId })
    expect(clockView(state, Date.now())).toMatchObject({ tone: 'warn', text: '00:30' })
    expect(clockView(state, Date.now() + 95_000)).toMatchObject({ tone: 'over', text: '+1:05' })
  })

  it('goes on to the questions with a fresh clock, then to the end; a further step is refused, changing nothing', async () => {
    const questions = await control({ action: 'nextPhase' })
    expect(questions).toMatchObject({ phase: 'questions', elapsedMs: 0 })
    expect(questions.runningSince).not.toBeNull()
    expect(clockView(questions, Date.now()).text).toBe('05:00')
    const done = await control({ action: 'nextPhase' })
    expect(done).toMatchObject({ phase: 'done', runningSince: null })
    await expectRejected(t.core.context.db, () => control({ action: 'nextPhase' }), 'CONFLICT', '已结束')
    await expectRejected(t.core.context.db, () => control({ action: 'start' }), 'CONFLICT', '下一个单位')
  })

  it('next unit follows the unit order, skips withdrawn units and resets the clock; past the last it is refused', async () => {
    await t.api.units.withdraw({ meetingId, id: unitIds[1], reason: '机构调整' })
    const next = await control({ action: 'nextUnit' })
    expect(next).toMatchObject({ unitId: unitIds[2], phase: 'idle', elapsedMs: 0, runningSince: null })
    await expectRejected(t.core.context.db, () => control({ action: 'nextUnit' }), 'CONFLICT', '最后一个')
    await expectRejected(t.core.context.db, () => control({ action: 'select', unitId: unitIds[1] }), 'CONFLICT', '退出评审')
    await t.api.units.reinstate({ meetingId, id: unitIds[1] })
  })

  it('after a draw, next unit follows the drawn order', async () => {
    const draw = await t.api.lots.draw({ meetingId, seed: 'abcdef12', reason: '测试' })
    const order = draw.order.map((o) => o.unitId)
    await control({ action: 'select', unitId: order[0] })
    expect((await control({ action: 'nextUnit' })).unitId).toBe(order[1])
    expect((await control({ action: 'nextUnit' })).unitId).toBe(order[2])
  })

  it('sets durations (1 minute at least for the report), reset sets the clock back', async () => {
    await expectRejected(
      t.core.context.db,
      () => control({ action: 'settings', reportMinutes: 0, questionMinutes: 1, warnMinutes: 0 }),
      'VALIDATION',
      '汇报时间至少 1 分钟',
    )
    const set = await control({ action: 'settings', reportMinutes: 1, questionMinutes: 1, warnMinutes: 0 })
    expect(set).toMatchObject({ reportMinutes: 1, questionMinutes: 1, warnMinutes: 0 })
    await control({ action: 'start' })
    at(2000)
    expect(clockView(await t.api.projector.state({ meetingId }), Date.now()).tone).toBe('over')
    const reset = await control({ action: 'reset' })
    expect(reset).toMatchObject({ phase: 'idle', elapsedMs: 0, runningSince: null, reportMinutes: 1 })
    expect(clockView(reset, Date.now())).toMatchObject({ tone: 'normal', text: '01:00' })
  })

  it('refuses a unit of another meeting, changing nothing', async () => {
    const other = await seedSmallMeeting(t.api)
    await expectRejected(t.core.context.db, () => control({ action: 'select', unitId: other.units[0].id }), 'NOT_FOUND', '参评单位')
  })
})
