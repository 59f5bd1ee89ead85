/**
 * The organizer's materials screens in Chromium, with materials seeded into the bridge's data folder
 * (store + extracted text + rows, tests/helpers/seed-materials.ts): the list with its badges, the
 * empty state, delete with confirm, the overview, import of a GBK-named zip, search. Screenshots at
 * 1280×720 under test-results/screenshots/8x-*.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Material } from '../../src-main/shared/schemas/material'
import type { Unit } from '../../src-main/shared/schemas/unit'
import { seedSmallMeeting } from '../helpers/core'
import { buildZip, cidFontPdf, gbk, imageOnlyPdf, tinyPng } from '../helpers/material-fixtures'
import { seedMaterials } from '../helpers/seed-materials'
import { SCREENSHOT_DIR, startE2E, type E2E } from './harness'
import { pageProblems } from './page-checks'

let e: E2E
let meetingId: string
let units: Unit[]
let seeded: Material[]
const OLE2_DOC = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)])

beforeAll(async () => {
  e = await startE2E()
  await e.page.setViewportSize({ width: 1280, height: 720 })
  const seed = await seedSmallMeeting(e.api)
  meetingId = seed.meeting.id
  units = seed.units
  seeded = await seedMaterials(e.core, meetingId, units[0]!.id, [
    { name: '申报材料/党建品牌申报书.pdf', data: cidFontPdf() },
    { name: '台账/2024年党建台账扫描件.pdf', data: imageOnlyPdf() },
    { name: '照片/主题党日活动.png', data: tinyPng() },
    { name: '旧版工作总结.doc', data: OLE2_DOC },
  ])
  await seedMaterials(e.core, meetingId, units[1]!.id, [{ name: '说明.txt', data: Buffer.from('水文监测站党建工作说明', 'utf8') }])
})
afterAll(async () => {
  await e?.close()
})

async function openMaterials(unitId?: string): Promise<void> {
  await e.page.goto('about:blank')
  await e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/materials${unitId ? `?unit=${unitId}` : ''}`)
  await e.page.waitForLoadState('networkidle')
  await expect.poll(() => e.page.locator('.el-loading-mask:visible').count()).toBe(0)
}

const row = (name: string) => e.page.locator(`[data-test="material-list"] tr[data-material="${name}"]`)
const unitButton = (name: string) => e.page.locator(`[data-test="material-units"] [data-unit="${name}"]`)

describe('材料（会务组）', () => {
  it('材料页：左侧各单位，右侧所选单位的材料（文件夹、类型、大小、页数、标记、打开），1280×720 下完整', async () => {
    await openMaterials()
    await expect.poll(() => e.page.locator('[data-test="tab-materials"].active').isVisible()).toBe(true)
    expect(await e.page.locator('[data-test="material-units"] .unit').allInnerTexts()).toHaveLength(3)
    await expect.poll(() => e.page.locator('[data-test="selected-unit"]').innerText()).toBe(units[0]!.name)
    await expect.poll(() => e.page.locator('[data-test="material-list"] tbody tr').count()).toBe(4)

    const cells = async (name: string) => (await row(name).locator('td').allInnerTexts()).map((t) => t.trim())
    expect((await cells('申报材料/党建品牌申报书.pdf')).slice(0, 4)).toEqual(['申报材料/党建品牌申报书.pdf', 'PDF', expect.stringMatching(/B$/), '1 页'])
    expect(await row('台账/2024年党建台账扫描件.pdf').locator('[data-test="material-badge"]').allInnerTexts()).toEqual(['无文字层'])
    expect(await row('旧版工作总结.doc').locator('[data-test="material-badge"]').allInnerTexts()).toEqual(['无法在程序内显示'])
    expect(await row('照片/主题党日活动.png').locator('[data-test="material-badge"]').count()).toBe(0)
    // The .doc cannot be shown inside: browser mode offers it as a download by id, never by path.
    expect(await row('旧版工作总结.doc').locator('[data-test="material-download"]').getAttribute('href')).toBe(`/material/${seeded[3]!.id}`)
    // 打开 leads to the reader's route for that material.
    expect(await row('申报材料/党建品牌申报书.pdf').locator('[data-test="material-open"]').getAttribute('href')).toBe(`#/meetings/${meetingId}/materials/${seeded[0]!.id}`)

    await e.shot('80-materials-list')
    const problems = Object.fromEntries(Object.entries(await pageProblems(e.page)).filter(([, list]) => list.length))
    expect(problems).toEqual({})
  })

  it('没有材料的单位：说明怎样添加；选中的单位记在地址里', async () => {
    await openMaterials()
    await unitButton(units[2]!.name).click()
    await expect.poll(() => e.page.locator('[data-test="materials-empty"]').innerText()).toContain('还没有材料')
    const text = await e.page.locator('[data-test="materials-empty"]').innerText()
    expect(text).toContain('选择文件')
    expect(text).toContain('拖到')
    expect(e.page.url()).toContain(`unit=${units[2]!.id}`)
    // Keyboard: the unit list is made of buttons, reachable with Tab and chosen with Enter.
    await unitButton(units[1]!.name).focus()
    await e.page.keyboard.press('Enter')
    await expect.poll(() => e.page.locator('[data-test="selected-unit"]').innerText()).toBe(units[1]!.name)
    await unitButton(units[2]!.name).click()
    await e.shot('81-materials-empty')
    const problems = Object.fromEntries(Object.entries(await pageProblems(e.page)).filter(([, list]) => list.length))
    expect(problems).toEqual({})
  })

  it('删除材料先确认：取消时不删；确定后列表和数据里都没有了', async () => {
    await openMaterials(units[0]!.id)
    const png = row('照片/主题党日活动.png')
    await png.locator('[data-test="material-delete"]').click()
    const box = e.page.locator('.el-message-box')
    await expect.poll(() => box.innerText()).toContain('照片/主题党日活动.png')
    await e.shot('83-materials-delete-confirm')
    await box.getByRole('button', { name: '取消' }).click()
    await expect.poll(() => box.isVisible()).toBe(false)
    expect(await png.count()).toBe(1)
    expect(await e.api.materials.list({ meetingId, unitId: units[0]!.id })).toHaveLength(4)

    await png.locator('[data-test="material-delete"]').click()
    await box.getByRole('button', { name: '删除' }).click()
    await expect.poll(() => png.count()).toBe(0)
    expect((await e.api.materials.list({ meetingId, unitId: units[0]!.id })).map((m) => m.name)).toEqual([
      '申报材料/党建品牌申报书.pdf',
      '台账/2024年党建台账扫描件.pdf',
      '旧版工作总结.doc',
    ])
  })

  it('上传中断（浏览器模式）：逐个文件说明原因，不导入任何内容', async () => {
    // Fault injection at the network boundary: the local service drops every upload connection.
    await e.page.route('**/upload', (route) => route.abort('connectionreset'))
    try {
      await openMaterials(units[2]!.id)
      await e.page.locator('.right-head [data-test="files-input"]').setInputFiles([
        { name: '申报书.pdf', mimeType: 'application/pdf', buffer: cidFontPdf() },
        { name: '照片.png', mimeType: 'image/png', buffer: tinyPng() },
      ])
      const dialog = e.page.locator('[data-test="material-import-dialog"]')
      await expect.poll(() => dialog.locator('[data-test="import-error"]').innerText()).toBe('文件都没能上传（原因见上），没有导入任何材料')
      expect(await dialog.locator('[data-test="upload-list"] li').allInnerTexts()).toEqual([
        expect.stringContaining('申报书.pdf'),
        expect.stringContaining('照片.png'),
      ])
      expect(await dialog.locator('[data-test="upload-list"] li.failed').count()).toBe(2)
      expect(await dialog.locator('[data-test="upload-list"]').innerText()).toContain('无法连接到本机服务')
      await e.shot('82-materials-upload-failed')
      await dialog.locator('[data-test="import-close"]').click()
      expect(await e.api.materials.list({ meetingId, unitId: units[2]!.id })).toEqual([])
    } finally {
      await e.page.unroute('**/upload')
    }
  })

  it('把文件拖到左侧的单位上：导入到那个单位（浏览器模式先上传）', async () => {
    await e.page.route('**/upload', (route) => route.abort('connectionreset'))
    try {
      await openMaterials(units[0]!.id)
      const transfer = await e.page.evaluateHandle(() => {
        const t = new DataTransfer()
        t.items.add(new File(['水文监测站党建工作总结'], '工作总结.txt', { type: 'text/plain' }))
        t.items.add(new File([new Uint8Array([37, 80, 68, 70])], '申报书.pdf', { type: 'application/pdf' }))
        return t
      })
      const target = unitButton(units[1]!.name)
      await target.dispatchEvent('dragover', { dataTransfer: transfer })
      await target.dispatchEvent('drop', { dataTransfer: transfer })
      const dialog = e.page.locator('[data-test="material-import-dialog"]')
      await expect.poll(() => dialog.locator('.el-dialog__title').innerText()).toBe(`导入材料到“${units[1]!.name}”`)
      await expect.poll(() => dialog.locator('[data-test="upload-list"] li .name').allInnerTexts()).toEqual(['工作总结.txt', '申报书.pdf'])
      await expect.poll(() => dialog.locator('[data-test="import-error"]').isVisible()).toBe(true)
      // The unit dropped on becomes the selected one.
      expect(await e.page.locator('[data-test="selected-unit"]').innerText()).toBe(units[1]!.name)
      await dialog.locator('[data-test="import-close"]').click()
    } finally {
      await e.page.unroute('**/upload')
    }
  })

  it('参评单位表多了“材料”列，1280×720 下仍完整', async () => {
    await e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/units`)
    await expect.poll(() => e.page.locator('[data-test="units-table"] thead th').allInnerTexts()).toContain('材料')
    await e.page.waitForLoadState('networkidle')
    const problems = Object.fromEntries(Object.entries(await pageProblems(e.page)).filter(([, list]) => list.length))
    expect(problems).toEqual({})
  })

  it('各单位材料概况：材料页的份数、无文字层、无材料；参评单位表的“材料”列', async () => {
    const expected = (await e.api.materials.list({ meetingId, unitId: units[0]!.id })).length
    await openMaterials()
    await expect.poll(() => unitButton(units[0]!.name).locator('[data-test="unit-count"]').innerText()).toBe(`${expected} 份`)
    expect(await unitButton(units[0]!.name).locator('[data-test="unit-scans"]').innerText()).toBe('1 份无文字层')
    expect(await unitButton(units[1]!.name).locator('[data-test="unit-count"]').innerText()).toBe('1 份')
    expect(await unitButton(units[1]!.name).locator('[data-test="unit-scans"]').count()).toBe(0)
    expect(await unitButton(units[2]!.name).locator('[data-test="unit-none"]').innerText()).toBe('无材料')

    await e.page.goto(`${e.baseUrl}/#/meetings/${meetingId}/units`)
    const table = e.page.locator('[data-test="units-table"]')
    const column = async () => {
      const heads = await table.locator('thead th').allInnerTexts()
      const at = heads.indexOf('材料')
      return Promise.all((await table.locator('tbody tr').all()).map((tr) => tr.locator('td').nth(at).innerText()))
    }
    await expect.poll(column).toEqual([`${expected} 份，1 份无文字层`, '1 份', '无'])
    await e.shot('84-units-materials-column')
    const problems = Object.fromEntries(Object.entries(await pageProblems(e.page)).filter(([, list]) => list.length))
    expect(problems).toEqual({})
  })

  it('导入 GBK 文件名的压缩包：上传、预览中名称正确、可切换编码、进度、导入报告，导入后列在单位下', async () => {
    const zip = buildZip([
      { name: gbk('申报材料/党建品牌申报书.pdf'), data: cidFontPdf() },
      { name: gbk('台账/扫描件.pdf'), data: imageOnlyPdf() },
    ])
    await openMaterials(units[2]!.id)
    await e.page.locator('.right-head [data-test="files-input"]').setInputFiles({ name: '水文站材料.zip', mimeType: 'application/zip', buffer: zip })
    const dialog = e.page.locator('[data-test="material-import-dialog"]')
    const files = dialog.locator('[data-test="preview-files"]')
    await expect.poll(() => files.innerText()).toContain('申报材料/党建品牌申报书.pdf')
    expect(await dialog.locator('[data-test="archive-encodings"]').innerText()).toContain('GBK')
    await e.shot('85-materials-import-preview')

    // Read as UTF-8 the names break; back to 自动识别 they are right again.
    const select = dialog.locator('[data-test="archive-encoding"]')
    await select.click()
    await e.page.locator('.el-select-dropdown__item:visible', { hasText: 'UTF-8' }).click()
    await expect.poll(() => files.innerText()).not.toContain('党建品牌申报书')
    await select.click()
    await e.page.locator('.el-select-dropdown__item:visible', { hasText: '自动识别' }).click()
    await expect.poll(() => files.innerText()).toContain('党建品牌申报书')

    await dialog.locator('[data-test="import-confirm"]').click()
    await expect.poll(() => dialog.locator('[data-test="import-report"]').innerText()).toContain('已导入 2 份材料')
    await e.shot('86-materials-import-report')
    await dialog.locator('[data-test="import-close"]').click()
    await expect.poll(() => e.page.locator('[data-test="material-list"] tbody tr').count()).toBe(2)
    expect(await row('申报材料/党建品牌申报书.pdf').count()).toBe(1)
    expect(await row('台账/扫描件.pdf').locator('[data-test="material-badge"]').allInnerTexts()).toEqual(['无文字层'])
  })

  it('按单位文件夹批量导入：文件夹对上单位，未匹配的标出并须指定或跳过，确定后才写入', async () => {
    const zip = buildZip([
      { name: gbk('市数据资源局数据共享处/工作总结.txt'), data: gbk('数据共享处二〇二四年工作总结') },
      { name: gbk('市水利保障局水文监测站/台账.txt'), data: gbk('水文监测站党建台账') },
      { name: gbk('新建文件夹/说明.txt'), data: gbk('不知是哪个单位的') },
    ])
    const before = await e.api.materials.list({ meetingId })
    await openMaterials()
    await e.page.locator('.toolbar [data-test="files-input"]').setInputFiles({ name: '各单位材料.zip', mimeType: 'application/zip', buffer: zip })
    const dialog = e.page.locator('[data-test="material-batch-dialog"]')
    const groups = dialog.locator('[data-test="batch-groups"] tbody tr')
    await expect.poll(() => groups.count()).toBe(3)
    const unmatched = dialog.locator('tr.unmatched')
    expect(await unmatched.count()).toBe(1)
    expect(await unmatched.innerText()).toContain('未匹配')
    const confirm = dialog.locator('[data-test="batch-confirm"]')
    expect(await confirm.isDisabled()).toBe(true)
    await e.shot('88-materials-batch-plan')
    // Nothing is written while the organizer decides.
    expect(await e.api.materials.list({ meetingId })).toEqual(before)

    await unmatched.locator('[data-test="batch-unit"]').selectOption('skip')
    await expect.poll(() => confirm.isDisabled()).toBe(false)
    expect(await confirm.innerText()).toContain('2 个文件夹')
    await confirm.click()
    await expect.poll(() => dialog.locator('[data-test="import-report"]').innerText()).toContain('已导入 2 份材料')
    await dialog.locator('[data-test="import-close"]').click()
    expect((await e.api.materials.list({ meetingId, unitId: units[0]!.id })).map((m) => m.name)).toContain('工作总结.txt')
    expect((await e.api.materials.list({ meetingId, unitId: units[1]!.id })).map((m) => m.name)).toContain('台账.txt')
  })

  it('搜索“党建品牌”与两个字的“党建”：按单位分组、标出命中、总数；点击打开阅读页的那一页', async () => {
    await openMaterials()
    const search = async (q: string) => {
      await e.page.locator('input[data-test="search-input"]').fill(q)
      await e.page.locator('input[data-test="search-input"]').press('Enter')
      await expect.poll(() => e.page.locator('[data-test="search-total"]').innerText()).toContain(`“${q}”`)
    }
    await search('党建品牌')
    const results = e.page.locator('[data-test="search-results"]')
    const first = results.locator(`section[data-unit="${units[0]!.name}"] [data-test="search-hit"]`).first()
    expect(await first.innerText()).toContain('申报材料/党建品牌申报书.pdf · 第 1 页')
    expect(await first.locator('mark').innerText()).toBe('党建品牌')
    await e.shot('87-materials-search')

    await search('党建')
    expect(await results.locator(`section[data-unit="${units[1]!.name}"] mark`).first().innerText()).toBe('党建')
    const unitsWithHits = () => results.locator('section').evaluateAll((list) => list.map((s) => s.getAttribute('data-unit')))
    // (Units imported into by the steps above may match too.)
    expect(await unitsWithHits()).toEqual(expect.arrayContaining([units[0]!.name, units[1]!.name]))

    // Only the selected unit: choosing it shows its list again, the search then keeps to it.
    await unitButton(units[1]!.name).click()
    await expect.poll(() => results.count()).toBe(0)
    const scope = async (label: string) => {
      await e.page.locator('[data-test="search-scope"]').click()
      await e.page.locator('.el-select-dropdown__item:visible', { hasText: label }).click()
    }
    await scope(`仅${units[1]!.name}`)
    await search('党建')
    expect(await unitsWithHits()).toEqual([units[1]!.name])
    await scope('全部单位')

    await search('党建品牌')
    await first.click()
    await expect.poll(() => decodeURIComponent(e.page.url())).toContain(`#/meetings/${meetingId}/materials/${seeded[0]!.id}?page=1&q=党建品牌`)
    // The reader opens at that page with the hit marked, and the CID-font glyphs are drawn (CMaps bundled).
    await expect.poll(() => e.page.locator('.pdf-page[data-page="1"] .highlight').count()).toBeGreaterThan(0)
    const ink = () =>
      e.page.evaluate(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('.pdf-page[data-page="1"] canvas')
        if (!canvas) return 0
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
        let n = 0
        for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 384) n++
        return n
      })
    await expect.poll(ink).toBeGreaterThan(100)
    await e.page.screenshot({ path: join(SCREENSHOT_DIR, '89-materials-search-hit-opened.png') })
  })
})
