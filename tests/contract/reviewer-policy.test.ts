/**
 * Reviewer mode in the API (real core, real SQLite): the reviewer sees and changes only their own
 * sheets, their units' materials and their own annotations; every other operation is refused with
 * FORBIDDEN and a Chinese reason, before any handler runs, changing nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { operationNames, type OperationName } from '../../src-main/shared/contract'
import { guardOperation, REVIEWER_OPERATIONS } from '../../src-main/core/access/reviewer-policy'
import { createDispatcher } from '../../src-main/core/api/dispatcher'
import { handlers, type Handlers } from '../../src-main/core/api/handlers'
import { insertMaterials } from '../../src-main/core/materials/material-rows'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { DomainError } from '../../src-main/core/errors'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected } from '../helpers/expect-rejected'
import { ORGANIZER_PIN, enterAsReviewer } from '../helpers/reviewer-mode'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let meetingId: string
let me: string
let other: string
/** units[0], units[1]: mine; units[2]: I am recused from it. */
let mine: string
let recused: string
let materials: { mine: string; recused: string }

let counter = 0
function addMaterial(unitId: string, name: string, pages: string[]): string {
  const id = crypto.randomUUID()
  const sha256 = (++counter).toString(16).padStart(64, '0')
  writeTransaction(t.core.context.db, () =>
    insertMaterials(
      t.core.context.db,
      [{ id, meetingId, unitId, name, size: 100, sha256, kind: 'pdf', contentType: 'application/pdf', pageCount: pages.length, hasTextLayer: true, note: '', pages }],
      new Date().toISOString(),
    ),
  )
  return id
}

beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  ;[, me, other] = seed.reviewers.map((r) => r.id)
  mine = seed.units[0].id
  recused = seed.units[2].id
  await t.api.recusals.set({ meetingId, reviewerId: me, unitId: recused, recused: true, reason: '曾在该单位任职' })
  materials = {
    mine: addMaterial(mine, '自评报告.pdf', ['数联先锋党建品牌创建情况']),
    recused: addMaterial(recused, '自评报告.pdf', ['综合处党建品牌创建情况']),
  }
  addMaterial(seed.units[1].id, '台账.pdf', ['党建品牌台账'])
  // The other reviewer has scored: nothing of it may reach me.
  await t.api.scores.save({ meetingId, reviewerId: other, unitId: mine, itemId: seed.items[0].id, value: 5 })
  await enterAsReviewer(t.api, meetingId, me)
})
afterEach(() => t.dispose())

const db = () => t.core.context.db

/** What a reviewer may call, on purpose: changing REVIEWER_OPERATIONS means changing this list too. */
const ALLOWED: OperationName[] = [
  'system.info',
  'access.state',
  'access.leaveReviewer',
  'meetings.get',
  'rubric.get',
  'rules.get',
  'units.list',
  'reviewers.list',
  'phrases.get',
  'lots.list',
  'projector.state',
  'jobs.list',
  'scoring.progress',
  'scoring.sheet',
  'scores.save',
  'reviews.save',
  'vetoes.mark',
  'scoring.submit',
  'annotations.list',
  'annotations.save',
  'annotations.delete',
  'recusals.set',
  'materials.list',
  'materials.text',
  'materials.table',
  'materials.search',
  'packages.writeReturn',
]

describe('the refusal matrix', () => {
  it('walks every operation: only the listed ones pass, every other one is refused with a Chinese reason', () => {
    expect(Object.keys(REVIEWER_OPERATIONS).sort()).toEqual([...ALLOWED].sort())
    // An input inside the reviewer's scope in every field an operation may read.
    const inScope = { meetingId, reviewerId: me, unitId: mine, id: materials.mine, source: 'reviewer', recused: true }
    for (const name of operationNames) {
      const refusal = (() => {
        try {
          guardOperation(db(), name, inScope)
          return null
        } catch (error) {
          return error as DomainError
        }
      })()
      if (ALLOWED.includes(name)) expect(refusal, name).toBeNull()
      else {
        expect(refusal, name).toBeInstanceOf(DomainError)
        expect(refusal!.code, name).toBe('FORBIDDEN')
        expect(refusal!.message, name).toMatch(/^评委模式下不能/)
      }
    }
  })

  it('refuses before the handler runs', async () => {
    const reached: string[] = []
    const spies = new Proxy(handlers, {
      get: (target, name: string) => (input: unknown, ctx: never) => (reached.push(name), (target[name as OperationName] as (i: unknown, c: never) => unknown)(input, ctx)),
    }) as Handlers
    const dispatch = createDispatcher(t.core.context, spies)
    expect(await dispatch('results.compute', { meetingId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await dispatch('meetings.list', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await dispatch('scoring.sheet', { meetingId, reviewerId: other, unitId: mine })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(reached).toEqual([])
    expect(await dispatch('scoring.sheet', { meetingId, reviewerId: me, unitId: mine })).toMatchObject({ ok: true })
    expect(reached).toEqual(['scoring.sheet'])
  })

  it('refuses results, exports, history, unlock, setup edits and PIN settings, changing nothing', async () => {
    const cases: [() => Promise<unknown>, string | RegExp][] = [
      [() => t.api.results.compute({ meetingId }), '评委模式下不能查看评审结果和其他评委的评分'],
      [() => t.api.exports.summarySheet({ meetingId }), '评委模式下不能导出文档：评分表、汇总表和纪要含有其他评委的评分和评审结果'],
      [() => t.api.exports.reviewerSheets({ meetingId, reviewerId: me }), '评委模式下不能导出文档：评分表、汇总表和纪要含有其他评委的评分和评审结果'],
      [() => t.api.history.list({ meetingId }), '评委模式下不能查看评分修改记录：其中有其他评委的评分'],
      [() => t.api.scoring.unlock({ meetingId, reviewerId: me, unitId: mine, reason: '改错了' }), /^评委模式下不能解锁已提交的评分表/],
      [() => t.api.rubric.save({ meetingId, rubric: { basePoints: 10, criteria: [{ name: '一', maxPoints: 10, items: [{ name: '甲', maxPoints: 10, step: 1 }] }] } }), /^评委模式下不能修改会议的设置/],
      [() => t.api.units.create({ meetingId, fields: { name: '新单位', category: '处室' } }), /^评委模式下不能修改会议的设置/],
      [() => t.api.reviewers.delete({ meetingId, id: other }), /^评委模式下不能修改会议的设置/],
      [() => t.api.recusals.list({ meetingId }), /^评委模式下不能修改会议的设置/],
      [() => t.api.access.setReviewerPin({ meetingId, reviewerId: me, pin: '0000' }), '评委模式下不能设置 PIN 或切换到其他评委：请会务组先退出评委模式'],
      [() => t.api.access.setOrganizerPin({ currentPin: ORGANIZER_PIN, newPin: '0000' }), /^评委模式下不能设置 PIN/],
      [() => t.api.access.enterReviewer({ meetingId, reviewerId: other, pin: '0000' }), /^评委模式下不能设置 PIN 或切换到其他评委/],
      [() => t.api.meetings.list({}), /^评委模式下不能查看其他会议/],
      [() => t.api.materials.overview({ meetingId }), /^评委模式下不能导入、删除材料/],
      [() => t.api.materials.delete({ meetingId, id: materials.mine }), /^评委模式下不能导入、删除材料/],
      [() => t.api.opinions.list({ meetingId }), /^评委模式下不能查看或修改汇总的评审意见/],
      [() => t.api.vetoes.decide({ meetingId, unitId: mine, decision: 'confirmed', reason: '属实' }), '评委模式下不能认定一票否决：这是会务组的事'],
    ]
    for (const [call, message] of cases) await expectRejected(db(), call, 'FORBIDDEN', message)
  })
})

describe('scope: own sheets, own units, own meeting', () => {
  it("refuses another reviewer's progress, sheet, scores, comments, vetoes, submit and annotations", async () => {
    const refused = '评委模式下不能查看或修改其他评委的评分和批注'
    const calls = [
      () => t.api.scoring.progress({ meetingId, reviewerId: other }),
      () => t.api.scoring.sheet({ meetingId, reviewerId: other, unitId: mine }),
      () => t.api.scores.save({ meetingId, reviewerId: other, unitId: mine, itemId: seed.items[0].id, value: 1 }),
      () => t.api.reviews.save({ meetingId, reviewerId: other, unitId: mine, strengths: '好' }),
      () => t.api.vetoes.mark({ meetingId, reviewerId: other, unitId: mine, vetoItemId: seed.rubric.vetoItems[0].id, marked: true, reason: '有' }),
      () => t.api.scoring.submit({ meetingId, reviewerId: other }),
      () => t.api.annotations.list({ meetingId, reviewerId: other }),
      () => t.api.recusals.set({ meetingId, reviewerId: other, unitId: mine, recused: true, source: 'reviewer', reason: '亲属' }),
    ]
    for (const call of calls) await expectRejected(db(), call, 'FORBIDDEN', refused)

    // An annotation of the other reviewer's, named by id under my own reviewerId.
    const theirs = crypto.randomUUID()
    db()
      .prepare(
        `INSERT INTO annotations (id, meeting_id, reviewer_id, unit_id, material_id, kind, page_index, rects, color, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'rect', 0, '[[0,0,10,10]]', '#ffd400', '2024-12-18T01:00:00Z', '2024-12-18T01:00:00Z')`,
      )
      .run(theirs, meetingId, other, mine, materials.mine)
    await expectRejected(db(), () => t.api.annotations.delete({ meetingId, reviewerId: me, id: theirs }), 'FORBIDDEN', refused)
    await expectRejected(
      db(),
      () => t.api.annotations.save({ meetingId, reviewerId: me, id: theirs, materialId: materials.mine, kind: 'rect', pageIndex: 0, rects: [[0, 0, 5, 5]], note: '改别人的' }),
      'FORBIDDEN',
      refused,
    )
  })

  it("refuses a recused unit's sheet, scores and materials, and another meeting", async () => {
    const unit = /^该单位不在您的评审范围内/
    await expectRejected(db(), () => t.api.scoring.sheet({ meetingId, reviewerId: me, unitId: recused }), 'FORBIDDEN', unit)
    await expectRejected(db(), () => t.api.scores.save({ meetingId, reviewerId: me, unitId: recused, itemId: seed.items[0].id, value: 1 }), 'FORBIDDEN', unit)
    await expectRejected(db(), () => t.api.scoring.submit({ meetingId, reviewerId: me, unitIds: [mine, recused] }), 'FORBIDDEN', unit)
    await expectRejected(db(), () => t.api.materials.list({ meetingId, unitId: recused }), 'FORBIDDEN', unit)
    await expectRejected(db(), () => t.api.materials.search({ meetingId, unitId: recused, query: '党建' }), 'FORBIDDEN', unit)
    const material = /^该材料不属于您评审的单位/
    await expectRejected(db(), () => t.api.materials.text({ meetingId, id: materials.recused }), 'FORBIDDEN', material)
    await expectRejected(db(), () => t.api.materials.table({ meetingId, id: materials.recused }), 'FORBIDDEN', material)
    await expectRejected(
      db(),
      () => t.api.annotations.save({ meetingId, reviewerId: me, materialId: materials.recused, kind: 'rect', pageIndex: 0, rects: [[0, 0, 10, 10]] }),
      'FORBIDDEN',
      material,
    )
    await expectRejected(db(), () => t.api.materials.list({ meetingId }), 'FORBIDDEN', /^评委模式下只能按单位查看材料/)
    await expectRejected(db(), () => t.api.meetings.get({ meetingId: crypto.randomUUID() }), 'FORBIDDEN', '评委模式下只能查看和评分本会议的内容')
  })

  it('lets the reviewer do their own work', async () => {
    expect((await t.api.meetings.get({ meetingId })).title).toBe('测试评审会')
    const sheet = await t.api.scoring.sheet({ meetingId, reviewerId: me, unitId: mine })
    expect(sheet.scores.every((s) => s.value === null)).toBe(true)
    await t.api.scores.save({ meetingId, reviewerId: me, unitId: mine, itemId: seed.items[0].id, value: 5.5 })
    expect((await t.api.materials.list({ meetingId, unitId: mine })).map((m) => m.id)).toEqual([materials.mine])
    expect((await t.api.materials.text({ meetingId, id: materials.mine })).pages).toEqual(['数联先锋党建品牌创建情况'])
    // 申请回避 on the day is the reviewer's; lifting it is not.
    await t.api.recusals.set({ meetingId, reviewerId: me, unitId: seed.units[1].id, recused: true, source: 'reviewer', reason: '参与指导申报' })
    await expectRejected(db(), () => t.api.scoring.sheet({ meetingId, reviewerId: me, unitId: seed.units[1].id }), 'FORBIDDEN', /^该单位不在您的评审范围内/)
    await expectRejected(
      db(),
      () => t.api.recusals.set({ meetingId, reviewerId: me, unitId: recused, recused: false, source: 'reviewer' }),
      'FORBIDDEN',
      '评委模式下只能由本人申请回避，不能取消回避：取消须由会务组办理',
    )
    await expectRejected(db(), () => t.api.recusals.set({ meetingId, reviewerId: me, unitId: mine, recused: true, reason: '会务组设置' }), 'FORBIDDEN', /^评委模式下只能由本人申请回避/)
  })

  it("filters a meeting-wide search to the reviewer's units (hits and total)", async () => {
    const all = await t.api.materials.search({ meetingId, query: '党建品牌' })
    expect(all.total).toBe(2)
    expect(all.hits.map((h) => h.unitId)).toEqual([mine, seed.units[1].id])
    await t.api.access.leaveReviewer({ organizerPin: ORGANIZER_PIN })
    // The organizer sees all three.
    expect((await t.api.materials.search({ meetingId, query: '党建品牌' })).total).toBe(3)
  })
})
