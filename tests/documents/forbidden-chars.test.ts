/**
 * Text stored before the text rule (or by any path around the API) may hold characters XML 1.0
 * forbids. Every export must still be well-formed XML, checked part by part with xmllint.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTestCore, seedSmallMeeting, type TestCore } from '../helpers/core'

let t: TestCore
let meetingId: string
let scratch: string
const BAD = '\uFFFE\uFFFF\u0001\uD83D'

beforeAll(async () => {
  t = makeTestCore()
  scratch = mkdtempSync(join(tmpdir(), 'onsite-xml-'))
  const seed = await seedSmallMeeting(t.api)
  meetingId = seed.meeting.id
  const sheet = { meetingId, reviewerId: seed.reviewers[0].id, unitId: seed.units[0].id }
  for (const item of seed.items) await t.api.scores.save({ ...sheet, itemId: item.id, value: item.maxPoints - 1, deductionReason: '台账不全' })
  await t.api.reviews.save({ ...sheet, bonus: 1, strengths: '学习扎实', weaknesses: '台账不全' })
  // As an older version (or a hand-edited database) could have stored them: straight into SQLite.
  const db = t.core.context.db
  db.prepare('UPDATE meetings SET title = ? WHERE id = ?').run(`青岚市评审会${BAD}`, meetingId)
  db.prepare('UPDATE units SET name = name || ? WHERE meeting_id = ?').run(BAD, meetingId)
  db.prepare('UPDATE reviewers SET name = name || ? WHERE meeting_id = ?').run(BAD, meetingId)
  db.prepare('UPDATE criteria SET name = name || ?').run(BAD)
  db.prepare('UPDATE rubric_items SET name = name || ?').run(BAD)
  db.prepare('UPDATE reviews SET strengths = strengths || ?').run(BAD)
  db.prepare('UPDATE scores SET deduction_reason = deduction_reason || ?').run(BAD)
})
afterAll(() => {
  t.dispose()
  rmSync(scratch, { recursive: true, force: true })
})

/** Every XML part of the package, each checked by xmllint (which names the part and line on failure). */
function expectWellFormed(path: string): void {
  const parts = unzipSync(new Uint8Array(readFileSync(path)))
  const xmlParts = Object.keys(parts).filter((name) => /\.(xml|rels)$/.test(name))
  expect(xmlParts.length).toBeGreaterThan(3)
  for (const name of xmlParts) {
    const file = join(scratch, name.replace(/[/[\]]/g, '_'))
    writeFileSync(file, parts[name])
    expect(() => execFileSync('xmllint', ['--noout', file], { stdio: 'pipe' }), name).not.toThrow()
  }
}

describe('exports stay well-formed with U+FFFE, U+FFFF, controls and half an emoji in the data', () => {
  it('the minutes (.docx)', async () => expectWellFormed((await t.api.exports.minutes({ meetingId })).path))
  it('the summary sheet (.docx)', async () => expectWellFormed((await t.api.exports.summarySheet({ meetingId })).path))
  it('the reviewer sheets, filled and blank (.docx)', async () => {
    expectWellFormed((await t.api.exports.reviewerSheets({ meetingId })).path)
    expectWellFormed((await t.api.exports.reviewerSheets({ meetingId, blank: true })).path)
  })
  it('the score matrix (.xlsx), with the names still there', async () => {
    const path = (await t.api.exports.scoreMatrix({ meetingId })).path
    expectWellFormed(path)
    const strings = new TextDecoder().decode(unzipSync(new Uint8Array(readFileSync(path)))['xl/sharedStrings.xml'])
    expect(strings).toContain('市数据资源局数据共享处党支部')
    expect(strings).toContain('周明远')
  })
})
