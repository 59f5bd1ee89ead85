/**
 * The desktop host's material operations with a real core and a real content store: the open dialog
 * (faked: it needs a desktop) and 用系统程序打开, which copies the stored file under the unit's own
 * name into a temp folder and hands that copy — never a path from the page — to the shell.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { sweepOpenCopies, windowsSafeName } from '../../src-main/electron/host-materials'
import { materialPath } from '../../src-main/core/materials/material-store'
import type { BrowserWindow } from 'electron'
import type { Material } from '../../src-main/shared/schemas/material'
import { makeTestCore, type TestCore } from '../helpers/core'
import { seedMaterial, seedUnit, type SeededUnit } from '../helpers/seed-material'

vi.mock('electron', () => import('./fake-electron'))

let t: TestCore
let openDir: string
let unit: SeededUnit
let doc: Material
const docBytes = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.from('旧版 Word 文档')])

beforeAll(async () => {
  t = makeTestCore()
  openDir = mkdtempSync(join(tmpdir(), 'onsite-open-test-'))
  unit = await seedUnit(t)
  doc = await seedMaterial(t, unit, { name: '申报材料/2024年度述职报告.doc', bytes: docBytes, kind: 'unsupported', contentType: 'application/msword', note: '程序内无法显示' })
})
afterAll(() => {
  t.dispose()
  rmSync(openDir, { recursive: true, force: true })
})
beforeEach(() => fake.resetFakeElectron())

const host = (window?: BrowserWindow) => createHostDispatcher(t.core.context, () => window, { openDir })

describe('choose materials to import', () => {
  it('answers no paths when the dialog is cancelled', async () => {
    expect(await host()('host.pickMaterials', {})).toEqual({ ok: true, data: { paths: [] } })
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledTimes(1)
  })

  it('offers several files with every kind we import preselected, and returns the chosen paths', async () => {
    const chosen = ['/media/u盘/述职报告.pdf', '/media/u盘/台账.zip']
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: chosen })
    expect(await host()('host.pickMaterials', { folders: false })).toEqual({ ok: true, data: { paths: chosen } })
    const [options] = fake.dialog.showOpenDialog.mock.calls[0] as [{ properties: string[]; filters: { name: string; extensions: string[] }[] }]
    expect(options.properties).toEqual(['openFile', 'multiSelections'])
    expect(options.filters.map((f) => f.name)).toEqual(['全部材料', 'PDF', 'Word 文档', 'Excel 表格', '图片', '文本', '压缩包', '全部文件'])
    expect(options.filters[0].extensions).toEqual(expect.arrayContaining(['pdf', 'docx', 'doc', 'wps', 'xlsx', 'jpg', 'png', 'txt', 'ofd', 'zip']))
    expect(options.filters.at(-1)!.extensions).toEqual(['*'])
  })

  it('offers folders when asked, attached to the window', async () => {
    await fake.app.whenReady()
    const window = new fake.BrowserWindow({}) as unknown as BrowserWindow
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/u盘/各支部材料'] })
    expect(await host(window)('host.pickMaterials', { folders: true })).toEqual({ ok: true, data: { paths: ['/media/u盘/各支部材料'] } })
    const [parent, options] = fake.dialog.showOpenDialog.mock.calls[0] as [unknown, { properties: string[] }]
    expect(parent).toBe(window)
    expect(options.properties).toEqual(['openDirectory', 'multiSelections'])
  })

  it('refuses malformed input in Chinese', async () => {
    expect(await host()('host.pickMaterials', { folders: 'yes' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^输入有误/) } })
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled()
  })
})

describe('open a material with the system program', () => {
  it('copies it under its own name into <openDir>/<id>/ and opens that copy', async () => {
    expect(await host()('host.openMaterial', { meetingId: unit.meetingId, id: doc.id })).toEqual({ ok: true, data: { ok: true } })
    const copy = join(openDir, doc.id, '2024年度述职报告.doc')
    expect(fake.shell.openPath).toHaveBeenCalledExactlyOnceWith(copy)
    expect(readFileSync(copy).equals(docBytes)).toBe(true)
    expect(readdirSync(join(openDir, doc.id))).toEqual(['2024年度述职报告.doc']) // no temp file left
    // Read-only: Word/WPS open it read-only, so no one edits a copy that never reaches the stored material.
    expect(statSync(copy).mode & 0o222).toBe(0)
    expect(readFileSync(materialPath(t.dataDir, doc.sha256)).equals(docBytes)).toBe(true)
  })

  it('opens the same copy again (it may still be open in Word)', async () => {
    await host()('host.openMaterial', { meetingId: unit.meetingId, id: doc.id })
    expect(await host()('host.openMaterial', { meetingId: unit.meetingId, id: doc.id })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.openPath).toHaveBeenCalledTimes(2)
    expect(readdirSync(join(openDir, doc.id))).toEqual(['2024年度述职报告.doc'])
  })

  it('gives a name Windows accepts when the unit\'s name has reserved characters or is a device name', async () => {
    const odd = await seedMaterial(t, unit, { name: '附件/CON.ofd', bytes: Buffer.from('%OFD'), kind: 'unsupported', contentType: 'application/ofd' })
    expect(await host()('host.openMaterial', { meetingId: unit.meetingId, id: odd.id })).toMatchObject({ ok: true })
    expect(fake.shell.openPath).toHaveBeenCalledWith(join(openDir, odd.id, '_CON.ofd'))
  })

  it('explains in Chinese when no program can open it', async () => {
    fake.shell.openPath.mockResolvedValueOnce('No application is associated with the specified file')
    const result = await host()('host.openMaterial', { meetingId: unit.meetingId, id: doc.id })
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: '无法打开“2024年度述职报告.doc”：No application is associated with the specified file。请确认本机装有能打开这种文件的程序（如 WPS、Word 或 OFD 阅读器）。' },
    })
  })

  it('answers NOT_FOUND for an unknown id or another meeting\'s material, without touching the shell', async () => {
    const other = await seedUnit(t)
    const attempts = [
      { meetingId: unit.meetingId, id: '00000000-0000-4000-8000-000000000000' },
      { meetingId: other.meetingId, id: doc.id },
    ]
    for (const input of attempts) {
      expect(await host()('host.openMaterial', input)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: '材料不存在或已被删除' } })
    }
    for (const input of [{ meetingId: unit.meetingId, id: '../../etc/passwd' }, { meetingId: unit.meetingId, path: '/etc/passwd' }]) {
      expect(await host()('host.openMaterial', input)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    }
    expect(fake.shell.openPath).not.toHaveBeenCalled()
  })

  it('says so when the stored file is gone, leaving nothing half-copied', async () => {
    const lost = await seedMaterial(t, unit, { name: '已丢失.wps', bytes: Buffer.from('WPS 文字'), kind: 'unsupported', contentType: 'application/octet-stream' })
    rmSync(materialPath(t.dataDir, lost.sha256))
    const result = await host()('host.openMaterial', { meetingId: unit.meetingId, id: lost.id })
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '无法准备“已丢失.wps”以便打开：材料文件已不在数据目录中（可能被删除），请重新导入' } })
    expect(readdirSync(join(openDir, lost.id))).toEqual([])
    expect(existsSync(join(openDir, lost.id, '已丢失.wps'))).toBe(false)
    expect(fake.shell.openPath).not.toHaveBeenCalled()
  })
})

describe('copies left in <openDir> by earlier days', () => {
  it('are removed when the app starts; today\'s copies stay (one may be open in Word)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onsite-open-sweep-'))
    try {
      const dayAgo = Date.now() / 1000 - 25 * 3600
      const copy = (id: string, name: string, mtime?: number) => {
        mkdirSync(join(dir, id))
        writeFileSync(join(dir, id, name), '旧副本')
        chmodSync(join(dir, id, name), 0o444) // as openMaterialCopy leaves them
        if (mtime) utimesSync(join(dir, id), mtime, mtime)
      }
      copy('11111111-1111-4111-8111-111111111111', '述职报告.doc', dayAgo)
      copy('22222222-2222-4222-8222-222222222222', '台账.wps')
      writeFileSync(join(dir, '.stray.tmp'), '')
      utimesSync(join(dir, '.stray.tmp'), dayAgo, dayAgo)

      createHostDispatcher(t.core.context, () => undefined, { openDir: dir })
      await expect.poll(() => readdirSync(dir).sort()).toEqual(['22222222-2222-4222-8222-222222222222'])
      expect(readdirSync(join(dir, '22222222-2222-4222-8222-222222222222'))).toEqual(['台账.wps'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('a missing <openDir> is no problem', async () => {
    await expect(sweepOpenCopies(join(tmpdir(), `onsite-open-missing-${crypto.randomUUID()}`))).resolves.toBeUndefined()
  })
})

describe('windowsSafeName', () => {
  it.each([
    ['2024年度述职报告.doc', '2024年度述职报告.doc'],
    ['报告：第一版?.docx', '报告：第一版_.docx'], // the full-width colon is fine on Windows
    ['a<b>c|d"e*.pdf', 'a_b_c_d_e_.pdf'],
    ['nul', '_nul'],
    ['COM1.txt', '_COM1.txt'],
    ['lpt9.tar.gz', '_lpt9.tar.gz'],
    ['CONSOLE.txt', 'CONSOLE.txt'],
    ['报告. . ', '报告'],
    ['..', '材料'],
    ['', '材料'],
    ['换行\n名.pdf', '换行_名.pdf'],
  ])('%j → %j', (name, safe) => {
    expect(windowsSafeName(name)).toBe(safe)
  })

  it('cuts a very long name before its extension', () => {
    const safe = windowsSafeName(`${'很长的名字'.repeat(60)}.pdf`)
    expect(safe).toHaveLength(150)
    expect(safe.endsWith('.pdf')).toBe(true)
  })
})
