/** The recorder's notes and the minutes settings through the dispatcher, on a real SQLite file. */
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

describe('notes', () => {
  it('creates notes in order, updates one in place, reorders and deletes', async () => {
    const a = await t.api.notes.save({ meetingId: meetingId(), fields: { speaker: '刘建华', keyPoints: '宣布评审纪律和回避规定' } })
    const b = await t.api.notes.save({
      meetingId: meetingId(),
      fields: { speaker: '周明远', unitId: seed.units[0].id, keyPoints: '数据共享特色鲜明', decisions: '推荐该单位经验' },
    })
    expect([a.seq, b.seq]).toEqual([1, 2])
    expect(b).toMatchObject({ unitId: seed.units[0].id, decisions: '推荐该单位经验' })

    const edited = await t.api.notes.save({ meetingId: meetingId(), id: a.id, fields: { speaker: '刘建华', keyPoints: '宣布评审纪律', decisions: '' } })
    expect(edited).toMatchObject({ id: a.id, seq: 1, keyPoints: '宣布评审纪律', unitId: null })

    const reordered = await t.api.notes.reorder({ meetingId: meetingId(), ids: [b.id, a.id] })
    expect(reordered.map((n) => n.id)).toEqual([b.id, a.id])
    await t.api.notes.delete({ meetingId: meetingId(), id: b.id })
    expect((await t.api.notes.list({ meetingId: meetingId() })).map((n) => n.id)).toEqual([a.id])
  })

  it('keeps a note when its unit is deleted, as a general note', async () => {
    const note = await t.api.notes.save({ meetingId: meetingId(), fields: { unitId: seed.units[2].id, keyPoints: '材料齐全' } })
    await t.api.units.delete({ meetingId: meetingId(), id: seed.units[2].id })
    expect((await t.api.notes.list({ meetingId: meetingId() }))[0]).toMatchObject({ id: note.id, unitId: null })
  })

  it('puts the notes into the minutes preview', async () => {
    await t.api.notes.save({ meetingId: meetingId(), fields: { speaker: '林静怡', unitId: seed.units[0].id, keyPoints: '品牌特色鲜明' } })
    const outline = await t.api.minutes.preview({ meetingId: meetingId() })
    const opinions = outline.sections.find((s) => s.heading.endsWith('评审意见'))!
    expect(opinions.blocks.map((b) => b.text)).toContain('林静怡指出：品牌特色鲜明。')
  })

  it('refuses a note with neither key points nor decisions', () =>
    expectRejected(() => t.api.notes.save({ meetingId: meetingId(), fields: { speaker: '刘建华', keyPoints: '  ' } }), 'VALIDATION', '发言要点和会议决定不能都为空'))

  it('refuses a speaker name that is too long', () =>
    expectRejected(
      () => t.api.notes.save({ meetingId: meetingId(), fields: { speaker: '长'.repeat(51), keyPoints: '发言' } }),
      'VALIDATION',
      '发言人不能超过 50 个字',
    ))

  it('refuses a unit of another meeting', async () => {
    const other = await t.api.meetings.create({ title: '另一个会议', date: '2024-12-19' })
    const stranger = await t.api.units.create({ meetingId: other.id, fields: { name: '别的单位', category: '处室' } })
    await expectRejected(
      () => t.api.notes.save({ meetingId: meetingId(), fields: { unitId: stranger.id, keyPoints: '发言' } }),
      'NOT_FOUND',
      '记录所涉及的参评单位不存在或不属于本会议',
    )
  })

  it('refuses to update, delete or reorder notes that are not there', async () => {
    const note = await t.api.notes.save({ meetingId: meetingId(), fields: { keyPoints: '发言' } })
    const missing = crypto.randomUUID()
    await expectRejected(() => t.api.notes.save({ meetingId: meetingId(), id: missing, fields: { keyPoints: '改' } }), 'NOT_FOUND', '会议记录不存在或已被删除')
    await expectRejected(() => t.api.notes.delete({ meetingId: meetingId(), id: missing }), 'NOT_FOUND', '会议记录不存在或已被删除')
    await expectRejected(() => t.api.notes.reorder({ meetingId: meetingId(), ids: [note.id, missing] }), 'VALIDATION', '排序必须恰好包含本会议的全部会议记录，各一次')
    await expectRejected(() => t.api.notes.list({ meetingId: missing }), 'NOT_FOUND', '会议不存在或已被删除')
  })
})

describe('minutes settings', () => {
  const valid = () => ({
    title: '测试评审会纪要',
    issuingBody: '中共青岚市直属机关工作委员会',
    issueDate: '2024-12-20',
    attendees: ['周明远', '林静怡'],
    observers: ['刘建华'],
    absentees: ['陈卫国'],
    recorder: '王小雨',
    overallOpinion: '各单位准备充分。',
    otherMatters: '请各单位抓好整改。',
    recommendedWording: '建议推荐以下单位：',
    recommendedBands: ['优秀', '良好'],
    scorer: '王小雨',
    checker: '李四',
    markInternal: false,
  })

  it('derives defaults from the meeting until saved', async () => {
    const settings = await t.api.minutes.getSettings({ meetingId: meetingId() })
    expect(settings).toMatchObject({
      title: '测试评审会纪要',
      issueDate: '2024-12-18',
      attendees: ['周明远', '林静怡', '陈卫国'],
      recommendedBands: ['优秀'],
      markInternal: true,
      saved: false,
      updatedAt: null,
    })
  })

  it('saves and reads back every field', async () => {
    const saved = await t.api.minutes.saveSettings({ meetingId: meetingId(), settings: valid() })
    expect(saved).toMatchObject({ ...valid(), saved: true })
    expect(await t.api.minutes.getSettings({ meetingId: meetingId() })).toEqual(saved)
    const again = await t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), title: '新标题\n第二行' } })
    expect(again.title).toBe('新标题\n第二行')
    expect(t.core.context.db.prepare('SELECT count(*) AS n FROM minutes_settings').get()).toEqual({ n: 1 })
  })

  it('refuses a band the rules do not have', () =>
    expectRejected(
      () => t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), recommendedBands: ['特等'] } }),
      'VALIDATION',
      '推荐等次“特等”不在本会议的等次设置中（现有：优秀、良好、合格、不合格）',
    ))

  it('refuses the same name twice in a list', () =>
    expectRejected(
      () => t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), attendees: ['周明远', '周明远'] } }),
      'VALIDATION',
      '出席名单中有重复的姓名',
    ))

  it('refuses an empty title, an empty name and a malformed date', async () => {
    await expectRejected(() => t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), title: ' ' } }), 'VALIDATION', '纪要标题不能为空')
    await expectRejected(() => t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), observers: [''] } }), 'VALIDATION', '姓名不能为空')
    await expectRejected(
      () => t.api.minutes.saveSettings({ meetingId: meetingId(), settings: { ...valid(), issueDate: '2024-12-32' } }),
      'VALIDATION',
      '日期格式应为 YYYY-MM-DD',
    )
  })

  it('refuses settings for a meeting that does not exist', () =>
    expectRejected(() => t.api.minutes.saveSettings({ meetingId: crypto.randomUUID(), settings: valid() }), 'NOT_FOUND', '会议不存在或已被删除'))
})
