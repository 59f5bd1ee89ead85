/**
 * `--recover`: what can still be read from a damaged data file goes into a new file with the current
 * schema; the damaged file is never changed.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../src-main/core/db/open'
import { recoverDatabase } from '../../src-main/core/db/recover'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { DB_NAME, damagePageOf, listing, runCli, sha256, TECHNICAL_TEXT, writeGarbage, writeValidDatabase } from './damaged-files'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-recover-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

/** A row's identity: its id or sequence number, else (scores, merge bases: keyed by what they belong to) the whole row. */
const rowKey = (r: Record<string, unknown>) => r.id ?? r.seq ?? JSON.stringify(r)

/** Every row of every table while the file was sound, keyed by table then rowKey. */
function rowsById(file: string): Record<string, Map<unknown, unknown>> {
  const db = new BetterSqlite3(file)
  const snapshot = snapshotDatabase(db)
  db.close()
  return Object.fromEntries(
    Object.entries(snapshot).map(([table, rows]) => [table, new Map((rows as Record<string, unknown>[]).map((r) => [rowKey(r), r]))]),
  )
}

describe('recovering a damaged data file', () => {
  it('copies every readable row unchanged, loses only the damaged page, and leaves the original as it was', () => {
    const dir = tempDir()
    const { file } = writeValidDatabase(dir)
    const sound = rowsById(file)
    const history = sound.score_history.size
    damagePageOf(file, 'score_history')
    const before = { hash: sha256(file), files: listing(dir) }

    const report = recoverDatabase(file, join(dir, 'recovered.sqlite'))

    expect(sha256(file)).toBe(before.hash)
    expect(listing(dir)).toEqual([...before.files, 'recovered.sqlite'].sort())
    // A rowid table: the rows on the damaged page are counted.
    const damaged = report.tables.find((t) => t.table === 'score_history')!
    expect(damaged.lost).toBeGreaterThan(0)
    expect(damaged.copied + damaged.lost).toBe(history)
    expect(damaged.damaged).toBe(true)
    for (const t of report.tables.filter((t) => t.table !== 'score_history')) expect(t, t.table).toMatchObject({ lost: 0, orphans: 0, damaged: false })

    // The new file opens like any data file (current schema, passes the start-up check) and holds
    // exactly the readable rows, value for value.
    const db = openDatabase(join(dir, 'recovered.sqlite'))
    const recovered = snapshotDatabase(db)
    db.close()
    expect(recovered.score_history).toHaveLength(damaged.copied)
    for (const [table, rows] of Object.entries(recovered)) {
      for (const row of rows as Record<string, unknown>[]) expect(row, table).toEqual(sound[table].get(rowKey(row)))
      if (table !== 'score_history') expect(rows, table).toHaveLength(sound[table].size)
    }
  })

  it('reads a table stored by its key (scores) from both ends of the damage, every readable score unchanged', () => {
    const dir = tempDir()
    const { file, scores } = writeValidDatabase(dir)
    const sound = rowsById(file)
    damagePageOf(file, 'scores')

    const report = recoverDatabase(file, join(dir, 'recovered.sqlite'))

    const entry = report.tables.find((t) => t.table === 'scores')!
    expect(entry).toMatchObject({ damaged: true, lost: 0, orphans: 0 }) // how many rows the page held cannot be read
    expect(entry.copied).toBeLessThan(scores)
    expect(entry.copied).toBeGreaterThan(scores / 2)
    const db = openDatabase(join(dir, 'recovered.sqlite'))
    const recovered = snapshotDatabase(db).scores as Record<string, unknown>[]
    db.close()
    expect(recovered).toHaveLength(entry.copied)
    for (const row of recovered) expect(row).toEqual(sound.scores.get(rowKey(row)))
    // Rows on both sides of the damaged page: the first and the last score by key are back.
    const keys = [...sound.scores.values()].map((r) => r as Record<string, string>).map((r) => `${r.reviewer_id}|${r.unit_id}|${r.item_id}`).sort()
    const back = new Set(recovered.map((r) => `${r.reviewer_id}|${r.unit_id}|${r.item_id}`))
    expect(back.has(keys[0]) && back.has(keys[keys.length - 1])).toBe(true)
  })

  it('drops rows whose parent was lost, so the new file has no dangling references', () => {
    const dir = tempDir()
    const { file, scores } = writeValidDatabase(dir)
    damagePageOf(file, 'units') // the only page of units: every score then belongs to no unit
    const report = recoverDatabase(file, join(dir, 'recovered.sqlite'))
    expect(report.tables.find((t) => t.table === 'units')).toMatchObject({ copied: 0, damaged: true })
    expect(report.tables.find((t) => t.table === 'scores')).toMatchObject({ copied: 0, orphans: scores })
    const db = openDatabase(join(dir, 'recovered.sqlite'))
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.prepare('SELECT count(*) FROM reviewers').pluck().get()).toBe(5)
    db.close()
  })

  it('never overwrites an existing file', () => {
    const dir = tempDir()
    const { file } = writeValidDatabase(dir)
    const other = join(dir, 'other.sqlite')
    writeGarbage(other)
    const hash = sha256(other)
    expect(() => recoverDatabase(file, other)).toThrowError(/新文件已存在.*请换一个文件名/)
    expect(sha256(other)).toBe(hash)
  })

  it('from the command line: reports in Chinese, exits 0, and the original stays byte-identical', () => {
    const dir = tempDir()
    const { file } = writeValidDatabase(dir)
    damagePageOf(file, 'scores')
    const hash = sha256(file)
    const target = join(dir, '恢复.sqlite')
    const run = runCli(['--data', dir, '--recover', target])
    expect(run.status, run.stderr).toBe(0)
    expect(run.stdout).toContain(`已把仍能读取的数据复制到新文件：${target}`)
    expect(run.stdout).toMatch(/评分：\d+ 条（有无法读取的部分，条数不明）/)
    expect(run.stdout).toContain('新文件改名为 onsite-review.sqlite')
    expect(sha256(file)).toBe(hash)
    expect(existsSync(target)).toBe(true)
  })

  it('from the command line, a file with nothing readable: says so in Chinese, exits non-zero, writes nothing', () => {
    const dir = tempDir()
    writeGarbage(join(dir, DB_NAME))
    const run = runCli(['--data', dir, '--recover', join(dir, 'new.sqlite')])
    expect(run.status).not.toBe(0)
    expect(run.stderr).not.toMatch(TECHNICAL_TEXT)
    expect(run.stderr).toContain('数据文件已损坏或不是“现场评审”的数据文件')
    expect(listing(dir)).toEqual([DB_NAME])
  })
})
