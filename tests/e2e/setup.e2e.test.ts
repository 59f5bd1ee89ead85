/**
 * The organizer's set-up screens in the real renderer (Chromium) against the real core over the
 * bridge: home and demo, creating a meeting, the rubric editor, Excel import, reviewers and recusals,
 * scoring rules. Screenshots of every screen go to test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedSmallMeeting } from '../helpers/core'
import { tinyPng } from '../helpers/material-fixtures'
import { makeUnitListXlsx, makeXlsx } from '../helpers/xlsx'
import { startE2E, type E2E } from './harness'

let e: E2E

beforeAll(async () => {
  e = await startE2E()
})
afterAll(async () => {
  await e?.close()
})

/** A fresh page load each time, so one test's unsaved form cannot hold the next one back. */
async function go(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
}
const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)

/** Element Plus number inputs commit their value on change (blur), not on each keystroke. */
async function fillNumber(input: Locator, value: number | string): Promise<void> {
  await input.locator('input').fill(String(value))
  await input.locator('input').press('Tab')
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const WITH_BRAND = ['序号', '单位名称', '类别', '所属部门', '品牌', '联系人', '电话']

describe('会议设置界面', () => {
  it('首页：空白引导，打开示例会议后列出示例单位', async () => {
    await go('/')
    await expect.poll(() => $('empty-state').isVisible()).toBe(true)
    await expect.poll(() => e.page.getByText('评委离线评分').first().isVisible()).toBe(true)
    await e.shot('01-home')

    await $('open-demo').click()
    await e.page.waitForURL(/\/units$/)
    const table = $('units-table')
    await expect.poll(() => table.getByText('市数据资源局数据共享处党支部').isVisible()).toBe(true)
    await expect.poll(() => table.getByText('市农业农村服务局科技推广站').isVisible()).toBe(true)
    await expect.poll(() => $('meeting-title').textContent()).toContain('模范机关')
    await e.shot('02-demo-units')

    // The demo has scores, so its rubric is locked; its reviewers include a recusal.
    await $('tab-rubric').click()
    await expect.poll(() => $('rubric-locked').isVisible()).toBe(true)
    expect(await $('criterion').count()).toBe(5)
    expect(await $('criterion').first().locator('[data-test="criterion-max"] input').isDisabled()).toBe(true)
    await e.shot('02b-demo-rubric-locked')
    await $('tab-reviewers').click()
    await expect.poll(() => $('reviewers-table').getByText('周明远').isVisible()).toBe(true)
    await e.shot('02c-demo-reviewers')
    await $('tab-rules').click()
    await expect.poll(() => $('rules-preview').textContent()).toContain('去掉一个最高分和一个最低分')
    await e.shot('02d-demo-rules')

    await $('back-home').click()
    await expect.poll(() => $('meetings-table').getByText('模范机关').isVisible()).toBe(true)
    await expect.poll(() => $('meetings-table').getByText('示例', { exact: true }).isVisible()).toBe(true)
    await e.shot('01b-home-list')
  })

  it('新建会议：不完整的表单给出中文提示，改正后创建；修改基本信息；从列表删除', async () => {
    const before = (await e.api.meetings.list({})).length
    await go('/')
    await $('new-meeting').click()
    const dialog = e.page.locator('.el-dialog').filter({ hasText: '新建会议' })
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await $('startTime').fill('25点')
    await $('create-meeting-submit').click()
    await expect.poll(() => dialog.getByText('会议名称不能为空').isVisible()).toBe(true)
    await expect.poll(() => dialog.getByText('请选择会议日期').isVisible()).toBe(true)
    await expect.poll(() => dialog.getByText('时间格式如 09:00、9：00 或 9点30').isVisible()).toBe(true)
    await e.shot('03-create-meeting-errors')
    expect(await e.api.meetings.list({})).toHaveLength(before)

    await $('startTime').fill('')
    await $('title').fill('2025年度机关党建品牌评审会')
    await $('date').locator('input').fill('2025-03-20')
    await $('date').locator('input').press('Enter')
    // Enter picks the date; pressed again it still does not create the meeting before the other fields are filled.
    await $('date').locator('input').press('Enter')
    await $('title').press('Enter')
    await e.page.waitForTimeout(300)
    expect(await dialog.isVisible()).toBe(true)
    expect(await e.api.meetings.list({})).toHaveLength(before)
    // Times as clerks type them become HH:MM on leaving the box.
    await $('startTime').fill('9点')
    await $('startTime').press('Tab')
    await expect.poll(() => $('startTime').inputValue()).toBe('09:00')
    await $('place').fill('市行政中心2号楼3楼会议室')
    await expect.poll(() => dialog.getByText('会议名称不能为空').count()).toBe(0)
    await $('create-meeting-submit').click()
    await e.page.waitForURL(/\/info$/)
    await expect.poll(() => $('meeting-title').textContent()).toContain('2025年度机关党建品牌评审会')
    const created = (await e.api.meetings.list({})).find((m) => m.title === '2025年度机关党建品牌评审会')
    expect(created).toMatchObject({ date: '2025-03-20', startTime: '09:00', place: '市行政中心2号楼3楼会议室' })

    // 基本信息 edits the same fields; the header follows.
    await $('recorder').fill('王小雨')
    await $('endTime').fill('12：30')
    await $('save-meeting').click()
    await expect.poll(() => e.page.getByText('会议信息已保存').isVisible()).toBe(true)
    await expect.poll(() => e.page.locator('.meta').textContent()).toContain('9:00–12:30')
    expect(await e.api.meetings.get({ meetingId: created!.id })).toMatchObject({ recorder: '王小雨', endTime: '12:30' })
    await e.shot('04-meeting-info')

    // Deleting from the list asks first.
    await $('back-home').click()
    await $(`delete-${created!.id}`).click()
    await e.page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await expect.poll(async () => (await e.api.meetings.list({})).some((m) => m.id === created!.id)).toBe(false)
  })

  it('评分标准：合计不符时标红并拒绝保存，改正后保存成功', async () => {
    const meeting = await e.api.meetings.create({ title: '评分标准测试会', date: '2025-01-10' })
    await go(`/meetings/${meeting.id}/rubric`)
    await fillNumber($('base-points'), 100)

    await $('add-criterion').click()
    const first = $('criterion').nth(0)
    await first.locator('input[data-test="criterion-name"]').fill('做政治坚定的模范')
    await fillNumber(first.locator('[data-test="criterion-max"]'), 60)
    await first.locator('input[data-test="item-name"]').fill('理论武装')
    await fillNumber(first.locator('[data-test="item-max"]'), 30)
    await first.locator('[data-test="add-item"]').click()
    await first.locator('input[data-test="item-name"]').nth(1).fill('贯彻落实')
    await fillNumber(first.locator('[data-test="item-max"]').nth(1), 30)

    await $('add-criterion').click()
    const second = $('criterion').nth(1)
    await second.locator('input[data-test="criterion-name"]').fill('做作风优良的模范')
    await fillNumber(second.locator('[data-test="criterion-max"]'), 30)
    await second.locator('input[data-test="item-name"]').fill('群众评价')
    await fillNumber(second.locator('[data-test="item-max"]'), 40)

    // Live checks: the second criterion's items add up to 40, not 30; the criteria to 90, not 100.
    await expect.poll(() => second.locator('[data-test="criterion-check"]').textContent()).toContain('二级指标合计 40 / 满分 30')
    expect(await second.locator('[data-test="criterion-check"]').getAttribute('class')).toContain('wrong')
    expect(await first.locator('[data-test="criterion-check"]').getAttribute('class')).not.toContain('wrong')
    await expect.poll(() => $('rubric-total').textContent()).toContain('一级指标合计 90 / 总分 100')
    expect(await $('rubric-total').getAttribute('class')).toContain('wrong')

    await $('save-rubric').click()
    await expect.poll(() => $('rubric-problems').textContent()).toContain('评分标准有误')
    expect((await e.api.rubric.get({ meetingId: meeting.id })).criteria).toHaveLength(0)
    // Nothing typed is lost after the refusal.
    expect(await second.locator('input[data-test="item-name"]').inputValue()).toBe('群众评价')
    await e.shot('05-rubric-mismatch')

    await fillNumber(second.locator('[data-test="criterion-max"]'), 40)
    await expect.poll(() => $('rubric-total').textContent()).toContain('一级指标合计 100 / 总分 100')
    expect(await $('rubric-total').getAttribute('class')).not.toContain('wrong')
    await $('add-veto').click()
    await $('veto-name').fill('发生严重违纪违法案件')
    await $('save-rubric').click()
    await expect.poll(() => e.page.getByText('评分标准已保存').isVisible()).toBe(true)

    const saved = await e.api.rubric.get({ meetingId: meeting.id })
    expect(saved.basePoints).toBe(100)
    expect(saved.criteria.map((c) => [c.name, c.maxPoints, c.items.map((i) => [i.name, i.maxPoints])])).toEqual([
      ['做政治坚定的模范', 60, [['理论武装', 30], ['贯彻落实', 30]]],
      ['做作风优良的模范', 40, [['群众评价', 40]]],
    ])
    expect(saved.vetoItems.map((v) => v.name)).toEqual(['发生严重违纪违法案件'])
    await e.shot('06-rubric-saved')
  })

  it('评分标准：从模板开始，撤销修改后不留旧的错误提示；复制其他会议的评分标准', async () => {
    const meeting = await e.api.meetings.create({ title: '党支部标准化评审会', date: '2025-04-10' })
    await go(`/meetings/${meeting.id}/rubric`)
    await $('rubric-start').click()
    await $('rubric-template-party-branch-standard').click()
    await e.shot('07-rubric-start-dialog')
    await $('rubric-start-use').click()
    await expect.poll(() => $('criterion').count()).toBe(6)
    await expect.poll(() => $('rubric-total').textContent()).toContain('一级指标合计 100 / 总分 100')
    await $('save-rubric').click()
    await expect.poll(() => e.page.getByText('评分标准已保存').isVisible()).toBe(true)
    const saved = await e.api.rubric.get({ meetingId: meeting.id })
    expect(saved.criteria.map((c) => c.name)).toEqual(['组织设置规范', '组织生活经常', '党员队伍过硬', '工作机制健全', '基本保障有力', '作用发挥明显'])

    // A refused save marks fields; 撤销修改 brings back the saved rubric and clears those marks.
    await $('criterion').first().locator('input[data-test="criterion-name"]').fill('')
    await $('save-rubric').click()
    await expect.poll(() => $('rubric-problems').isVisible()).toBe(true)
    await e.page.getByRole('button', { name: '撤销修改' }).click()
    await expect.poll(() => $('criterion').first().locator('input[data-test="criterion-name"]').inputValue()).toBe('组织设置规范')
    await expect.poll(() => $('rubric-problems').count()).toBe(0)
    expect(await e.page.locator('.row-error').count()).toBe(0)

    // Another meeting starts from this one's rubric: replacing typed content asks first.
    const next = await e.api.meetings.create({ title: '下一次评审会', date: '2025-05-10' })
    await go(`/meetings/${next.id}/rubric`)
    await $('add-criterion').click()
    await $('criterion').first().locator('input[data-test="criterion-name"]').fill('临时指标')
    await $('rubric-start').click()
    await $(`rubric-from-${meeting.id}`).click()
    await $('rubric-start-use').click()
    await e.page.locator('.el-message-box').getByRole('button', { name: '替换' }).click()
    await expect.poll(() => $('criterion').count()).toBe(6)
    expect(await $('criterion').first().locator('input[data-test="criterion-name"]').inputValue()).toBe('组织设置规范')
    // Filled in, not saved: the other meeting's rubric is still empty until 保存.
    expect((await e.api.rubric.get({ meetingId: next.id })).criteria).toHaveLength(0)
    await e.shot('08-rubric-from-meeting')
  })

  it('评分标准：从 Excel 表格读入（合并的一级指标、特色加分、一票否决），核对后保存', async () => {
    const meeting = await e.api.meetings.create({ title: 'Excel 评分标准会', date: '2025-04-11' })
    const sheet = await makeXlsx([
      {
        name: '评分标准',
        rows: [
          ['一级指标', '二级指标', '分值', '评分要点'],
          ['一、做政治坚定的模范（17分）', '理论武装', 8, '落实“第一议题”制度'],
          [null, '贯彻落实', 9, null],
          ['二、做作风优良的模范', '群众评价', 5, null],
          ['特色加分', null, 3, '品牌亮点突出的酌情加分'],
          ['一票否决', '发生严重违纪违法案件', null, null],
        ],
      },
    ])
    await go(`/meetings/${meeting.id}/rubric`)
    await $('rubric-start').click()
    await $('rubric-sheet-file').setInputFiles({ name: '评分标准.xlsx', mimeType: XLSX_MIME, buffer: sheet })
    await expect.poll(() => $('criterion').count()).toBe(2)
    await expect.poll(() => $('rubric-total').textContent()).toContain('一级指标合计 22 / 总分 22')
    await e.shot('09-rubric-from-sheet')
    await $('save-rubric').click()
    await expect.poll(() => e.page.getByText('评分标准已保存').isVisible()).toBe(true)
    const saved = await e.api.rubric.get({ meetingId: meeting.id })
    expect(saved).toMatchObject({ basePoints: 22, bonusMaxPoints: 3 })
    expect(saved.vetoItems.map((v) => v.name)).toEqual(['发生严重违纪违法案件'])
  })

  it('参评单位：从 Excel 预览后导入；格式不对的文件给出中文提示且不导入', async () => {
    const meeting = await e.api.meetings.create({ title: '导入测试会', date: '2025-01-11' })
    await go(`/meetings/${meeting.id}/units`)
    await $('import-units').click()
    await expect.poll(() => $('import-dialog').isVisible()).toBe(true)

    await $('import-file').setInputFiles({ name: '损坏的名单.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('这不是一个Excel文件') })
    await expect.poll(() => $('import-error').isVisible()).toBe(true)
    expect(await $('import-error').textContent()).toMatch(/[\u4e00-\u9fa5]/)
    expect(await $('import-confirm').isDisabled()).toBe(true)
    await e.shot('08-units-import-error')
    expect(await e.api.units.list({ meetingId: meeting.id })).toHaveLength(0)

    // A readable sheet with bad rows: every row problem is listed next to what was read, the footer
    // is skipped and shown, and nothing can be imported until the file is fixed.
    const badRows = await makeUnitListXlsx([
      [1, '市数据资源局数据共享处党支部', '其他', '市数据资源局'],
      [2, '', '处室', '市水利保障局'],
      [3, '市统计服务局综合处党支部', '处室', '市统计服务局'],
      [null, '填表人：王小雨', null, null],
    ])
    await $('import-file').setInputFiles({ name: '有错的名单.xlsx', mimeType: XLSX_MIME, buffer: badRows })
    await expect.poll(() => $('import-row-errors').locator('li').count()).toBe(2)
    await expect.poll(() => $('import-preview').getByText('市统计服务局综合处党支部').isVisible()).toBe(true)
    expect(await $('import-ignored').textContent()).toContain('第 5 行：填表人：王小雨')
    expect(await $('import-confirm').isDisabled()).toBe(true)
    await e.shot('08b-units-import-row-errors')
    expect(await e.api.units.list({ meetingId: meeting.id })).toHaveLength(0)

    const xlsx = await makeUnitListXlsx(
      [
        [1, '市数据资源局数据共享处党支部', '处室', '市数据资源局', '数联先锋', '张敏', '0571-88001234'],
        [2, '市水利保障局水文监测站', '直属单位', '市水利保障局', '红色水文尺', '李强', '13800000001'],
        [3, '市统计服务局综合处党支部', '处室', '市统计服务局', '数说初心', '王芳', '0571-88005678'],
      ],
      { header: WITH_BRAND, title: '青岚市2024年度“模范机关”创建参评单位名单' },
    )
    await $('import-file').setInputFiles({ name: '参评单位名单.xlsx', mimeType: XLSX_MIME, buffer: xlsx })
    const preview = $('import-preview')
    await expect.poll(() => preview.getByText('市水利保障局水文监测站').isVisible()).toBe(true)
    await expect.poll(() => $('import-summary').textContent()).toContain('将导入 3 个单位')
    expect(await e.api.units.list({ meetingId: meeting.id })).toHaveLength(0) // a preview writes nothing
    await e.shot('07-units-import-preview')

    await $('import-confirm').click()
    await expect.poll(() => $('import-dialog').isVisible()).toBe(false)
    const table = $('units-table')
    await expect.poll(() => table.getByText('市统计服务局综合处党支部').isVisible()).toBe(true)
    const units = await e.api.units.list({ meetingId: meeting.id })
    expect(units.map((u) => [u.name, u.category, u.department, u.brand, u.contact])).toEqual([
      ['市数据资源局数据共享处党支部', '处室', '市数据资源局', '数联先锋', '张敏'],
      ['市水利保障局水文监测站', '直属单位', '市水利保障局', '红色水文尺', '李强'],
      ['市统计服务局综合处党支部', '处室', '市统计服务局', '数说初心', '王芳'],
    ])
    await expect.poll(() => $('unit-count').textContent()).toContain('共 3 个单位')

    // Adding by hand: the dialog names what is missing, then saves.
    await $('add-unit').click()
    await $('unit-submit').click()
    await expect.poll(() => $('unit-dialog').getByText('单位名称不能为空').isVisible()).toBe(true)
    await expect.poll(() => $('unit-dialog').getByText('请选择类别').isVisible()).toBe(true)
    await $('unit-name').fill('市文旅融合发展局公共服务处党支部')
    await $('unit-category').getByText('处室').click()
    await $('unit-brand').fill('书香红帆')
    await $('unit-submit').click()
    await expect.poll(() => table.getByText('书香红帆').isVisible()).toBe(true)
    expect(await e.api.units.list({ meetingId: meeting.id })).toHaveLength(4)

    // Move the third unit up one place: the order is saved.
    await table.locator('tbody tr').nth(2).locator('[data-test="row-up"]').click()
    await expect.poll(async () => (await e.api.units.list({ meetingId: meeting.id }))[1].name).toBe('市统计服务局综合处党支部')
    await e.shot('09-units')
  })

  it('评委与回避：新增评委并设置回避单位', async () => {
    const { meeting, units } = await seedSmallMeeting(e.api)
    await go(`/meetings/${meeting.id}/reviewers`)
    await $('add-reviewer').click()
    await $('reviewer-submit').click()
    await expect.poll(() => $('reviewer-dialog').getByText('评委姓名不能为空').isVisible()).toBe(true)
    await $('reviewer-name').fill('赵海燕')
    await $('reviewer-title').fill('纪工委副书记')
    await $('reviewer-submit').click()
    const table = $('reviewers-table')
    await expect.poll(() => table.getByText('赵海燕').isVisible()).toBe(true)
    await e.shot('10-reviewers')

    await $('recusals-3').click()
    const dialog = $('recusal-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)
    await $('recusal-units').click()
    await e.page.locator('.el-select-dropdown__item').filter({ hasText: units[1].name }).click()
    await $('recusal-reason').fill('曾在该单位任职')
    await $('recusal-add').click()
    await expect.poll(() => $('recusal-table').getByText(units[1].name).isVisible()).toBe(true)
    await e.shot('11-recusal-dialog')
    await dialog.getByRole('button', { name: '完成' }).click()
    await expect.poll(() => dialog.isVisible()).toBe(false)
    await expect.poll(() => table.locator('tr', { hasText: '赵海燕' }).getByText(units[1].name).isVisible()).toBe(true)

    const reviewer = (await e.api.reviewers.list({ meetingId: meeting.id })).find((r) => r.name === '赵海燕')!
    expect(reviewer.title).toBe('纪工委副书记')
    const recusals = await e.api.recusals.list({ meetingId: meeting.id })
    expect(recusals).toEqual([expect.objectContaining({ reviewerId: reviewer.id, unitId: units[1].id, source: 'organizer', reason: '曾在该单位任职' })])
    await e.shot('12-reviewers-with-recusal')
  })

  it('回避：按所属部门（含简称“人社”）搜索单位，一步设置整个部门回避', async () => {
    const { meeting, reviewers } = await seedSmallMeeting(e.api)
    const hr = '市人力资源和社会保障局'
    const hrUnits = []
    for (const name of ['市就业服务中心', '市社会保险事业中心', '市人事考试中心']) {
      hrUnits.push(await e.api.units.create({ meetingId: meeting.id, fields: { name, category: '直属单位', department: hr } }))
    }
    await go(`/meetings/${meeting.id}/reviewers`)
    await $(`recusals-${reviewers.findIndex((r) => r.name === '林静怡')}`).click()
    const dialog = $('recusal-dialog')
    await expect.poll(() => dialog.isVisible()).toBe(true)

    await $('recusal-units').click()
    await e.page.keyboard.type('人社')
    const options = e.page.locator('.el-select-dropdown__item:visible')
    await expect.poll(() => options.count()).toBe(3)
    expect(await options.allTextContents()).toEqual(hrUnits.map((u) => `${u.name}${hr}`))
    await e.shot('13-recusal-search-department')
    await dialog.locator('.hint').click() // closes the list, as a click anywhere else does
    await expect.poll(() => options.count()).toBe(0)

    await $('recusal-department').click()
    await e.page.locator('.el-select-dropdown__item').filter({ hasText: `${hr}（3 个单位）` }).click()
    await $('recusal-add-department').click()
    for (const u of hrUnits) await expect.poll(() => $('recusal-table').getByText(u.name).isVisible()).toBe(true)
    const linJingyi = reviewers.find((r) => r.name === '林静怡')!
    const recusals = (await e.api.recusals.list({ meetingId: meeting.id })).filter((r) => r.reviewerId === linJingyi.id)
    expect(recusals.map((r) => r.unitId).sort()).toEqual(hrUnits.map((u) => u.id).sort())
    expect(recusals.every((r) => r.reason === `与${hr}有关联`)).toBe(true)
    // Every unit of the department is now taken: the department choice is gone.
    await expect.poll(() => $('recusal-department').count()).toBe(0)
    await e.shot('14-recusal-department-done')
  })

  it('删除单位、评委后可在提示中撤销：回到原位置，回避设置一并恢复；已有评分的单位只能退出评审', async () => {
    const { meeting, units, reviewers } = await seedSmallMeeting(e.api)
    const meetingId = meeting.id
    await e.api.recusals.set({ meetingId, reviewerId: reviewers[2].id, unitId: units[1].id, recused: true, reason: '曾在该单位任职' })

    await go(`/meetings/${meetingId}/units`)
    const rows = $('units-table').locator('tbody tr')
    await expect.poll(() => rows.count()).toBe(3)
    await rows.nth(1).locator('[data-test="row-delete"]').click()
    await expect.poll(() => rows.count()).toBe(2)
    await e.shot('15-unit-deleted-undo')
    await $('undo').click()
    await expect.poll(() => rows.count()).toBe(3)
    expect(await rows.nth(1).textContent()).toContain(units[1].name)
    expect(await e.api.recusals.list({ meetingId })).toEqual([expect.objectContaining({ reviewerId: reviewers[2].id, unitId: units[1].id, reason: '曾在该单位任职' })])

    await go(`/meetings/${meetingId}/reviewers`)
    await $('delete-reviewer-2').click()
    await expect.poll(() => $('reviewers-table').getByText(reviewers[2].name).count()).toBe(0)
    await $('undo').click()
    await expect.poll(() => $('reviewers-table').getByText(reviewers[2].name).isVisible()).toBe(true)
    expect((await e.api.reviewers.list({ meetingId })).map((r) => r.id)).toEqual(reviewers.map((r) => r.id))
    expect(await e.api.recusals.list({ meetingId })).toHaveLength(1)

    // A unit with scores cannot be deleted: it offers 退出评审 instead (no confirmation that ends in a refusal).
    const [item] = (await e.api.rubric.get({ meetingId })).criteria[0].items
    await e.api.scores.save({ meetingId, reviewerId: reviewers[0].id, unitId: units[0].id, itemId: item.id, value: 5, deductionReason: '学习记录不全' })
    await go(`/meetings/${meetingId}/units`)
    await expect.poll(() => rows.nth(0).locator('[data-test="row-withdraw"]').isVisible()).toBe(true)
    expect(await rows.nth(0).locator('[data-test="row-delete"]').count()).toBe(0)
    await rows.nth(0).locator('[data-test="row-withdraw"]').click()
    const box = e.page.locator('.el-message-box')
    await box.getByRole('button', { name: '退出评审' }).click()
    await expect.poll(() => box.getByText('请写明原因').isVisible()).toBe(true)
    await box.locator('input').fill('因机构调整撤销')
    await box.getByRole('button', { name: '退出评审' }).click()
    await expect.poll(() => rows.nth(0).textContent()).toContain('（已退出评审）')
    expect((await e.api.units.list({ meetingId }))[0]).toMatchObject({ withdrawnReason: '因机构调整撤销', scored: true })
    await e.shot('16-unit-withdrawn')
    await rows.nth(0).locator('[data-test="row-reinstate"]').click()
    await expect.poll(() => rows.nth(0).textContent()).not.toContain('退出评审）')
    expect(await rows.count()).toBe(3)

    // A unit holding materials: 撤销 could not bring them back, so the organizer is asked first.
    const folder = mkdtempSync(join(tmpdir(), 'onsite-e2e-'))
    writeFileSync(join(folder, '现场照片.png'), tinyPng())
    await e.api.materials.import({ meetingId, unitId: units[2].id, sources: [{ type: 'path', path: join(folder, '现场照片.png') }] })
    rmSync(folder, { recursive: true, force: true })
    await rows.nth(2).locator('[data-test="row-delete"]').click()
    await expect.poll(() => box.textContent()).toContain(`“${units[2].name}”已导入 1 份材料；删除该单位会一并删除这些材料及其批注，且不能撤销`)
    await e.shot('16b-unit-with-materials-confirm')
    await box.getByRole('button', { name: '保留' }).click()
    expect(await rows.count()).toBe(3)
    await rows.nth(2).locator('[data-test="row-delete"]').click()
    await box.getByRole('button', { name: '删除单位和材料' }).click()
    await expect.poll(() => rows.count()).toBe(2)
    expect(await $('undo').count()).toBe(0)
  })

  it('计分规则：修改后实时显示规则说明并保存', async () => {
    const { meeting } = await seedSmallMeeting(e.api)
    await go(`/meetings/${meeting.id}/rules`)
    await expect.poll(() => $('rules-preview').textContent()).toContain('达到5人时')
    await fillNumber($('trim-min'), 7)
    await expect.poll(() => $('rules-preview').textContent()).toContain('达到7人时')
    await expect.poll(() => $('rules-preview').textContent()).toContain('“做政治坚定的模范”一级指标的平均分（全部有效评委）')
    // The SD check is off by default (it flags the small spread of agreeing panels); switched on, the preview says so.
    await expect.poll(() => $('rules-preview').textContent()).not.toContain('标准差')
    await $('deviation-sd-on').click()
    await expect.poll(() => $('rules-preview').textContent()).toContain('相差达到其他评委总分标准差的2倍及以上')
    await $('save-rules').click()
    await expect.poll(() => e.page.getByText('计分规则已保存').isVisible()).toBe(true)
    const rules = await e.api.rules.get({ meetingId: meeting.id })
    expect(rules).toMatchObject({ trimMinReviewers: 7, deviationSd: 2, deviationPoints: 15 })
    await e.shot('13-rules')
  })
})

