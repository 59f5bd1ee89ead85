/**
 * Reviewer mode in the desktop shell (real core, real content store; only Electron is faked): the
 * material:// scheme and host.openMaterial give a reviewer only their units' materials, and the
 * host's export and import operations are closed to them.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import * as fake from './fake-electron'
import { createHostDispatcher } from '../../src-main/electron/host'
import { materialResponse } from '../../src-main/electron/material-protocol'
import type { Material } from '../../src-main/shared/schemas/material'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { cidFontPdf } from '../helpers/material-fixtures'
import { seedMaterial } from '../helpers/seed-material'
import { enterAsReviewer } from '../helpers/reviewer-mode'

vi.mock('electron', () => import('./fake-electron'))

let t: TestCore
let openDir: string
let mine: Material
let recused: Material
let exportName: string
let meetingId: string
const pdf = cidFontPdf()

beforeAll(async () => {
  t = makeTestCore()
  openDir = mkdtempSync(join(tmpdir(), 'onsite-open-test-'))
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  const me = seed.reviewers[1].id
  await t.api.recusals.set({ meetingId, reviewerId: me, unitId: seed.units[2].id, recused: true, reason: '曾在该单位任职' })
  mine = await seedMaterial(t, { meetingId, unitId: seed.units[0].id }, { name: '自评报告.pdf', bytes: pdf, kind: 'pdf', contentType: 'application/pdf' })
  recused = await seedMaterial(t, { meetingId, unitId: seed.units[2].id }, { name: '述职报告.doc', bytes: pdf, kind: 'unsupported', contentType: 'application/msword' })
  exportName = (await t.api.exports.summarySheet({ meetingId })).fileName
  await enterAsReviewer(t.api, meetingId, me)
})
afterAll(() => {
  t.dispose()
  rmSync(openDir, { recursive: true, force: true })
})
beforeEach(() => fake.resetFakeElectron())

const host = () => createHostDispatcher(t.core.context, () => undefined, { openDir })
const get = (id: string) => materialResponse(t.core.context, { url: `material://m/${id}`, method: 'GET', headers: new Headers({ origin: 'app://onsite' }) })

describe('reviewer mode in the desktop shell', () => {
  it("material:// serves the reviewer's unit's material and refuses a recused unit's with 403", async () => {
    const own = await get(mine.id)
    expect(own.status).toBe(200)
    expect(Buffer.from(await own.arrayBuffer()).equals(pdf)).toBe(true)
    const refused = await get(recused.id)
    expect(refused.status).toBe(403)
    expect(await refused.text()).toMatch(/^该材料不属于您评审的单位/)
  })

  it('host.openMaterial refuses a recused unit\'s material without handing anything to the shell', async () => {
    expect(await host()('host.openMaterial', { meetingId, id: recused.id })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/^该材料不属于您评审的单位/) },
    })
    expect(fake.shell.openPath).not.toHaveBeenCalled()
    expect(await host()('host.openMaterial', { meetingId, id: mine.id })).toEqual({ ok: true, data: { ok: true } })
    expect(fake.shell.openPath).toHaveBeenCalledTimes(1)
  })

  it('refuses opening, showing or copying exported documents and picking files to import', async () => {
    for (const name of ['host.openExport', 'host.revealExport', 'host.saveExportAs']) {
      expect(await host()(name, { fileName: exportName })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^评委模式下不能导出文档/) } })
    }
    expect(await host()('host.pickMaterials', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/^评委模式下不能导入/) } })
    expect(fake.shell.openPath).not.toHaveBeenCalled()
    expect(fake.shell.showItemInFolder).not.toHaveBeenCalled()
    expect(fake.dialog.showOpenDialog).not.toHaveBeenCalled()
  })
})
