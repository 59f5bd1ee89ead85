/**
 * Distribution packages end to end on real files: the organizer's core writes every reviewer's
 * package from the demo meeting (with its materials); a second core in another data folder — the
 * reviewer's laptop — opens one and becomes that reviewer's workspace. Doctored packages are refused
 * with their reason, leaving the laptop's database and material store exactly as they were.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataTableNames } from '../../src-main/core/db/data-tables'
import type { JobContext } from '../../src-main/core/jobs/job-runner'
import { writeDistributionPackages, type WrittenPackage } from '../../src-main/core/packages/distribution'
import { LOCAL_TABLES, SLICE_ROWS } from '../../src-main/core/packages/meeting-slice'
import { openDistributionPackage } from '../../src-main/core/packages/open-distribution'
import { PackageError } from '../../src-main/core/packages/package-errors'
import { makeTestCore, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { rebuildPackage } from '../helpers/package-doctor'

const job = (): JobContext & { events: number[] } => {
  const events: number[] = []
  return { signal: new AbortController().signal, progress: (done) => events.push(done), events }
}

let organizer: TestCore
let folder: string
let written: WrittenPackage[]
let meetingId: string

beforeAll(async () => {
  organizer = makeTestCore()
  meetingId = (await organizer.api.meetings.openDemo({})).id
  folder = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
  written = await writeDistributionPackages(organizer.core.context, meetingId, folder, job())
})
afterAll(() => {
  organizer.dispose()
  rmSync(folder, { recursive: true, force: true })
})

const laptops: TestCore[] = []
afterAll(() => laptops.forEach((l) => l.dispose()))
function laptop(): TestCore {
  const l = makeTestCore()
  laptops.push(l)
  return l
}
const storeListing = (l: TestCore) => readdirSync(join(l.dataDir, 'materials'), { recursive: true }).sort()

async function expectRefused(l: TestCore, path: string, problem: string): Promise<string> {
  const before = snapshotDatabase(l.core.context.db)
  let storeBefore: unknown[] = []
  try {
    storeBefore = storeListing(l)
  } catch {
    storeBefore = []
  }
  const error = await openDistributionPackage(l.core.context, path, job()).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `${path} should be refused`).toBeInstanceOf(PackageError)
  expect((error as PackageError).problem).toBe(problem)
  expect(snapshotDatabase(l.core.context.db)).toEqual(before)
  let storeAfter: unknown[] = []
  try {
    storeAfter = storeListing(l)
  } catch {
    storeAfter = []
  }
  expect(storeAfter.filter((n) => !String(n).startsWith('.tmp'))).toEqual(storeBefore.filter((n) => !String(n).startsWith('.tmp')))
  return (error as Error).message
}

describe('every table is decided', () => {
  it('each data table is either carried by some kind of package or named as local to a computer', () => {
    const db = organizer.core.context.db
    for (const table of dataTableNames(db)) expect(Object.hasOwn(SLICE_ROWS, table) || LOCAL_TABLES.includes(table), table).toBe(true)
  })
})

describe('the organizer writes one package per reviewer', () => {
  it('named 序号_评委姓名_会议简称.zip in the 评委 order, readable by unzip', async () => {
    const reviewers = await organizer.api.reviewers.list({ meetingId })
    expect(written.map((w) => w.reviewerName)).toEqual(reviewers.map((r) => r.name))
    expect(written[0].fileName).toMatch(new RegExp(`^01_${reviewers[0].name}_.+\\.zip$`))
    expect(readdirSync(folder).sort()).toEqual(written.map((w) => w.fileName).sort())
    for (const w of written) expect(execFileSync('unzip', ['-tq', join(folder, w.fileName)]).toString()).toMatch(/No errors detected/)
  })

  it("each carries that reviewer's units (recused and withdrawn left out) and their materials", async () => {
    const units = await organizer.api.units.list({ meetingId })
    const recusals = await organizer.api.recusals.list({ meetingId })
    for (const w of written) {
      const visible = units.filter((u) => !u.withdrawnAt && !recusals.some((r) => r.reviewerId === w.reviewerId && r.unitId === u.id))
      expect(w.units, w.reviewerName).toBe(visible.length)
      expect(w.materials).toBeGreaterThan(0)
    }
  })
})

describe("a reviewer's laptop opens its package", () => {
  it('becomes that reviewer’s workspace: units, materials, search, the key, reviewer mode for good', async () => {
    const l = laptop()
    const w = written.find((x) => x.units > 0)!
    const opened = await openDistributionPackage(l.core.context, join(folder, w.fileName), job())
    expect(opened).toMatchObject({ meetingId, reviewerId: w.reviewerId, reviewerName: w.reviewerName, units: w.units })
    const db = l.core.context.db
    expect(db.prepare('SELECT meeting_id, reviewer_id, can_leave FROM access_mode').get()).toEqual({ meeting_id: meetingId, reviewer_id: w.reviewerId, can_leave: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM reviewer_keys').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT count(*) AS n FROM reviewers').get()).toEqual({ n: 1 })
    expect(db.prepare('SELECT count(*) AS n FROM units').get()).toEqual({ n: w.units })
    // Materials are there, byte for byte, and searchable (the index was rebuilt here).
    // In reviewer mode materials are listed unit by unit (the access policy).
    const units = await l.api.scoring.progress({ meetingId, reviewerId: w.reviewerId })
    const materials = (await Promise.all(units.map((u) => l.api.materials.list({ meetingId, unitId: u.unitId })))).flat()
    expect(materials.length).toBeGreaterThan(0)
    await expect(l.api.results.compute({ meetingId })).rejects.toThrow(/评委模式/)
    const organizerMaterials = await organizer.api.materials.list({ meetingId })
    for (const m of materials) expect(organizerMaterials.find((o) => o.id === m.id)?.sha256).toBe(m.sha256)
    const hits = await l.api.materials.search({ meetingId, query: '党建' })
    expect(hits.total).toBeGreaterThan(0)
    // The rubric is the organizer's, to the hash.
    expect((await l.api.rubric.get({ meetingId })).hash).toBe((await organizer.api.rubric.get({ meetingId })).hash)
  })

  it('a second package on the same laptop, or a package on the organizer’s own machine, is refused and changes nothing', async () => {
    const l = laptop()
    await openDistributionPackage(l.core.context, join(folder, written[0].fileName), job())
    expect(await expectRefused(l, join(folder, written[1].fileName), 'meeting-exists')).toContain('评审工作台')
    expect(await expectRefused(organizer, join(folder, written[1].fileName), 'meeting-exists')).toContain('会务组')
  })
})

describe('a doctored distribution package is refused and the laptop is unchanged', () => {
  const doctor = async (name: string, edit: (db: BetterSqlite3.Database) => void): Promise<string> => {
    const out = join(folder, `doctored-${name}.zip`)
    const temp = mkdtempSync(join(tmpdir(), 'onsite-slice-'))
    await rebuildPackage(join(folder, written[0].fileName), out, (files) => {
      const file = join(temp, 's.sqlite')
      writeFileSync(file, files.get('data/meeting.sqlite')!)
      const db = new BetterSqlite3(file)
      edit(db)
      db.close()
      files.set('data/meeting.sqlite', readFileSync(file))
    })
    rmSync(temp, { recursive: true, force: true })
    return out
  }

  it('a trigger or view added to the data file', async () => {
    const path = await doctor('trigger', (db) => db.exec('CREATE VIEW evil AS SELECT 1'))
    expect(await expectRefused(laptop(), path, 'bad-data')).toContain('结构')
  })

  it("another reviewer's scores slipped in", async () => {
    const other = written[1].reviewerId
    const path = await doctor('foreign', (db) => {
      db.pragma('foreign_keys = OFF')
      db.prepare('UPDATE scores SET reviewer_id = ? WHERE (reviewer_id, unit_id, item_id) = (SELECT reviewer_id, unit_id, item_id FROM scores LIMIT 1)').run(other)
      db.prepare("INSERT INTO scores (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at) SELECT meeting_id, ?, unit_id, item_id, 10, '', updated_at FROM scores WHERE reviewer_id <> ? LIMIT 1").run(other, other)
    })
    expect(await expectRefused(laptop(), path, 'foreign-data')).toContain('其他评委')
  })

  it('the rubric changed inside while the manifest kept the old hash', async () => {
    const path = await doctor('rubric', (db) => db.exec('UPDATE rubric_items SET max_tenths = max_tenths + 10 WHERE rowid = (SELECT min(rowid) FROM rubric_items)'))
    expect(await expectRefused(laptop(), path, 'rubric-mismatch')).toContain('评分标准')
  })

  it('a data file from a newer version of the app', async () => {
    const path = await doctor('newer', (db) => db.pragma('user_version = 999'))
    expect(await expectRefused(laptop(), path, 'newer-schema')).toContain('升级')
  })

  it('a data file that is not SQLite', async () => {
    const out = join(folder, 'doctored-garbage.zip')
    await rebuildPackage(join(folder, written[0].fileName), out, (files) => void files.set('data/meeting.sqlite', Buffer.from('not a database at all, just text')))
    expect(await expectRefused(laptop(), out, 'bad-data')).toContain('数据文件')
  })

  it('a material changed inside the zip after writing (same size, manifest untouched)', async () => {
    const source = join(folder, written[0].fileName)
    const zip = readFileSync(source)
    const organizerMaterials = organizer.core.context.db.prepare('SELECT DISTINCT sha256 FROM materials').pluck().all() as string[]
    const bytes = organizerMaterials.map((h) => readFileSync(join(organizer.dataDir, 'materials', h))).find((b) => b.length > 200 && zip.indexOf(b.subarray(64, 96)) > 0)!
    const at = zip.indexOf(bytes.subarray(64, 96)) + 10
    zip[at] ^= 0xff
    const out = join(folder, 'doctored-flipped.zip')
    writeFileSync(out, zip)
    expect(await expectRefused(laptop(), out, 'hash-mismatch')).toContain('校验值不符')
  })

  it('another kind of package given where a distribution package is expected', async () => {
    const out = join(folder, 'doctored-kind.zip')
    await rebuildPackage(join(folder, written[0].fileName), out, (_files, fields) => ({ ...fields, kind: 'archive', reviewer: null }))
    expect(await expectRefused(laptop(), out, 'wrong-kind')).toContain('会议归档包')
  })
})
