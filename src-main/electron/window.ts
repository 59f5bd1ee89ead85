import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_ENTRY_URL } from './app-origin'
import type { AppPaths } from './paths'

/**
 * The main window. Its webPreferences are the security baseline (ARCHITECTURE.md); they are
 * written out literally at the constructor so electronegativity can check them, and pinned by
 * tests/electron/window.test.ts.
 */
export function createMainWindow(paths: Pick<AppPaths, 'preloadPath' | 'resourcesDir'>): BrowserWindow {
  const icon = join(paths.resourcesDir, 'icon.png')
  const window = new BrowserWindow({
    title: '现场评审',
    width: 1400,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    backgroundColor: '#ffffff',
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
  void window.loadURL(APP_ENTRY_URL).catch((error: unknown) => {
    // Still show the window (with the error page) rather than leave an invisible process.
    console.error('[window] 界面加载失败', error)
    if (!window.isDestroyed()) window.show()
  })
  return window
}
