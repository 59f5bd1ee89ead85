import BetterSqlite3, { type Database } from 'better-sqlite3'
import { migrate } from './migrate'

/**
 * Opens (or creates) the app database with the settings every connection must have.
 * better-sqlite3 13 ships Node-API prebuilds, so Node (tests, browser mode) and Electron load the same binary.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file)
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
