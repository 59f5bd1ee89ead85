/**
 * No dead ends: an unknown address, a broken meeting link and the 帮助 page, as a clerk meets them
 * (1280×720, the smallest screen the app is made for).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'

let e: E2E

beforeAll(async () => {
  e = await startE2E()
  await e.page.setViewportSize({ width: 1280, height: 720 })
})
afterAll(async () => {
  await e?.close()
})

async function go(hash: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#${hash}`)
}
const $ = (testId: string) => e.page.locator(`[data-test="${testId}"]`)

describe('没有死路', () => {
  it('未知地址：说明页面不存在，并能回到会议列表', async () => {
    await go('/no/such/page')
    await expect.poll(() => $('not-found').isVisible()).toBe(true)
    expect(await $('not-found').textContent()).toContain('/no/such/page')
    await e.shot('40-not-found')
    await $('not-found-home').click()
    await e.page.waitForURL(/#\/$/)
    await expect.poll(() => $('new-meeting').isVisible()).toBe(true)
  })

  it('会议链接有误或会议已删除：说“没有找到这个会议”，而不是“编号格式不正确”', async () => {
    for (const id of ['not-a-meeting-id', '00000000-0000-4000-8000-000000000000']) {
      await go(`/meetings/${id}/units`)
      const page = e.page.locator('.el-result')
      await expect.poll(() => page.textContent()).toContain('没有找到这个会议')
      expect(await page.textContent()).not.toContain('编号格式不正确')
    }
    await e.shot('41-meeting-missing')
    await e.page.getByRole('button', { name: '返回会议列表' }).click()
    await e.page.waitForURL(/#\/$/)
  })

  it('帮助：四个步骤、评分键盘操作、数据目录和 U 盘故障处理，从每页的页眉都能打开', async () => {
    await go('/')
    await $('help-link').click()
    await e.page.waitForURL(/#\/help$/)
    const help = $('help')
    await expect.poll(() => help.isVisible()).toBe(true)
    const text = (await help.textContent()) ?? ''
    for (const heading of ['准备会议', '分发评审包', '评委离线评分', '汇总出纪要', 'Shift+Enter', 'U 盘']) expect(text).toContain(heading)
    const { dataDir } = await e.api.system.info({})
    await expect.poll(() => $('help-data-dir').textContent()).toBe(dataDir)
    await e.shot('42-help')
  })
})
