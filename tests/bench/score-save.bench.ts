/**
 * One score save through the dispatcher (validation, transaction with synchronous=FULL, history,
 * totals) p50/p99, against the bare upsert statement alone on the same database. Goal: p99 < 2 ms.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCore } from '../../src-main/core/app'
import { createSyntheticMeeting } from './synthetic'
import { msSince, percentile, type BenchResult } from './report'

const SAVES = 2000

export async function benchScoreSave(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-'))
  const core = createCore({ dataDir: dir, resourcesDir: dir, appVersion: 'bench' })
  try {
    const db = core.context.db
    // A realistic size: the full 300 × 40 × 30 meeting already holds 360,000 scores.
    const m = createSyntheticMeeting(db, { units: 300, reviewers: 40, items: 30 })
    const ours: number[] = []
    for (let i = 0; i < SAVES; i++) {
      const item = m.items[i % m.items.length]
      const input = {
        meetingId: m.meeting.id,
        reviewerId: m.reviewerIds[i % m.reviewerIds.length],
        unitId: m.unitIds[(i * 7) % m.unitIds.length],
        itemId: item.id,
        value: item.maxPoints - (i % 3) * 0.5,
      }
      const start = process.hrtime.bigint()
      const result = await core.dispatch('scores.save', input)
      ours.push(msSince(start))
      if (!result.ok) throw new Error(result.error.message)
    }
    const bare: number[] = []
    const upsert = db.prepare(
      `INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at) VALUES (?, ?, ?, ?, ?, '', ?)
       ON CONFLICT (reviewer_id, unit_id, item_id) DO UPDATE SET value_tenths = excluded.value_tenths, updated_at = excluded.updated_at`,
    )
    for (let i = 0; i < SAVES; i++) {
      const item = m.items[i % m.items.length]
      const start = process.hrtime.bigint()
      upsert.run(m.meeting.id, m.reviewerIds[i % m.reviewerIds.length], m.unitIds[(i * 11) % m.unitIds.length], item.id, item.maxPoints * 10 - 5 * (i % 2), new Date().toISOString())
      bare.push(msSince(start))
    }
    ours.sort((a, b) => a - b)
    bare.sort((a, b) => a - b)
    return [50, 99].map((p) => ({
      name: `score save through the dispatcher p${p} (${SAVES} saves, 360,000 scores in the database)`,
      value: percentile(ours, p),
      unit: 'ms' as const,
      baselineName: `bare upsert p${p}`,
      baseline: percentile(bare, p),
      goal: p === 99 ? 'p99 < 2 ms' : '—',
      met: p === 99 ? percentile(ours, p) < 2 : true,
    }))
  } finally {
    core.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
