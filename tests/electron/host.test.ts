/**
 * The desktop host operations: open, show in folder and save-as reach only files an export wrote into
 * `<dataDir>/exports`, with a real core, real exported files and real copies on disk (only the OS shell
 * and the native save dialog are faked: they cannot run without a desktop).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { apiHandler, REFUSED } from '../../src-main/electron/ipc'
import type { ExportResult } from '../../src-main/shared/schemas/minutes'
import { makeTestCore, type TestCore } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

let t: TestCore
let exported: ExportResult
let usb: string
beforeAll(async () => {
  t = makeTestCore()
  const demo = await t.api.meetings.openDemo({})
  exported = await t.api.exports.summarySheet({ meetingId: demo.id })
  usb = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
})
afterAll(() => {
  t.dispose()
  rmSync(usb, { recursive: true, force: true })
})
beforeEach(() => fake.resetFakeElectron())

const host = () => createHostDispatcher(t.core.context, () => undefined)
const exportedPath = () => realpathSync(exported.path)

describe('open and show an exported file', () => {
  it('shows the file in its folder', async () => {
    expect(await host()('host.revealExport', { fileName: exported.fileName })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(exportedPath())
  })

  it('opens it with the default program, and explains in Chinese when there is none', async () => {
    expect(await host()('host.openExport', { fileName: exported.fileName })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.openPath).toHaveBeenCalledWith(exportedPath())

    fake.shell.openPath.mockResolvedValueOnce('No application is associated with the specified file')
    const failed = await host()('host.openExport', { fileName: exported.fileName })
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(!failed.ok && failed.error.message).toMatch(new RegExp(`^无法打开“${exported.fileName}”：No application.*请确认本机装有 Word、WPS 或 Excel`))
  })
})

describe('save a copy (to a USB stick)', () => {
  it('copies the file byte for byte where the user chose, leaving no temporary file', async () => {
    const target = join(usb, '报送材料', '评分汇总表.docx')
    mkdirSync(join(usb, '报送材料'))
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    expect(await host()('host.saveExportAs', { fileName: exported.fileName })).toEqual({ ok: true, data: { saved: true, path: target } })
    expect(readFileSync(target).equals(readFileSync(exported.path))).toBe(true)
    expect(readdirSync(join(usb, '报送材料'))).toEqual(['评分汇总表.docx'])
    const [options] = fake.dialog.showSaveDialog.mock.calls[0] as [{ defaultPath: string; filters: { extensions: string[] }[] }]
    expect(options.defaultPath).toBe(exported.fileName)
    expect(options.filters[0].extensions).toEqual(['docx'])
  })

  it('writes nothing when the dialog is cancelled', async () => {
    const before = readdirSync(usb)
    expect(await host()('host.saveExportAs', { fileName: exported.fileName })).toEqual({ ok: true, data: { saved: false } })
    expect(readdirSync(usb)).toEqual(before)
  })

  it('says why it could not save (the stick was pulled out) and leaves nothing behind', async () => {
    const gone = join(usb, '已拔出', '评分汇总表.docx')
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: gone })
    const failed = await host()('host.saveExportAs', { fileName: exported.fileName })
    expect(failed).toEqual({ ok: false, error: { code: 'INTERNAL', message: `无法保存到“${gone}”：目标文件夹不存在（U 盘是否已拔出？）` } })
    expect(existsSync(join(usb, '已拔出'))).toBe(false)
  })
})

describe('what the page cannot reach', () => {
  it('refuses every name that is not an exported document, without touching the shell', async () => {
    const outside = join(usb, 'secret.docx')
    writeFileSync(outside, 'not ours')
    symlinkSync(outside, join(t.dataDir, 'exports', 'link.docx'))
    writeFileSync(join(t.dataDir, 'exports', 'run-me.exe'), 'MZ')
    const names = ['../onsite.db', 'sub/x.docx', '..\\x.docx', '.hidden.docx', outside, '不存在.docx', 'link.docx', 'run-me.exe']
    for (const fileName of names) {
      for (const name of ['host.revealExport', 'host.openExport', 'host.saveExportAs']) {
        const result = await host()(name, { fileName })
        expect(result, `${name} ${fileName}`).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `导出文件“${fileName}”不存在或已被删除，请重新导出` } })
      }
    }
    expect(fake.shell.openPath).not.toHaveBeenCalled()
    expect(fake.shell.showItemInFolder).not.toHaveBeenCalled()
    expect(fake.dialog.showSaveDialog).not.toHaveBeenCalled()
  })

  it('answers malformed input and unknown operations with Chinese messages', async () => {
    expect(await host()('host.openExport', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/^输入有误/) } })
    expect(await host()('host.openExport', { fileName: '  ' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: '输入有误：文件名不能为空' } })
    expect(await host()('host.format', {})).toEqual({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: '没有名为“host.format”的操作' } })
  })
})

describe('host operations over IPC', () => {
  const event = (url: string) => {
    const frame = { url, parent: null }
    const sender = new fake.FakeWebContents()
    sender.mainFrame = frame
    return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent
  }

  it('go to the host from our own page, and are refused from any other', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const dispatch = vi.fn(t.core.dispatch)
    const handle = apiHandler({ dispatch }, host())
    expect(await handle(event('app://onsite/index.html#/meetings'), 'host.revealExport', { fileName: exported.fileName })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.showItemInFolder).toHaveBeenCalledTimes(1)
    expect(await handle(event('https://evil.example/'), 'host.openExport', { fileName: exported.fileName })).toEqual(REFUSED)
    expect(fake.shell.openPath).not.toHaveBeenCalled()
    expect(dispatch).not.toHaveBeenCalled()
  })
})
