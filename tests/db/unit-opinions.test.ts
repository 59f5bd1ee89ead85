/**
 * 评审意见 per unit through the dispatcher, on a real SQLite file: the draft merged from the
 * reviewers' comments, the organizer's saved text, 恢复自动汇总, and bad input refused unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected as rejectedWithoutChange } from '../helpers/expect-rejected'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const meetingId = () => seed.meeting.id
const expectRejected = (call: () => Promise<unknown>, code: string, message: string | RegExp) =>
  rejectedWithoutChange(t.core.context.db, call, code, message)

/** Every reviewer scores every item of `unit` at `value`, with the given comments. */
async function review(reviewer: number, unit: number, comments: { strengths?: string; weaknesses?: string; suggestions?: string }) {
  const ids = { meetingId: meetingId(), reviewerId: seed.reviewers[reviewer].id, unitId: seed.units[unit].id }
  for (const item of seed.items) await t.api.scores.save({ ...ids, itemId: item.id, value: 4 })
  await t.api.reviews.save({ ...ids, ...comments })
}

const opinionOf = async (unit: number) => (await t.api.opinions.list({ meetingId: meetingId() })).find((o) => o.unitId === seed.units[unit].id)!
/** The blocks of 三、评审意见 (the section is left out when it has nothing to say). */
const opinionsSection = async () =>
  (await t.api.minutes.preview({ meetingId: meetingId() })).sections.find((s) => s.heading.endsWith('评审意见')) ?? { blocks: [] }

describe('评审意见 draft', () => {
  it('merges the comments sentence by sentence, each once, without reviewer names', async () => {
    await review(0, 0, { strengths: '数据共享特色鲜明。台账完整', weaknesses: '宣传推广较少。', suggestions: '加强经验总结' })
    await review(1, 0, { strengths: '台账完整；群众满意度高。', weaknesses: '宣传推广较少', suggestions: '加强经验总结，形成可复制的工作法。' })
    await review(2, 0, { strengths: '数据共享特色鲜明' })
    const opinion = await opinionOf(0)
    expect(opinion.draft).toBe(
      ['主要亮点：数据共享特色鲜明；台账完整；群众满意度高。', '存在不足：宣传推广较少。', '改进建议：加强经验总结，形成可复制的工作法。'].join('\n'),
    )
    expect(opinion).toMatchObject({ text: opinion.draft, edited: false, updatedAt: null, unitLabel: '市数据资源局数据共享处党支部' })
    for (const r of seed.reviewers) expect(opinion.draft).not.toContain(r.name)
    const printed = (await opinionsSection()).blocks.map((b) => b.text)
    expect(printed).toEqual(['（一）市数据资源局数据共享处党支部', ...opinion.draft.split('\n')])
  })

  it('leaves out a veto claim the organizer found 核实不构成, and keeps it while the veto is still pending', async () => {
    const claim = '申报材料照片与往年雷同，已勾选“发生严重违纪违法案件”，请核实'
    await review(0, 1, { weaknesses: `${claim}；台账整理不够严谨。` })
    await review(1, 1, { weaknesses: '台账整理不够严谨' })
    await review(2, 1, { weaknesses: '该单位一名干部疑似违规收受礼品' })
    await t.api.vetoes.mark({
      meetingId: meetingId(),
      reviewerId: seed.reviewers[2].id,
      unitId: seed.units[1].id,
      vetoItemId: seed.rubric.vetoItems[0].id,
      marked: true,
      reason: '该单位一名干部疑似违规收受礼品。请会务组核实',
    })
    expect((await opinionOf(1)).draft).toBe(`存在不足：${claim}；台账整理不够严谨；该单位一名干部疑似违规收受礼品。`)

    await t.api.vetoes.decide({ meetingId: meetingId(), unitId: seed.units[1].id, decision: 'not_established', reason: '经核实，系他人冒名举报' })
    expect((await opinionOf(1)).draft).toBe('存在不足：台账整理不够严谨。')
    const printed = (await opinionsSection()).blocks.map((b) => b.text).join('')
    expect(printed).not.toContain('收受礼品')
    expect(printed).not.toContain('严重违纪违法')
  })

  it('leaves out the comments of a reviewer recused from the unit', async () => {
    await review(0, 2, { strengths: '统计数据质量高' })
    await review(1, 2, { strengths: '曾在该单位工作时推动的项目成效好' })
    await t.api.recusals.set({ meetingId: meetingId(), reviewerId: seed.reviewers[1].id, unitId: seed.units[2].id, recused: true, reason: '曾在该单位工作' })
    expect((await opinionOf(2)).draft).toBe('主要亮点：统计数据质量高。')
  })
})

describe('评审意见 edited by the organizer', () => {
  it('saves the text, reads it back, prints it in the minutes, and 恢复自动汇总 brings the draft back', async () => {
    await review(0, 0, { strengths: '台账完整' })
    const text = '主要亮点：品牌特色鲜明，"数联先锋"叫得响\n改进建议：进一步总结经验'
    const saved = await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: `  ${text}  ` })
    expect(saved).toMatchObject({ unitId: seed.units[0].id, text, draft: '主要亮点：台账完整。', edited: true })
    expect(saved.updatedAt).not.toBeNull()
    expect(await opinionOf(0)).toEqual(saved)
    const blocks = (await opinionsSection()).blocks.map((b) => b.text)
    expect(blocks).toEqual(['（一）市数据资源局数据共享处党支部', '主要亮点：品牌特色鲜明，“数联先锋”叫得响。', '改进建议：进一步总结经验。'])

    expect(saved.draftChanged).toBe(false)

    // A later comment changes the draft, never the edited text; the organizer is told to compare.
    await review(1, 0, { strengths: '群众满意度高' })
    expect(await opinionOf(0)).toMatchObject({ text, draft: '主要亮点：台账完整；群众满意度高。', edited: true, draftChanged: true })
    const { warnings } = await t.api.minutes.preview({ meetingId: meetingId() })
    expect(warnings).toContain('1个单位的评审意见修改后，评委意见又有变化（市数据资源局数据共享处党支部），请在“各单位评审意见”中核对')
    // Saving again means the organizer has seen the new draft.
    expect((await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text })).draftChanged).toBe(false)
    expect((await t.api.minutes.preview({ meetingId: meetingId() })).warnings.join('')).not.toContain('评委意见又有变化')

    const reset = await t.api.opinions.reset({ meetingId: meetingId(), unitId: seed.units[0].id })
    expect(reset).toMatchObject({ text: reset.draft, edited: false, draftChanged: false, updatedAt: null })
    expect(t.core.context.db.prepare('SELECT count(*) AS n FROM unit_opinions').get()).toEqual({ n: 0 })
  })

  it('an empty text on purpose prints no opinion for the unit, but keeps the recorder’s notes about it', async () => {
    await review(0, 0, { strengths: '台账完整' })
    await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: '' })
    expect(await opinionOf(0)).toMatchObject({ text: '', edited: true })
    expect((await opinionsSection()).blocks.map((b) => b.text).join('')).not.toContain('台账完整')
    await t.api.notes.save({ meetingId: meetingId(), fields: { speaker: '周明远', unitId: seed.units[0].id, keyPoints: '汇报重点突出' } })
    expect((await opinionsSection()).blocks.map((b) => b.text)).toEqual(['（一）市数据资源局数据共享处党支部', '周明远指出：汇报重点突出。'])
  })

  it('saving again updates the one row; deleting the unit deletes its opinion', async () => {
    await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: '第一稿' })
    await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: '第二稿' })
    expect(t.core.context.db.prepare('SELECT text FROM unit_opinions').all()).toEqual([{ text: '第二稿' }])
    await t.api.units.delete({ meetingId: meetingId(), id: seed.units[0].id })
    expect(t.core.context.db.prepare('SELECT count(*) AS n FROM unit_opinions').get()).toEqual({ n: 0 })
  })
})

describe('评审意见 bad input changes nothing', () => {
  it('refuses a text over 2000 characters', async () => {
    await t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: '原有意见' })
    await expectRejected(
      () => t.api.opinions.save({ meetingId: meetingId(), unitId: seed.units[0].id, text: '长'.repeat(2001) }),
      'VALIDATION',
      '评审意见不能超过 2000 个字',
    )
  })

  it('refuses an unknown meeting, an unknown unit and a unit of another meeting', async () => {
    const other = await t.api.meetings.create({ title: '另一个会议', date: '2024-12-19' })
    const stranger = await t.api.units.create({ meetingId: other.id, fields: { name: '别的单位', category: '处室' } })
    await t.api.opinions.save({ meetingId: other.id, unitId: stranger.id, text: '别的会议的意见' })
    const missing = crypto.randomUUID()
    await expectRejected(() => t.api.opinions.save({ meetingId: missing, unitId: seed.units[0].id, text: '意见' }), 'NOT_FOUND', '会议不存在或已被删除')
    await expectRejected(() => t.api.opinions.save({ meetingId: meetingId(), unitId: missing, text: '意见' }), 'NOT_FOUND', '参评单位不存在或已被删除')
    await expectRejected(() => t.api.opinions.save({ meetingId: meetingId(), unitId: stranger.id, text: '意见' }), 'NOT_FOUND', '参评单位不存在或已被删除')
    await expectRejected(() => t.api.opinions.reset({ meetingId: meetingId(), unitId: stranger.id }), 'NOT_FOUND', '参评单位不存在或已被删除')
    await expectRejected(() => t.api.opinions.list({ meetingId: missing }), 'NOT_FOUND', '会议不存在或已被删除')
  })
})
