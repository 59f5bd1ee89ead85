/**
 * 评审意见常用语 through the dispatcher, on a real SQLite file: the app's defaults until the organizer
 * saves, the saved lists (order kept, repeats dropped) after a reopen, and limits refused in Chinese
 * without changing anything.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createApiClient } from '../../src-main/shared/client'
import { createCore } from '../../src-main/core/app'
import { DEFAULT_COMMENT_PHRASES } from '../../src-main/shared/comment-phrase-defaults'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected as rejectedWithoutChange } from '../helpers/expect-rejected'

let t: TestCore
let meetingId: string
beforeEach(async () => {
  t = makeTestCore()
  meetingId = (await seedSmallMeeting(t.api)).meeting.id
})
afterEach(() => t.dispose())

const expectRejected = (call: () => Promise<unknown>, code: string, message: string | RegExp) =>
  rejectedWithoutChange(t.core.context.db, call, code, message)
const mine = { strengths: ['台账规范', '品牌鲜明'], weaknesses: ['融合不够'], suggestions: [] as string[] }

describe('评审意见常用语', () => {
  it('offers the app defaults (6–8 per part) until the organizer saves a list', async () => {
    const list = await t.api.phrases.get({ meetingId })
    expect(list).toEqual({ ...DEFAULT_COMMENT_PHRASES, saved: false })
    for (const part of [list.strengths, list.weaknesses, list.suggestions]) {
      expect(part.length).toBeGreaterThanOrEqual(6)
      expect(part.length).toBeLessThanOrEqual(8)
      expect(new Set(part).size).toBe(part.length)
    }
    // Another meeting's saved list does not replace this meeting's defaults.
    const other = await t.api.meetings.create({ title: '另一次评审会', date: '2024-12-19' })
    await t.api.phrases.save({ meetingId: other.id, phrases: mine })
    expect((await t.api.phrases.get({ meetingId })).saved).toBe(false)
  })

  it('saves the lists in order, trimmed, each phrase once per part, and reads them back after a reopen', async () => {
    const saved = await t.api.phrases.save({
      meetingId,
      phrases: {
        strengths: ['  品牌鲜明 ', '台账规范', '品牌鲜明', '服务群众满意度高'],
        weaknesses: ['融合不够', '融合不够'],
        // The same text in two parts is two phrases: only repeats within a part are dropped.
        suggestions: ['融合不够'],
      },
    })
    const expected = { strengths: ['品牌鲜明', '台账规范', '服务群众满意度高'], weaknesses: ['融合不够'], suggestions: ['融合不够'], saved: true }
    expect(saved).toEqual(expected)

    t.core.close()
    const { dataDir } = t
    t = { ...t, dispose: () => rmSync(dataDir, { recursive: true, force: true }) }
    const reopened = createCore({ dataDir: t.dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
    try {
      expect(await createApiClient(reopened.dispatch).phrases.get({ meetingId })).toEqual(expected)
    } finally {
      reopened.close()
    }
  })

  it('keeps an empty saved list empty (the organizer switched a part off), and a later save replaces the lists', async () => {
    await t.api.phrases.save({ meetingId, phrases: { strengths: [], weaknesses: [], suggestions: [] } })
    expect(await t.api.phrases.get({ meetingId })).toEqual({ strengths: [], weaknesses: [], suggestions: [], saved: true })
    await t.api.phrases.save({ meetingId, phrases: { ...mine, strengths: ['品牌鲜明', '台账规范'] } })
    expect(await t.api.phrases.get({ meetingId })).toEqual({ ...mine, strengths: ['品牌鲜明', '台账规范'], saved: true })
  })

  it('goes with its meeting', async () => {
    await t.api.phrases.save({ meetingId, phrases: mine })
    await t.api.meetings.delete({ meetingId })
    const db = t.core.context.db
    expect(db.prepare('SELECT count(*) AS n FROM comment_phrases').get()).toEqual({ n: 0 })
    expect(db.prepare('SELECT count(*) AS n FROM comment_phrase_lists').get()).toEqual({ n: 0 })
  })
})

describe('limits, refused in Chinese with nothing changed', () => {
  beforeEach(() => t.api.phrases.save({ meetingId, phrases: mine }))
  const save = (phrases: Partial<typeof mine>) => () => t.api.phrases.save({ meetingId, phrases: { ...mine, ...phrases } })

  it('an empty phrase', () => expectRejected(save({ weaknesses: ['融合不够', '   '] }), 'VALIDATION', '输入有误：“不足”常用语不能为空'))
  it('a phrase over 200 characters', () =>
    expectRejected(save({ suggestions: ['建'.repeat(201)] }), 'VALIDATION', '输入有误：“建议”常用语每条不能超过 200 个字'))
  it('more than 50 phrases in a part', () =>
    expectRejected(save({ strengths: Array.from({ length: 51 }, (_, i) => `亮点${i + 1}`) }), 'VALIDATION', '输入有误：“亮点”常用语不能超过 50 条'))
  it('a character no document can hold', () => expectRejected(save({ strengths: ['台账\uFFFE规范'] }), 'VALIDATION', '输入有误：“亮点常用语”含有不能保存的字符 U+FFFE'))
  it('an unknown meeting', () =>
    expectRejected(() => t.api.phrases.save({ meetingId: crypto.randomUUID(), phrases: mine }), 'NOT_FOUND', '会议不存在或已被删除'))
  it('and the saved lists are still the ones read back', async () => {
    await save({ strengths: [''] })().catch(() => {})
    expect(await t.api.phrases.get({ meetingId })).toEqual({ ...mine, saved: true })
  })
})
