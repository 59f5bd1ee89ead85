/**
 * The packages operations through the contract, between two data folders (the organizer's PC and a
 * reviewer's laptop), on real files, real SQLite and the real bridge: packages are written (to a
 * folder or to exports/), opened from a browser upload, a reviewer's results exported, downloaded and
 * merged, the completeness grid follows; every refusal and a cancel leave the database as it was.
 */
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src-main/bridge/server'
import { saveUpload, uploadsDir } from '../../src-main/core/materials/uploads'
import { exportsDir, findExport } from '../../src-main/core/services/exports'
import type { ProgressEvent } from '../../src-main/shared/events'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { expectRejected } from '../helpers/expect-rejected'
import { ORGANIZER_PIN, enterAsReviewer } from '../helpers/reviewer-mode'

let organizer: TestCore
let laptop: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let usb: string
const cores: TestCore[] = []
afterAll(() => {
  for (const c of [organizer, laptop, ...cores]) c.dispose()
  rmSync(usb, { recursive: true, force: true })
})

beforeAll(async () => {
  organizer = makeTestCore()
  laptop = makeTestCore()
  seed = await seedSmallMeeting(organizer.api)
  usb = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
})

const meetingId = () => seed.meeting.id
const upload = (core: TestCore, path: string) => saveUpload(core.dataDir, 'package.zip', createReadStream(path))
const progressOf = (core: TestCore, events: ProgressEvent[]) => core.core.onEvent((e) => void (e.type === 'progress' && events.push(e)))

describe('packages.writeDistribution', () => {
  it('writes one package per reviewer into the chosen folder, with progress in bytes and files', async () => {
    const events: ProgressEvent[] = []
    const off = progressOf(organizer, events)
    const result = await organizer.api.packages.writeDistribution({ meetingId: meetingId(), folder: usb })
    off()
    expect(result.folder).toBe(usb)
    expect(result.packages.map((p) => p.fileName)).toEqual(['01_周明远_测试评审会.zip', '02_林静怡_测试评审会.zip', '03_陈卫国_测试评审会.zip'])
    expect(result.packages.every((p) => p.units === 3 && p.bytes > 0)).toBe(true)
    expect(readdirSync(usb).sort()).toEqual(result.packages.map((p) => p.fileName).sort())
    expect(events.length).toBeGreaterThan(0)
    expect(events.every((e) => e.kind === 'packages.write' && e.label === '生成评审包')).toBe(true)
    expect(events.at(-1)!.files).toEqual({ done: 3, total: 3 })
  })

  it('without a folder writes into exports/, from where browser mode downloads each file', async () => {
    const result = await organizer.api.packages.writeDistribution({ meetingId: meetingId() })
    expect(result.folder).toBe(exportsDir(organizer.dataDir))
    for (const p of result.packages) expect(findExport(organizer.dataDir, encodeURIComponent(p.fileName))).toMatchObject({ bytes: p.bytes, contentType: 'application/zip' })
  })

  it('refuses a meeting without a rubric or without reviewers, changing nothing', async () => {
    const empty = await organizer.api.meetings.create({ title: '空会议', date: '2024-12-19' })
    await expectRejected(organizer.core.context.db, () => organizer.api.packages.writeDistribution({ meetingId: empty.id, folder: usb }), 'CONFLICT', /^还没有评委/)
    await organizer.api.reviewers.create({ meetingId: empty.id, fields: { name: '王五', role: 'chair' } })
    await expectRejected(organizer.core.context.db, () => organizer.api.packages.writeDistribution({ meetingId: empty.id, folder: usb }), 'CONFLICT', /^评分标准尚未设置/)
    expect(readdirSync(usb)).toHaveLength(3)
  })

  it('cancelled, answers 已取消 and leaves no file of that run and the database as it was', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'onsite-usb-cancel-'))
    const before = snapshotDatabase(organizer.core.context.db)
    const off = organizer.core.onEvent((e) => void (e.type === 'progress' && organizer.api.jobs.cancel({ id: e.taskId })))
    const error = await organizer.api.packages.writeDistribution({ meetingId: meetingId(), folder }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    )
    off()
    expect(error).toMatchObject({ code: 'CANCELLED', message: expect.stringMatching(/^已取消生成评审包/) })
    expect(readdirSync(folder)).toEqual([])
    expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
    rmSync(folder, { recursive: true, force: true })
  })
})

describe('packages.openDistribution', () => {
  it('on the organizer’s own PC is refused (the meeting is here), changing nothing', async () => {
    await expectRejected(
      organizer.core.context.db,
      () => organizer.api.packages.openDistribution({ source: { type: 'path', path: join(usb, '01_周明远_测试评审会.zip') } }),
      'IMPORT_INVALID',
      /评审包只能在评委的电脑上打开/,
    )
  })

  it('refuses what is not a package, naming why, changing nothing', async () => {
    const junk = join(usb, '不是评审包.zip')
    writeFileSync(junk, '这不是一个压缩包')
    await expectRejected(laptop.core.context.db, () => laptop.api.packages.openDistribution({ source: { type: 'path', path: junk } }), 'IMPORT_INVALID', /./)
    rmSync(junk)
    expect((await laptop.api.access.state({})).mode).toBe('organizer')
  })

  it('from a browser upload makes the laptop that reviewer’s workspace for good, and consumes the upload', async () => {
    const staged = await upload(laptop, join(usb, '02_林静怡_测试评审会.zip'))
    const opened = await laptop.api.packages.openDistribution({ source: { type: 'upload', uploadId: staged.uploadId } })
    expect(opened).toMatchObject({ meetingId: meetingId(), meetingName: '测试评审会', reviewerId: seed.reviewers[1].id, reviewerName: '林静怡', units: 3 })
    expect(await laptop.api.access.state({})).toMatchObject({ mode: 'reviewer', reviewerId: seed.reviewers[1].id, canLeave: false })
    expect(existsSync(join(uploadsDir(laptop.dataDir), staged.uploadId))).toBe(false)
  })

  it('a second package on the same laptop is refused by reviewer mode, changing nothing', async () => {
    await expectRejected(
      laptop.core.context.db,
      () => laptop.api.packages.openDistribution({ source: { type: 'path', path: join(usb, '03_陈卫国_测试评审会.zip') } }),
      'FORBIDDEN',
      /^评委模式下不能生成评审包、打开另一个评审包或合并评审结果/,
    )
  })
})

describe('packages.writeReturn, download and packages.mergeReturn', () => {
  let server: Server & { url: string }
  let first: { fileName: string; path: string; bytes: number; sequence: number }
  beforeAll(async () => {
    await laptop.api.scores.save({ meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id, itemId: seed.items[0].id, value: 5.5 })
    server = await startBridge({ core: laptop.core, port: 0 })
  })
  afterAll(() => new Promise((resolve) => server.close(resolve)))

  it('on the organizer’s PC there is nothing to export, changing nothing', async () => {
    await expectRejected(organizer.core.context.db, () => organizer.api.packages.writeReturn({ folder: usb }), 'CONFLICT', /^只有用评审包打开的评委电脑/)
  })

  it('the reviewer exports into exports/, counts each export and downloads only their own result over the bridge', async () => {
    const events: ProgressEvent[] = []
    const off = progressOf(laptop, events)
    first = await laptop.api.packages.writeReturn({})
    off()
    // One file, no byte count worth showing: the bar says “1/1 个文件”, never “0 B / 1 B”.
    expect(events.every((e) => e.kind === 'packages.write' && e.total === 0)).toBe(true)
    expect(events.at(-1)!.files).toEqual({ done: 1, total: 1 })
    expect(first).toMatchObject({ fileName: '林静怡_评审结果_测试评审会_第1次.zip', path: join(exportsDir(laptop.dataDir), first.fileName), sequence: 1 })
    const download = await fetch(`${server.url}/exports/${encodeURIComponent(first.fileName)}`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/zip')
    expect((await download.arrayBuffer()).byteLength).toBe(first.bytes)
    // Anything else in exports/ stays the organizer's.
    writeFileSync(join(exportsDir(laptop.dataDir), '别的文件.zip'), 'x')
    const other = await fetch(`${server.url}/exports/${encodeURIComponent('别的文件.zip')}`)
    expect(other.status).toBe(403)
  })

  it('merges on the organizer’s PC; the same package again is reported as duplicate; the grid shows what arrived', async () => {
    const events: ProgressEvent[] = []
    const off = progressOf(organizer, events)
    const report = await organizer.api.packages.mergeReturn({ meetingId: meetingId(), source: { type: 'path', path: first.path } })
    off()
    expect(events.every((e) => e.kind === 'packages.merge' && e.label === '合并评审结果' && e.total === 0)).toBe(true)
    expect(events.at(-1)!.files).toEqual({ done: 1, total: 1 })
    expect(report).toMatchObject({ status: 'merged', reviewerName: '林静怡', sequence: 1, added: 1 })
    const again = await organizer.api.packages.mergeReturn({ meetingId: meetingId(), source: { type: 'path', path: first.path } })
    expect(again.status).toBe('duplicate')
    expect(again.message).toMatch(/本次未做任何更改/)
    const grid = await organizer.api.packages.completeness({ meetingId: meetingId() })
    expect(grid.units.map((u) => u.unitName)).toEqual(seed.units.map((u) => u.name))
    const lin = grid.reviewers.find((r) => r.reviewerName === '林静怡')!
    expect(lin.lastMerged).toMatchObject({ sequence: 1 })
    expect(lin.cells).toEqual({ [seed.units[0].id]: 'partial', [seed.units[1].id]: 'empty', [seed.units[2].id]: 'empty' })
    expect(grid.reviewers.find((r) => r.reviewerName === '周明远')!.lastMerged).toBeNull()
  })

  it('a conflict keeps the uploaded package for the second try; the choice lands and consumes it', async () => {
    const target = { meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id, itemId: seed.items[0].id }
    await organizer.api.scores.save({ ...target, value: 4 })
    await laptop.api.scores.save({ ...target, value: 6 })
    const second = await laptop.api.packages.writeReturn({})
    expect(second.sequence).toBe(2)
    const staged = await upload(organizer, second.path)
    const source = { type: 'upload' as const, uploadId: staged.uploadId }
    const before = snapshotDatabase(organizer.core.context.db)
    const asked = await organizer.api.packages.mergeReturn({ meetingId: meetingId(), source })
    expect(asked.status).toBe('conflicts')
    expect(asked.conflicts).toEqual([expect.objectContaining({ unitName: seed.units[0].name, organizer: expect.stringContaining('4'), package: expect.stringContaining('6') })])
    expect(snapshotDatabase(organizer.core.context.db)).toEqual(before)
    const decided = await organizer.api.packages.mergeReturn({ meetingId: meetingId(), source, choices: { [asked.conflicts[0].key]: 'package' } })
    expect(decided.status).toBe('merged')
    expect(existsSync(join(uploadsDir(organizer.dataDir), staged.uploadId))).toBe(false)
    const sheet = await organizer.api.scoring.sheet({ meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id })
    expect(sheet.scores.find((s) => s.itemId === seed.items[0].id)?.value).toBe(6)
  })

  it('merges the packages chosen together in one job: each answered in order, a refusal does not stop the rest', async () => {
    await laptop.api.scores.save({ meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[2].id, itemId: seed.items[1].id, value: 3 })
    const third = await laptop.api.packages.writeReturn({})
    const staged = await upload(organizer, third.path)
    const events: ProgressEvent[] = []
    const off = progressOf(organizer, events)
    const outcomes = await organizer.api.packages.mergeReturns({
      meetingId: meetingId(),
      sources: [{ type: 'upload', uploadId: staged.uploadId }, { type: 'path', path: join(usb, '01_周明远_测试评审会.zip') }, { type: 'path', path: first.path }],
    })
    off()
    expect(outcomes).toEqual([
      { kind: 'report', report: expect.objectContaining({ status: 'merged', reviewerName: '林静怡', sequence: 3, added: 1 }) },
      { kind: 'refused', problem: 'wrong-kind', message: expect.stringContaining('评审包') },
      { kind: 'report', report: expect.objectContaining({ status: 'duplicate' }) },
    ])
    expect(events.every((e) => e.kind === 'packages.merge' && e.label === '合并评审结果' && e.total === 0)).toBe(true)
    expect(events.at(-1)!.files).toEqual({ done: 3, total: 3 })
    expect(existsSync(join(uploadsDir(organizer.dataDir), staged.uploadId))).toBe(false)
    const sheet = await organizer.api.scoring.sheet({ meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[2].id })
    expect(sheet.scores.find((x) => x.itemId === seed.items[1].id)?.value).toBe(3)
  })

  it('refuses an empty choice of packages, changing nothing', async () => {
    await expectRejected(organizer.core.context.db, () => organizer.api.packages.mergeReturns({ meetingId: meetingId(), sources: [] }), 'VALIDATION', /请至少选择一个评审结果包/)
  })

  it('refuses a file that is not a return package, naming the problem, changing nothing', async () => {
    await expectRejected(
      organizer.core.context.db,
      () => organizer.api.packages.mergeReturn({ meetingId: meetingId(), source: { type: 'path', path: join(usb, '01_周明远_测试评审会.zip') } }),
      'IMPORT_INVALID',
      /./,
    )
  })

  it('is refused while the organizer’s PC is in reviewer mode, changing nothing', async () => {
    await enterAsReviewer(organizer.api, meetingId(), seed.reviewers[0].id)
    await expectRejected(
      organizer.core.context.db,
      () => organizer.api.packages.mergeReturn({ meetingId: meetingId(), source: { type: 'path', path: first.path } }),
      'FORBIDDEN',
      /^评委模式下不能生成评审包、打开另一个评审包或合并评审结果/,
    )
    await expectRejected(
      organizer.core.context.db,
      () => organizer.api.packages.mergeReturns({ meetingId: meetingId(), sources: [{ type: 'path', path: first.path }] }),
      'FORBIDDEN',
      /^评委模式下不能生成评审包、打开另一个评审包或合并评审结果/,
    )
    await organizer.api.access.leaveReviewer({ organizerPin: ORGANIZER_PIN })
  })
})

/**
 * A cancel that arrives just after the rows are in (on the next turn of the event loop, as a click
 * would): the work is done, so the answer must say so — never “已取消，没有任何更改”.
 */
function cancelAfterInsertInto(core: TestCore, table: string): () => void {
  const { db, jobs } = core.core.context
  db.function('cancel_soon', () => {
    for (const job of jobs.active()) setImmediate(() => jobs.cancel(job.id))
    return 0
  })
  db.exec(`CREATE TEMP TRIGGER late_cancel AFTER INSERT ON ${table} BEGIN SELECT cancel_soon(); END`)
  return () => db.exec('DROP TRIGGER temp.late_cancel')
}

describe('a cancel just after the work is in', () => {
  it('opening: the workspace is made and the answer says so', async () => {
    const other = makeTestCore()
    cores.push(other)
    const undo = cancelAfterInsertInto(other, 'access_mode')
    const opened = await other.api.packages.openDistribution({ source: { type: 'path', path: join(usb, '03_陈卫国_测试评审会.zip') } })
    undo()
    expect(opened.reviewerName).toBe('陈卫国')
    expect((await other.api.access.state({})).mode).toBe('reviewer')
  })

  it('merging: the package is merged and the report says so', async () => {
    const other = makeTestCore()
    cores.push(other)
    await other.api.packages.openDistribution({ source: { type: 'path', path: join(usb, '01_周明远_测试评审会.zip') } })
    await other.api.scores.save({ meetingId: meetingId(), reviewerId: seed.reviewers[0].id, unitId: seed.units[1].id, itemId: seed.items[1].id, value: 2 })
    const undoExport = cancelAfterInsertInto(other, 'package_exports')
    const written = await other.api.packages.writeReturn({ folder: usb })
    undoExport()
    expect(written.sequence).toBe(1)
    const undo = cancelAfterInsertInto(organizer, 'package_imports')
    const report = await organizer.api.packages.mergeReturn({ meetingId: meetingId(), source: { type: 'path', path: written.path } })
    undo()
    expect(report).toMatchObject({ status: 'merged', reviewerName: '周明远', added: 1 })
  })
})

describe('cancel while opening, and the grid’s five states', () => {
  it('a cancelled open answers 已取消 and leaves the laptop as it was', async () => {
    const other = makeTestCore()
    cores.push(other)
    const before = snapshotDatabase(other.core.context.db)
    const off = other.core.onEvent((e) => void (e.type === 'progress' && other.core.context.jobs.cancel(e.taskId)))
    const error = await other.api.packages.openDistribution({ source: { type: 'path', path: join(usb, '03_陈卫国_测试评审会.zip') } }).then(
      () => null,
      (e: { code: string; message: string }) => e,
    )
    off()
    expect(error).toMatchObject({ code: 'CANCELLED', message: '已取消打开评审包，本机没有任何更改' })
    expect(snapshotDatabase(other.core.context.db)).toEqual(before)
    expect((await other.api.access.state({})).mode).toBe('organizer')
  })

  it('says submitted, under way, nothing yet, recused and withdrawn per reviewer and unit', async () => {
    const t = makeTestCore()
    cores.push(t)
    const s = await seedSmallMeeting(t.api)
    const id = s.meeting.id
    const [zhou, lin] = s.reviewers
    for (const item of s.items) await t.api.scores.save({ meetingId: id, reviewerId: zhou.id, unitId: s.units[0].id, itemId: item.id, value: 1 })
    await t.api.scoring.submit({ meetingId: id, reviewerId: zhou.id, unitIds: [s.units[0].id] })
    await t.api.scores.save({ meetingId: id, reviewerId: zhou.id, unitId: s.units[1].id, itemId: s.items[0].id, value: 1 })
    await t.api.recusals.set({ meetingId: id, reviewerId: lin.id, unitId: s.units[0].id, recused: true, reason: '曾在该单位任职' })
    await t.api.units.withdraw({ meetingId: id, id: s.units[2].id, reason: '因故退出' })
    const grid = await t.api.packages.completeness({ meetingId: id })
    const cells = (name: string) => s.units.map((u) => grid.reviewers.find((r) => r.reviewerName === name)!.cells[u.id])
    expect(cells('周明远')).toEqual(['submitted', 'partial', 'withdrawn'])
    expect(cells('林静怡')).toEqual(['recused', 'empty', 'withdrawn'])
    expect(grid.reviewers.every((r) => r.lastMerged === null)).toBe(true)
    await expectRejected(t.core.context.db, () => t.api.packages.completeness({ meetingId: crypto.randomUUID() }), 'NOT_FOUND', /会议/)
  })
})
