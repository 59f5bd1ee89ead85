/**
 * The renderer as the desktop app runs it: `window.onsite` present, every call going through the real
 * IPC handler (sender check, core dispatcher, host operations) instead of HTTP. Only what needs a
 * desktop is faked — the OS shell and the native save dialog — and the copy to the "USB stick" is real.
 */
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as fake from '../electron/fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { apiHandler } from '../../src-main/electron/ipc'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { startE2E, type E2E } from './harness'

vi.mock('electron', () => import('../electron/fake-electron'))

let e: E2E
let demo: Meeting
let usb: string

/** What the preload exposes, wired to the main-process handler through playwright's bindings. */
const PRELOAD_STAND_IN = `
  const listeners = new Set()
  window.__onsiteEmit = (event) => listeners.forEach((listener) => listener(event))
  window.onsite = {
    invoke: (name, input) => window.__onsiteInvoke(name, input),
    onEvent: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    pathForFile: () => '',
  }
`

beforeAll(async () => {
  e = await startE2E()
  demo = await e.api.meetings.openDemo({})
  usb = mkdtempSync(join(tmpdir(), 'onsite-usb-'))
  const handle = apiHandler(e.core, createHostDispatcher(e.core.context, () => undefined))
  // The page's own frame, as Electron reports it for our app:// window.
  const frame = { url: 'app://onsite/index.html', parent: null }
  const sender = Object.assign(new fake.FakeWebContents(), { mainFrame: frame })
  const event = { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent
  await e.page.exposeFunction('__onsiteInvoke', (name: string, input: unknown) => handle(event, name, input))
  e.core.onEvent((appEvent) => void e.page.evaluate((payload) => (window as unknown as { __onsiteEmit(p: unknown): void }).__onsiteEmit(payload), appEvent).catch(() => undefined))
  await e.page.addInitScript(PRELOAD_STAND_IN)
})
afterAll(async () => {
  await e?.close()
  rmSync(usb, { recursive: true, force: true })
})

const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)

describe('桌面版导出', () => {
  it('导出纪要后可打开、在文件夹中显示、另存到 U 盘', async () => {
    await e.page.goto(`${e.baseUrl}/#/meetings/${demo.id}/minutes`)
    await $('export-minutes-run').click()
    const item = $('export-minutes')
    await expect.poll(() => item.locator('[data-test="export-file-actions"]').count(), { timeout: 60_000 }).toBe(1)
    // No download link in the desktop app: the file is already on this computer.
    expect(await item.locator('[data-test="export-link"]').count()).toBe(0)
    const [exported] = readdirSync(join(e.dataDir, 'exports')).filter((name) => name.endsWith('.docx'))
    const exportedPath = realpathSync(join(e.dataDir, 'exports', exported))
    expect(await item.locator('[data-test="export-result"]').textContent()).toContain(exported)
    await e.shot('28-desktop-export-actions')

    await item.locator('[data-test="export-open"]').click()
    await expect.poll(() => fake.shell.openPath.mock.calls).toEqual([[exportedPath]])
    await item.locator('[data-test="export-reveal"]').click()
    await expect.poll(() => fake.shell.showItemInFolder.mock.calls).toEqual([[exportedPath]])

    const target = join(usb, '青岚市纪要.docx')
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target })
    await item.locator('[data-test="export-save-as"]').click()
    await expect.poll(() => e.page.locator('.el-message--success').textContent()).toBe(`已另存到：${target}`)
    expect(readFileSync(target).equals(readFileSync(exportedPath))).toBe(true)
    await e.shot('29-desktop-saved-copy')

    // No Word on this machine: the organizer is told so, in Chinese, and nothing breaks.
    fake.shell.openPath.mockResolvedValueOnce('No application is associated with the specified file for this operation.')
    await item.locator('[data-test="export-open"]').click()
    await expect.poll(() => e.page.locator('.el-message--error').textContent()).toContain(`无法打开“${exported}”`)
  })
})
