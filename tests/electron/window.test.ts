import { beforeAll, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { createMainWindow } from '../../src-main/electron/window'

vi.mock('electron', () => import('./fake-electron'))

beforeAll(() => fake.app.whenReady())

const paths = { preloadPath: '/app/out/preload/index.cjs', resourcesDir: '/app/resources' }
const open = () => createMainWindow(paths) as unknown as fake.BrowserWindow

describe('main window', () => {
  it('keeps the renderer isolated: context isolation, sandbox, no Node, web security, no webview', () => {
    const prefs = open().options.webPreferences as Record<string, unknown>
    expect(prefs.contextIsolation).toBe(true)
    expect(prefs.sandbox).toBe(true)
    expect(prefs.nodeIntegration).toBe(false)
    expect(prefs.nodeIntegrationInWorker).toBe(false)
    expect(prefs.nodeIntegrationInSubFrames).toBe(false)
    expect(prefs.webSecurity).toBe(true)
    expect(prefs.allowRunningInsecureContent).toBe(false)
    expect(prefs.experimentalFeatures).toBe(false)
    expect(prefs.webviewTag).toBe(false)
    expect(prefs.disableBlinkFeatures).toBe('Auxclick')
    expect(prefs.preload).toBe('/app/out/preload/index.cjs')
    expect(prefs).not.toHaveProperty('enableRemoteModule')
    expect(prefs).not.toHaveProperty('enableBlinkFeatures')
    expect(prefs).not.toHaveProperty('additionalArguments')
  })

  it('is titled 现场评审 with a usable size', () => {
    expect(open().options).toMatchObject({ title: '现场评审', width: 1400, height: 900, minWidth: 1024, minHeight: 700 })
  })

  it('loads the UI from app://, never file://, and shows itself once painted', () => {
    const window = open()
    expect(window.loadedUrl).toBe('app://onsite/index.html')
    expect(window.visible).toBe(false)
    window.emit('ready-to-show')
    expect(window.visible).toBe(true)
  })
})
