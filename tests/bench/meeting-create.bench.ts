/**
 * Creating a 300-unit × 40-reviewer × 30-item meeting with all 360,000 scores through the services
 * (validation, UUIDs, history) against a bare better-sqlite3 insert loop of the same rows into the
 * same schema. Goal: ≤ 1.5×.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase } from '../../src-main/core/db/open'
import { createSyntheticMeeting, syntheticUnit, type Size } from './synthetic'
import { msSince, type BenchResult } from './report'

export const SIZE: Size = { units: 300, reviewers: 40, items: 30 }

function bareInsertLoop(file: string, size: Size): number {
  const db = openDatabase(file)
  const at = new Date().toISOString()
  const meetingId = crypto.randomUUID()
  const criterionIds = Array.from({ length: Math.ceil(size.items / 5) }, () => crypto.randomUUID())
  const itemIds = Array.from({ length: size.items }, () => crypto.randomUUID())
  const unitIds = Array.from({ length: size.units }, () => crypto.randomUUID())
  const reviewerIds = Array.from({ length: size.reviewers }, () => crypto.randomUUID())
  const start = process.hrtime.bigint()
  db.transaction(() => {
    db.prepare('INSERT INTO meetings (id, title, date, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(meetingId, '合成评审会', '2024-12-18', at, at)
    db.prepare('INSERT INTO rubrics (meeting_id, base_tenths, updated_at) VALUES (?, ?, ?)').run(meetingId, 1050, at)
    const c = db.prepare('INSERT INTO criteria (id, meeting_id, seq, name, max_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
    criterionIds.forEach((id, i) => c.run(id, meetingId, i + 1, `一级指标${i + 1}`, 175, at))
    const it = db.prepare(
      'INSERT INTO rubric_items (id, meeting_id, criterion_id, seq, name, max_tenths, step_tenths, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    itemIds.forEach((id, i) => it.run(id, meetingId, criterionIds[Math.floor(i / 5)], i + 1, `二级指标${i + 1}`, 40, 5, at))
    const u = db.prepare('INSERT INTO units (id, meeting_id, seq, name, category, department, brand, contact, phone, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
    unitIds.forEach((id, i) => {
      const f = syntheticUnit(i)
      u.run(id, meetingId, i + 1, f.name, f.category, f.department, f.brand, f.contact, f.phone, at)
    })
    const r = db.prepare('INSERT INTO reviewers (id, meeting_id, seq, name, updated_at) VALUES (?, ?, ?, ?, ?)')
    reviewerIds.forEach((id, i) => r.run(id, meetingId, i + 1, `评委${i + 1}`, at))
    const s = db.prepare(
      'INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    for (const reviewerId of reviewerIds) for (const unitId of unitIds) for (const itemId of itemIds) s.run(meetingId, reviewerId, unitId, itemId, 35, '', at)
  })()
  const ms = msSince(start)
  db.close()
  return ms
}

export function benchMeetingCreate(): BenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-bench-'))
  try {
    const bare = bareInsertLoop(join(dir, 'bare.sqlite'), SIZE)
    const db = openDatabase(join(dir, 'ours.sqlite'))
    const start = process.hrtime.bigint()
    const { rows } = createSyntheticMeeting(db, SIZE)
    const ours = msSince(start)
    if (rows.length !== SIZE.units * SIZE.reviewers * SIZE.items) throw new Error('wrong score count')
    db.close()
    return {
      name: `create meeting ${SIZE.units}×${SIZE.reviewers}×${SIZE.items} with ${rows.length} scores (services)`,
      value: ours,
      unit: 'ms',
      baselineName: 'bare better-sqlite3 insert loop',
      baseline: bare,
      goal: '≤ 1.5× baseline',
      met: ours <= 1.5 * bare,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
