import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from './migrate'

export interface OpenOptions {
  /**
   * Path to a better_sqlite3.node built for another runtime. Electron passes its own build here,
   * so the Node build in node_modules (used by the tests) is never replaced.
   */
  nativeBinding?: string
}

/** Opens (or creates) the app database with the settings every connection must have. */
export function openDatabase(file: string, options: OpenOptions = {}): Database {
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Scores are typed in once at a meeting: a committed write must survive a power cut.
    db.pragma('synchronous = FULL')
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export type { Database }
