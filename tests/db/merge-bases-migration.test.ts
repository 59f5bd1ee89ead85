/**
 * Upgrading a database whose meeting was already merged (schema 14, one merge base row per field) keeps
 * every base: the next merge must still tell the organizer's own change from the reviewer's.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/db/migrate'
import { migrations } from '../../src-main/core/db/migrations'
import { newId } from '../../src-main/core/db/statements'
import { baseFieldsSql } from '../../src-main/core/packages/sheet-fields'
import { createSyntheticShell } from '../bench/synthetic'

const dir = mkdtempSync(join(tmpdir(), 'onsite-bases-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

it('schema 15 turns per-field merge bases into one row per sheet with the very same values', () => {
  const db = new BetterSqlite3(join(dir, 'v14.sqlite'))
  db.function('new_id', { deterministic: false }, newId)
  migrate(db, migrations.filter((m) => m.version <= 14))
  const shell = createSyntheticShell(db, { units: 3, reviewers: 2, items: 2 })
  const [a, b] = shell.reviewerIds
  const [u1, u2] = shell.unitIds
  const [i1, i2] = shell.items.map((i) => `item:${i.id}`)
  const rows: [string, string, string, string][] = [
    [a, u1, i1, '[85,""]'],
    [a, u1, i2, '[70,"台账不全，缺“三会一课”记录"]'],
    [a, u1, 'review', '[null,"","亮点","不足","建议"]'],
    [a, u2, 'submitted', '1'],
    [a, u2, 'recused', '曾在该单位任职'],
    [b, u1, i1, '[90,""]'],
  ]
  const insert = db.prepare('INSERT INTO merge_bases (meeting_id, reviewer_id, unit_id, field, value) VALUES (?, ?, ?, ?, ?)')
  for (const [r, u, f, v] of rows) insert.run(shell.meeting.id, r, u, f, v)

  migrate(db)
  expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'merge_bases'").get()).toEqual({ n: 0 })
  expect(db.prepare('SELECT count(*) AS n FROM merge_base_sheets').get()).toEqual({ n: 3 })
  const bases = (reviewerId: string) =>
    (db.prepare(baseFieldsSql('main')).raw().all({ m: shell.meeting.id, r: reviewerId }) as string[][]).map((r) => r.slice(0, 3).join(' ')).sort()
  const expected = (reviewerId: string) => rows.filter(([r]) => r === reviewerId).map(([, u, f, v]) => `${u} ${f} ${v}`).sort()
  expect(bases(a)).toEqual(expected(a))
  expect(bases(b)).toEqual(expected(b))
  // Deleting a unit takes its bases with it, as before.
  db.pragma('foreign_keys = ON')
  db.prepare('DELETE FROM units WHERE id = ?').run(u1)
  expect(bases(a)).toEqual(expected(a).filter((r) => r.startsWith(u2)))
  db.close()
})
