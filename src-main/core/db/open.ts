import BetterSqlite3, { type Database } from 'better-sqlite3'
import { checkBeforeOpening } from './check'
import { toDatabaseError } from './db-errors'
import { LATEST_VERSION, migrate } from './migrate'
import { newId } from './statements'

/**
 * Opens (or creates) the app database with the settings every connection must have. The file is
 * checked first without writing to it (check.ts), so a file the program refuses stays as it was.
 * Failures come out as a DatabaseError with a Chinese message.
 * better-sqlite3 13 ships Node-API prebuilds, so Node (tests, browser mode) and Electron load the same binary.
 */
export function openDatabase(file: string): Database {
  if (file !== ':memory:') checkBeforeOpening(file, LATEST_VERSION)
  let db: Database
  try {
    db = new BetterSqlite3(file)
  } catch (error) {
    throw toDatabaseError(error, file) ?? error
  }
  try {
    if (file !== ':memory:') db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    // Scores are typed in once at a meeting: a committed write must survive a power cut.
    db.pragma('synchronous = FULL')
    // Row ids made by SQL itself (set-based inserts, e.g. a merged return package's scores) are the app's ids.
    // Temporary tables (a merge's plan of thousands of fields) and sorts stay in memory, not in temp files.
    db.pragma('temp_store = MEMORY')
    db.function('new_id', { deterministic: false }, newId)
    migrate(db)
    return db
  } catch (error) {
    db.close()
    throw toDatabaseError(error, file) ?? error
  }
}

export type { Database }
