import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { migrate } from '../../src-main/core/db/migrate'
import { migrations, LATEST_VERSION } from '../../src-main/core/db/migrations'
import { openDatabase } from '../../src-main/core/db/open'
import { DomainError } from '../../src-main/core/errors'
import { dataTables, schemaOf, snapshotDatabase } from '../helpers/db-snapshot'

const dirs: string[] = []
const tempFile = (name: string) => {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-mig-'))
  dirs.push(dir)
  return join(dir, name)
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

describe('migrations', () => {
  it('a fresh database has exactly the schema of one migrated step by step', () => {
    const fresh = openDatabase(tempFile('fresh.sqlite'))
    const stepwiseFile = tempFile('stepwise.sqlite')
    for (let k = 1; k <= migrations.length; k++) {
      // Each step in its own session, as an older app version would have left the file.
      const db = new BetterSqlite3(stepwiseFile)
      migrate(db, migrations.slice(0, k))
      expect(db.pragma('user_version', { simple: true })).toBe(migrations[k - 1].version)
      db.close()
    }
    const stepwise = openDatabase(stepwiseFile)
    expect(schemaOf(stepwise)).toEqual(schemaOf(fresh))
    expect(schemaOf(fresh).version).toBe(LATEST_VERSION)
    fresh.close()
    stepwise.close()
  })

  it('opens with WAL, foreign keys and STRICT tables', () => {
    const db = openDatabase(tempFile('pragmas.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const strict = db.prepare('SELECT strict FROM pragma_table_list WHERE name = ?').pluck()
    for (const t of dataTables(db)) expect(strict.get(t.name), t.name).toBe(1)
    db.close()
  })

  it('refuses a database from a newer version with a clear message and leaves the file untouched', () => {
    const file = tempFile('future.sqlite')
    const db = openDatabase(file)
    db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    db.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrowError(DomainError)
    try {
      openDatabase(file)
    } catch (error) {
      expect((error as DomainError).code).toBe('DB_TOO_NEW')
      expect((error as DomainError).message).toContain('请升级程序')
    }
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('refuses a newer rollback-journal database without switching it to WAL: byte-identical, no side files', () => {
    const file = tempFile('future-journal.sqlite')
    const db = new BetterSqlite3(file) // journal_mode DELETE, as a copy made by another tool may be
    db.exec('CREATE TABLE future (x INTEGER)')
    db.pragma(`user_version = ${LATEST_VERSION + 1}`)
    db.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrowError(/请升级程序/)
    expect(readFileSync(file).equals(before)).toBe(true)
    expect(readdirSync(dirname(file))).toEqual(['future-journal.sqlite'])
  })

  it('runs all pending steps in one transaction: a failing step leaves the database as it was', () => {
    const file = tempFile('half.sqlite')
    const db = new BetterSqlite3(file)
    migrate(db, migrations.slice(0, 1))
    db.exec(`INSERT INTO meetings (id, title, date, created_at, updated_at) VALUES ('m', '旧会议', '2024-12-18', 'x', 'x')`)
    const before = snapshotDatabase(db)
    const beforeSchema = schemaOf(db)
    const broken = [
      ...migrations.slice(0, 1),
      { version: 90, name: 'adds a table', sql: 'CREATE TABLE extra (x INTEGER) STRICT;' },
      { version: 91, name: 'fails', sql: 'ALTER TABLE no_such_table ADD COLUMN y INTEGER;' },
    ]
    expect(() => migrate(db, broken)).toThrow()
    expect(schemaOf(db)).toEqual(beforeSchema)
    expect(snapshotDatabase(db)).toEqual(before)
    db.close()
  })

  it('keeps the score history append-only', () => {
    const db = openDatabase(tempFile('history.sqlite'))
    db.exec(`INSERT INTO meetings (id, title, date, created_at, updated_at) VALUES ('m', '会', '2024-12-18', 'x', 'x')`)
    db.exec(`INSERT INTO score_history (meeting_id, reviewer_id, unit_id, field, old_value, new_value, at) VALUES ('m', 'r', 'u', 'bonus', NULL, '2', 'x')`)
    expect(() => db.exec(`UPDATE score_history SET new_value = '5'`)).toThrow(/append-only/)
    db.close()
  })
})
