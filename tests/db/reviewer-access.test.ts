/**
 * Reviewer mode's PINs on a real SQLite file: entering needs the organizer PIN to exist and the
 * reviewer's own PIN; leaving needs the organizer PIN; 5 wrong PINs in a row mean a 30 s wait; the
 * mode survives closing and reopening the core; no PIN is ever stored or returned as typed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCore } from '../../src-main/core/app'
import { createApiClient } from '../../src-main/shared/client'
import { verifyPin } from '../../src-main/core/access/pin-hash'
import { makeTestCore, repoRoot, seedSmallMeeting, type TestCore } from '../helpers/core'
import { expectRejected } from '../helpers/expect-rejected'
import { ORGANIZER_PIN, REVIEWER_PIN, enterAsReviewer } from '../helpers/reviewer-mode'
import { join } from 'node:path'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
let meetingId: string
let reviewerId: string
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  reviewerId = seed.reviewers[1].id
})
afterEach(() => {
  vi.useRealTimers()
  t.dispose()
})

const db = () => t.core.context.db
const enter = (pin: string, who = reviewerId) => t.api.access.enterReviewer({ meetingId, reviewerId: who, pin })
const leave = (organizerPin: string) => t.api.access.leaveReviewer({ organizerPin })

describe('PINs', () => {
  it('stores only salted scrypt hashes and tells only whether a PIN is set', async () => {
    expect(await t.api.access.state({})).toEqual({ mode: 'organizer', organizerPinSet: false })
    expect(await t.api.access.reviewerPins({ meetingId })).toEqual(seed.reviewers.map((r) => ({ reviewerId: r.id, pinSet: false })))
    await t.api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
    await t.api.access.setReviewerPin({ meetingId, reviewerId, pin: REVIEWER_PIN })
    await t.api.access.setReviewerPin({ meetingId, reviewerId: seed.reviewers[2].id, pin: REVIEWER_PIN })
    expect(await t.api.access.state({})).toEqual({ mode: 'organizer', organizerPinSet: true })
    expect((await t.api.access.reviewerPins({ meetingId })).map((s) => s.pinSet)).toEqual([false, true, true])

    const hashes = db().prepare('SELECT hash FROM reviewer_pins UNION ALL SELECT hash FROM app_secrets').pluck().all() as string[]
    expect(hashes).toHaveLength(3)
    for (const hash of hashes) expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    // Same PIN, two reviewers: different salts, so different hashes.
    expect(hashes[0]).not.toBe(hashes[1])
    expect(await verifyPin(REVIEWER_PIN, hashes[0])).toBe(true)
    expect(await verifyPin('1358', hashes[0])).toBe(false)

    await t.api.access.setReviewerPin({ meetingId, reviewerId, pin: null })
    expect((await t.api.access.reviewerPins({ meetingId })).map((s) => s.pinSet)).toEqual([false, false, true])
  })

  it('changing the organizer PIN needs the current one', async () => {
    await t.api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
    await expectRejected(db(), () => t.api.access.setOrganizerPin({ newPin: '9999' }), 'FORBIDDEN', '修改会务组 PIN 须先输入原 PIN')
    await expectRejected(db(), () => t.api.access.setOrganizerPin({ currentPin: '1111', newPin: '9999' }), 'FORBIDDEN', /^原会务组 PIN 不正确/)
    await t.api.access.setOrganizerPin({ currentPin: ORGANIZER_PIN, newPin: '9999' })
    await enterAsReviewer(t.api, meetingId, reviewerId)
    await expectRejected(db(), () => leave(ORGANIZER_PIN), 'FORBIDDEN', /^会务组 PIN 不正确/)
    expect((await leave('9999')).mode).toBe('organizer')
  })

  it('a reviewer PIN is set only for a reviewer of that meeting, and must be 4–12 digits', async () => {
    const other = await t.api.meetings.create({ title: '另一个评审会', date: '2024-12-19' })
    await expectRejected(db(), () => t.api.access.setReviewerPin({ meetingId: other.id, reviewerId, pin: '1234' }), 'NOT_FOUND', '评委不存在或已被删除')
    await expectRejected(db(), () => t.api.access.setReviewerPin({ meetingId, reviewerId, pin: '12a4' }), 'VALIDATION', /PIN 应为 4–12 位数字/)
  })
})

describe('entering reviewer mode', () => {
  it('needs the organizer PIN set first (leaving needs it), then the reviewer\'s own PIN set and typed right', async () => {
    await t.api.access.setReviewerPin({ meetingId, reviewerId, pin: REVIEWER_PIN })
    await expectRejected(db(), () => enter(REVIEWER_PIN), 'FORBIDDEN', '请先设置会务组 PIN：退出评委模式要用它')
    await t.api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
    await expectRejected(db(), () => enter(REVIEWER_PIN, seed.reviewers[0].id), 'FORBIDDEN', '评委“周明远”尚未设置 PIN，请会务组在“评委与回避”中设置')
    await expectRejected(db(), () => enter('0000'), 'FORBIDDEN', '评委“林静怡”的 PIN 不正确（还可再试 4 次）')
    // Another reviewer's PIN does not open this reviewer's workspace.
    await t.api.access.setReviewerPin({ meetingId, reviewerId: seed.reviewers[2].id, pin: '8642' })
    await expectRejected(db(), () => enter('8642'), 'FORBIDDEN', /^评委“林静怡”的 PIN 不正确/)

    const state = await enter(REVIEWER_PIN)
    expect(state).toMatchObject({ mode: 'reviewer', organizerPinSet: true, meetingId, meetingName: '测试评审会', reviewerId, reviewerName: '林静怡', canLeave: true })
    expect(await t.api.access.state({})).toEqual(state)
  })

  it('refuses a reviewer of another meeting', async () => {
    const other = await t.api.meetings.create({ title: '另一个评审会', date: '2024-12-19' })
    await t.api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
    await t.api.access.setReviewerPin({ meetingId, reviewerId, pin: REVIEWER_PIN })
    await expectRejected(db(), () => t.api.access.enterReviewer({ meetingId: other.id, reviewerId, pin: REVIEWER_PIN }), 'NOT_FOUND', '评委不存在或已被删除')
  })
})

describe('leaving reviewer mode', () => {
  beforeEach(() => enterAsReviewer(t.api, meetingId, reviewerId))

  it('needs the organizer PIN; the reviewer PIN does not do', async () => {
    await expectRejected(db(), () => leave(REVIEWER_PIN), 'FORBIDDEN', '会务组 PIN 不正确（还可再试 4 次）')
    expect((await t.api.access.state({})).mode).toBe('reviewer')
    expect(await leave(ORGANIZER_PIN)).toEqual({ mode: 'organizer', organizerPinSet: true })
    // A second window leaving after the first: nothing to do, no PIN asked.
    expect(await leave('')).toEqual({ mode: 'organizer', organizerPinSet: true })
  })

  it('after 5 wrong PINs in a row waits 30 s, even for the right PIN, and says how long', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2024-12-18T09:00:00Z'))
    for (let i = 1; i <= 4; i++) await expectRejected(db(), () => leave('0000'), 'FORBIDDEN', `会务组 PIN 不正确（还可再试 ${5 - i} 次）`)
    await expectRejected(db(), () => leave('0000'), 'FORBIDDEN', '会务组 PIN 不正确；PIN 连续输错 5 次，请 30 秒后再试')
    vi.setSystemTime(new Date('2024-12-18T09:00:12Z'))
    await expectRejected(db(), () => leave(ORGANIZER_PIN), 'FORBIDDEN', 'PIN 连续输错 5 次，请 18 秒后再试')
    vi.setSystemTime(new Date('2024-12-18T09:00:30Z'))
    expect((await leave(ORGANIZER_PIN)).mode).toBe('organizer')
  })

  it('a right PIN resets the count of wrong ones', async () => {
    for (let i = 0; i < 4; i++) await leave('0000').catch(() => undefined)
    await leave(ORGANIZER_PIN)
    await enterAsReviewer(t.api, meetingId, reviewerId)
    await expectRejected(db(), () => leave('0000'), 'FORBIDDEN', '会务组 PIN 不正确（还可再试 4 次）')
  })

  it('a workspace made from a package cannot be left, whatever the PIN', async () => {
    db().prepare('UPDATE access_mode SET can_leave = 0').run()
    expect(await t.api.access.state({})).toMatchObject({ mode: 'reviewer', canLeave: false })
    await expectRejected(db(), () => leave(ORGANIZER_PIN), 'FORBIDDEN', /评审包生成的评委工作区.*不能退出评委模式/)
  })
})

describe('the mode lives in the data folder', () => {
  it('survives closing and reopening the core: still that reviewer, still refused the rest', async () => {
    await enterAsReviewer(t.api, meetingId, reviewerId)
    t.core.close()
    const reopened = createCore({ dataDir: t.dataDir, resourcesDir: join(repoRoot, 'resources'), appVersion: '0.0.0-test' })
    const api = createApiClient(reopened.dispatch)
    expect(await api.access.state({})).toMatchObject({ mode: 'reviewer', meetingId, reviewerId, reviewerName: '林静怡' })
    await expectRejected(reopened.context.db, () => api.results.compute({ meetingId }), 'FORBIDDEN', '评委模式下不能查看评审结果和其他评委的评分')
    expect((await api.access.leaveReviewer({ organizerPin: ORGANIZER_PIN })).mode).toBe('organizer')
    reopened.close()
  })
})
