/**
 * Batch import through core.dispatch: one zip (GBK names, made on Chinese Windows) or one folder whose
 * subfolders and inner zips are named after the units; the organizer confirms the matches first.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { materialsDir } from '../../src-main/core/materials/material-store'
import { makeTestCore, type TestCore } from '../helpers/core'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { buildZip, cidFontPdf, gbk, tinyPng, utf8 } from '../helpers/material-fixtures'

const work = mkdtempSync(join(tmpdir(), 'matbatch-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

let t: TestCore
let meetingId: string
const unit: Record<string, string> = {}
beforeEach(async () => {
  t = makeTestCore()
  meetingId = (await t.api.meetings.create({ title: '批量导入测试会', date: '2024-12-18' })).id
  for (const name of ['办公室', '机关党委办公室党支部', '市统计服务局综合处党支部', '信息中心第一党支部', '信息中心第二党支部']) {
    unit[name] = (await t.api.units.create({ meetingId, fields: { name, category: '处室' } })).id
  }
})
afterEach(() => t.dispose())

/** 全部材料.zip as Chinese Windows writes it: a wrapping folder, unit folders, an inner zip and a loose file. */
function batchZip(): string {
  const path = join(work, `全部材料-${Math.random().toString(36).slice(2)}.zip`)
  writeFileSync(
    path,
    buildZip([
      { name: gbk('2024年材料/办公室党支部/自评报告.pdf'), data: cidFontPdf() },
      { name: gbk('2024年材料/办公室党支部/照片/合影.png'), data: tinyPng() },
      { name: gbk('2024年材料/机关党委办公室/台账.txt'), data: gbk('台账') },
      { name: gbk('2024年材料/市统计服务局 综合处.zip'), data: buildZip([{ name: gbk('报告.pdf'), data: cidFontPdf() }]) },
      { name: gbk('2024年材料/信息中心/说明.txt'), data: utf8('说明') },
      { name: gbk('2024年材料/说明.txt'), data: utf8('不属于任何单位') },
    ]),
  )
  return path
}

describe('materials.batchPlan', () => {
  it('groups by unit folder and inner zip, matches names, leaves ambiguous ones to the organizer, refuses loose files — writing nothing', async () => {
    const before = snapshotDatabase(t.core.context.db)
    const plan = await t.api.materials.batchPlan({ meetingId, sources: [{ type: 'path', path: batchZip() }] })
    expect(plan.groups).toEqual([
      { key: '办公室党支部', unitId: unit['办公室'], fileCount: 2, bytes: cidFontPdf().length + tinyPng().length },
      { key: '机关党委办公室', unitId: unit['机关党委办公室党支部'], fileCount: 1, bytes: 4 },
      { key: '市统计服务局 综合处', unitId: unit['市统计服务局综合处党支部'], fileCount: 1, bytes: cidFontPdf().length },
      { key: '信息中心', unitId: null, fileCount: 1, bytes: 6 },
    ])
    expect(plan.archives.map((a) => [a.name, a.encoding])).toEqual([
      [expect.stringMatching(/^全部材料-.*\.zip$/), 'gb18030'],
      [expect.stringMatching(/市统计服务局 综合处\.zip$/), 'gb18030'],
    ])
    expect(plan.refused).toEqual([{ name: '2024年材料/说明.txt', reason: expect.stringContaining('不在任何单位的文件夹中') }])
    expect(snapshotDatabase(t.core.context.db)).toEqual(before)
    expect(readdirSync(materialsDir(t.dataDir)).filter((n) => n !== '.tmp')).toEqual([])
  })

  it('several picked folders each stand for their unit', async () => {
    const root = join(work, `folders-${Math.random().toString(36).slice(2)}`)
    for (const [name, data] of Object.entries({ '办公室/a.pdf': cidFontPdf(), '信息中心第二党支部/b.png': tinyPng() })) {
      mkdirSync(dirname(join(root, name)), { recursive: true })
      writeFileSync(join(root, name), data)
    }
    const sources = ['办公室', '信息中心第二党支部'].map((n) => ({ type: 'path' as const, path: join(root, n) }))
    const plan = await t.api.materials.batchPlan({ meetingId, sources })
    expect(plan.groups.map((g) => [g.key, g.unitId])).toEqual([
      ['办公室', unit['办公室']],
      ['信息中心第二党支部', unit['信息中心第二党支部']],
    ])
  })
})

describe('materials.batchImport', () => {
  it('imports each assigned group into its unit in one job; a group assigned null is skipped', async () => {
    const source = { type: 'path' as const, path: batchZip() }
    const assignments = [
      { key: '办公室党支部', unitId: unit['办公室'] },
      { key: '机关党委办公室', unitId: unit['机关党委办公室党支部'] },
      { key: '市统计服务局 综合处', unitId: null },
      { key: '信息中心', unitId: unit['信息中心第一党支部'] },
    ]
    const reports = await t.api.materials.batchImport({ meetingId, sources: [source], assignments })
    expect(reports.map((r) => [r.unitId, r.imported.map((m) => m.name), r.failed])).toEqual([
      [unit['办公室'], ['自评报告.pdf', '照片/合影.png'], []],
      [unit['机关党委办公室党支部'], ['台账.txt'], []],
      [unit['信息中心第一党支部'], ['说明.txt'], []],
    ])
    expect(await t.api.materials.list({ meetingId, unitId: unit['市统计服务局综合处党支部'] })).toEqual([])
    const text = await t.api.materials.text({ meetingId, id: reports[1].imported[0].id })
    expect(text.pages).toEqual(['台账'])
  })

  it('refuses a folder key the plan does not have, and a unit of another meeting, importing nothing', async () => {
    const source = { type: 'path' as const, path: batchZip() }
    const before = snapshotDatabase(t.core.context.db)
    await expect(t.api.materials.batchImport({ meetingId, sources: [source], assignments: [{ key: '人事处', unitId: unit['办公室'] }] })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('找不到文件夹“人事处”'),
    })
    const other = await t.api.meetings.create({ title: '另一个会', date: '2024-12-19' })
    const stranger = await t.api.units.create({ meetingId: other.id, fields: { name: '办公室', category: '处室' } })
    await expect(t.api.materials.batchImport({ meetingId, sources: [source], assignments: [{ key: '信息中心', unitId: stranger.id }] })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(snapshotDatabase(t.core.context.db)).toMatchObject({ materials: before.materials, material_pages: before.material_pages })
    expect(readdirSync(materialsDir(t.dataDir)).filter((n) => n !== '.tmp')).toEqual([])
  })
})
