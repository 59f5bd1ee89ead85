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
}

export function resolveAppPaths(): AppPaths {
  const appRoot = app.getAppPath()
  return {
    appRoot,
    rendererDir: join(appRoot, 'out', 'renderer'),
    preloadPath: join(appRoot, 'out', 'preload', 'index.cjs'),
    resourcesDir: join(appRoot, 'resources'),
    dataDir: app.getPath('userData'),
  }
}
