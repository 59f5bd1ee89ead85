/**
 * The Electron main process: a thin shell around the core. Everything the user does goes through
 * the core dispatcher (ipc.ts); this file only wires the lifecycle together.
 */
import { app, dialog, session, type BrowserWindow } from 'electron'
import { createCore, type Core } from '../core/app'
import { startupMessage } from '../core/db/db-errors'
import { createHostDispatcher } from './host'
import { forwardEvents, registerApiHandler } from './ipc'
import { serveMaterials } from './material-protocol'
import { installMenu } from './menu'
import { resolveAppPaths } from './paths'
import { registerAppScheme, serveRenderer } from './protocol'
import { denyAllPermissions, hardenWebContents } from './security'
import { createMainWindow } from './window'
import { projectorOpener } from './projector-window'
import { usePortableDataDir } from './portable-data'

let core: Core | undefined
let mainWindow: BrowserWindow | undefined

// Before the lock and `ready`: the portable build keeps its data beside its .exe.
usePortableDataDir()
// Before `ready`: app:// and material:// must be privileged before any page loads.
registerAppScheme()

/** Resolves once the window is up (or the app has given up and is quitting). */
export const started: Promise<void> = app.requestSingleInstanceLock() ? run() : quitSecondInstance()

async function quitSecondInstance(): Promise<void> {
  // The first instance receives 'second-instance' and brings its window to the front.
  app.quit()
}

async function run(): Promise<void> {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.show()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
  app.on('window-all-closed', () => app.quit())
  app.on('will-quit', () => {
    core?.close()
    core = undefined
  })
  await app.whenReady()

  const paths = resolveAppPaths()
  try {
    core = createCore({ dataDir: paths.dataDir, resourcesDir: paths.resourcesDir, appVersion: app.getVersion() })
  } catch (error) {
    // The data file or folder cannot be used: say what and what to do, in Chinese, and quit.
    return fatal('无法打开数据', startupMessage(error, { kind: 'desktop', dataDir: paths.dataDir }))
  }

  denyAllPermissions(session.defaultSession)
  serveRenderer(paths.rendererDir)
  serveMaterials(core.context)
  const openedCore = core
  const projector = projectorOpener(paths, (window) => forwardEvents(openedCore, window))
  registerApiHandler(core, createHostDispatcher(core.context, () => mainWindow, { openProjector: projector.open }))
  installMenu()
  mainWindow = createMainWindow(paths)
  // The projector has no controls of its own: it goes when the window that drives it goes.
  mainWindow.on('closed', () => projector.close())
  forwardEvents(core, mainWindow)
}

function fatal(title: string, message: string): void {
  dialog.showErrorBox(`现场评审无法启动：${title}`, message)
  app.quit()
}
