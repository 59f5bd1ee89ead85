/**
 * Browser mode as a user opens it: the home page and the demo meeting load with a clean console —
 * no Content-Security-Policy violation — and the page refuses to be framed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from './harness'

let e: E2E
beforeAll(async () => {
  e = await startE2E()
})
afterAll(async () => {
  await e?.close()
})

describe('浏览器模式', () => {
  it('首页与示例会议加载时没有违反内容安全策略', async () => {
    const response = await e.page.goto(`${e.baseUrl}/#/`)
    expect(response?.headers()['x-frame-options']).toBe('DENY')
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
    await expect.poll(() => e.page.locator('[data-test="empty-state"]').isVisible()).toBe(true)
    await e.api.meetings.openDemo({})
    await e.page.reload()
    await e.page.locator('.title-link').first().click()
    // Forms validate with the shared zod schemas: the views that use them must load cleanly too.
    await expect.poll(() => e.page.url()).toMatch(/#\/meetings\//)
    await e.page.waitForLoadState('networkidle')
    expect(e.cspViolations).toEqual([])
  })
})
