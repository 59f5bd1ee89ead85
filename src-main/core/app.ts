import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppEvent } from '../shared/events'
import type { CoreContext } from './context'
import { openDatabase } from './db/open'
import { createDispatcher, type Dispatch } from './api/dispatcher'

export interface CoreOptions {
  /** Folder for the database and, later, materials and exports. */
  dataDir: string
  resourcesDir: string
  appVersion: string
}

export interface Core {
  dispatch: Dispatch
  context: CoreContext
  /** Listen to push events (progress…); returns the unsubscribe function. */
  onEvent(listener: (event: AppEvent) => void): () => void
  close(): void
}

/** Wires the database, the dispatcher and the event channel; the Electron shell and the bridge both start here. */
export function createCore(options: CoreOptions): Core {
  mkdirSync(options.dataDir, { recursive: true })
  const db = openDatabase(join(options.dataDir, 'onsite-review.sqlite'))
  const listeners = new Set<(event: AppEvent) => void>()
  const context: CoreContext = {
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    appVersion: options.appVersion,
    emit: (event) => listeners.forEach((listener) => listener(event)),
  }
  return {
    dispatch: createDispatcher(context),
    context,
    onEvent(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close: () => db.close(),
  }
}
