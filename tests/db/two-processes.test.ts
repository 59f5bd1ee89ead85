/**
 * Two processes on one data folder (the desktop app and a browser-mode server, or two servers
 * started by hand) saving at the same moment: every save of both lands, none fails with
 * "database is locked". Writes take the lock at BEGIN (core/db/transaction.ts) and wait for it.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
afterEach(() => t?.dispose())

const ROUNDS = 20

function startWriter(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/db/concurrent-writer.ts'), ...args], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  // Lines arrive whenever the child writes them: queue them until the test asks.
  const queued: string[] = []
  const waiting: ((line: string) => void)[] = []
  createInterface({ input: child.stdout }).on('line', (line) => (waiting.length ? waiting.shift()!(line) : queued.push(line)))
  const next = () => new Promise<string>((resolve) => (queued.length ? resolve(queued.shift()!) : waiting.push(resolve)))
  return { child, next }
}

describe('two processes writing to one data folder', () => {
  it('lose no save and never answer "database is locked"', async () => {
    t = makeTestCore()
    const { meeting, units, reviewers, items } = await seedSmallMeeting(t.api)
    const targets = JSON.stringify(units.flatMap((u) => items.map((i) => ({ unitId: u.id, itemId: i.id }))))
    const writers = reviewers.slice(0, 2).map((r) => startWriter([t.dataDir, meeting.id, r.id, targets, String(ROUNDS)]))
    for (const w of writers) expect(await w.next()).toBe('ready')
    const results = writers.map((w) => w.next())
    for (const w of writers) w.child.stdin.end('go\n') // both start as close together as two pipes allow
    const reports = (await Promise.all(results)).map((line) => JSON.parse(line) as { saves: number; failures: string[] })

    const saves = ROUNDS * units.length * items.length
    for (const report of reports) expect(report).toEqual({ saves, failures: [] })
    // Every save is in the history, and each sheet holds the last value its process wrote.
    const db = t.core.context.db
    for (const reviewer of reviewers.slice(0, 2)) {
      expect(db.prepare('SELECT count(*) FROM score_history WHERE reviewer_id = ?').pluck().get(reviewer.id)).toBe(saves)
      const last = (ROUNDS - 1) % 2 === 0 ? 10 : 0
      expect(db.prepare('SELECT value_tenths FROM scores WHERE reviewer_id = ?').pluck().all(reviewer.id)).toEqual(Array(units.length * items.length).fill(last))
    }
  })
})
