/**
 * The score history is tamper-evident: an entry edited, removed, slipped in or cut off the end by a
 * hand edit of the data file is reported at the first entry that no longer fits.
 */
import BetterSqlite3 from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { databaseFile } from '../../src-main/core/app'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let seed: Awaited<ReturnType<typeof seedSmallMeeting>>
beforeEach(async () => {
  t = makeTestCore()
  seed = await seedSmallMeeting(t.api)
  const target = { meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id, unitId: seed.units[0].id }
  // Five entries: three scores, a change with a reason, a bonus.
  for (const [i, item] of seed.items.entries()) await t.api.scores.save({ ...target, itemId: item.id, value: [6, 4, 9][i] })
  await t.api.scores.save({ ...target, itemId: seed.items[0].id, value: 5.5, deductionReason: '学习记录不全' })
  await t.api.reviews.save({ ...target, bonus: 2, bonusReason: '品牌特色鲜明' })
})
afterEach(() => t.dispose())

const seqs = () => t.core.context.db.prepare('SELECT seq FROM score_history ORDER BY seq').pluck().all() as number[]
const verify = () => t.api.system.verifyHistory({ meetingId: seed.meeting.id })

/** What someone with a SQLite tool does: a second connection that drops the append-only trigger first. */
function handEdit(sql: string, ...params: unknown[]): void {
  const db = new BetterSqlite3(databaseFile(t.dataDir))
  db.exec('DROP TRIGGER IF EXISTS score_history_append_only')
  db.prepare(sql).run(...params)
  db.close()
}

describe('the tamper-evident score history', () => {
  it('is whole after ordinary use, every entry checked', async () => {
    const [check] = await verify()
    expect(seqs().length).toBeGreaterThanOrEqual(5)
    expect(check).toMatchObject({ meetingName: '测试评审会', checked: seqs().length, unchained: 0, broken: null })
  })

  it('chains the many lines a bulk save writes at once (one per sheet) like single entries, and still names one edited by hand', async () => {
    const rows = seed.units.slice(1).flatMap((u) =>
      seed.items.map((i) => ({ reviewerId: seed.reviewers[0].id, unitId: u.id, itemId: i.id, value: 3 })),
    )
    await t.api.scores.saveBulk({ meetingId: seed.meeting.id, rows })
    await t.api.scores.save({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[1].id, unitId: seed.units[1].id, itemId: seed.items[0].id, value: 4 })
    const lines = t.core.context.db.prepare("SELECT seq FROM score_history WHERE field = 'import' ORDER BY seq").pluck().all() as number[]
    expect(lines).toHaveLength(seed.units.length - 1)
    const [whole] = await verify()
    expect(whole).toMatchObject({ checked: seqs().length, unchained: 0, broken: null })
    handEdit("UPDATE score_history SET new_value = '99 项' WHERE seq = ?", lines[1])
    const [check] = await verify()
    expect(check.broken?.seq).toBe(lines[1])
  })

  it('names the entry whose value was changed by hand', async () => {
    const target = seqs()[3]
    handEdit("UPDATE score_history SET new_value = '6' WHERE seq = ?", target)
    const [check] = await verify()
    expect(check.broken).toMatchObject({ seq: target, problem: '这条记录的内容被修改过' })
    expect(check.checked).toBe(3)
  })

  it('names the entry after one that was deleted', async () => {
    const all = seqs()
    handEdit('DELETE FROM score_history WHERE seq = ?', all[1])
    const [check] = await verify()
    expect(check.broken).toMatchObject({ seq: all[2], problem: '它之前的记录被删除、插入或调换了顺序' })
  })

  it('notices entries cut off the end', async () => {
    const all = seqs()
    handEdit('DELETE FROM score_history WHERE seq = ?', all[all.length - 1])
    const [check] = await verify()
    expect(check.broken?.problem).toBe('最后的 1 条记录被删除或改动')
  })

  it('notices an entry slipped in without a hash', async () => {
    handEdit(
      "INSERT INTO score_history (meeting_id, reviewer_id, unit_id, field, old_value, new_value, reason, at) VALUES (?, ?, ?, 'bonus', '2', '5', '', '2024-12-18T10:00:00Z')",
      seed.meeting.id,
      seed.reviewers[1].id,
      seed.units[0].id,
    )
    expect((await verify())[0].broken?.problem).toBe('这条记录没有校验值，是在记录链建立后被插入的')
  })

  it('counts entries from before the chain as unchecked, not broken, and chains what follows', async () => {
    const other = await t.api.meetings.create({ title: '旧数据会议', date: '2024-01-01' })
    handEdit(
      "INSERT INTO score_history (meeting_id, reviewer_id, unit_id, field, old_value, new_value, reason, at) VALUES (?, 'r', 'u', 'bonus', NULL, '1', '', '2024-01-01T00:00:00Z')",
      other.id,
    )
    const [check] = await t.api.system.verifyHistory({ meetingId: other.id })
    expect(check).toMatchObject({ checked: 0, unchained: 1, broken: null })
    const all = await t.api.system.verifyHistory({})
    expect(all.map((c) => c.broken)).toEqual([null, null])
  })

  it('keeps the append-only trigger: the app itself cannot rewrite an entry', () => {
    expect(() => t.core.context.db.prepare("UPDATE score_history SET reason = 'x'").run()).toThrow(/append-only/)
  })
})

describe('the score history in words (history.list)', () => {
  it('names who, which unit, what changed from what to what and why, newest first, and filters by reviewer', async () => {
    const page = await t.api.history.list({ meetingId: seed.meeting.id })
    expect(page.total).toBe(seqs().length)
    expect(page.entries[0]).toMatchObject({ who: '林静怡', unitName: '市数据资源局数据共享处党支部', what: '特色加分', oldValue: null, newValue: '2', reason: '品牌特色鲜明' })
    expect(page.entries[1]).toMatchObject({ what: '理论武装', oldValue: '6', newValue: '5.5', reason: '学习记录不全' })
    const older = await t.api.history.list({ meetingId: seed.meeting.id, before: page.entries[1].seq, limit: 2 })
    expect(older.entries.map((e) => e.what)).toEqual(['群众评价', '贯彻落实'])
    expect((await t.api.history.list({ meetingId: seed.meeting.id, reviewerId: seed.reviewers[0].id })).total).toBe(0)
  })
})
