import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { AppEvent } from '../shared/events'
import type { CoreContext } from './context'
import { DatabaseError, toDatabaseError } from './db/db-errors'
import { openDatabase } from './db/open'
import { createDispatcher, type Dispatch } from './api/dispatcher'
import { createJobRunner } from './jobs/job-runner'
import { sweepLeftovers } from './materials/leftovers'
import { createPinAttempts } from './access/pin-attempts'

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

/** The database inside a data folder (the browser mode's `--recover` reads it from there). */
export const databaseFile = (dataDir: string): string => join(dataDir, 'onsite-review.sqlite')

export function makeDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // EEXIST: a file has the folder's name; ENOTDIR: a file sits where a parent folder should be.
    if (code === 'EEXIST' || code === 'ENOTDIR') throw new DatabaseError('DB_NOT_A_FILE', { path: dataDir, expected: 'folder' })
    throw toDatabaseError(error, dataDir) ?? error
  }
}

/** Wires the database, the dispatcher and the event channel; the Electron shell and the bridge both start here. */
export function createCore(options: CoreOptions): Core {
  makeDataDir(options.dataDir)
  const db = openDatabase(databaseFile(options.dataDir))
  // Before any import can start: what a crash or a closed browser tab left in materials/ and uploads/.
  sweepLeftovers(db, options.dataDir)
  const listeners = new Set<(event: AppEvent) => void>()
  const emit = (event: AppEvent) => listeners.forEach((listener) => listener(event))
  const context: CoreContext = {
    db,
    dataDir: options.dataDir,
    resourcesDir: options.resourcesDir,
    appVersion: options.appVersion,
    emit,
    jobs: createJobRunner({ emit }),
    pinAttempts: createPinAttempts(),
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
