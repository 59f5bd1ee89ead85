/**
 * Reviewer mode beyond /api on the real bridge (real HTTP, SQLite, content store): a reviewer reads
 * only their units' material bytes (/material/<id>), uploads nothing and downloads no exported
 * document; a refused API call answers 403.
 */
import { existsSync, readdirSync } from 'node:fs'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src-main/bridge/server'
import { uploadsDir } from '../../src-main/core/materials/uploads'
import type { Material } from '../../src-main/shared/schemas/material'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { cidFontPdf } from '../helpers/material-fixtures'
import { seedMaterial } from '../helpers/seed-material'
import { ORGANIZER_PIN, enterAsReviewer } from '../helpers/reviewer-mode'

let t: TestCore
let server: Server & { url: string }
let mine: Material
let recused: Material
let exportName: string
let meetingId: string
const pdf = cidFontPdf()

beforeAll(async () => {
  t = makeTestCore()
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  const me = seed.reviewers[1].id
  await t.api.recusals.set({ meetingId, reviewerId: me, unitId: seed.units[2].id, recused: true, reason: '曾在该单位任职' })
  mine = await seedMaterial(t, { meetingId, unitId: seed.units[0].id }, { name: '自评报告.pdf', bytes: pdf, kind: 'pdf', contentType: 'application/pdf' })
  recused = await seedMaterial(t, { meetingId, unitId: seed.units[2].id }, { name: '自评报告.pdf', bytes: pdf, kind: 'pdf', contentType: 'application/pdf' })
  exportName = (await t.api.exports.summarySheet({ meetingId })).fileName
  server = await startBridge({ core: t.core, port: 0 })
  await enterAsReviewer(t.api, meetingId, me)
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
})

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error

describe('reviewer mode on the bridge', () => {
  it("serves the reviewer's own unit's material and refuses a recused unit's with 403 and a Chinese reason", async () => {
    const own = await fetch(`${server.url}/material/${mine.id}`)
    expect(own.status).toBe(200)
    expect(Buffer.from(await own.arrayBuffer()).equals(pdf)).toBe(true)

    for (const method of ['GET', 'HEAD']) expect((await fetch(`${server.url}/material/${recused.id}`, { method })).status).toBe(403)
    const refused = await fetch(`${server.url}/material/${recused.id}`, { headers: { range: 'bytes=0-9' } })
    expect(refused.status).toBe(403)
    expect(await errorOf(refused)).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/^该材料不属于您评审的单位/) })
  })

  it('refuses uploads without keeping a byte, and exported documents', async () => {
    const upload = await fetch(`${server.url}/upload`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('材料.pdf') },
      body: new Blob([pdf]),
    })
    expect(upload.status).toBe(403)
    expect(await errorOf(upload)).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/^评委模式下不能上传或导入材料/) })
    expect(existsSync(uploadsDir(t.dataDir)) ? readdirSync(uploadsDir(t.dataDir)) : []).toEqual([])

    const download = await fetch(`${server.url}/exports/${encodeURIComponent(exportName)}`)
    expect(download.status).toBe(403)
    expect((await errorOf(download)).message).toMatch(/^评委模式下不能下载导出的文档/)
  })

  it('answers a refused API call with 403 FORBIDDEN', async () => {
    const res = await fetch(`${server.url}/api/results.compute`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ meetingId }) })
    expect(res.status).toBe(403)
    expect(await errorOf(res)).toEqual({ code: 'FORBIDDEN', message: '评委模式下不能查看评审结果和其他评委的评分' })
  })

  it('serves everything again once the organizer has left reviewer mode', async () => {
    await t.api.access.leaveReviewer({ organizerPin: ORGANIZER_PIN })
    expect((await fetch(`${server.url}/material/${recused.id}`)).status).toBe(200)
    expect((await fetch(`${server.url}/exports/${encodeURIComponent(exportName)}`)).status).toBe(200)
  })
})
