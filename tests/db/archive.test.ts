/**
 * The meeting archive on real files: the demo meeting (with its materials and a score history)
 * archived through the API, deleted, restored — every row of the meeting as it was (renumbered
 * columns aside), materials readable and searchable, the history chain whole. Restoring over the
 * same meeting asks first and replaces only when confirmed; another data folder takes it as well.
 * A bad archive is refused with its reason and changes nothing (database and material store).
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3, { type Database } from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dataTableNames } from '../../src-main/core/db/data-tables'
import { writeArchive } from '../../src-main/core/packages/archive'
import { restoreArchive } from '../../src-main/core/packages/archive-restore'
import { writeDistributionPackages } from '../../src-main/core/packages/distribution'
import { rowidAlias, SLICE_ROWS } from '../../src-main/core/packages/meeting-slice'
import { ApiCallError } from '../../src-main/shared/client'
import { makeTestCore, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { readPackageFiles, rebuildPackage } from '../helpers/package-doctor'
import { enterAsReviewer } from '../helpers/reviewer-mode'

let organizer: TestCore
let meetingId: string
let folder: string
let archive: string
/** The meeting's rows before archiving, renumbered columns left out. */
let before: Record<string, string[]>

const cores: TestCore[] = []
function core(): TestCore {
  const c = makeTestCore()
  cores.push(c)
  return c
}

/** Every row of the meeting, table by table, without the columns the database numbers (score_history.seq, material_pages.id) and the head's pointer into them. */
function meetingRows(db: Database, id: string): Record<string, string[]> {
  const rows: Record<string, string[]> = {}
  for (const table of dataTableNames(db)) {
    const where = SLICE_ROWS[table]?.archive
    if (!where) continue
    // history_heads.seq points into the renumbered history (checked on its own below).
    const omit = [rowidAlias(db, table), table === 'history_heads' ? 'seq' : undefined]
    const all = db.prepare(`SELECT * FROM main."${table}" WHERE ${where}`).all({ m: id }) as Record<string, unknown>[]
    rows[table] = all.map((r) => JSON.stringify(Object.entries(r).filter(([k]) => !omit.includes(k)))).sort()
  }
  return rows
}

const storeListing = (c: TestCore) => {
  try {
    return readdirSync(join(c.dataDir, 'materials')).filter((n) => /^[0-9a-f]{64}$/.test(n)).sort()
  } catch {
    return []
  }
}

const restore = (c: TestCore, path: string, replace = false) => c.api.archive.restore({ source: { type: 'path', path }, replace })

async function refusal(c: TestCore, path: string, replace: boolean): Promise<ApiCallError> {
  const db = c.core.context.db
  const rows = snapshotDatabase(db)
  const store = storeListing(c)
  const error = await restore(c, path, replace).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error, `${path} should be refused`).toBeInstanceOf(ApiCallError)
  expect(snapshotDatabase(db)).toEqual(rows)
  expect(storeListing(c)).toEqual(store)
  return error as ApiCallError
}

beforeAll(async () => {
  organizer = makeTestCore()
  meetingId = (await organizer.api.meetings.openDemo({})).id
  // A history chain to carry: a sheet unlocked, a score changed.
  const db = organizer.core.context.db
  const sheet = db.prepare('SELECT reviewer_id AS reviewerId, unit_id AS unitId FROM sheet_submissions WHERE meeting_id = ? LIMIT 1').get(meetingId) as
    | { reviewerId: string; unitId: string }
    | undefined
  const target = sheet ?? (db.prepare('SELECT reviewer_id AS reviewerId, unit_id AS unitId FROM scores WHERE meeting_id = ? LIMIT 1').get(meetingId) as { reviewerId: string; unitId: string })
  if (sheet) await organizer.api.scoring.unlock({ meetingId, ...target, reason: '复核后更正' })
  const item = db.prepare('SELECT item_id AS itemId, value_tenths AS v FROM scores WHERE meeting_id = ? AND reviewer_id = ? AND unit_id = ? LIMIT 1').get(meetingId, target.reviewerId, target.unitId) as {
    itemId: string
    v: number
  }
  await organizer.api.scores.save({ meetingId, ...target, itemId: item.itemId, value: (item.v - 10) / 10, deductionReason: '台账不全' })
  folder = mkdtempSync(join(tmpdir(), 'onsite-archives-'))
  before = meetingRows(db, meetingId)
  const written = await organizer.api.archive.write({ meetingId, folder })
  archive = written.path
})
afterAll(() => {
  organizer?.dispose()
  cores.forEach((c) => c.dispose())
  if (folder) rmSync(folder, { recursive: true, force: true })
})

describe('writing an archive', () => {
  it('is named 会议归档_<会议名称>_<YYYYMMDD-HHmm>.zip, opens with unzip, and holds the data, every material and the documents', async () => {
    expect(archive.slice(folder.length + 1)).toMatch(/^会议归档_青岚市直机关2024年度“模范机关”创建现场评审会_\d{8}-\d{4}\.zip$/)
    expect(execFileSync('unzip', ['-tq', archive]).toString()).toMatch(/No errors detected/)
    const { manifest, files } = await readPackageFiles(archive)
    expect(manifest).toMatchObject({ kind: 'archive', meeting: { id: meetingId }, reviewer: null })
    const materials = await organizer.api.materials.list({ meetingId })
    expect(new Set([...files.keys()].filter((p) => p.startsWith('materials/')))).toEqual(new Set(materials.map((m) => `materials/${m.sha256}`)))
    const index = JSON.parse(files.get('documents/index.json')!.toString('utf8')) as { documents: { kind: string; path: string; name: string }[]; skipped: unknown[] }
    expect(index.skipped).toEqual([])
    expect(index.documents.map((d) => d.kind)).toEqual(['minutes', 'summary', 'reviewer-sheets', 'score-matrix'])
    expect(index.documents.map((d) => d.name)).toContain('青岚市直机关2024年度“模范机关”创建现场评审会评分汇总表.docx')
    for (const d of index.documents) expect(files.get(d.path)!.subarray(0, 2).toString()).toBe('PK') // a real docx / xlsx
  })

  it('a meeting without scores is archived with its documents listed as not made yet, and why', async () => {
    const c = core()
    const meeting = await c.api.meetings.create({ title: '尚未评分的会议', date: '2025-03-07' })
    const written = await c.api.archive.write({ meetingId: meeting.id })
    expect(written.path).toBe(join(c.dataDir, 'exports', written.fileName))
    const { files } = await readPackageFiles(written.path)
    const index = JSON.parse(files.get('documents/index.json')!.toString('utf8')) as { documents: unknown[]; skipped: { reason: string }[] }
    expect(index.documents).toEqual([])
    expect(index.skipped).toHaveLength(4)
    expect(index.skipped[0].reason).toContain('还没有任何评分')
  })

  it('a folder that is not there (the USB stick was pulled out) is said so', async () => {
    await expect(organizer.api.archive.write({ meetingId, folder: join(folder, 'no-such-stick') })).rejects.toThrow(/找不到文件夹/)
  })
})

describe('restoring', () => {
  it('archived, deleted, restored: every row as it was, materials readable and searchable, the history chain whole', async () => {
    const api = organizer.api
    const db = organizer.core.context.db
    const { computedAt: _at, ...results } = await api.results.compute({ meetingId })
    await api.meetings.delete({ meetingId })
    expect(storeListing(organizer)).toEqual([])

    expect(await restore(organizer, archive)).toEqual({ meetingId, meetingName: '青岚市直机关2024年度“模范机关”创建现场评审会', replaced: false })
    expect(meetingRows(db, meetingId)).toEqual(before)
    expect(await api.results.compute({ meetingId })).toMatchObject(results)
    const materials = await api.materials.list({ meetingId })
    const pdf = materials.find((m) => m.kind === 'pdf' && m.hasTextLayer)!
    expect((await api.materials.text({ meetingId, id: pdf.id })).pages[0]).toContain('党建')
    expect((await api.materials.search({ meetingId, query: '党建品牌' })).total).toBeGreaterThan(0)
    // The renumbered history: the head points at the last entry here, and the chain verifies.
    const head = db.prepare('SELECT seq, entries FROM history_heads WHERE meeting_id = ?').get(meetingId) as { seq: number; entries: number }
    const last = db.prepare('SELECT max(seq) AS seq, count(*) AS n FROM score_history WHERE meeting_id = ?').get(meetingId) as { seq: number; n: number }
    expect(head).toEqual({ seq: last.seq, entries: last.n })
    expect(last.n).toBeGreaterThan(0)
    const [check] = await api.system.verifyHistory({ meetingId })
    expect(check).toMatchObject({ broken: null, checked: last.n })
  })

  it('over the same meeting: refused, naming both sides, until the organizer confirms; then replaced, identical', async () => {
    const db = organizer.core.context.db
    const { id: _id, isDemo: _demo, createdAt: _c, updatedAt: _u, ...fields } = await organizer.api.meetings.get({ meetingId })
    await organizer.api.meetings.update({ meetingId, fields: { ...fields, place: '市行政中心1号楼' } })
    const error = await refusal(organizer, archive, false)
    expect(error.code).toBe('CONFLICT')
    expect(error.message).toMatch(/本机已有这个会议：青岚市直机关.+评审会（12 个参评单位、5 名评委，最后修改于 \d{4}年/)
    expect(error.message).toMatch(/要恢复的归档：青岚市直机关.+评审会（制作于 \d{4}年\d+月\d+日 \d\d:\d\d，现场评审 0\.0\.0-test）/)
    expect(error.message).toContain('确认恢复将用归档中的内容替换本机的这个会议')
    expect(error.details).toHaveLength(2)

    expect(await restore(organizer, archive, true)).toMatchObject({ meetingId, replaced: true })
    expect(meetingRows(db, meetingId)).toEqual(before)
    expect((await organizer.api.system.verifyHistory({ meetingId }))[0].broken).toBeNull()
    // Once more: the same rows again.
    await restore(organizer, archive, true)
    expect(meetingRows(db, meetingId)).toEqual(before)
  })

  it('into another data folder (another organizer computer)', async () => {
    const c = core()
    await restore(c, archive)
    expect(meetingRows(c.core.context.db, meetingId)).toEqual(before)
    expect(storeListing(c)).toEqual(storeListing(organizer))
    expect((await c.api.materials.search({ meetingId, query: '党建品牌' })).total).toBeGreaterThan(0)
    expect((await c.api.system.verifyHistory({ meetingId }))[0].broken).toBeNull()
  })

  it('never in reviewer mode', async () => {
    const c = core()
    await restore(c, archive)
    const reviewer = (await c.api.reviewers.list({ meetingId }))[0]
    await enterAsReviewer(c.api, meetingId, reviewer.id)
    const error = await refusal(c, archive, true)
    expect(error.code).toBe('FORBIDDEN')
    expect(error.message).toContain('评委模式下不能归档或从归档恢复会议')
    await expect(c.api.archive.write({ meetingId })).rejects.toThrow(/评委模式/)
  })
})

describe('cancelled midway, nothing is left', () => {
  /** A job whose cancel is pressed at its `nth` progress report. */
  const cancelledJob = (nth = 1) => {
    const controller = new AbortController()
    let reports = 0
    return { signal: controller.signal, progress: () => void (++reports === nth && controller.abort(new Error('已取消'))) }
  }

  it('writing: no archive and no .part file in the folder, no export recorded', async () => {
    const usb = mkdtempSync(join(folder, 'cancel-'))
    const db = organizer.core.context.db
    const exports = db.prepare('SELECT count(*) AS n FROM package_exports').get()
    await expect(writeArchive(organizer.core.context, meetingId, usb, cancelledJob())).rejects.toThrow()
    expect(readdirSync(usb)).toEqual([])
    expect(db.prepare('SELECT count(*) AS n FROM package_exports').get()).toEqual(exports)
  })

  it('restoring, after some materials were stored: the database and the material store as they were', async () => {
    const c = core()
    await c.api.meetings.create({ title: '本机原有的会议', date: '2025-03-07' })
    const rows = snapshotDatabase(c.core.context.db)
    await expect(restoreArchive(c.core.context, archive, false, cancelledJob(4))).rejects.toThrow()
    expect(snapshotDatabase(c.core.context.db)).toEqual(rows)
    expect(storeListing(c)).toEqual([])
  })
})

describe('a bad archive is refused with its reason and changes nothing', () => {
  let target: TestCore
  beforeAll(async () => {
    // A data folder with a meeting of its own, so "nothing changed" has something to watch.
    target = core()
    await target.api.meetings.openDemo({})
    const other = await target.api.meetings.create({ title: '另一个会议', date: '2025-03-07' })
    otherReviewer = (await target.api.reviewers.create({ meetingId: other.id, fields: { name: '郑一鸣', role: 'member' } })).id
  })
  let otherReviewer: string
  const problem = (e: ApiCallError) => e.details?.[0]
  // Confirmed: even an archive allowed to replace the meeting here changes nothing when it is bad.
  const bad = (path: string) => refusal(target, path, true)
  const out = (name: string) => join(folder, `bad-${name}.zip`)

  const doctorSlice = async (name: string, edit: (db: Database) => void): Promise<string> => {
    const temp = mkdtempSync(join(tmpdir(), 'onsite-archive-slice-'))
    await rebuildPackage(archive, out(name), (files) => {
      const file = join(temp, 's.sqlite')
      writeFileSync(file, files.get('data/meeting.sqlite')!)
      const db = new BetterSqlite3(file)
      db.pragma('foreign_keys = OFF')
      edit(db)
      db.close()
      files.set('data/meeting.sqlite', readFileSync(file))
    })
    rmSync(temp, { recursive: true, force: true })
    return out(name)
  }

  it('truncated (a stick pulled out mid-copy)', async () => {
    const bytes = readFileSync(archive)
    writeFileSync(out('truncated'), bytes.subarray(0, Math.floor(bytes.length * 0.6)))
    const error = await bad(out('truncated'))
    expect(problem(error)).toBe('truncated')
    expect(error.message).toContain('不完整')
  })

  it('another kind of package (a reviewer’s 评审包)', async () => {
    const usb = mkdtempSync(join(folder, 'usb-'))
    const [first] = await writeDistributionPackages(organizer.core.context, meetingId, usb, { signal: new AbortController().signal, progress: () => undefined })
    const error = await bad(join(usb, first.fileName))
    expect(problem(error)).toBe('wrong-kind')
    expect(error.message).toContain('这是评审包，不是会议归档包')
  })

  it('a view slipped into the data file', async () => {
    const error = await bad(await doctorSlice('view', (db) => db.exec('CREATE VIEW evil AS SELECT 1')))
    expect(problem(error)).toBe('bad-data')
  })

  it('rows of another meeting in the data file', async () => {
    const other = (await target.api.meetings.list({})).find((m) => m.title === '另一个会议')!.id
    const path = await doctorSlice('foreign-meeting', (db) => db.prepare('UPDATE units SET meeting_id = ? WHERE rowid = (SELECT min(rowid) FROM units)').run(other))
    const error = await bad(path)
    expect(problem(error)).toBe('foreign-data')
    expect(error.message).toContain('其他会议')
  })

  it('a row pointing at a reviewer who is not in the archive (another meeting’s, here): a PIN slipped in for them', async () => {
    const path = await doctorSlice('foreign-ref', (db) =>
      db.prepare("INSERT INTO reviewer_pins (reviewer_id, hash, updated_at) VALUES (?, 'x', '2025-01-01T00:00:00.000Z')").run(otherReviewer),
    )
    const error = await bad(path)
    expect(problem(error)).toBe('foreign-data')
  })

  it('a material whose bytes do not match its hash', async () => {
    const bytes = Buffer.from(readFileSync(archive))
    const materials = await organizer.api.materials.list({ meetingId })
    const big = materials.reduce((a, b) => (b.size > a.size ? b : a))
    const content = readFileSync(join(organizer.dataDir, 'materials', big.sha256))
    const at = bytes.indexOf(content.subarray(200, 264))
    expect(at).toBeGreaterThan(0)
    bytes[at + 10] ^= 0xff
    writeFileSync(out('hash'), bytes)
    const error = await bad(out('hash'))
    expect(problem(error)).toBe('hash-mismatch')
  })

  it('a material renamed to another file’s hash (manifest fitted by a forger)', async () => {
    await rebuildPackage(archive, out('renamed'), (files) => {
      const [first, second] = [...files.keys()].filter((p) => p.startsWith('materials/'))
      files.set(first, files.get(second)!)
    })
    const error = await bad(out('renamed'))
    expect(problem(error)).toBe('hash-mismatch')
  })
})
