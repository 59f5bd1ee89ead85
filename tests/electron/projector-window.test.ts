/**
 * host.openProjector: a second window with the main window's security settings, full screen on the
 * external display when there is one, showing the meeting's projector page and receiving the
 * projector events; a second call brings it forward instead of opening another.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { forwardEvents } from '../../src-main/electron/ipc'
import { projectorOpener } from '../../src-main/electron/projector-window'
import { createMainWindow } from '../../src-main/electron/window'
import { makeTestCore, type TestCore } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

const paths = { preloadPath: '/app/out/preload/index.cjs', resourcesDir: '/app/resources' }
let t: TestCore
let meetingId: string
beforeAll(async () => {
  t = makeTestCore()
  meetingId = (await t.api.meetings.openDemo({})).id
})
afterAll(() => t.dispose())
beforeEach(async () => {
  fake.resetFakeElectron()
  await fake.app.whenReady()
})

const host = () =>
  createHostDispatcher(t.core.context, () => undefined, { openProjector: projectorOpener(paths, (w) => forwardEvents(t.core, w)).open })
const projectors = () => fake.BrowserWindow.instances.filter((w) => w.options.title === '现场评审 · 投影')

describe('host.openProjector', () => {
  it('opens the projector page full screen on the laptop’s screen when it is the only one, as secure as the main window', async () => {
    expect(await host()('host.openProjector', { meetingId })).toEqual({ ok: true, data: { ok: true } })
    const [window] = projectors()
    expect(window.loadedUrl).toBe(`app://onsite/index.html#/projector/${meetingId}`)
    expect(window.options).toMatchObject({ fullscreen: true, x: 0, y: 0, width: 1920, height: 1080 })
    const main = createMainWindow(paths) as unknown as fake.BrowserWindow
    expect(window.options.webPreferences).toEqual(main.options.webPreferences)
  })

  it('goes to the external display (the room’s projector) when one is plugged in', async () => {
    fake.screen.displays = [
      { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
      { id: 7, bounds: { x: 1920, y: 0, width: 1280, height: 720 } },
    ]
    await host()('host.openProjector', { meetingId })
    expect(projectors()[0].options).toMatchObject({ fullscreen: true, x: 1920, y: 0, width: 1280, height: 720 })
  })

  it('brings the open window forward on a second call; after it is closed, opens a new one', async () => {
    const dispatch = host()
    await dispatch('host.openProjector', { meetingId })
    const [window] = projectors()
    window.minimized = true
    await dispatch('host.openProjector', { meetingId })
    expect(projectors()).toHaveLength(1)
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true })
    window.destroyed = true
    window.emit('closed')
    await dispatch('host.openProjector', { meetingId })
    expect(projectors()).toHaveLength(2)
  })

  it('pushes the projector events to the projector window, and stops once it is closed', async () => {
    await host()('host.openProjector', { meetingId })
    const [window] = projectors()
    const state = await t.api.projector.control({ meetingId, control: { action: 'start' } })
    expect(window.webContents.sent).toContainEqual(['event', { type: 'projector', state }])
    window.destroyed = true
    window.emit('closed')
    const sent = window.webContents.sent.length
    await t.api.projector.control({ meetingId, control: { action: 'pause' } })
    expect(window.webContents.sent).toHaveLength(sent)
  })

  it('closes with the main window (it has no controls of its own)', async () => {
    const projector = projectorOpener(paths, () => () => {})
    projector.open(meetingId)
    const [window] = projectors()
    projector.close()
    expect(window.isDestroyed()).toBe(true)
    projector.close()
    projector.open(meetingId)
    expect(projectors()).toHaveLength(2)
  })

  it('refuses a meeting that does not exist, opening nothing', async () => {
    const answer = await host()('host.openProjector', { meetingId: crypto.randomUUID() })
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(projectors()).toHaveLength(0)
  })
})
