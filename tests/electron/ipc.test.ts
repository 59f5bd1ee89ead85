import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron'
import * as fake from './fake-electron'
import { apiHandler, forwardEvents, registerApiHandler, REFUSED } from '../../src-main/electron/ipc'
import { operationNames } from '../../src-main/shared/contract'
import type { ApiResult } from '../../src-main/shared/errors'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

/** An IPC event as Electron builds it: the sending frame and the web contents it belongs to. */
function ipcEvent(frame: fake.FakeFrame | null, mainFrame: fake.FakeFrame = { url: 'app://onsite/index.html', parent: null }) {
  const sender = new fake.FakeWebContents()
  sender.mainFrame = mainFrame
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent
}
const topLevel = (url: string) => {
  const frame = { url, parent: null }
  return ipcEvent(frame, frame)
}
const trusted = () => topLevel('app://onsite/index.html#/meetings')

let t: TestCore
beforeAll(async () => {
  t = makeTestCore()
  await fake.app.whenReady() // the push-event test opens a window
})
afterAll(() => t.dispose())

describe('IPC sender validation', () => {
  it('refuses calls from other origins and from sub-frames, without reaching the core', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const dispatch = vi.fn(t.core.dispatch)
    const handle = apiHandler({ dispatch })
    const main = { url: 'app://onsite/index.html', parent: null }
    const foreign = {
      'remote page': topLevel('https://evil.example/'),
      'local web server': topLevel('http://127.0.0.1:5790/'),
      'file page': topLevel('file:///C:/Users/a/Desktop/x.html'),
      'another app:// host': topLevel('app://evil/index.html'),
      'data URL': topLevel('data:text/html,<script>1</script>'),
      'our origin in an iframe': ipcEvent({ url: 'app://onsite/index.html', parent: main }, main),
      'remote iframe': ipcEvent({ url: 'https://evil.example/', parent: main }, main),
      'frame already gone': ipcEvent(null),
    }
    for (const [what, event] of Object.entries(foreign)) {
      expect(await handle(event, 'meetings.list', {}), what).toEqual(REFUSED)
      expect(await handle(event, 'meetings.delete', { meetingId: 'x' }), what).toEqual(REFUSED)
    }
    expect(REFUSED).toEqual({ ok: false, error: { code: 'VALIDATION', message: '拒绝来自未知页面的调用' } })
    expect(dispatch).not.toHaveBeenCalled()
    expect(warn).toHaveBeenCalledWith('[ipc] 拒绝来自未知页面的调用', 'https://evil.example/', 'meetings.delete')
    warn.mockRestore()
  })

  it('accepts our own top-level page, identified either as the main frame or by having no parent', async () => {
    const dispatch = vi.fn(t.core.dispatch)
    const handle = apiHandler({ dispatch })
    const main = { url: 'app://onsite/index.html', parent: null }
    expect(await handle(ipcEvent(main, main), 'system.info', {})).toMatchObject({ ok: true })
    expect(await handle(ipcEvent({ url: 'app://onsite/index.html', parent: null }), 'system.info', {})).toMatchObject({ ok: true })
    expect(dispatch).toHaveBeenCalledTimes(2)
  })

  it('rejects an operation name that is not text', async () => {
    const dispatch = vi.fn(t.core.dispatch)
    const result = await apiHandler({ dispatch })(trusted(), { toString: () => 'meetings.list' }, {})
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(dispatch).not.toHaveBeenCalled()
  })
})

describe('IPC reaches the whole contract', () => {
  it('registers one `api` handler on ipcMain, removable on shutdown', async () => {
    const remove = registerApiHandler(t.core)
    const handler = fake.ipcMain.handlers.get('api')!
    expect(await handler(trusted(), 'system.info', {})).toMatchObject({ ok: true, data: { appVersion: '0.0.0-test', dataDir: t.dataDir } })
    remove()
    expect(fake.ipcMain.handlers.has('api')).toBe(false)
  })

  it('forwards every contract operation to the real core', async () => {
    const handle = apiHandler(t.core)
    expect(operationNames.length).toBeGreaterThan(10)
    for (const name of operationNames) {
      // Empty input: most operations answer VALIDATION (missing meetingId) — from the dispatcher.
      const result = (await handle(trusted(), name, {})) as ApiResult<unknown>
      if (!result.ok) {
        expect(result.error.code, name).not.toBe('UNKNOWN_OPERATION')
        expect(result.error.message, name).not.toBe(REFUSED.error.message)
      }
    }
    const unknown = (await handle(trusted(), 'meetings.hack', {})) as ApiResult<unknown>
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } })
  })

  it('returns real data and real Chinese errors through the handler', async () => {
    const { meeting } = await seedSmallMeeting(t.api)
    const handle = apiHandler(t.core)
    const units = (await handle(trusted(), 'units.list', { meetingId: meeting.id })) as ApiResult<Array<{ name: string }>>
    expect(units.ok && units.data.map((u) => u.name)).toEqual(['市数据资源局数据共享处党支部', '市水利保障局水文监测站', '市统计服务局综合处党支部'])
    const missing = (await handle(trusted(), 'meetings.get', { meetingId: '00000000-0000-4000-8000-000000000000' })) as ApiResult<unknown>
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('push events', () => {
  it('sends core events to the window on the `event` channel until unsubscribed or closed', () => {
    const window = new fake.BrowserWindow({})
    const stop = forwardEvents(t.core, window as unknown as BrowserWindow)
    const progress = { type: 'progress' as const, taskId: 'import-1', label: '导入单位', done: 1, total: 3 }
    t.core.context.emit(progress)
    expect(window.webContents.sent).toEqual([['event', progress]])
    window.destroyed = true
    t.core.context.emit({ ...progress, done: 2 })
    expect(window.webContents.sent).toHaveLength(1)
    window.destroyed = false
    stop()
    t.core.context.emit({ ...progress, done: 3 })
    expect(window.webContents.sent).toHaveLength(1)
  })
})
