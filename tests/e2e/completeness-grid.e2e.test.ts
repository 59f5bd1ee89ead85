/**
 * 到齐情况 with a large meeting at 1280×720: 45 units with long names and 20 reviewers
 * (a large panel: more rows than the window holds). A clerk reads
 * every unit's full name in its column head (no ellipsis, nothing cut; a tooltip would not do), and
 * the grid scrolls both ways with the heads and the reviewers' column staying in place.
 * Screenshots: test-results/screenshots/completeness-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { pageProblems } from './page-checks'

let e: E2E
let meetingId: string
const units: string[] = []

/** Long names as units hand them in: the office, then the section, then the branch. */
const OFFICES = ['国家税务总局某某市税务局', '市住房和城乡建设局', '市人力资源和社会保障局', '市市场监督管理局', '市交通运输综合行政执法支队']
const SECTIONS = ['第一稽查局', '建筑市场监管处', '工伤保险处', '知识产权保护处', '信息中心', '法规科', '办公室', '机关服务中心', '行政审批科']

beforeAll(async () => {
  e = await startE2E()
  await e.page.setViewportSize({ width: 1280, height: 720 })
  const meeting = await e.api.meetings.create({ title: '某某市直机关2024年度“模范机关”创建现场评审会', date: '2024-12-18' })
  meetingId = meeting.id
  for (const office of OFFICES)
    for (const section of SECTIONS) {
      const name = `${office}${section}党支部`
      units.push(name)
      await e.api.units.create({ meetingId, fields: { name, category: '处室' } })
    }
  const names = ['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', '欧阳建国', '司马文静', '刘建华', '张丽娟', '李国强', '孙红梅', '郑志远', '何晓燕', '高文博', '马秀英', '黄建军', '罗淑芬', '梁志明', '钱文涛', '王小雨']
  const reviewers = []
  for (const [i, name] of names.entries()) reviewers.push(await e.api.reviewers.create({ meetingId, fields: { name, role: i === 0 ? 'chair' : 'member' } }))
  const listed = await e.api.units.list({ meetingId })
  await e.api.recusals.set({ meetingId, reviewerId: reviewers[2]!.id, unitId: listed[44]!.id, recused: true, reason: '曾在该单位任职' })
})
afterAll(async () => {
  await e?.close()
})

describe('到齐情况 at 1280×720 with 45 units', () => {
  it('shows every unit name whole in its head and keeps heads and reviewers in view while scrolling', async () => {
    const { page } = e
    await page.goto(`${e.baseUrl}/#/meetings/${meetingId}/packages`)
    const heads = page.locator('[data-test="completeness-unit"]')
    await expect.poll(() => heads.count()).toBe(45)

    // Each head holds the whole name, and none of it is cut off.
    const shown = await heads.evaluateAll((els) =>
      els.map((el) => ({ text: (el as HTMLElement).innerText.replace(/\s/g, ''), cut: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight, size: parseFloat(getComputedStyle(el).fontSize) })),
    )
    expect(shown.map((h) => h.text)).toEqual(units)
    expect(shown.filter((h) => h.cut)).toEqual([])
    expect(Math.min(...shown.map((h) => h.size))).toBeGreaterThanOrEqual(12)
    await page.locator('[data-test="completeness"]').scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'completeness-45-units.png') })

    // Nothing wider than the window: the grid scrolls inside its own box.
    const problems = await pageProblems(page)
    expect(problems.overflow).toEqual([])
    expect(problems.lowContrast).toEqual([])

    // Scrolled to the far corner: the heads stay on top and the reviewers' names on the left.
    const scroller = page.locator('[data-test="completeness-scroll"]')
    await scroller.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight))
    expect(await scroller.evaluate((el) => [el.scrollLeft > 0, el.scrollTop > 0])).toEqual([true, true])
    const box = (await scroller.boundingBox())!
    const lastHead = (await heads.last().boundingBox())!
    expect(Math.abs(lastHead.y - box.y)).toBeLessThanOrEqual(2)
    const lastReviewer = (await page.locator('[data-test="completeness-王小雨"] th').boundingBox())!
    expect(Math.abs(lastReviewer.x - box.x)).toBeLessThanOrEqual(2)
    expect(lastReviewer.y + lastReviewer.height).toBeLessThanOrEqual(box.y + box.height)
    expect(await page.locator('[data-test="completeness-陈卫国"] [data-test="completeness-cell"]').last().innerText()).toBe('回避')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'completeness-45-units-scrolled.png') })
  })
})
