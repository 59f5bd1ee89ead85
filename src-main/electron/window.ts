import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron'
import { APP_ENTRY_URL } from './app-origin'
import type { AppPaths } from './paths'

/** The main window's options; the webPreferences are the security baseline, pinned by tests. */
export function mainWindowOptions(paths: Pick<AppPaths, 'preloadPath' | 'resourcesDir'>): BrowserWindowConstructorOptions {
  const icon = join(paths.resourcesDir, 'icon.png')
  return {
    title: '现场评审',
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#ffffff',
    ...(existsSync(icon) ? { icon } : {}),
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
      spellcheck: false,
    },
  }
}

/** Opens the UI from app:// and shows the window once it has painted (no white flash). */
export function createMainWindow(paths: Pick<AppPaths, 'preloadPath' | 'resourcesDir'>): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(paths))
  window.once('ready-to-show', () => window.show())
  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // Still show the window (with the error page) rather than leave an invisible process.
    console.error('[window] 界面加载失败', error)
    if (!window.isDestroyed()) window.show()
  })
  return window
}
