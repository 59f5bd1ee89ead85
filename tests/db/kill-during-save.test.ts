/**
 * "Never lose a keystroke": a process saving scores is killed with SIGKILL at random moments, again
 * and again, on the same data file. Every save the core acknowledged before the kill is in the
 * scores and the history afterwards, the file passes PRAGMA integrity_check, and the tamper-evident
 * history chain is still whole (a kill never leaves half an entry).
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, databaseFile } from '../../src-main/core/app'
import { createApiClient } from '../../src-main/shared/client'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
afterEach(() => t?.dispose())

const KILLS = 50

interface Round {
  acked: number[]
  /** The last write sent, maybe committed, maybe not: the kill decides. */
  lastAcked: number | undefined
}

/** Starts the writer, lets it save for a random while, kills it, and returns the writes it acknowledged. */
function runAndKill(args: string[], startAt: number): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'tests/db/kill-writer.ts'), ...args, String(startAt)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const acked: number[] = []
    // A random moment: after 1 to 60 acknowledged saves, or during the first one.
    const killAfter = Math.floor(Math.random() * 61)
    let killed = false
    const kill = () => {
      if (killed) return
      killed = true
      child.kill('SIGKILL')
    }
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'ready') {
        if (killAfter === 0) setTimeout(kill, Math.random() * 5)
        return
      }
      if (line.startsWith('error')) return reject(new Error(line))
      if (killed) return
      acked.push(Number(line.slice('ack '.length)))
      if (acked.length >= killAfter) kill()
    })
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve({ acked, lastAcked: acked.at(-1) }) : reject(new Error(`writer exited without being killed (${signal})`))))
  })
}

describe('a scoring process killed with SIGKILL mid-save', () => {
  it(`keeps every acknowledged save, ${KILLS} kills in a row, and the file stays sound`, { timeout: 600_000 }, async () => {
    t = makeTestCore()
    const { meeting, units, reviewers, items } = await seedSmallMeeting(t.api)
    const meetingId = meeting.id
    const reviewerId = reviewers[0].id
    // Values on each item's grid that differ from one pass to the next, so every save writes a history entry.
    const targets = units.flatMap((u) => items.map((i) => ({ unitId: u.id, itemId: i.id, values: i.step === 1 ? [1, 2, 3] : [1, 1.5, 2] })))
    t.core.close() // the children own the file from here on

    const args = [t.dataDir, meetingId, reviewerId, JSON.stringify(targets)]
    const acked: number[] = []
    let next = 0
    for (let kill = 0; kill < KILLS; kill++) {
      const round = await runAndKill(args, next)
      acked.push(...round.acked)
      // The write in flight at the kill may or may not have committed; the next round starts after it.
      next = (round.lastAcked ?? next - 1) + 2
    }
    expect(acked.length).toBeGreaterThan(KILLS) // the kills did land among saves, not only at start-up

    const raw = new BetterSqlite3(databaseFile(t.dataDir), { readonly: true })
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok')
    const reasons = new Set(raw.prepare("SELECT reason FROM score_history WHERE reason LIKE '#%'").pluck().all() as string[])
    const missing = acked.filter((k) => !reasons.has(`#${k}`))
    expect(missing).toEqual([])
    // Each sheet cell holds the value of the last write to it that is in the history.
    const lastByCell = raw
      .prepare(
        `SELECT unit_id, substr(field, 6) AS item_id, new_value FROM score_history h
         WHERE reason LIKE '#%' AND seq = (SELECT max(seq) FROM score_history x WHERE x.unit_id = h.unit_id AND x.field = h.field AND x.reason LIKE '#%')`,
      )
      .all() as { unit_id: string; item_id: string; new_value: string }[]
    for (const cell of lastByCell) {
      const stored = raw.prepare('SELECT value_tenths FROM scores WHERE reviewer_id = ? AND unit_id = ? AND item_id = ?').pluck().get(reviewerId, cell.unit_id, cell.item_id)
      expect(stored).toBe(Math.round(Number(cell.new_value) * 10))
    }
    raw.close()

    t.core = createCore({ dataDir: t.dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
    const [chain] = await createApiClient(t.core.dispatch).system.verifyHistory({ meetingId })
    expect(chain.broken).toBeNull()
    expect(chain.checked).toBeGreaterThanOrEqual(acked.length)
  })
})
