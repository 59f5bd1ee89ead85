import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseError, toDatabaseError } from './db-errors'

export const LOCK_FILE_NAME = 'onsite-review.lock'

/** A lock file whose writer died between creating it and writing its pid is stale after this long. */
const EMPTY_LOCK_GRACE_MS = 10_000

/** Lock files this process holds: a lock naming our own pid but not in here was left by an earlier
 * process that had the same pid (containers restart with the same low pids). */
const held = new Set<string>()

export interface DataLock {
  file: string
  release(): void
}

/**
 * Claims a data folder for one browser-mode server: `<dataDir>/onsite-review.lock` holds the pid.
 * A second server on the same folder is refused; a lock left by a process that no longer exists
 * (killed, power cut) is taken over. The desktop app relies on Electron's single-instance lock instead.
 */
export function acquireDataLock(dataDir: string, pid = process.pid): DataLock {
  const file = join(dataDir, LOCK_FILE_NAME)
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(file, 'wx') // fails with EEXIST when another process got there first
      try {
        writeSync(fd, `${pid}\n`)
      } finally {
        closeSync(fd)
      }
      held.add(file)
      return { file, release: () => releaseIfOurs(file, pid) }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw toDatabaseError(error, dataDir) ?? error
      const holder = readHolder(file)
      if (attempt > 0 || holder === 'in use' || (typeof holder === 'number' && isRunning(holder, file))) {
        throw new DatabaseError('DB_IN_USE', { path: dataDir, pid: typeof holder === 'number' ? holder : undefined, lockFile: file })
      }
      rmSync(file, { force: true }) // stale: its process is gone
    }
  }
}

/** The pid in the lock file; 'in use' while a just-created lock has no pid yet; null when stale or gone. */
function readHolder(file: string): number | 'in use' | null {
  try {
    const text = readFileSync(file, 'utf8').trim()
    if (/^\d+$/.test(text)) return Number(text)
    return Date.now() - statSync(file).mtimeMs < EMPTY_LOCK_GRACE_MS ? 'in use' : null
  } catch {
    return null
  }
}

function isRunning(pid: number, file: string): boolean {
  if (pid === process.pid) return held.has(file)
  try {
    process.kill(pid, 0) // signal 0: only asks whether the process exists
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' // exists, owned by another user
  }
}

function releaseIfOurs(file: string, pid: number): void {
  held.delete(file)
  try {
    if (readFileSync(file, 'utf8').trim() === String(pid)) rmSync(file, { force: true })
  } catch {
    // Already gone: nothing to release.
  }
}
