/**
 * The portable .exe run from a USB stick: electron-builder's launcher sets PORTABLE_EXECUTABLE_DIR,
 * and the app keeps its database beside the .exe instead of in the laptop's profile. Electron is
 * faked (its setPath refuses to move userData after the lock or `ready`, as Electron half-applies it).
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import type * as Fake from './fake-electron'
import { repoRoot } from '../helpers/core'

vi.mock('electron', () => import('./fake-electron'))

let fake: typeof Fake
let appRoot: string
let laptopProfile: string
let stick: string

beforeEach(async () => {
  appRoot = mkdtempSync(join(tmpdir(), 'onsite-approot-'))
  symlinkSync(join(repoRoot, 'resources'), join(appRoot, 'resources'))
  laptopProfile = mkdtempSync(join(tmpdir(), 'onsite-profile-'))
  stick = mkdtempSync(join(tmpdir(), 'onsite-stick-'))
  vi.resetModules()
  fake = (await import('electron')) as unknown as typeof Fake
  fake.resetFakeElectron()
  fake.app.appPath = appRoot
  fake.app.userData = join(laptopProfile, '现场评审')
})
afterEach(() => {
  fake.app.emit('will-quit')
  vi.unstubAllEnvs()
  for (const dir of [appRoot, laptopProfile, stick]) rmSync(dir, { recursive: true, force: true })
})

const ownPage = () => {
  const frame = { url: 'app://onsite/index.html', parent: null }
  return { sender: { mainFrame: frame }, senderFrame: frame } as unknown as IpcMainInvokeEvent
}

async function startMain() {
  const main = await import('../../src-main/electron/main')
  await main.started
  return fake.ipcMain.handlers.get('api')!
}

describe('portable build on a USB stick', () => {
  it('keeps the meeting beside the .exe and leaves nothing in the laptop profile', async () => {
    vi.stubEnv('PORTABLE_EXECUTABLE_DIR', stick)
    const api = await startMain()

    const dataDir = join(stick, '现场评审数据')
    expect(await api(ownPage(), 'system.info', {})).toMatchObject({ ok: true, data: { dataDir } })
    expect(await api(ownPage(), 'meetings.create', { title: '优盘上的评审会', date: '2024-12-18' })).toMatchObject({ ok: true })
    expect(existsSync(join(dataDir, 'onsite-review.sqlite'))).toBe(true)
    expect(existsSync(join(laptopProfile, '现场评审'))).toBe(false)
    expect(fake.dialog.showErrorBox).not.toHaveBeenCalled()
  })

  it('installed (no PORTABLE_EXECUTABLE_DIR): the data stays in the profile folder', async () => {
    vi.stubEnv('PORTABLE_EXECUTABLE_DIR', '')
    const api = await startMain()
    expect(await api(ownPage(), 'system.info', {})).toMatchObject({ ok: true, data: { dataDir: join(laptopProfile, '现场评审') } })
    expect(existsSync(join(laptopProfile, '现场评审', 'onsite-review.sqlite'))).toBe(true)
    expect(existsSync(join(stick, '现场评审数据'))).toBe(false)
  })
})
