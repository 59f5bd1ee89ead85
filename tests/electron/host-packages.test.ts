/**
 * The desktop host's package dialogs (faked: they need a desktop): the folder to write packages into
 * (a USB stick, where a new folder may be made) and the .zip packages to open or merge, several at once.
 * A reviewer's package workspace may choose a folder (for its own 评审结果包) but not pick packages.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { BrowserWindow } from 'electron'
import * as fake from './fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { enterAsReviewer } from '../helpers/reviewer-mode'

vi.mock('electron', () => import('./fake-electron'))

let t: TestCore
beforeAll(() => {
  t = makeTestCore()
})
afterAll(() => t.dispose())
beforeEach(() => fake.resetFakeElectron())

const host = (window?: BrowserWindow) => createHostDispatcher(t.core.context, () => window)
type DialogOptions = { title: string; properties: string[]; filters?: { name: string; extensions: string[] }[] }

describe('choose the folder packages are written to', () => {
  it('answers null when the dialog is cancelled', async () => {
    expect(await host()('host.pickFolder', {})).toEqual({ ok: true, data: { path: null } })
    const [options] = fake.dialog.showOpenDialog.mock.calls[0] as [DialogOptions]
    expect(options.title).toBe('选择文件夹')
  })

  it('offers folders (a new one may be made on the stick), attached to the window, and returns the one chosen', async () => {
    await fake.app.whenReady()
    const window = new fake.BrowserWindow({}) as unknown as BrowserWindow
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/U盘/评审包'] })
    expect(await host(window)('host.pickFolder', { title: '选择写入评审包的文件夹（如 U 盘）' })).toEqual({ ok: true, data: { path: '/media/U盘/评审包' } })
    const [parent, options] = fake.dialog.showOpenDialog.mock.calls[0] as [unknown, DialogOptions]
    expect(parent).toBe(window)
    expect(options.title).toBe('选择写入评审包的文件夹（如 U 盘）')
    expect(options.properties).toEqual(['openDirectory', 'createDirectory'])
  })
})

describe('choose packages to open or merge', () => {
  it('offers several .zip files first and returns every path chosen', async () => {
    const chosen = ['/media/U盘/张三_评审结果_会议_第1次.zip', '/media/U盘/李四_评审结果_会议_第2次.zip']
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: chosen })
    expect(await host()('host.pickPackage', { title: '选择评审结果包' })).toEqual({ ok: true, data: { paths: chosen } })
    const [options] = fake.dialog.showOpenDialog.mock.calls[0] as [DialogOptions]
    expect(options.properties).toEqual(['openFile', 'multiSelections'])
    expect(options.filters![0]).toEqual({ name: '评审包（.zip）', extensions: ['zip'] })
  })

  it('answers no paths when cancelled, and refuses a malformed title in Chinese', async () => {
    expect(await host()('host.pickPackage', {})).toEqual({ ok: true, data: { paths: [] } })
    expect(await host()('host.pickPackage', { title: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})

describe('show a written package in its folder', () => {
  it('shows a package this machine wrote on the stick, and refuses any other file or a pulled stick', async () => {
    const seed = await seedSmallMeeting(t.api)
    const usb = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
    try {
      const { packages } = await t.api.packages.writeDistribution({ meetingId: seed.meeting.id, folder: usb })
      expect(await host()('host.revealPackage', { folder: usb, fileName: packages[0].fileName })).toEqual({ ok: true, data: { ok: true } })
      expect(fake.shell.showItemInFolder).toHaveBeenCalledExactlyOnceWith(join(usb, packages[0].fileName))
      for (const fileName of ['别的文件.zip', `../${packages[0].fileName}`])
        expect(await host()('host.revealPackage', { folder: usb, fileName })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      expect(await host()('host.revealPackage', { folder: join(usb, '已拔出'), fileName: packages[0].fileName })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: expect.stringContaining('U 盘是否已拔出') },
      })
      expect(fake.shell.showItemInFolder).toHaveBeenCalledTimes(1)
    } finally {
      rmSync(usb, { recursive: true, force: true })
    }
  })
})

describe('in reviewer mode', () => {
  it('may choose a folder for its own results but not pick packages', async () => {
    const seed = await seedSmallMeeting(t.api)
    await enterAsReviewer(t.api, seed.meeting.id, seed.reviewers[0].id)
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/U盘'] })
    expect(await host()('host.pickFolder', {})).toEqual({ ok: true, data: { path: '/media/U盘' } })
    expect(await host()('host.pickPackage', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(fake.dialog.showOpenDialog).toHaveBeenCalledTimes(1)
  })
})
