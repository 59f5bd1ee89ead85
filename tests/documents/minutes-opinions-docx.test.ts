/**
 * The demo meeting from the database to the minutes .docx: the organizer's edited 评审意见 is what the
 * file prints, the draft is printed while nothing was edited (without the veto claim the organizer
 * found 核实不构成), and the veto decision says 核实不构成 once.
 */
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { makeTestCore, type TestCore } from '../helpers/core'
import { readDocx, textOf } from './docx-reader'

let t: TestCore
let demo: Meeting
beforeAll(async () => {
  t = makeTestCore()
  demo = await t.api.meetings.openDemo({})
})
afterAll(() => t.dispose())

/** The minutes text of the exported file (its first section: the attachments follow). */
async function exportedMinutesText(): Promise<string> {
  const docx = readDocx(readFileSync((await t.api.exports.minutes({ meetingId: demo.id })).path))
  return textOf(docx.document.slice(0, docx.document.indexOf('<w:sectPr>')))
}

describe('三、评审意见 in the exported minutes', () => {
  it('prints the draft while nothing is edited: no reviewer names, no dismissed veto claim', async () => {
    const results = await t.api.results.compute({ meetingId: demo.id })
    const cleared = results.units.find((u) => u.veto.status === 'not_established')!
    const opinion = (await t.api.opinions.list({ meetingId: demo.id })).find((o) => o.unitId === cleared.unitId)!
    expect(opinion.edited).toBe(false)
    const text = await exportedMinutesText()
    const section = text.slice(text.indexOf('三、评审意见'), text.indexOf('四、有关事项'))
    for (const line of opinion.draft.split('\n')) expect(section).toContain(line)
    for (const r of results.reviewers) expect(section).not.toContain(r.name)
    // The reviewer's claim ("已勾选‘申报材料弄虚作假’，请会务组核实") is not printed as a finding.
    expect(section).not.toContain('弄虚作假')
    expect(section).not.toContain('请会务组核实')
  })

  it('says 核实不构成 once for the cleared veto, with the organizer’s reason', async () => {
    const text = await exportedMinutesText()
    const outcome = text.slice(text.indexOf('二、评审结果'), text.indexOf('三、评审意见'))
    expect(outcome.split('不构成').length - 1).toBe(1)
    expect(outcome).toContain('经会务组核实不构成（会务组于评审当日调阅原始台账并与该单位核实：2024年6月主题党日活动确已开展')
  })

  it('keeps the reason of a one-sentence decision, without its own 不构成', async () => {
    const results = await t.api.results.compute({ meetingId: demo.id })
    const cleared = results.units.find((u) => u.veto.status === 'not_established')!
    const reason = cleared.veto.decisionReason
    await t.api.vetoes.decide({ meetingId: demo.id, unitId: cleared.unitId, decision: 'not_established', reason: '经核实，照片日期不一致系相机时间设置错误，不构成弄虚作假' })
    const outline = await t.api.minutes.preview({ meetingId: demo.id })
    const outcome = outline.sections.find((s) => s.heading.endsWith('评审结果'))!.blocks.map((b) => b.text).join('')
    expect(outcome).toContain('经会务组核实不构成（经核实，照片日期不一致系相机时间设置错误），该单位正常参加排名。')
    await t.api.vetoes.decide({ meetingId: demo.id, unitId: cleared.unitId, decision: 'not_established', reason })
  })

  it('prints the organizer’s edited text instead of the draft', async () => {
    const units = await t.api.units.list({ meetingId: demo.id })
    const unit = units[0]
    const before = (await t.api.opinions.list({ meetingId: demo.id })).find((o) => o.unitId === unit.id)!
    const edited = '主要亮点："数联先锋"品牌与数据共享主责主业结合紧密，成效可量化。\n改进建议：把经验做法总结成可复制的工作法'
    await t.api.opinions.save({ meetingId: demo.id, unitId: unit.id, text: edited })
    const text = await exportedMinutesText()
    expect(text).toContain('主要亮点：“数联先锋”品牌与数据共享主责主业结合紧密，成效可量化。\n改进建议：把经验做法总结成可复制的工作法。\n')
    const firstDraftLine = before.draft.split('\n')[0]
    expect(text).not.toContain(firstDraftLine)
  })
})
