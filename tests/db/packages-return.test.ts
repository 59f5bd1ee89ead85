/**
 * Return packages and merging, on real files between two data folders (the organizer's and a
 * reviewer's laptop): scores travel back, a second merge changes nothing, an older package is
 * reported, a change on both sides is a conflict the organizer decides, and every forged package is
 * refused with the organizer's database byte for byte as before.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { JobContext } from '../../src-main/core/jobs/job-runner'
import { writeDistributionPackages, type WrittenPackage } from '../../src-main/core/packages/distribution'
import { mergeReturnPackage, type MergeReport } from '../../src-main/core/packages/merge-return'
import { openDistributionPackage } from '../../src-main/core/packages/open-distribution'
import { PackageError } from '../../src-main/core/packages/package-errors'
import { listPackageEntries } from '../../src-main/core/packages/package-reader'
import { reviewerKey } from '../../src-main/core/packages/reviewer-keys'
import { writeReturnPackage } from '../../src-main/core/packages/return-package'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { rebuildPackage } from '../helpers/package-doctor'

const job = (): JobContext => ({ signal: new AbortController().signal, progress: () => undefined })

let organizer: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let folder: string
let packages: WrittenPackage[]
const cores: TestCore[] = []
afterAll(() => {
  for (const c of [organizer, ...cores]) c.dispose()
  rmSync(folder, { recursive: true, force: true })
})

beforeAll(async () => {
  organizer = makeTestCore()
  seed = await seedSmallMeeting(organizer.api)
  folder = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
  packages = await writeDistributionPackages(organizer.core.context, seed.meeting.id, folder, job())
})

async function laptopFor(index: number): Promise<TestCore> {
  const l = makeTestCore()
  cores.push(l)
  await openDistributionPackage(l.core.context, join(folder, packages[index].fileName), job())
  return l
}
const exportReturn = async (l: TestCore) => (await writeReturnPackage(l.core.context, folder, job())).path
const merge = (path: string, choices = {}) => mergeReturnPackage(organizer.core.context, seed.meeting.id, path, choices)
const sheet = (reviewer: number, unit: number) => organizer.api.scoring.sheet({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[reviewer].id, unitId: seed.units[unit].id })

async function refused(path: string, problem: string): Promise<string> {
  const before = snapshotDatabase(organizer.core.context.db)
  const error = await merge(path).then(
    (r) => r,
    (e: unknown) => e,
  )
  expect(error, JSON.stringify(error)).toBeInstanceOf(PackageError)
  expect((error as PackageError).problem).toBe(problem)
  expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
  return (error as Error).message
}

async function score(l: TestCore, reviewer: number, unit: number, item: number, value: number): Promise<void> {
  await l.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[reviewer].id, unitId: seed.units[unit].id, itemId: seed.items[item].id, value })
}

describe('a reviewer’s scores come back and merge', () => {
  let laptop: TestCore
  let first: string
  let report: MergeReport

  beforeAll(async () => {
    laptop = await laptopFor(0)
    for (const [unit, values] of [
      [0, [5.5, 3, 8.6]],
      [1, [4, 2, 7]],
    ] as const)
      for (const [item, value] of values.entries()) await score(laptop, 0, unit, item, value)
    await laptop.api.reviews.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id, bonus: 1.5, bonusReason: '品牌特色突出', strengths: '台账规范', weaknesses: '', suggestions: '' })
    await laptop.api.scoring.submit({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitIds: [seed.units[0].id] })
    first = await exportReturn(laptop)
    report = await merge(first)
  })

  it('adds every score, the review and the submission, and says what it did', async () => {
    expect(report).toMatchObject({ status: 'merged', sequence: 1, added: 8, changed: 0, conflicts: [] })
    expect(report.message).toContain('新增 8 项')
    const s = await sheet(0, 0)
    expect(s.scores.map((x) => x.value).sort()).toEqual([3, 5.5, 8.6])
    expect(s.review).toMatchObject({ bonus: 1.5, strengths: '台账规范' })
    expect(s.locked).toBe(true)
    const history = await organizer.api.history.list({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id })
    expect(history.entries.some((e) => e.what === '合并评审结果包')).toBe(true)
    expect((await organizer.api.system.verifyHistory({ meetingId: seed.meeting.id }))[0]).toMatchObject({ broken: null, unchained: 0 })
  })

  it('carries its data file stored, not deflated (read forty times in a row at a merge), and opens with unzip', async () => {
    const entries = await listPackageEntries(first)
    const data = entries.find((e) => e.path === 'data/meeting.sqlite')!
    expect(data.compressedSize).toBe(data.size)
    expect(execFileSync('unzip', ['-t', first], { encoding: 'utf8' })).toContain('No errors detected')
  })

  it('the same package again changes nothing and says so', async () => {
    const before = snapshotDatabase(organizer.core.context.db)
    const again = await merge(first)
    expect(again.status).toBe('duplicate')
    expect(again.message).toContain('已于')
    expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
  })

  it('a change on the laptop is taken; a change on both sides is a conflict the organizer decides', async () => {
    // The organizer corrects unit 2's 群众评价 from paper; the reviewer changes the same score on the laptop.
    await organizer.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[1].id, itemId: seed.items[2].id, value: 6.5 })
    await score(laptop, 0, 1, 2, 9.1)
    await score(laptop, 0, 1, 0, 4.5)
    const second = await exportReturn(laptop)
    const before = snapshotDatabase(organizer.core.context.db)
    const conflicted = await merge(second)
    expect(conflicted.status).toBe('conflicts')
    expect(conflicted.conflicts).toEqual([expect.objectContaining({ unitName: seed.units[1].name, what: '群众评价', organizer: '6.5 分', package: '9.1 分' })])
    expect(conflicted.message).toContain('尚未做任何更改')
    expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
    const decided = await merge(second, { [conflicted.conflicts[0].key]: 'package' })
    expect(decided).toMatchObject({ status: 'merged', changed: 2 })
    expect((await sheet(0, 1)).scores.map((x) => x.value).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([2, 4.5, 9.1])
  })

  it('an older package than one merged is reported and not applied', async () => {
    await score(laptop, 0, 1, 1, 3)
    const third = await exportReturn(laptop)
    await score(laptop, 0, 1, 1, 4)
    const fourth = await exportReturn(laptop)
    expect((await merge(fourth)).status).toBe('merged')
    const before = snapshotDatabase(organizer.core.context.db)
    const stale = await merge(third)
    expect(stale.status).toBe('stale')
    expect(stale.message).toMatch(/第 3 次.*第 4 次/)
    expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
  })
})

describe('field by field: kept, cleared, recused by the organizer, values that do not fit', () => {
  // Reviewer 3 (陈卫国) on their own laptop; the organizer also works on their sheets meanwhile.
  let laptop: TestCore
  const r = 2
  const meetingId = () => seed.meeting.id
  const history = async () => (await organizer.api.history.list({ meetingId: meetingId(), reviewerId: seed.reviewers[r].id })).entries
  /** The sheet's three items in rubric order, null where no score is held. */
  const values = async (unit: number) => {
    const held = (await sheet(r, unit)).scores
    return seed.items.map((item) => held.find((x) => x.itemId === item.id)?.value ?? null)
  }

  beforeAll(async () => {
    laptop = await laptopFor(r)
    for (const [item, value] of [4, 3, 7.5].entries()) await score(laptop, r, 0, item, value)
    for (const [item, value] of [5, 2, 6].entries()) await score(laptop, r, 1, item, value)
    expect((await merge(await exportReturn(laptop))).status).toBe('merged')
  })

  it('a score only the organizer changed is kept, now and at the next merge; one the reviewer cleared is cleared, with history', async () => {
    await organizer.api.scores.save({ meetingId: meetingId(), reviewerId: seed.reviewers[r].id, unitId: seed.units[0].id, itemId: seed.items[1].id, value: 1 })
    await laptop.api.scores.save({ meetingId: meetingId(), reviewerId: seed.reviewers[r].id, unitId: seed.units[0].id, itemId: seed.items[2].id, value: null })
    const report = await merge(await exportReturn(laptop))
    expect(report).toMatchObject({ status: 'merged', kept: 1, removed: 1, added: 0, changed: 0, conflicts: [] })
    expect(report.message).toContain('保留会务组修改 1 项')
    expect(await values(0)).toEqual([4, 1, null])
    const cleared = (await history()).find((e) => e.what === '群众评价' && e.unitName === seed.units[0].name)
    expect(cleared).toMatchObject({ oldValue: '7.5', newValue: null })
    // The reviewer touches something else; the organizer's 1 still stands (the base moved with the last merge).
    await score(laptop, r, 1, 0, 5.5)
    expect(await merge(await exportReturn(laptop))).toMatchObject({ status: 'merged', changed: 1, kept: 1 })
    expect(await values(0)).toEqual([4, 1, null])
    expect(await values(1)).toEqual([5.5, 2, 6])
  })

  it('nothing of a unit the organizer recused the reviewer from is taken, and the report says what was left out', async () => {
    await score(laptop, r, 2, 0, 3)
    await organizer.api.recusals.set({ meetingId: meetingId(), reviewerId: seed.reviewers[r].id, unitId: seed.units[2].id, recused: true, reason: '曾在该单位任职' })
    const report = await merge(await exportReturn(laptop))
    expect(report.status).toBe('merged')
    expect(report.ignored).toEqual([`“${seed.units[2].name}”：会务组已设置该评委回避，包中的“理论武装”未合并`])
    expect(await values(2)).toEqual([null, null, null])
  })

  it('a value off its step or a deduction note with a control character is not taken; the rest of the package is', async () => {
    const key = reviewerKey(organizer.core.context.db, meetingId(), seed.reviewers[r].id)!
    await score(laptop, r, 1, 1, 3)
    const genuine = await exportReturn(laptop)
    const out = join(folder, 'forged-off-step.zip')
    const temp = mkdtempSync(join(tmpdir(), 'onsite-forge-'))
    await rebuildPackage(
      genuine,
      out,
      (files) => {
        const file = join(temp, 's.sqlite')
        writeFileSync(file, files.get('data/meeting.sqlite')!)
        const db = new BetterSqlite3(file)
        db.prepare('UPDATE scores SET value_tenths = 53 WHERE unit_id = ? AND item_id = ?').run(seed.units[1].id, seed.items[0].id) // 理论武装 goes by 0.5
        db.prepare("UPDATE scores SET deduction_reason = 'a' || char(7) WHERE unit_id = ? AND item_id = ?").run(seed.units[1].id, seed.items[2].id)
        db.close()
        files.set('data/meeting.sqlite', readFileSync(file))
      },
      key,
    )
    rmSync(temp, { recursive: true, force: true })
    const report = await merge(out)
    expect(report.status).toBe('merged')
    // The recused unit's score is still in the package, and still left out.
    expect(report.ignored).toEqual([
      `“${seed.units[2].name}”：会务组已设置该评委回避，包中的“理论武装”未合并`,
      `“${seed.units[1].name}”的“理论武装”未合并：“理论武装”的分值不在档位上`,
      `“${seed.units[1].name}”的“群众评价”未合并：扣分说明含有不允许的字符`,
    ])
    expect(await values(1)).toEqual([5.5, 3, 6])
  })
})

describe('forged or misdirected return packages are refused, nothing changes', () => {
  let laptop: TestCore
  let genuine: string
  beforeAll(async () => {
    laptop = await laptopFor(1)
    await score(laptop, 1, 0, 0, 5)
    genuine = await exportReturn(laptop)
  })
  const key = (reviewer: number) => reviewerKey(organizer.core.context.db, seed.meeting.id, seed.reviewers[reviewer].id)!
  const doctorSlice = async (name: string, edit: (db: BetterSqlite3.Database) => void, signWith: Buffer, fields?: (f: Record<string, unknown>) => Record<string, unknown>) => {
    const out = join(folder, `forged-${name}.zip`)
    const temp = mkdtempSync(join(tmpdir(), 'onsite-forge-'))
    await rebuildPackage(
      genuine,
      out,
      (files, manifest) => {
        const file = join(temp, 's.sqlite')
        writeFileSync(file, files.get('data/meeting.sqlite')!)
        const db = new BetterSqlite3(file)
        db.pragma('foreign_keys = OFF') // a return slice refers to rows only the organizer has
        edit(db)
        db.close()
        files.set('data/meeting.sqlite', readFileSync(file))
        return (fields?.(manifest as never) ?? manifest) as never
      },
      signWith,
      key(1),
    )
    rmSync(temp, { recursive: true, force: true })
    return out
  }

  it("reviewer B's package carrying A's scores, signed with B's own key", async () => {
    const path = await doctorSlice(
      'carries-a',
      (db) => db.prepare('UPDATE scores SET reviewer_id = ?').run(seed.reviewers[0].id),
      key(1),
    )
    expect(await refused(path, 'foreign-data')).toContain('其他评委')
  })

  it("a package sent under another reviewer's name", async () => {
    const path = await doctorSlice('renamed', () => undefined, key(1), (f) => ({ ...f, reviewer: { id: seed.reviewers[2].id, name: seed.reviewers[2].name } }))
    expect(await refused(path, 'auth-failed')).toContain('认证失败')
  })

  it('a byte of its data file changed inside the zip (same size; manifest and tag untouched)', async () => {
    // The data file is stored, so its bytes lie in the zip as they are: flip one in the middle of it.
    const zip = readFileSync(genuine)
    const slice = execFileSync('unzip', ['-p', genuine, 'data/meeting.sqlite'], { maxBuffer: 64 * 1024 * 1024 })
    const at = zip.indexOf(slice.subarray(slice.length / 2, slice.length / 2 + 64))
    expect(at).toBeGreaterThan(0)
    zip[at + 10] ^= 0xff
    const out = join(folder, 'forged-flipped.zip')
    writeFileSync(out, zip)
    expect(await refused(out, 'hash-mismatch')).toContain('校验值不符')
  })

  it('a package edited by hand without the key', async () => {
    const path = await doctorSlice('edited', (db) => db.prepare('UPDATE scores SET value_tenths = 60').run(), key(0))
    expect(await refused(path, 'auth-failed')).toContain('认证失败')
  })

  it('a score out of range slipped in with the right key is not taken', async () => {
    const path = await doctorSlice('out-of-range', (db) => db.prepare('UPDATE scores SET value_tenths = 990').run(), key(1))
    const report = await merge(path)
    expect(report.status).toBe('merged')
    expect(report.ignored.join()).toContain('超出范围')
    expect((await sheet(1, 0)).scores.every((s) => (s.value ?? 0) <= 6)).toBe(true)
  })

  it("another meeting's package", async () => {
    const other = makeTestCore()
    cores.push(other)
    const otherSeed = await seedSmallMeeting(other.api)
    const otherFolder = mkdtempSync(join(tmpdir(), 'onsite-usb2-'))
    const written = await writeDistributionPackages(other.core.context, otherSeed.meeting.id, otherFolder, job())
    const l = makeTestCore()
    cores.push(l)
    await openDistributionPackage(l.core.context, join(otherFolder, written[0].fileName), job())
    const path = (await writeReturnPackage(l.core.context, otherFolder, job())).path
    expect(await refused(path, 'wrong-meeting')).toContain('不是本会议')
    rmSync(otherFolder, { recursive: true, force: true })
  })

  it('a package scored against a rubric changed since the packages went out', async () => {
    // A second organizer whose rubric is still open (no scores of its own yet) when it is edited.
    const org = makeTestCore()
    cores.push(org)
    const s2 = await seedSmallMeeting(org.api)
    const usb = mkdtempSync(join(tmpdir(), 'onsite-usb3-'))
    const written = await writeDistributionPackages(org.core.context, s2.meeting.id, usb, job())
    const l = makeTestCore()
    cores.push(l)
    await openDistributionPackage(l.core.context, join(usb, written[0].fileName), job())
    await l.api.scores.save({ meetingId: s2.meeting.id, reviewerId: s2.reviewers[0].id, unitId: s2.units[0].id, itemId: s2.items[0].id, value: 5 })
    const path = (await writeReturnPackage(l.core.context, usb, job())).path
    const rubric = await org.api.rubric.get({ meetingId: s2.meeting.id })
    await org.api.rubric.save({ meetingId: s2.meeting.id, rubric: { ...rubric, criteria: rubric.criteria.map((c, i) => (i === 1 ? { ...c, name: `${c.name}（修订）` } : c)) } })
    expect((await org.api.rubric.get({ meetingId: s2.meeting.id })).hash).not.toBe(rubric.hash)
    const before = snapshotDatabase(org.core.context.db)
    const error = await mergeReturnPackage(org.core.context, s2.meeting.id, path).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PackageError)
    expect((error as PackageError).problem).toBe('rubric-mismatch')
    expect((error as Error).message).toContain('评分标准')
    expect(snapshotDatabase(org.core.context.db)).toEqual(before)
    rmSync(usb, { recursive: true, force: true })
  })

  it('a distribution package given to merge', async () => {
    expect(await refused(join(folder, packages[2].fileName), 'wrong-kind')).toContain('评审包')
  })
})
