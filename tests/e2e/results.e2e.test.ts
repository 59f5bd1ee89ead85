/**
 * The organizer's results screens in the real renderer (Chromium) against the real core over the
 * bridge: the ranked table, flags, veto decisions, the three charts, the recorder's notes, minutes
 * settings with the preview, and a real .docx export downloaded through its link.
 * Screenshots of every screen and chart go to test-results/screenshots/.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Meeting } from '../../src-main/shared/schemas/meeting'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'

let e: E2E
let demo: Meeting

beforeAll(async () => {
  e = await startE2E()
  demo = await e.api.meetings.openDemo({})
})
afterAll(async () => {
  await e?.close()
})

async function go(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
}
const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)

const shotAll = (name: string) => e.shot(name)
/** A shot of one element (a chart card) rather than the whole page. */
async function shotOf(testId: string, name: string): Promise<void> {
  await $(testId).screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })
}

describe('评审结果界面', () => {
  it('排名表：12 个单位按名次排列，显示并列说明、回避备注和偏离提示', async () => {
    await go(`/meetings/${demo.id}/info`)
    await $('tab-results').click()
    await e.page.waitForURL(/\/results$/)
    const rows = $('result-row')
    await expect.poll(() => rows.count()).toBe(12)
    const ranks = await $('rank').allTextContents()
    expect(ranks.map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])

    // The engine's own answer is what the table must show, row by row.
    const results = await e.api.results.compute({ meetingId: demo.id })
    expect(await $('unit-name').allTextContents()).toEqual(results.units.map((u) => u.unitName))
    const finals = await $('final-score').allTextContents()
    expect(finals).toEqual(results.units.map((u) => u.finalScore!.toFixed(results.rules.roundingPlaces)))

    const tied = results.units.filter((u) => u.tieNote)
    expect(tied.length).toBeGreaterThan(0)
    expect(await $('tie-note').allTextContents()).toEqual(tied.map((u) => u.tieNote))
    const remarks = (await $('remarks').allTextContents()).join('|')
    expect(remarks).toContain('回避')
    expect(remarks).toContain('核实不构成')

    // Dropped totals are struck through, recusals say so, the deviation is marked in its cell.
    expect(await $('total-dropped-high').count()).toBe(results.units.filter((u) => u.trimmed).length)
    expect(await $('total-recused').count()).toBeGreaterThan(0)
    const deviation = results.flags.find((f) => f.kind === 'deviation')!
    await expect.poll(() => $('flag-deviation').count()).toBeGreaterThan(0)
    expect(await $('flags').textContent()).toContain(deviation.message)
    expect(await $('flags').textContent()).toContain('不会自动更正')
    expect(await $('rule-text').textContent()).toBe(results.ruleText)
    await shotAll('20-results')
  })

  it('一票否决：撤销认定后须经对话框写明理由才能重新认定，结果随之重算', async () => {
    await go(`/meetings/${demo.id}/results`)
    await expect.poll(() => $('veto-not_established').count()).toBe(1)
    const unitName = (await e.api.results.compute({ meetingId: demo.id })).units.find((u) => u.veto.status === 'not_established')!.unitName

    // Back to pending, so the two decisions of a live meeting are on screen.
    await $('veto-undo-open').click()
    await $('veto-reason').fill('复核材料，重新认定')
    await $('veto-confirm').click()
    await expect.poll(() => $('veto-pending').count()).toBe(1)
    await expect.poll(() => $('provisional').count()).toBe(0)

    // A decision without a reason is refused in the dialog and nothing changes.
    await $('veto-clear-open').click()
    await expect.poll(() => $('veto-dialog').isVisible()).toBe(true)
    await $('veto-confirm').click()
    await expect.poll(() => $('veto-dialog').textContent()).toContain('请写明认定理由')
    await e.shot('21-results-veto-dialog')
    let after = await e.api.results.compute({ meetingId: demo.id })
    expect(after.units.find((u) => u.unitName === unitName)!.veto.status).toBe('pending')

    await $('veto-reason').fill('经核实，照片日期不一致系相机时间设置错误，不构成弄虚作假')
    await $('veto-confirm').click()
    await expect.poll(() => $('veto-not_established').count()).toBe(1)
    after = await e.api.results.compute({ meetingId: demo.id })
    const unit = after.units.find((u) => u.unitName === unitName)!
    expect(unit.veto.status).toBe('not_established')
    expect(unit.veto.decisionReason).toBe('经核实，照片日期不一致系相机时间设置错误，不构成弄虚作假')
    expect(await $('vetoes').textContent()).toContain('相机时间设置错误')
  })

  it('图表：得分分布、一级指标、评委 × 单位热力图都画出来', async () => {
    await go(`/meetings/${demo.id}/results`)
    await expect.poll(() => $('chart-spread').locator('canvas').count()).toBeGreaterThan(0)
    await $('chart-spread').scrollIntoViewIfNeeded()
    await e.page.waitForTimeout(800)
    await shotOf('charts', '22-chart-spread')

    await e.page.getByRole('tab', { name: '一级指标得分' }).click()
    await expect.poll(() => $('chart-criteria').locator('canvas').count()).toBeGreaterThan(0)
    await e.page.waitForTimeout(800)
    await shotOf('charts', '23-chart-criteria')

    await e.page.getByRole('tab', { name: '评委 × 单位' }).click()
    await expect.poll(() => $('chart-heatmap').locator('canvas').count()).toBeGreaterThan(0)
    await e.page.waitForTimeout(800)
    await shotOf('charts', '24-chart-heatmap')
  })
})

describe('会议记录与纪要', () => {
  it('会议记录：键盘录入一条记录并保存，列表与数据库一致', async () => {
    await go(`/meetings/${demo.id}/results`)
    await $('tab-notes').click()
    await e.page.waitForURL(/\/notes$/)
    const before = (await e.api.notes.list({ meetingId: demo.id })).length
    // The recorder starts timing the first unit: it becomes the subject of the notes that follow.
    await $('timer-unit').click()
    await e.page.locator('.el-select-dropdown__item:visible', { hasText: '市数据资源局数据共享处党支部' }).click()
    await $('note-speaker').fill('周明远（组长）')
    await $('note-speaker').press('Escape')
    await $('note-speaker').press('Enter')
    await e.page.keyboard.type('数据共享平台支撑全市政务服务，党建品牌“数联先锋”特色鲜明。')
    await $('note-decisions').fill('同意按评分结果排序，建议进一步规范党建台账。')
    await expect.poll(() => $('note-state').textContent()).toContain('未保存')
    await e.page.keyboard.press('Control+Enter')
    await expect.poll(() => $('note-item').count()).toBe(before + 1)
    await expect.poll(() => $('note-state').textContent()).toContain('已保存')
    const notes = await e.api.notes.list({ meetingId: demo.id })
    const saved = notes[notes.length - 1]
    expect(saved.speaker).toBe('周明远（组长）')
    expect(saved.keyPoints).toBe('数据共享平台支撑全市政务服务，党建品牌“数联先锋”特色鲜明。')
    expect(saved.decisions).toBe('同意按评分结果排序，建议进一步规范党建台账。')
    // The timed unit fills in the note's unit.
    const units = await e.api.units.list({ meetingId: demo.id })
    expect(saved.unitId).toBe(units.find((u) => u.name === '市数据资源局数据共享处党支部')!.id)
    expect(await $('note-list').textContent()).toContain('数联先锋')

    // An empty note is refused before any round trip.
    await $('note-save').click()
    await expect.poll(() => e.page.getByText('发言要点和会议决定不能都为空').isVisible()).toBe(true)
    expect((await e.api.notes.list({ meetingId: demo.id })).length).toBe(before + 1)

    // A second note, moved above the first: the order is the database's order.
    await $('note-keypoints').fill('主持人宣布评审纪律和回避规定，评委逐一声明与参评单位无利害关系。')
    await $('note-keypoints').press('Control+Enter')
    await expect.poll(() => $('note-item').count()).toBe(before + 2)
    await $('note-item').last().locator('[data-test="move-up"]').click()
    await expect.poll(async () => (await e.api.notes.list({ meetingId: demo.id })).at(-1)?.speaker).toBe('周明远（组长）')
    await expect.poll(() => $('note-item').last().textContent()).toContain('数联先锋')
    await shotAll('25-notes')

    // Deleting asks nothing; 撤销 puts the note back in its place with all its fields.
    const listed = await e.api.notes.list({ meetingId: demo.id })
    await $('note-item').nth(before).locator('[data-test="note-delete"]').click()
    await expect.poll(() => $('note-item').count()).toBe(before + 1)
    expect(await $('note-list').textContent()).not.toContain('评委逐一声明')
    await shotAll('25-note-deleted-undo')
    await $('undo').click()
    await expect.poll(() => $('note-item').count()).toBe(before + 2)
    expect(await $('note-item').nth(before).textContent()).toContain('评委逐一声明')
    const fields = (n: (typeof listed)[number]) => [n.id, n.seq, n.speaker, n.unitId, n.keyPoints, n.decisions]
    expect((await e.api.notes.list({ meetingId: demo.id })).map(fields)).toEqual(listed.map(fields))
  })

  it('纪要：保存设置后预览更新；导出纪要并通过链接下载 .docx', async () => {
    await go(`/meetings/${demo.id}/notes`)
    await $('tab-minutes').click()
    await e.page.waitForURL(/\/minutes$/)
    await expect.poll(() => $('minutes-preview').isVisible()).toBe(true)
    expect(await $('minutes-preview').textContent()).toContain('评审结果')

    const opinion = '评审组认为，各参评单位创建工作扎实，特色品牌亮点纷呈'
    await $('minutes-opinion').fill(opinion)
    await $('minutes-scorer').fill('王小雨')
    await $('minutes-save').click()
    await expect.poll(() => $('minutes-preview').textContent()).toContain(opinion)
    const settings = await e.api.minutes.getSettings({ meetingId: demo.id })
    expect(settings.saved).toBe(true)
    expect(settings.overallOpinion).toBe(opinion)
    expect(settings.scorer).toBe('王小雨')
    await shotAll('26-minutes')

    await $('export-minutes-run').click()
    const link = $('export-minutes').locator('[data-test="export-link"]')
    await expect.poll(() => link.count(), { timeout: 60_000 }).toBe(1)
    const fileName = (await link.textContent())!.trim()
    expect(fileName).toMatch(/\.docx$/)
    const href = (await link.getAttribute('href'))!
    expect(href).toBe(`/exports/${encodeURIComponent(fileName)}`)
    const response = await e.page.request.get(`${e.baseUrl}${href}`)
    expect(response.status()).toBe(200)
    const body = await response.body()
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(body.length).toBeGreaterThan(5000)

    // The Excel matrix too: a real .xlsx (also a zip) through its own link.
    await $('export-matrix-run').click()
    const xlsx = $('export-matrix').locator('[data-test="export-link"]')
    await expect.poll(() => xlsx.count(), { timeout: 60_000 }).toBe(1)
    const xlsxBody = await (await e.page.request.get(`${e.baseUrl}${await xlsx.getAttribute('href')}`)).body()
    expect(xlsxBody.subarray(0, 2).toString('latin1')).toBe('PK')
    await shotAll('27-minutes-exported')
  })
})

describe('大型会议', () => {
  it('300 个单位：表格全部列出，图表可滚动浏览', async () => {
    const meeting = await e.api.meetings.create({ title: '三百个单位的评审会', date: '2024-12-18' })
    const rubric = await e.api.rubric.save({
      meetingId: meeting.id,
      rubric: {
        basePoints: 20,
        criteria: [
          { name: '做政治坚定的模范', maxPoints: 10, items: [{ name: '理论武装', maxPoints: 10, step: 0.5 }] },
          { name: '做作风优良的模范', maxPoints: 10, items: [{ name: '群众评价', maxPoints: 10, step: 0.5 }] },
        ],
      },
    })
    const reviewers = []
    for (const name of ['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东']) reviewers.push(await e.api.reviewers.create({ meetingId: meeting.id, fields: { name } }))
    const items = rubric.criteria.flatMap((c) => c.items)
    // Deterministic pseudo-random scores on the 0.5 grid: every unit a little different.
    let seed = 20241218
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let i = 0; i < 300; i++) {
      const unit = await e.api.units.create({ meetingId: meeting.id, fields: { name: `第${i + 1}参评单位党支部`, category: '处室' } })
      const level = 5 + next() * 4
      for (const reviewer of reviewers) {
        for (const item of items) {
          const value = Math.min(10, Math.max(0, Math.round((level + (next() - 0.5) * 2.5) * 2) / 2))
          await e.api.scores.save({ meetingId: meeting.id, reviewerId: reviewer.id, unitId: unit.id, itemId: item.id, value })
        }
      }
    }
    await go(`/meetings/${meeting.id}/results`)
    await expect.poll(() => $('result-row').count(), { timeout: 30_000 }).toBe(300)
    const finals = (await $('final-score').allTextContents()).map(Number)
    expect(finals).toEqual([...finals].sort((a, b) => b - a))
    await e.shot('28-results-300')
    await expect.poll(() => $('chart-spread').locator('canvas').count()).toBeGreaterThan(0)
    await $('chart-spread').scrollIntoViewIfNeeded()
    await e.page.waitForTimeout(800)
    await shotOf('charts', '29-chart-spread-300')
    await e.page.getByRole('tab', { name: '评委 × 单位' }).click()
    await expect.poll(() => $('chart-heatmap').locator('canvas').count()).toBeGreaterThan(0)
    await e.page.waitForTimeout(800)
    await shotOf('charts', '30-chart-heatmap-300')
  })
})
