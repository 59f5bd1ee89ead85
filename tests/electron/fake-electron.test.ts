/**
 * The fake must refuse what Electron refuses, or the startup order in main.ts is not really tested:
 * a call made on the wrong side of `ready` passes in the fake and crashes the real app.
 */
import { beforeEach, describe, expect, it } from 'vitest'
import * as fake from './fake-electron'

beforeEach(() => fake.resetFakeElectron())

describe('fake electron: before ready', () => {
  it('is not ready during the synchronous start, even once someone waits for ready', async () => {
    const ready = fake.app.whenReady()
    expect(fake.app.isReady()).toBe(false)
    fake.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true } }]) // allowed now
    await ready
    expect(fake.app.isReady()).toBe(true)
    expect(fake.app.whenReady()).toBe(ready)
  })

  it('takes privileged schemes in one call only (Electron keeps just the last call)', () => {
    fake.protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true } }])
    expect(() => fake.protocol.registerSchemesAsPrivileged([{ scheme: 'material', privileges: { standard: true } }])).toThrow(/called twice/)
  })

  it('has no window, no session and no protocol handlers yet', () => {
    expect(() => new fake.BrowserWindow({})).toThrow('Cannot create BrowserWindow before app is ready')
    expect(() => fake.session.defaultSession).toThrow('Session can only be received when app is ready')
    expect(fake.protocol.handle).toBeUndefined() // calling it is "protocol.handle is not a function"
  })

  it('lets userData move only before the single-instance lock and ready', async () => {
    fake.app.setPath('userData', '/tmp/elsewhere')
    expect(fake.app.getPath('userData')).toBe('/tmp/elsewhere')
    fake.app.requestSingleInstanceLock()
    expect(() => fake.app.setPath('userData', '/tmp/third')).toThrow(/requestSingleInstanceLock/)
    fake.resetFakeElectron()
    await fake.app.whenReady()
    expect(() => fake.app.setPath('userData', '/tmp/third')).toThrow(/after ready/)
  })
})

describe('fake electron: after ready', () => {
  beforeEach(() => fake.app.whenReady())

  it('refuses to register privileged schemes', () => {
    expect(() => fake.protocol.registerSchemesAsPrivileged([])).toThrow('protocol.registerSchemesAsPrivileged should be called before app is ready')
  })

  it('announces the web contents of every window while the window is built', () => {
    const announced: unknown[] = []
    fake.app.on('web-contents-created', (_event, contents) => announced.push(contents))
    fake.app.on('browser-window-created', (_event, window) => announced.push(window))
    const first = new fake.BrowserWindow({})
    const second = new fake.BrowserWindow({})
    expect(announced).toEqual([first.webContents, first, second.webContents, second])
  })

  it('serves handlers and the default session', () => {
    fake.protocol.handle!('app', async () => new Response('ok'))
    expect(fake.protocol.handlers.has('app')).toBe(true)
    expect(fake.session.defaultSession).toBeDefined()
  })

  it('is a fresh, unready process again after a reset', () => {
    fake.resetFakeElectron()
    expect(fake.app.isReady()).toBe(false)
    expect(fake.protocol.handlers.size).toBe(0)
  })
})
