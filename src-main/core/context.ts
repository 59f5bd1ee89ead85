import type { Database } from 'better-sqlite3'
import type { EmitEvent } from '../shared/events'
import type { JobRunner } from './jobs/job-runner'
import type { PinAttempts } from './access/pin-attempts'

/** What every handler gets: the open database and where things live. */
export interface CoreContext {
  db: Database
  dataDir: string
  /** Folder with shipped data (the demo meeting). */
  resourcesDir: string
  appVersion: string
  emit: EmitEvent
  /** Long work (material imports, packages): one job of a kind at a time, progress, cancel. */
  jobs: JobRunner
  /** Wrong PINs in a row (reviewer mode's lockout); in memory only. */
  pinAttempts: PinAttempts
}
