/**
 * Many Chinese reports in one import, through core.dispatch and the real extraction threads: each
 * thread reads several PDFs in the predefined CMap UniGB-UCS2-H (built once per thread, see
 * patches/pdfjs-dist+6.5.438.patch), and every report keeps its own pages, so searching finds the
 * right page of every one.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { cidTextPdf } from '../helpers/material-fixtures'

const work = mkdtempSync(join(tmpdir(), 'matreports-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let t: TestCore
let meetingId: string
let unitId: string
beforeEach(async () => {
  t = makeTestCore()
  const seeded = await seedSmallMeeting(t.api)
  meetingId = seeded.meeting.id
  unitId = seeded.units[0].id
})
afterEach(() => t.dispose())

const REPORTS = 6
/** Report n names the brand on page n % 3 + 1 only; every page says whose it is. */
const pagesOf = (n: number) => [1, 2, 3].map((p) => [`自评报告${n}，第${p}页`, p === (n % 3) + 1 ? '本支部打造党建品牌，推动党建业务融合。' : '本支部开展主题党日活动。'])

it('imports six Chinese reports with their own text page by page, and 党建品牌 is found on the right page of each', async () => {
  const folder = join(work, '申报材料')
  mkdirSync(folder)
  for (let n = 1; n <= REPORTS; n++) writeFileSync(join(folder, `报告${n}.pdf`), cidTextPdf(pagesOf(n)))

  const report = await t.api.materials.import({ meetingId, unitId, sources: [{ type: 'path', path: folder }] })
  expect(report.failed).toEqual([])
  const list = await t.api.materials.list({ meetingId, unitId })
  expect(list).toHaveLength(REPORTS)
  const idOf = new Map<string, string>()
  for (const material of list) {
    const n = Number(/报告(\d+)\.pdf$/.exec(material.name)![1])
    idOf.set(material.id, `报告${n}`)
    expect(material).toMatchObject({ kind: 'pdf', pageCount: 3, hasTextLayer: true })
    expect((await t.api.materials.text({ meetingId, id: material.id })).pages).toEqual(pagesOf(n).map((lines) => lines.join('\n')))
  }

  const found = await t.api.materials.search({ meetingId, query: '党建品牌', limit: 100 })
  const hits = found.hits.map((h) => `${idOf.get(h.materialId)}#${h.page}`).sort()
  expect(hits).toEqual(Array.from({ length: REPORTS }, (_, i) => `报告${i + 1}#${((i + 1) % 3) + 1}`).sort())
})
