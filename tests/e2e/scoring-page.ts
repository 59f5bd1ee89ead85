/** Reading and driving the 评分 screen from e2e tests: what has focus, field states, totals, stored scores. */
import type { Page } from 'playwright-core'
import type { ApiClient } from '../../src-main/shared/client'

export async function chooseReviewer(page: Page, name: string): Promise<void> {
  await page.locator('[data-test="reviewer-select"]').click()
  await page.locator('.el-select-dropdown__item', { hasText: name }).click()
  await page.waitForSelector('[data-test="score-form"]')
}

/** What has keyboard focus: which kind of field and, for a score box, which item. */
export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement & { value?: string }
    return { kind: el.dataset.kind ?? el.tagName, itemId: el.dataset.itemId ?? '', value: el.value ?? '' }
  })

export const sheetState = (page: Page) => page.locator('[data-test="sheet-state"]').innerText()
/** The big total: the saved sum (已保存合计). */
export const liveTotal = (page: Page) => page.locator('[data-test="live-total"] b').innerText()
export const unitName = (page: Page) => page.locator('[data-test="unit-name"]').innerText()
export const scoreBox = (page: Page, itemId: string) => page.locator(`[data-kind="score"][data-item-id="${itemId}"]`)
export const reasonBox = (page: Page, itemId: string) => page.locator(`[data-reason-for="${itemId}"]`)
export const itemState = (page: Page, itemId: string) => page.locator(`[data-item-row="${itemId}"] [role="status"]`).innerText()

/** One reviewer's stored score per item (null when none), in the order of `itemIds`. */
export async function storedScores(api: ApiClient, meetingId: string, reviewerId: string, unitId: string, itemIds: string[]): Promise<(number | null)[]> {
  const sheet = await api.scoring.sheet({ meetingId, reviewerId, unitId })
  return itemIds.map((id) => sheet.scores.find((s) => s.itemId === id)?.value ?? null)
}
