/**
 * Real damaged data files for the startup tests, and a runner for the real browser-mode CLI in a
 * child process (what `npm run serve` starts).
 */
import { spawn, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, openSync, readdirSync, readFileSync, truncateSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { openDatabase } from '../../src-main/core/db/open'
import { createSyntheticMeeting } from '../bench/synthetic'
import { repoRoot } from '../helpers/core'

export const DB_NAME = 'onsite-review.sqlite'
const cliPath = join(repoRoot, 'src-main/bridge/cli.ts')
// `node --import tsx` rather than tsx's launcher: signals then reach the server itself.
const nodeArgs = ['--import', 'tsx', cliPath]

/** A sound data file with a 20-unit × 5-reviewer × 10-item meeting (1,000 scores on many pages). */
export function writeValidDatabase(dir: string): { file: string; scores: number } {
  const file = join(dir, DB_NAME)
  const db = openDatabase(file)
  const { rows } = createSyntheticMeeting(db, { units: 20, reviewers: 5, items: 10 })
  db.close()
  return { file, scores: rows.length }
}

/** Overwrites one leaf page of `table` with garbage, as a failing disk sector would. */
export function damagePageOf(file: string, table: string): void {
  const db = new BetterSqlite3(file) // read-write so no -wal/-shm are left behind
  const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").pluck().all(table) as number[]
  const pageSize = db.pragma('page_size', { simple: true }) as number
  db.close()
  const page = pages[Math.floor(pages.length / 2)]
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize)
  closeSync(fd)
}

/** A file of bytes that are not a database at all (a wrong file renamed, an encrypted copy…). */
export function writeGarbage(file: string): void {
  writeFileSync(file, Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 131 + 17) % 256)))
}

/** A sound file cut short, as an interrupted copy to a USB stick leaves it. */
export function truncateToHalf(file: string): void {
  truncateSync(file, Math.floor(readFileSync(file).length / 2 / 4096) * 4096)
}

export const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
export const listing = (dir: string) => readdirSync(dir).sort()

export interface CliRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the browser-mode CLI to completion (it exits when it refuses to start, or after --recover). */
export function runCli(args: string[], options: { uid?: number; gid?: number } = {}): CliRun {
  const run = spawnSync(process.execPath, [...nodeArgs, ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000, ...options })
  return { status: run.status, stdout: run.stdout, stderr: run.stderr }
}

/** Starts a server that keeps running; resolves once it says it has started. */
export function startCli(args: string[]): Promise<{ stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...nodeArgs, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('已启动')) {
        const exited = new Promise<void>((done) => child.once('exit', () => done()))
        resolve({ stop: () => (child.kill('SIGTERM'), exited) })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
}

/** What no refusal may show: a stack trace, or SQLite's and the system's English error names. */
export const TECHNICAL_TEXT = /\n\s+at |SqliteError|Error:|SQLITE_|ENOENT|EACCES|EROFS/
