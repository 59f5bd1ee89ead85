/**
 * Importing a unit's materials through core.dispatch, with real files, real zips written byte by byte
 * (GBK names without the flag, the 0x7075 field, UTF-8 without the flag) and a real SQLite file.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../src-main/shared/events'
import { materialsDir, putStream } from '../../src-main/core/materials/material-store'
import { importMaterials } from '../../src-main/core/services/material-import'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { bombEntry, buildZip, cidFontPdf, encryptedPdf, gbk, imageOnlyPdf, smallDocx, tinyPng, unicodePath, utf8 } from '../helpers/material-fixtures'

const work = mkdtempSync(join(tmpdir(), 'matimport-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
let n = 0
/** Writes files under a fresh folder; returns the folder. */
function folder(files: Record<string, Buffer | string>): string {
  const root = join(work, `f${n++}`)
  for (const [name, data] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true })
    writeFileSync(join(root, name), data)
  }
  mkdirSync(root, { recursive: true })
  return root
}
const file = (name: string, data: Buffer | string) => join(folder({ [name]: data }), name)

let t: TestCore
let meetingId: string
let unitIds: string[]
beforeEach(async () => {
  t = makeTestCore()
  const seeded = await seedSmallMeeting(t.api)
  meetingId = seeded.meeting.id
  unitIds = seeded.units.map((u) => u.id)
})
afterEach(() => t.dispose())

/** The error a call was refused with (failing the test when it went through). */
async function expectRejected(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(() => null, (e: { code: string; message: string }) => e)
  expect(error, 'the call should have been refused').not.toBeNull()
  return error!
}
const path = (p: string) => ({ type: 'path' as const, path: p })
const importInto = (unitId: string, ...paths: string[]) => t.api.materials.import({ meetingId, unitId, sources: paths.map(path) })
/** The blobs in the store and any temp file left in materials/.tmp. */
const storeListing = () => {
  const dir = materialsDir(t.dataDir)
  const names = (d: string) => { try { return readdirSync(d).sort() } catch { return [] } }
  return { blobs: names(dir).filter((x) => x !== '.tmp'), tmp: names(join(dir, '.tmp')) }
}

describe('zip names decoded once per archive (DOMAIN.md §5)', () => {
  it('GBK without the flag, the 0x7075 field and macOS UTF-8 without the flag all import with the right names', async () => {
    const gbkZip = file('办公室材料.zip', buildZip([
      { name: gbk('申报材料/') },
      { name: gbk('申报材料/党建品牌.pdf'), data: cidFontPdf() },
      { name: gbk('申报材料\\誠信承诺书.txt'), data: utf8('诚信承诺') },
    ]))
    const raw = gbk('照片.png')
    const fieldZip = file('unicode.zip', buildZip([{ name: raw, extra: unicodePath(raw, '活动照片.png'), data: tinyPng() }]))
    const macZip = file('mac.zip', buildZip([{ name: utf8('台账/2024年台账.txt'), data: utf8('台账内容') }, { name: utf8('__MACOSX/台账/._2024年台账.txt'), data: utf8('x') }]))

    const report = await importInto(unitIds[0], gbkZip, fieldZip, macZip)
    expect(report.failed).toEqual([])
    expect(report.imported.map((m) => m.name)).toEqual(['申报材料/党建品牌.pdf', '申报材料/誠信承诺书.txt', '活动照片.png', '台账/2024年台账.txt'])
    const list = await t.api.materials.list({ meetingId, unitId: unitIds[0] })
    expect(list.map((m) => [m.name, m.kind, m.contentType])).toEqual([
      ['申报材料/党建品牌.pdf', 'pdf', 'application/pdf'],
      ['申报材料/誠信承诺书.txt', 'txt', 'text/plain; charset=utf-8'],
      ['活动照片.png', 'image', 'image/png'],
      ['台账/2024年台账.txt', 'txt', 'text/plain; charset=utf-8'],
    ])
    expect(list[0]).toMatchObject({ pageCount: 1, hasTextLayer: true, note: '' })
    expect((await t.api.materials.text({ meetingId, id: list[0].id })).pages[0]).toContain('党建品牌')
  })

  it('preview shows names and encodings, writes nothing, and follows the organizer’s encoding switch', async () => {
    const gbkZip = file('材料.zip', buildZip([{ name: gbk('自评报告.txt'), data: utf8('报告') }]))
    const raw = gbk('照片.png')
    const declaredZip = file('declared.zip', buildZip([{ name: raw, extra: unicodePath(raw, '照片.png'), data: tinyPng() }]))
    const macZip = file('mac.zip', buildZip([{ name: utf8('总结.txt'), data: utf8('总结') }]))
    const before = snapshotDatabase(t.core.context.db)
    const sources = [path(gbkZip), path(declaredZip), path(macZip)]

    const guessed = await t.api.materials.preview({ meetingId, sources })
    expect(guessed.archives).toEqual([
      { key: '材料.zip', name: '材料.zip', encoding: 'gb18030', declared: false },
      { key: 'declared.zip', name: 'declared.zip', encoding: 'utf8', declared: true },
      { key: 'mac.zip', name: 'mac.zip', encoding: 'utf8', declared: false },
    ])
    expect(guessed.files).toEqual([
      { name: '自评报告.txt', size: 6, archive: '材料.zip' },
      { name: '照片.png', size: tinyPng().length, archive: 'declared.zip' },
      { name: '总结.txt', size: 6, archive: 'mac.zip' },
    ])
    expect(guessed.totalBytes).toBe(12 + tinyPng().length)

    const switched = await t.api.materials.preview({ meetingId, sources, encodings: { '材料.zip': 'utf8', 'mac.zip': 'gb18030' } })
    expect(switched.archives.map((a) => a.encoding)).toEqual(['utf8', 'utf8', 'gb18030'])
    // GBK bytes read as UTF-8 cannot be decoded: refused with the reason, the organizer switches back.
    expect(switched.refused).toEqual([{ name: expect.stringMatching(/^材料\.zip：/), reason: expect.stringContaining('文件名无法识别') }])
    expect(switched.files.map((f) => f.name)).toEqual(['照片.png', '鎬荤粨.txt'])

    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(storeListing()).toEqual({ blobs: [], tmp: [] })
  })

  it('the chosen encoding is what gets imported', async () => {
    const macZip = file('mac.zip', buildZip([{ name: utf8('总结.txt'), data: utf8('总结') }]))
    const report = await t.api.materials.import({ meetingId, unitId: unitIds[0], sources: [path(macZip)], encodings: { 'mac.zip': 'gb18030' } })
    expect(report.imported.map((m) => m.name)).toEqual(['鎬荤粨.txt'])
  })
})

describe('folders', () => {
  it('are walked with their subfolders kept in the names; system files skipped, links not followed, zips inside expanded', async () => {
    const root = folder({
      '台账/2024年党建台账.pdf': imageOnlyPdf(),
      '台账/Thumbs.db': 'x',
      '照片/活动.png': tinyPng(),
      '.DS_Store': 'x',
      '__MACOSX/._a.pdf': 'x',
      '~$总结.docx': 'lock',
      '总结.docx': await smallDocx(['党建工作总结']),
      '附件/补充材料.zip': buildZip([{ name: gbk('说明.txt'), data: gbk('补充说明') }]),
    })
    symlinkSync('/etc', join(root, '外部链接'))
    const report = await importInto(unitIds[0], root)
    expect(report.imported.map((m) => m.name).sort()).toEqual(['台账/2024年党建台账.pdf', '总结.docx', '照片/活动.png', '附件/补充材料/说明.txt'].sort())
    expect(report.failed).toEqual([{ name: '外部链接', reason: expect.stringContaining('符号链接') }])
    const byName = Object.fromEntries(report.imported.map((m) => [m.name, m]))
    expect(byName['台账/2024年党建台账.pdf']).toMatchObject({ kind: 'pdf', hasTextLayer: false, note: expect.stringContaining('扫描件') })
    expect(byName['总结.docx']).toMatchObject({ kind: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', hasTextLayer: true })
    // A GBK text file is served with the charset its bytes are in, and its text is searchable as Chinese.
    expect(byName['附件/补充材料/说明.txt']).toMatchObject({ kind: 'txt', contentType: 'text/plain; charset=gb18030' })
    expect((await t.api.materials.text({ meetingId, id: byName['附件/补充材料/说明.txt'].id })).pages).toEqual(['补充说明'])
  })
})

describe('identical content and names', () => {
  it('is stored once for two units; a second import into the same unit is skipped; a new file with a taken name gets (2)', async () => {
    const pdf = file('自评报告.pdf', cidFontPdf())
    const a = await importInto(unitIds[0], pdf)
    const b = await importInto(unitIds[1], pdf)
    expect(a.imported[0].sha256).toBe(b.imported[0].sha256)
    expect(storeListing().blobs).toEqual([a.imported[0].sha256])
    expect(await t.api.materials.list({ meetingId })).toHaveLength(2)

    const again = await importInto(unitIds[0], pdf)
    expect(again).toMatchObject({ imported: [], failed: [], skipped: [{ name: '自评报告.pdf', reason: '与本单位已有的材料“自评报告.pdf”内容相同，没有重复导入' }] })

    const other = file('自评报告.pdf', imageOnlyPdf())
    const renamed = await importInto(unitIds[0], other)
    expect(renamed.imported.map((m) => m.name)).toEqual(['自评报告 (2).pdf'])
  })
})

describe('bad input: one Chinese reason per file, the rest imported', () => {
  it('corrupt, encrypted, zero-byte, unknown type, unsafe zip paths, zip bombs and undecodable names', async () => {
    const countBomb = buildZip(Array.from({ length: 10_001 }, (_, i) => ({ name: utf8(`f${i}.txt`) })))
    const root = folder({
      '好文件.pdf': cidFontPdf(),
      '损坏.pdf': Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 0x41)]),
      '加密.pdf': encryptedPdf(),
      '空文件.txt': Buffer.alloc(0),
      '旧格式.wps': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.alloc(600)]),
      '未知.xyz': Buffer.from('just some bytes \x00\x01\x02'),
      '危险.zip': buildZip([
        { name: utf8('../../outside.txt'), data: utf8('x') },
        { name: utf8('/etc/passwd'), data: utf8('x') },
        { name: utf8('C:\\Windows\\evil.txt'), data: utf8('x') },
        bombEntry(utf8('bomb.bin'), 500 * 1024 * 1024),
        { name: Buffer.from([0xff, 0xfe, 0x2e, 0x74, 0x78, 0x74]), data: utf8('x') },
        { name: gbk('安全.txt'), data: utf8('安全的内容') },
      ]),
      '太多文件.zip': countBomb,
      '坏压缩包.zip': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]),
    })
    const report = await importInto(unitIds[0], root)
    const reasons = Object.fromEntries(report.failed.map((f) => [f.name, f.reason]))
    expect(report.imported.map((m) => m.name).sort()).toEqual(['危险/安全.txt', '好文件.pdf', '旧格式.wps', '未知.xyz'].sort())
    const byName = Object.fromEntries(report.imported.map((m) => [m.name, m]))
    expect(byName['旧格式.wps']).toMatchObject({ kind: 'unsupported', contentType: 'application/octet-stream', note: expect.stringContaining('WPS') })
    expect(byName['未知.xyz']).toMatchObject({ kind: 'unsupported', note: '无法识别的文件格式，请用系统程序打开' })
    expect(reasons).toEqual({
      '损坏.pdf': '无法读取 PDF 文件“损坏.pdf”：文件已损坏或不完整',
      '加密.pdf': '无法读取 PDF 文件“加密.pdf”：文件已加密（设有打开密码），请用系统程序打开',
      '空文件.txt': '文件为空（0 字节），没有导入',
      '危险.zip：../../outside.txt': expect.stringContaining('“..”'),
      '危险.zip：/etc/passwd': expect.stringContaining('绝对路径'),
      '危险.zip：C:\\Windows\\evil.txt': expect.stringContaining('盘符'),
      '危险.zip：bomb.bin': expect.stringContaining('压缩炸弹'),
      [`危险.zip：${report.failed.find((f) => f.reason.includes('文件名无法识别'))?.name.slice('危险.zip：'.length)}`]: expect.stringContaining('文件名无法识别'),
      '太多文件.zip': expect.stringContaining('超过上限 10000 个'),
      '坏压缩包.zip': '无法读取压缩包：文件已损坏或不是 .zip 格式',
    })
    // Nothing of the failed files stays in the store: one blob per imported file.
    expect(storeListing()).toEqual({ blobs: [...new Set(report.imported.map((m) => m.sha256))].sort(), tmp: [] })
  })
})

describe('a disk that fills up mid-import', () => {
  it('fails the file being copied with a Chinese message, leaves no partial file, and goes on with the rest', async () => {
    // Fault injected at the store's copy: after 1 MB of 报告2.bin the write fails with ENOSPC, as a full disk does.
    let calls = 0
    const put = (dataDir: string, source: AsyncIterable<Uint8Array>, options: { signal: AbortSignal }) => {
      const fails = calls++ === 1
      async function* fillsUp() {
        let seen = 0
        for await (const chunk of source) {
          seen += chunk.length
          if (seen > 1024 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
          yield chunk
        }
      }
      return putStream(dataDir, fails ? fillsUp() : source, options)
    }
    const root = folder({ '报告1.bin': Buffer.alloc(3 * 1024 * 1024, 1), '报告2.bin': Buffer.alloc(3 * 1024 * 1024, 2), '报告3.bin': Buffer.alloc(3 * 1024 * 1024, 3) })
    const report = await importMaterials(t.core.context, { meetingId, unitId: unitIds[0], sources: [path(root)], encodings: {} }, { put })
    expect(report.imported.map((m) => m.name)).toEqual(['报告1.bin', '报告3.bin'])
    expect(report.failed).toEqual([{ name: '报告2.bin', reason: expect.stringMatching(/^磁盘空间不足/) }])
    expect(storeListing()).toEqual({ blobs: report.imported.map((m) => m.sha256).sort(), tmp: [] })
  })
})

describe('progress, cancel and failure', () => {
  const bigFolder = () =>
    folder(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`卷${i + 1}.bin`, Buffer.alloc(2 * 1024 * 1024, i + 1)])))

  it('progress events carry bytes, files and the current file', async () => {
    const events: ProgressEvent[] = []
    const off = t.core.onEvent((e) => void (e.type === 'progress' && events.push(e)))
    const report = await importInto(unitIds[0], bigFolder(), file('报告.pdf', cidFontPdf()))
    off()
    expect(report.imported).toHaveLength(7)
    const total = 6 * 2 * 1024 * 1024 + cidFontPdf().length
    expect(events.every((e) => e.kind === 'materials.import' && e.label === '材料导入' && e.total === total && e.files?.total === 7)).toBe(true)
    expect(events[0]).toMatchObject({ done: 0, files: { done: 0 }, current: '卷1.bin' })
    expect(events.at(-1)).toMatchObject({ done: total, files: { done: 7, total: 7 } })
  })

  async function cancelledImport(when: (e: ProgressEvent) => boolean) {
    const off = t.core.onEvent((e) => {
      if (e.type === 'progress' && when(e)) void t.api.jobs.cancel({ id: e.taskId })
    })
    try {
      return await expectRejected(importInto(unitIds[0], bigFolder()))
    } finally {
      off()
    }
  }

  it('cancel while copying leaves the database and the store exactly as before, and keeps a blob another material uses', async () => {
    const shared = await importInto(unitIds[1], file('卷1.bin', Buffer.alloc(2 * 1024 * 1024, 1)))
    const before = snapshotDatabase(t.core.context.db)
    const store = storeListing()
    const error = await cancelledImport((e) => (e.files?.done ?? 0) === 0 && e.done > 3 * 1024 * 1024)
    expect(error).toMatchObject({ code: 'CANCELLED', message: '已取消导入，未导入任何文件' })
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(storeListing()).toEqual(store)
    expect(store.blobs).toEqual([shared.imported[0].sha256])
    expect(await t.api.jobs.list({})).toEqual([])
  })

  it('cancel while extracting text leaves nothing either', async () => {
    const before = snapshotDatabase(t.core.context.db)
    await cancelledImport((e) => e.done === e.total)
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(storeListing()).toEqual({ blobs: [], tmp: [] })
  })

  it('a failure of the whole import (the database refuses the rows) leaves nothing', async () => {
    const before = snapshotDatabase(t.core.context.db)
    // Fault injected at the final transaction: a temp trigger lives only in this connection, not in the data.
    t.core.context.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON materials BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END")
    const error = await expectRejected(importInto(unitIds[0], bigFolder()))
    expect(error.message).toMatch(/磁盘|出错|错误/)
    t.core.context.db.exec('DROP TRIGGER temp.refuse')
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(storeListing()).toEqual({ blobs: [], tmp: [] })
  })

  it('a cancel that arrives just after the rows are in does not report the import as cancelled', async () => {
    const { db, jobs } = t.core.context
    // Called inside the final transaction: asks for a cancel on the next turn of the event loop, as a click would.
    db.function('cancel_soon', () => {
      const [job] = jobs.active()
      setImmediate(() => jobs.cancel(job.id))
      return 0
    })
    db.exec('CREATE TEMP TRIGGER late_cancel AFTER INSERT ON materials BEGIN SELECT cancel_soon(); END')
    // The corrupt PDF is stored, then fails: its blob is removed after the commit.
    const report = await importInto(unitIds[0], file('好.pdf', cidFontPdf()), file('坏.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x41)])))
    db.exec('DROP TRIGGER temp.late_cancel')
    expect(report.imported.map((m) => m.name)).toEqual(['好.pdf'])
    expect((await t.api.materials.list({ meetingId })).map((m) => m.name)).toEqual(['好.pdf'])
    expect(storeListing()).toEqual({ blobs: [report.imported[0].sha256], tmp: [] })
  })

  it('one import at a time', async () => {
    const first = importInto(unitIds[0], bigFolder())
    const second = await expectRejected(importInto(unitIds[1], bigFolder()))
    expect(second).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已有一个材料导入正在进行') })
    expect((await first).imported).toHaveLength(6)
  })
})

describe('deleting a unit or a meeting', () => {
  it('a unit holding materials is refused until the organizer confirms, saying how many go with it; nothing changes meanwhile', async () => {
    await importInto(unitIds[0], file('自评报告.pdf', cidFontPdf()), file('照片.png', tinyPng()))
    const before = snapshotDatabase(t.core.context.db)
    const refused = await t.api.units.delete({ meetingId, id: unitIds[0] }).then(
      () => undefined,
      (error: unknown) => error as { code: string; message: string; details?: string[] },
    )
    expect(refused).toMatchObject({ code: 'CONFLICT', details: ['has-materials', '2'], message: expect.stringContaining('已导入 2 份材料') })
    expect(refused?.message).toContain('不能撤销')
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(storeListing().blobs).toHaveLength(2)
    await t.api.units.delete({ meetingId, id: unitIds[0], withMaterials: true })
    expect((await t.api.units.list({ meetingId })).map((u) => u.id)).not.toContain(unitIds[0])
    expect(storeListing().blobs).toEqual([])
  })

  it('removes the files no other material uses', async () => {
    const shared = file('共用.pdf', cidFontPdf())
    await importInto(unitIds[0], shared, file('独有.png', tinyPng()))
    const b = await importInto(unitIds[1], shared)
    await t.api.units.delete({ meetingId, id: unitIds[0], withMaterials: true })
    expect(storeListing().blobs).toEqual([b.imported[0].sha256])
    await t.api.meetings.delete({ meetingId })
    expect(storeListing().blobs).toEqual([])
  })
})
