import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Session, WebContents } from 'electron'
import * as fake from './fake-electron'
import { denyAllPermissions, hardenWebContents } from '../../src-main/electron/security'
import { offerExternalLink } from '../../src-main/electron/external-links'
import { isAppUrl, isHttpsUrl } from '../../src-main/electron/app-origin'

vi.mock('electron', () => import('./fake-electron'))

function hardenedWindow() {
  const window = new fake.BrowserWindow({})
  hardenWebContents(window.webContents as unknown as WebContents)
  return window
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

// Windows and the session exist only once the app is ready.
beforeAll(() => fake.app.whenReady())
beforeEach(() => {
  vi.clearAllMocks()
  fake.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false })
})

describe('navigation', () => {
  it('stays on app:// (hash routes and reloads of our own page are allowed)', () => {
    const { webContents } = hardenedWindow()
    for (const url of ['app://onsite/index.html', 'app://onsite/index.html#/meetings/1/units']) {
      const event = fake.navigationEvent(url)
      webContents.emit('will-navigate', event)
      expect(event.defaultPrevented, url).toBe(false)
    }
  })

  it('refuses every other destination in the main frame, sub-frames and redirects', () => {
    const { webContents } = hardenedWindow()
    const elsewhere = ['https://example.com/', 'http://127.0.0.1:5790/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'data:text/html,hi']
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of elsewhere) {
        const event = fake.navigationEvent(url)
        webContents.emit(name, event)
        expect(event.defaultPrevented, `${name} ${url}`).toBe(true)
      }
    }
  })

  it('offers a clicked https link to the system browser only after the user confirms', async () => {
    const { webContents } = hardenedWindow()
    webContents.emit('will-navigate', fake.navigationEvent('https://www.gov.cn/'))
    await settle()
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    expect(fake.shell.openExternal).not.toHaveBeenCalled() // the user pressed 取消

    fake.dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false })
    webContents.emit('will-navigate', fake.navigationEvent('https://www.gov.cn/'))
    await settle()
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://www.gov.cn/')
  })

  it('never offers non-https destinations', async () => {
    const { webContents } = hardenedWindow()
    for (const url of ['http://example.com/', 'file:///C:/Windows/System32/calc.exe', 'smb://server/share']) webContents.emit('will-navigate', fake.navigationEvent(url))
    await settle()
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled()
    expect(fake.shell.openExternal).not.toHaveBeenCalled()
  })

  it('refuses to attach a <webview>', () => {
    const { webContents } = hardenedWindow()
    const event = fake.navigationEvent('')
    webContents.emit('will-attach-webview', event, {}, {})
    expect(event.defaultPrevented).toBe(true)
  })
})

describe('window.open', () => {
  it('is always denied; https links are offered to the browser after confirmation', async () => {
    const { webContents } = hardenedWindow()
    fake.dialog.showMessageBox.mockResolvedValue({ response: 0, checkboxChecked: false })
    for (const url of ['app://onsite/index.html', 'https://example.com/a?b=c', 'http://example.com/', 'file:///etc/passwd', 'about:blank']) {
      expect(webContents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' })
    }
    await settle()
    expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1)
    expect(fake.shell.openExternal.mock.calls).toEqual([['https://example.com/a?b=c']])
  })

  it('shows the confirmation attached to the window and names the address', async () => {
    const window = hardenedWindow()
    window.webContents.windowOpenHandler!({ url: 'https://example.com/' })
    await settle()
    const [parent, options] = fake.dialog.showMessageBox.mock.calls[0] as [unknown, { detail: string; buttons: string[] }]
    expect(parent).toBe(window)
    expect(options.detail).toContain('https://example.com/')
    expect(options.buttons).toEqual(['在浏览器中打开', '取消'])
  })
})

describe('external links', () => {
  it('drops anything but https without asking', async () => {
    for (const url of ['javascript:alert(1)', 'http://x.cn', 'file:///x', 'not a url', 'https://']) {
      expect(await offerExternalLink(url), url).toBe(false)
    }
    expect(fake.dialog.showMessageBox).not.toHaveBeenCalled()
  })

  it('recognises only our own origin as the app', () => {
    expect(isAppUrl('app://onsite/index.html#/x')).toBe(true)
    expect(isAppUrl('app://onsite.evil/index.html')).toBe(false)
    expect(isAppUrl('https://onsite/index.html')).toBe(false)
    expect(isHttpsUrl('https://www.gov.cn')).toBe(true)
    expect(isHttpsUrl('HTTP://www.gov.cn')).toBe(false)
  })
})

describe('permissions', () => {
  it('denies every permission request and every permission check', () => {
    denyAllPermissions(fake.session.defaultSession as unknown as Session)
    const { requestHandler, checkHandler } = fake.session.defaultSession
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal', 'fileSystem', 'unknown']) {
      const callback = vi.fn()
      requestHandler!({}, permission, callback, {})
      expect(callback, permission).toHaveBeenCalledWith(false)
      expect(checkHandler!({}, permission, 'app://onsite', {}), permission).toBe(false)
    }
  })
})
