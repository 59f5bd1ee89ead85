import type { Database } from 'better-sqlite3'
import type { EmitEvent } from '../shared/events'
import type { JobRunner } from './jobs/job-runner'

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
}
