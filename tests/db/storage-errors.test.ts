/**
 * Saves and exports on a full disk answer in Chinese and leave nothing half-written. SQLite's
 * `max_page_count` caps the database file, so a save meets a real SQLITE_FULL; /dev/full answers
 * every write with a real ENOSPC.
 */
import { writeFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../src-main/core/api/dispatcher'
import { handlers } from '../../src-main/core/api/handlers'
import { snapshotDatabase } from '../helpers/db-snapshot'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
afterEach(() => t?.dispose())

describe('a full disk', () => {
  it('a score save that does not fit says so in Chinese, changes nothing, and succeeds once there is room', async () => {
    t = makeTestCore()
    const { meeting, units, reviewers, items } = await seedSmallMeeting(t.api)
    const db = t.core.context.db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`) // not one page more
    const reason = '材料不全，'.repeat(100) // 500 characters: a few saves fill the free space

    let refused: { input: Record<string, unknown>; error: { code: string; message: string } } | undefined
    let before: ReturnType<typeof snapshotDatabase> | undefined
    for (const reviewer of reviewers) {
      for (const unit of units) {
        for (const item of items) {
          const input = { meetingId: meeting.id, reviewerId: reviewer.id, unitId: unit.id, itemId: item.id, value: 0, deductionReason: reason }
          before = snapshotDatabase(db)
          const result = await t.core.dispatch('scores.save', input)
          if (!result.ok) refused = { input, error: result.error }
          if (refused) break
        }
        if (refused) break
      }
      if (refused) break
    }

    expect(refused?.error.code).toBe('DISK_FULL')
    expect(refused?.error.message).toContain('磁盘空间不足，请清理磁盘或换一个数据目录')
    expect(refused?.error.message).not.toMatch(/database or disk is full|SQLITE/)
    expect(snapshotDatabase(db)).toEqual(before) // neither the score nor its history line

    db.pragma('max_page_count = 1073741823')
    expect(await t.core.dispatch('scores.save', refused!.input)).toMatchObject({ ok: true, data: { score: { value: 0 } } })
  })

  it('the demo meeting on a full disk: disk full, not "the demo file is broken", and nothing half-imported', async () => {
    t = makeTestCore()
    const db = t.core.context.db
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`)
    const before = snapshotDatabase(db)
    const result = await t.core.dispatch('meetings.openDemo', {})
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    expect(snapshotDatabase(db)).toEqual(before)
  })

  it('an export whose write meets ENOSPC says so in Chinese', async () => {
    t = makeTestCore()
    const { meeting } = await seedSmallMeeting(t.api)
    // The operation as exports run it, with the bytes going to /dev/full: the error is the kernel's own.
    const dispatch = createDispatcher(t.core.context, {
      ...handlers,
      'exports.summarySheet': async () => {
        writeFileSync('/dev/full', Buffer.alloc(64 * 1024))
        throw new Error('unreachable: /dev/full accepted the write')
      },
    })
    const result = await dispatch('exports.summarySheet', { meetingId: meeting.id })
    expect(result).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } })
    if (!result.ok) {
      expect(result.error.message).toContain('磁盘空间不足，请清理磁盘或换一个数据目录')
      expect(result.error.message).not.toMatch(/ENOSPC|no space/i)
    }
  })
})
