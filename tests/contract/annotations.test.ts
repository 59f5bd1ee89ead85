/**
 * annotations.list / save / delete through the dispatcher on a real SQLite file: a reviewer's marks
 * on PDF pages and images, who may make them, and what removing a material or a unit does to them.
 */
import type { z } from 'zod'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MaterialKind } from '../../src-main/shared/schemas/material'
import type { AnnotationFields } from '../../src-main/shared/schemas/annotation'
import { insertMaterials } from '../../src-main/core/materials/material-rows'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected } from '../helpers/expect-rejected'

let t: TestCore
let meetingId: string
let unitIds: string[]
let reviewerIds: string[]

beforeEach(async () => {
  t = makeTestCore()
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  unitIds = seed.units.map((u) => u.id)
  reviewerIds = seed.reviewers.map((r) => r.id)
})
afterEach(() => t.dispose())

/** A material row as an import leaves it (annotations never read the bytes). */
function addMaterial(unitId: string, name: string, kind: MaterialKind, pageCount = 1, inMeeting = meetingId): string {
  const id = crypto.randomUUID()
  const db = t.core.context.db
  const sha256 = id.replaceAll('-', '').padEnd(64, '0')
  writeTransaction(db, () =>
    insertMaterials(
      db,
      [{ id, meetingId: inMeeting, unitId, name, size: 10, sha256, kind, contentType: 'application/octet-stream', pageCount, hasTextLayer: kind === 'pdf', note: '', pages: [] }],
      new Date().toISOString(),
    ),
  )
  return id
}

const highlight = (materialId: string, pageIndex: number, top: number, extra: object = {}) => ({
  materialId,
  kind: 'highlight' as const,
  pageIndex,
  rects: [[72, top - 14, 300, top] as [number, number, number, number]],
  text: '理论武装',
  note: '',
  color: '#ffd400' as const,
  ...extra,
})

describe('批注的保存与列出', () => {
  it('新批注取得编号和时间，单位取自材料；按材料顺序、页码、从上到下列出', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 5)
    const photo = addMaterial(unitIds[0], '活动照片.jpg', 'image')
    const reviewerId = reviewerIds[0]
    const save = (fields: z.input<typeof AnnotationFields>) => t.api.annotations.save({ meetingId, reviewerId, ...fields })

    const lowOnPage2 = await save(highlight(report, 1, 200, { note: '数据翔实' }))
    const photoBox = await save({ materialId: photo, kind: 'rect', pageIndex: 0, rects: [[400, 300, 120, 80]], text: '', note: '横幅', color: '#2ea8e5' })
    const highOnPage2 = await save(highlight(report, 1, 700))
    const page1 = await save(highlight(report, 0, 100, { color: '#ff6666' }))

    expect(lowOnPage2).toMatchObject({ meetingId, reviewerId, unitId: unitIds[0], materialId: report, pageIndex: 1, note: '数据翔实', color: '#ffd400' })
    expect(lowOnPage2.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(lowOnPage2.createdAt).toBe(lowOnPage2.updatedAt)
    // A box dragged from bottom-right to top-left is stored corner-low, corner-high.
    expect(photoBox.rects).toEqual([[120, 80, 400, 300]])

    const listed = await t.api.annotations.list({ meetingId, reviewerId, unitId: unitIds[0] })
    // PDF points grow upwards, so y 700 is above y 200 on the same page; the photo comes after the report.
    expect(listed.map((a) => a.id)).toEqual([page1.id, highOnPage2.id, lowOnPage2.id, photoBox.id])
    expect((await t.api.annotations.list({ meetingId, reviewerId, materialId: photo })).map((a) => a.id)).toEqual([photoBox.id])
    expect(await t.api.annotations.list({ meetingId, reviewerId, unitId: unitIds[1] })).toEqual([])
  })

  it('修改批注的文字和颜色会更新修改时间；批注只属于写它的评委', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 2)
    const [mine, other] = reviewerIds
    const saved = await t.api.annotations.save({ meetingId, reviewerId: mine, ...highlight(report, 0, 500) })
    await new Promise((r) => setTimeout(r, 5))
    const changed = await t.api.annotations.save({ meetingId, reviewerId: mine, id: saved.id, ...highlight(report, 0, 500, { note: '可作为亮点', color: '#5fb236' }) })
    expect(changed).toMatchObject({ id: saved.id, note: '可作为亮点', color: '#5fb236', createdAt: saved.createdAt })
    expect(changed.updatedAt > saved.updatedAt).toBe(true)

    expect(await t.api.annotations.list({ meetingId, reviewerId: other })).toEqual([])
    expect(await t.api.annotations.list({ meetingId, reviewerId: mine })).toEqual([changed])
  })
})

describe('拒绝的批注不改变任何数据', () => {
  it('另一位评委不能修改或删除别人的批注（当作不存在）', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 2)
    const saved = await t.api.annotations.save({ meetingId, reviewerId: reviewerIds[0], ...highlight(report, 0, 500) })
    const db = t.core.context.db
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId: reviewerIds[1], id: saved.id, ...highlight(report, 0, 500, { note: '改掉' }) }), 'NOT_FOUND', '批注不存在')
    await expectRejected(db, () => t.api.annotations.delete({ meetingId, reviewerId: reviewerIds[1], id: saved.id }), 'NOT_FOUND', '批注不存在')
  })

  it('已回避该单位的评委不能在其材料上批注', async () => {
    const report = addMaterial(unitIds[1], '自评报告.pdf', 'pdf', 2)
    await t.api.recusals.set({ meetingId, reviewerId: reviewerIds[2], unitId: unitIds[1], recused: true, reason: '曾在该单位任职' })
    await expectRejected(
      t.core.context.db,
      () => t.api.annotations.save({ meetingId, reviewerId: reviewerIds[2], ...highlight(report, 0, 500) }),
      'CONFLICT',
      '评委“陈卫国”已回避“市水利保障局水文监测站”，不能在其材料上批注',
    )
  })

  it('评委、材料须属于本会议；页码须在材料页数之内；只能批注 PDF 和图片；区域不能为空', async () => {
    const db = t.core.context.db
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 3)
    const docx = addMaterial(unitIds[0], '品牌案例.docx', 'docx')
    const otherMeeting = await t.api.meetings.create({ title: '另一场评审会', date: '2024-12-19' })
    const otherUnit = await t.api.units.create({ meetingId: otherMeeting.id, fields: { name: '市统计服务局综合处党支部', category: '处室' } })
    const otherReviewer = await t.api.reviewers.create({ meetingId: otherMeeting.id, fields: { name: '赵海燕', role: 'member' } })
    const foreign = addMaterial(otherUnit.id, '台账.pdf', 'pdf', 3, otherMeeting.id)
    const reviewerId = reviewerIds[0]

    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId, ...highlight(foreign, 0, 500) }), 'NOT_FOUND', '材料不存在')
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId: otherReviewer.id, ...highlight(report, 0, 500) }), 'NOT_FOUND', '评委不存在')
    await expectRejected(db, () => t.api.annotations.list({ meetingId, reviewerId: otherReviewer.id }), 'NOT_FOUND', '评委不存在')
    await expectRejected(db, () => t.api.annotations.list({ meetingId, reviewerId, unitId: otherUnit.id }), 'NOT_FOUND', '参评单位不存在')
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId, ...highlight(report, 3, 500) }), 'VALIDATION', '页码超出范围：该材料共 3 页')
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId, ...highlight(docx, 0, 500) }), 'VALIDATION', '只能在 PDF 页面或图片上批注')
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId, ...highlight(report, 0, 500), rects: [[72, 500, 72, 520]] }), 'VALIDATION', '宽和高都必须大于 0')
    await expectRejected(db, () => t.api.annotations.save({ meetingId, reviewerId, ...highlight(report, 0, 500), color: '#000000' as '#ffd400' }), 'VALIDATION', '颜色只能从给定的几种中选')
  })

  it('修改时不能把批注挪到另一份材料', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 3)
    const ledger = addMaterial(unitIds[0], '台账.pdf', 'pdf', 3)
    const saved = await t.api.annotations.save({ meetingId, reviewerId: reviewerIds[0], ...highlight(report, 0, 500) })
    await expectRejected(
      t.core.context.db,
      () => t.api.annotations.save({ meetingId, reviewerId: reviewerIds[0], id: saved.id, ...highlight(ledger, 0, 500) }),
      'VALIDATION',
      '材料和类型不能修改',
    )
  })
})

describe('删除', () => {
  it('评委删除自己的批注', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 1)
    const saved = await t.api.annotations.save({ meetingId, reviewerId: reviewerIds[0], ...highlight(report, 0, 500) })
    await t.api.annotations.delete({ meetingId, reviewerId: reviewerIds[0], id: saved.id })
    expect(await t.api.annotations.list({ meetingId, reviewerId: reviewerIds[0] })).toEqual([])
  })

  it('删除材料或单位时，其上的批注一并删除', async () => {
    const report = addMaterial(unitIds[0], '自评报告.pdf', 'pdf', 2)
    const kept = addMaterial(unitIds[0], '台账.pdf', 'pdf', 2)
    const other = addMaterial(unitIds[1], '自评报告.pdf', 'pdf', 2)
    const reviewerId = reviewerIds[0]
    await t.api.annotations.save({ meetingId, reviewerId, ...highlight(report, 0, 500) })
    const onKept = await t.api.annotations.save({ meetingId, reviewerId, ...highlight(kept, 1, 500) })
    await t.api.annotations.save({ meetingId, reviewerId, ...highlight(other, 0, 500) })

    await t.api.materials.delete({ meetingId, id: report })
    await t.api.units.delete({ meetingId, id: unitIds[1], withMaterials: true })
    expect((await t.api.annotations.list({ meetingId, reviewerId })).map((a) => a.id)).toEqual([onKept.id])
    expect(t.core.context.db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(1)
  })
})
