/**
 * From the database to the files: the demo meeting (openDemo) → results engine → documents, written
 * atomically into <dataDir>/exports and downloadable from the bridge in browser mode.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { request, type Server } from 'node:http'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBridge } from '../../src-main/bridge/server'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import type { MeetingResults } from '../../src-main/shared/schemas/results'
import { makeTestCore, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { readDocx, tableRows, textOf } from './docx-reader'

let t: TestCore
let server: Server & { url: string }
let demo: Meeting
let results: MeetingResults
beforeAll(async () => {
  t = makeTestCore()
  server = await startBridge({ core: t.core, port: 0 })
  demo = await t.api.meetings.openDemo({})
  results = await t.api.results.compute({ meetingId: demo.id })
})
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  t.dispose()
})

const exportsDir = () => join(t.dataDir, 'exports')

/** A GET with the path sent exactly as given (fetch would normalise "..", "%2e%2e"). */
function rawGet(path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}/`, { path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('exports of the demo meeting', () => {
  it('writes the minutes into <dataDir>/exports under its Chinese title, leaving no temporary file', async () => {
    const out = await t.api.exports.minutes({ meetingId: demo.id })
    expect(out.fileName).toBe('青岚市直机关2024年度“模范机关”创建现场评审会纪要.docx')
    expect(out.path).toBe(join(exportsDir(), out.fileName))
    expect(statSync(out.path).size).toBe(out.bytes)
    const again = await t.api.exports.minutes({ meetingId: demo.id })
    expect(again.fileName).toBe(out.fileName)
    expect(readdirSync(exportsDir())).toEqual([out.fileName])
  })

  it('prints the summary exactly as the results engine computed it', async () => {
    const docx = readDocx(readFileSync((await t.api.exports.minutes({ meetingId: demo.id })).path))
    // The table ends with one row across holding the signatures and notes.
    const rows = tableRows(docx.document, 0).filter((r) => r.length > 1)
    const places = results.rules.roundingPlaces
    expect(rows.slice(1).map((r) => [r[1].replace(/\n/g, ''), r.at(-5), r.at(-3), r.at(-2)])).toEqual(
      results.units.map((u) => [u.unitName, u.finalScore?.toFixed(places) ?? '—', u.rank === null ? '—' : String(u.rank), u.band ?? '—']),
    )
    expect(docx.text).toContain(`计分规则：${results.ruleText}`)
    // The preview is the body, paragraph for paragraph.
    const outline = await t.api.minutes.preview({ meetingId: demo.id })
    const body = textOf(docx.document.slice(0, docx.document.indexOf('<w:sectPr>'))).split('\n')
    const expected = [...outline.titleLines, '', ...outline.opening, ...outline.sections.flatMap((s) => [s.heading, ...s.blocks.map((b) => b.lead + b.text)])]
    expect(body.slice(0, expected.length)).toEqual(expected)
  })

  it('exports one reviewer’s sheets, blank sheets and the stand-alone summary', async () => {
    const reviewers = await t.api.reviewers.list({ meetingId: demo.id })
    const one = await t.api.exports.reviewerSheets({ meetingId: demo.id, reviewerId: reviewers[0].id })
    expect(one.fileName).toBe(`青岚市直机关2024年度“模范机关”创建现场评审会评委个人评分表（${reviewers[0].name}）.docx`)
    const blank = await t.api.exports.reviewerSheets({ meetingId: demo.id, blank: true })
    expect(blank.fileName).toBe('青岚市直机关2024年度“模范机关”创建现场评审会评委个人评分表（空白）.docx')
    const blankText = readDocx(readFileSync(blank.path)).text
    const recusals = (await t.api.recusals.list({ meetingId: demo.id })).length
    expect(blankText.match(/本人与被评单位无利害关系/g)).toHaveLength(reviewers.length * results.units.length - recusals)
    const summary = await t.api.exports.summarySheet({ meetingId: demo.id })
    expect(readDocx(readFileSync(summary.path)).sections[0].pgSz).toMatchObject({ orient: 'landscape' })
  })

  it('refuses sheets for a reviewer of no meeting, writing nothing', async () => {
    const before = readdirSync(exportsDir()).sort()
    const db = snapshotDatabase(t.core.context.db)
    await expect(t.api.exports.reviewerSheets({ meetingId: demo.id, reviewerId: crypto.randomUUID() })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: '评委不存在或已被删除',
    })
    await expect(t.api.exports.minutes({ meetingId: crypto.randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(readdirSync(exportsDir()).sort()).toEqual(before)
    expect(snapshotDatabase(t.core.context.db)).toEqual(db)
  })

  it('exports the score matrix with the engine’s numbers', async () => {
    const out = await t.api.exports.scoreMatrix({ meetingId: demo.id })
    expect(out.fileName).toBe('青岚市直机关2024年度“模范机关”创建现场评审会评分矩阵.xlsx')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(readFileSync(out.path) as unknown as ExcelJS.Buffer)
    const summary = wb.getWorksheet('汇总')!
    const first = (summary.getRow(2).values as unknown[]).slice(1)
    expect(first[1]).toBe(results.units[0].unitName)
    expect(first[results.reviewers.length + 4]).toBe(results.units[0].finalScore)
  })
})

describe('GET /exports/<file> in browser mode', () => {
  it('downloads an export as an attachment with its UTF-8 name (RFC 5987)', async () => {
    const out = await t.api.exports.summarySheet({ meetingId: demo.id })
    const res = await rawGet(`/exports/${encodeURIComponent(out.fileName)}`)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${'_'.repeat(6)}2024${'_'.repeat(20)}.docx"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`,
    )
    expect(res.body.equals(readFileSync(out.path))).toBe(true)
  })

  it('serves nothing outside the exports folder, no hidden files and no other types', async () => {
    for (const path of [
      '/exports/..%2Fonsite-review.sqlite',
      '/exports/%2e%2e%2Fonsite-review.sqlite',
      '/exports/..%5Consite-review.sqlite',
      '/exports/%2E%2E',
      '/exports/onsite-review.sqlite',
      '/exports/%E4%B8%8D%E5%AD%98%E5%9C%A8.docx',
      '/exports/.hidden.docx',
      '/exports/%ZZ.docx',
    ]) {
      const res = await rawGet(path)
      expect(res.status, path).toBe(404)
      expect(JSON.parse(res.body.toString())).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })
})
