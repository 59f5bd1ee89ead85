/**
 * Characters XML 1.0 forbids would make every .docx/.xlsx holding them unreadable: the API refuses
 * them in every text field, naming the field and the character, and saves nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { findForbiddenChar, stripForbiddenChars } from '../../src-main/shared/text-rules'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected as rejectedWithoutChange } from '../helpers/expect-rejected'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
})
afterEach(() => t.dispose())

const expectRejected = (call: () => Promise<unknown>, message: string) => rejectedWithoutChange(t.core.context.db, call, 'VALIDATION', message)

describe('the text rule', () => {
  it('names the first forbidden character and leaves allowed text alone', () => {
    expect(findForbiddenChar('评审\uFFFE会')).toBe('U+FFFE')
    expect(findForbiddenChar('评审\uFFFF')).toBe('U+FFFF')
    expect(findForbiddenChar('a\u0001b')).toBe('U+0001')
    expect(findForbiddenChar('half \uD83D emoji')).toBe('U+D83D')
    expect(findForbiddenChar('\uDE00 tail')).toBe('U+DE00')
    // Tab and line breaks, a whole emoji, CJK extension B and U+FFFD are ordinary text.
    expect(findForbiddenChar('第一行\r\n\t第二行 😀 𠀀 \uFFFD')).toBeNull()
    expect(stripForbiddenChars('青岚\uFFFE市\u0000😀\uD83D')).toBe('青岚市😀')
  })
})

describe('the API refuses forbidden characters in any text field', () => {
  it('a meeting title', () =>
    expectRejected(() => t.api.meetings.create({ title: '青岚市评审会\uFFFE', date: '2024-12-18' }), '输入有误：“会议名称”含有不能保存的字符 U+FFFE'))

  it('a meeting title on update, U+FFFF', () =>
    expectRejected(
      () => t.api.meetings.update({ meetingId: seed.meeting.id, fields: { title: '测试\uFFFF评审会', date: '2024-12-18' } }),
      '“会议名称”含有不能保存的字符 U+FFFF',
    ))

  it('a unit name and a unit contact', async () => {
    await expectRejected(() => t.api.units.create({ meetingId: seed.meeting.id, fields: { name: '市统计局\uFFFE', category: '处室' } }), '“单位名称”含有不能保存的字符 U+FFFE')
    await expectRejected(
      () => t.api.units.create({ meetingId: seed.meeting.id, fields: { name: '市统计局', category: '处室', contact: '王\u0007五' } }),
      '“联系人”含有不能保存的字符 U+0007',
    )
  })

  it('a reviewer name, with a lone surrogate (half an emoji)', () =>
    expectRejected(() => t.api.reviewers.create({ meetingId: seed.meeting.id, fields: { name: '周明远\uD83D' } }), '“评委姓名”含有不能保存的字符 U+D83D'))

  it('an item name deep inside the rubric', () =>
    expectRejected(
      () =>
        t.api.rubric.save({
          meetingId: seed.meeting.id,
          rubric: { basePoints: 10, bonusMaxPoints: 0, criteria: [{ name: '做政治坚定的模范', maxPoints: 10, items: [{ name: '理论\u001b武装', maxPoints: 10, step: 1 }] }], vetoItems: [] },
        }),
      '“二级指标名称”含有不能保存的字符 U+001B',
    ))

  it('a comment on a score sheet and a name in the minutes attendance list', async () => {
    const sheet = { meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id }
    await expectRejected(() => t.api.reviews.save({ ...sheet, strengths: '亮点突出\uFFFE' }), '“亮点”含有不能保存的字符 U+FFFE')
    const settings = await t.api.minutes.getSettings({ meetingId: seed.meeting.id })
    await expectRejected(() => t.api.minutes.saveSettings({ meetingId: seed.meeting.id, settings: { ...settings, attendees: ['周明远', '林\uFFFF静怡'] } }), '“出席名单”含有不能保存的字符 U+FFFF')
  })

  it('keeps accepting tabs, line breaks and emoji', async () => {
    const sheet = { meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id }
    const saved = await t.api.reviews.save({ ...sheet, strengths: '一、学习扎实\r\n二、\t台账规范 👍' })
    expect(saved.strengths).toBe('一、学习扎实\r\n二、\t台账规范 👍')
  })
})
