/**
 * The main process wired end to end under Node: electron is faked, the core is real (SQLite in a
 * temp folder; better-sqlite3's Node-API prebuild is the one Electron loads too).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type * as Fake from './fake-electron'
import { repoRoot } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

let fake: typeof Fake
let appRoot: string
let userData: string

beforeEach(async () => {
  appRoot = mkdtempSync(join(tmpdir(), 'onsite-approot-'))
  userData = join(mkdtempSync(join(tmpdir(), 'onsite-userdata-')), '现场评审')
  symlinkSync(join(repoRoot, 'resources'), join(appRoot, 'resources'))
  // main.ts runs on import: evaluate it afresh each time. The mocked 'electron' survives
  // resetModules, so reach the fake through it (a fresh import of fake-electron would be a copy).
  vi.resetModules()
  fake = (await import('electron')) as unknown as typeof Fake
  fake.resetFakeElectron()
  fake.app.appPath = appRoot
  fake.app.userData = userData
})
afterEach(() => {
  fake.app.emit('will-quit') // closes the database the test may have opened
  rmSync(appRoot, { recursive: true, force: true })
  rmSync(join(userData, '..'), { recursive: true, force: true })
})

async function startMain() {
  const main = await import('../../src-main/electron/main')
  await main.started
}

const ownPage = () => {
  const frame = { url: 'app://onsite/index.html', parent: null }
  return { sender: { mainFrame: frame }, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

describe('main process', () => {
  it('starts the core in userData, serves app://, hardens the session and opens the window', async () => {
    await startMain()

    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1)
    expect(fake.protocol.handlers.has('app')).toBe(true)
    expect(fake.session.defaultSession.requestHandler).toBeTypeOf('function')
    expect(fake.session.defaultSession.checkHandler).toBeTypeOf('function')
    expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1)
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()

    expect(fake.BrowserWindow.instances).toHaveLength(1)
    const [window] = fake.BrowserWindow.instances
    expect(window.loadedUrl).toBe('app://onsite/index.html')
    expect(window.options.webPreferences).toMatchObject({ preload: join(appRoot, 'out/preload/index.cjs'), sandbox: true, contextIsolation: true })

    const api = fake.ipcMain.handlers.get('api')!
    const info = await api(ownPage(), 'system.info', {})
    expect(info).toMatchObject({ ok: true, data: { appVersion: '9.9.9-test', dataDir: userData } })
    expect(existsSync(join(userData, 'onsite-review.sqlite'))).toBe(true)
    const created = await api(ownPage(), 'meetings.create', { title: '二〇二四年度述职评议会', date: '2024-12-18' })
    expect(created).toMatchObject({ ok: true, data: { title: '二〇二四年度述职评议会' } })
  })

  it('answers the host operations on the same channel, for files exported into userData', async () => {
    await startMain()
    const api = fake.ipcMain.handlers.get('api')!
    const demo = (await api(ownPage(), 'meetings.openDemo', {})) as { data: { id: string } }
    const exported = (await api(ownPage(), 'exports.summarySheet', { meetingId: demo.data.id })) as { data: { fileName: string; path: string } }
    expect(exported.data.path.startsWith(join(userData, 'exports'))).toBe(true)
    expect(await api(ownPage(), 'host.revealExport', { fileName: exported.data.fileName })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(realpathSync(exported.data.path))
  })

  it('serves material:// from the same core and answers the material host operations', async () => {
    await startMain()
    const [app, material] = (fake.protocol.registerSchemesAsPrivileged.mock.calls[0] as [{ scheme: string }[]])[0]
    expect([app.scheme, material.scheme]).toEqual(['app', 'material'])
    const serve = fake.protocol.handlers.get('material')!
    const api = fake.ipcMain.handlers.get('api')!
    const meeting = (await api(ownPage(), 'meetings.create', { title: '材料会', date: '2024-12-18' })) as { data: { id: string } }
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await serve(new Request(`material://m/${unknown}`))).status).toBe(404)
    expect(await api(ownPage(), 'host.openMaterial', { meetingId: meeting.data.id, id: unknown })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '材料不存在或已被删除' } })
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/u盘/材料.zip'] })
    expect(await api(ownPage(), 'host.pickMaterials', {})).toEqual({ ok: true, data: { paths: ['/media/u盘/材料.zip'] } })
    expect(fake.dialog.showOpenDialog.mock.calls[0][0]).toBe(fake.BrowserWindow.instances[0])
    expect(fake.shell.openPath).not.toHaveBeenCalled()
  })

  it('hardens the main window itself: its web contents is announced while the window is built, after the listener is in place', async () => {
    await startMain()
    const [window] = fake.BrowserWindow.instances
    const event = fake.navigationEvent('https://example.com/')
    window.webContents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
    const webview = fake.navigationEvent('')
    window.webContents.emit('will-attach-webview', webview, {}, {})
    expect(webview.defaultPrevented).toBe(true)
  })

  it('hardens every web contents the app creates', async () => {
    await startMain()
    const contents = new fake.FakeWebContents()
    fake.app.emit('web-contents-created', {}, contents)
    const event = fake.navigationEvent('https://example.com/')
    contents.emit('will-navigate', event)
    expect(event.defaultPrevented).toBe(true)
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' })
  })

  it('closes the database when the app quits', async () => {
    await startMain()
    const api = fake.ipcMain.handlers.get('api')!
    await api(ownPage(), 'meetings.create', { title: '测试会', date: '2024-12-18' })
    // WAL mode keeps a -wal file while the connection is open; closing checkpoints and removes it.
    expect(existsSync(join(userData, 'onsite-review.sqlite-wal'))).toBe(true)
    fake.app.emit('will-quit')
    expect(existsSync(join(userData, 'onsite-review.sqlite-wal'))).toBe(false)
    fake.app.emit('window-all-closed')
    expect(fake.app.quit).toHaveBeenCalled()
  })

  it('brings the existing window to the front when a second copy is started', async () => {
    await startMain()
    const [window] = fake.BrowserWindow.instances
    window.minimized = true
    fake.app.emit('second-instance', {}, [], '')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(true)
  })

  it('a damaged data file: a Chinese dialog says what is wrong and what to do, the app quits, the file stays as it was', async () => {
    mkdirSync(userData, { recursive: true })
    const file = join(userData, 'onsite-review.sqlite')
    writeFileSync(file, Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 131 + 17) % 256)))
    const before = readFileSync(file)
    await startMain()

    expect(fake.dialog.showErrorBox).toHaveBeenCalledTimes(1)
    const [title, message] = fake.dialog.showErrorBox.mock.calls[0] as [string, string]
    expect(title).toBe('现场评审无法启动：无法打开数据')
    expect(message).toContain(`数据文件已损坏或不是“现场评审”的数据文件，无法读取：${file}`)
    expect(message).toContain('用备份的数据文件替换它')
    expect(message).toContain(`数据目录：${userData}`)
    expect(message).not.toMatch(/SqliteError|SQLITE_|\n\s+at /)
    expect(fake.app.quit).toHaveBeenCalled()
    expect(fake.BrowserWindow.instances).toHaveLength(0)
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('the second copy itself quits without opening anything', async () => {
    fake.app.gotLock = false
    await startMain()
    expect(fake.app.quit).toHaveBeenCalled()
    expect(fake.BrowserWindow.instances).toHaveLength(0)
    expect(fake.ipcMain.handlers.size).toBe(0)
  })

  it('opens the projector from the page, which may use the core too, and closes it with the main window', async () => {
    await startMain()
    const api = fake.ipcMain.handlers.get('api')!
    const meeting = (await api(ownPage(), 'meetings.create', { title: '投影测试会', date: '2024-12-18' })) as { data: { id: string } }
    expect(await api(ownPage(), 'host.openProjector', { meetingId: meeting.data.id })).toEqual({ ok: true, data: { ok: true } })
    const [main, projector] = fake.BrowserWindow.instances
    expect(projector.loadedUrl).toBe(`app://onsite/index.html#/projector/${meeting.data.id}`)
    // The projector page is one of our own top-level app:// pages: its calls are answered.
    const projectorPage = { sender: projector.webContents, senderFrame: { url: projector.loadedUrl, parent: null } } as unknown as IpcMainInvokeEvent
    expect(await api(projectorPage, 'projector.state', { meetingId: meeting.data.id })).toMatchObject({ ok: true, data: { phase: 'idle' } })
    main.close()
    expect(projector.isDestroyed()).toBe(true)
  })
})
