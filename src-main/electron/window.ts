import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { APP_ENTRY_URL } from './app-origin'
import type { AppPaths } from './paths'

type WindowPaths = Pick<AppPaths, 'preloadPath' | 'resourcesDir'>
/** What differs between the app's windows: size, position, title; never the web preferences. */
type WindowLook = Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show' | 'icon'>

/**
 * Every window of the app (the main window, the projector). Its webPreferences are the security
 * baseline (ARCHITECTURE.md); they are written out literally at the constructor so
 * electronegativity can check them, and pinned by tests/electron/window.test.ts.
 */
function createAppWindow(paths: WindowPaths, look: WindowLook, url: string): BrowserWindow {
  const icon = join(paths.resourcesDir, 'icon.png')
  const window = new BrowserWindow({
    ...look,
    show: false,
    icon: existsSync(icon) ? icon : undefined,
    webPreferences: {
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would try to open a link in a new window; nothing in the app needs it.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  })
  // Shown once painted: no white flash.
  window.once('ready-to-show', () => window.show())
  void window.loadURL(url).catch((error: unknown) => {
    // Still show the window (with the error page) rather than leave an invisible process.
    console.error('[window] 界面加载失败', error)
    if (!window.isDestroyed()) window.show()
  })
  return window
}

/** The main window. */
export function createMainWindow(paths: WindowPaths): BrowserWindow {
  return createAppWindow(paths, { title: '现场评审', width: 1400, height: 900, minWidth: 1024, minHeight: 700, backgroundColor: '#ffffff' }, APP_ENTRY_URL)
}

/** The projector page of a meeting, full screen on the given display area. */
export function createProjectorWindow(paths: WindowPaths, meetingId: string, bounds: { x: number; y: number; width: number; height: number }): BrowserWindow {
  return createAppWindow(
    paths,
    { title: '现场评审 · 投影', ...bounds, fullscreen: true, autoHideMenuBar: true, backgroundColor: '#000000' },
    `${APP_ENTRY_URL}#/projector/${encodeURIComponent(meetingId)}`,
  )
}
