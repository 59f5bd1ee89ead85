import { join } from 'node:path'
import { app } from 'electron'

export interface AppPaths {
  /** The folder with package.json (the repository in development). */
  appRoot: string
  /** Built renderer, served through app:// — never file://. */
  rendererDir: string
  /** Sandboxed preloads must be CommonJS: electron-vite emits index.cjs. */
  preloadPath: string
  resourcesDir: string
  /** The user's data (database, materials); survives reinstalling the app. */
  dataDir: string
  /**
   * better_sqlite3.node built for Electron's ABI by scripts/electron-native.mjs. In development
   * node_modules keeps the Node build for the tests, so Electron loads its own copy from here.
   * A packaged app ships node_modules already rebuilt for Electron and needs no override.
   */
  nativeBinding?: string
}

export function resolveAppPaths(): AppPaths {
  const appRoot = app.getAppPath()
  return {
    appRoot,
    rendererDir: join(appRoot, 'out', 'renderer'),
    preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'),
    resourcesDir: join(appRoot, 'resources'),
    dataDir: app.getPath('userData'),
    nativeBinding: app.isPackaged ? undefined : join(appRoot, '.electron-native', 'better_sqlite3.node'),
  }
}
