/**
 * Schema 16 rebuilds the scores table around its key (reviewer, unit, item): an upgraded database keeps
 * every score as it was, and what the dropped indexes served still works through the key.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/db/migrate'
import { migrations } from '../../src-main/core/db/migrations'
import { newId } from '../../src-main/core/db/statements'
import { deleteMeeting, listMeetings } from '../../src-main/core/services/meetings'
import { deleteUnit, listUnits } from '../../src-main/core/services/units'
import { createSyntheticShell } from '../bench/synthetic'

const dir = mkdtempSync(join(tmpdir(), 'onsite-lean-scores-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SCORE_COLUMNS = 'meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at'

it('schema 16 keeps every score, value for value, stored by its key (reviewer, unit, item) alone', () => {
  const db = new BetterSqlite3(join(dir, 'v15.sqlite'))
  db.function('new_id', { deterministic: false }, newId)
  db.pragma('foreign_keys = ON')
  migrate(db, migrations.filter((m) => m.version <= 15))
  const shell = createSyntheticShell(db, { units: 4, reviewers: 3, items: 2 })
  const other = createSyntheticShell(db, { units: 2, reviewers: 1, items: 1 })
  const insert = db.prepare(`INSERT INTO scores (id, ${SCORE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
  const put = (s: typeof shell, reviewerId: string, unitId: string, itemId: string, tenths: number, reason = '') =>
    insert.run(newId(), s.meeting.id, reviewerId, unitId, itemId, tenths, reason, '2026-11-30T08:00:00.000Z')
  // Three of the four units scored by every reviewer; one score with a deduction reason.
  for (const [n, r] of shell.reviewerIds.entries())
    for (const u of shell.unitIds.slice(0, 3)) for (const i of shell.items) put(shell, r, u, i.id, 30 - n * 5, n === 1 ? '“三会一课”台账缺两个月' : '')
  for (const u of other.unitIds) put(other, other.reviewerIds[0], u, other.items[0].id, 40)
  const before = db.prepare(`SELECT ${SCORE_COLUMNS} FROM scores ORDER BY reviewer_id, unit_id, item_id`).all()

  migrate(db)
  expect(db.pragma('user_version', { simple: true })).toBe(16)
  expect(db.prepare(`SELECT ${SCORE_COLUMNS} FROM scores ORDER BY reviewer_id, unit_id, item_id`).all()).toEqual(before)
  expect((db.pragma('table_info(scores)') as { name: string }[]).map((c) => c.name)).toEqual(SCORE_COLUMNS.split(', '))
  // Stored by its key alone: no rowid, no other index.
  expect(db.prepare("SELECT wr FROM pragma_table_list WHERE name = 'scores'").pluck().get()).toBe(1)
  expect(db.prepare("SELECT name FROM pragma_index_list('scores') WHERE origin <> 'pk'").pluck().all()).toEqual([])
  expect(db.pragma('foreign_key_check')).toEqual([])

  // What the dropped indexes served, through the key: which units are scored, the meetings' counts,
  // an unscored unit deleted and a scored one refused, a meeting deleted with its scores only.
  const m = shell.meeting.id
  expect(listUnits(db, m).map((u) => u.scored)).toEqual([true, true, true, false])
  expect(listMeetings(db).map((x) => [x.id, x.scoreCount]).sort()).toEqual([[m, 18], [other.meeting.id, 2]].sort())
  expect(() => deleteUnit(db, m, shell.unitIds[0])).toThrow('已有评委评分')
  deleteUnit(db, m, shell.unitIds[3])
  expect(listUnits(db, m)).toHaveLength(3)
  deleteMeeting(db, m)
  expect(db.prepare('SELECT meeting_id, count(*) AS n FROM scores GROUP BY meeting_id').all()).toEqual([{ meeting_id: other.meeting.id, n: 2 }])
  expect(db.pragma('foreign_key_check')).toEqual([])
  db.close()
})
