/**
 * 汇报顺序表 as LibreOffice prints it: the drawn order with planned times, the seed, time and
 * algorithm, and the signature lines never alone at the top of a page — for the demo's 12 units and
 * for 45 units (the table runs over a page). Pages are rendered to PNG under test-results/documents/.
 */
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectRejected } from '../helpers/expect-rejected'
import { makeTestCore, repoRoot, type TestCore } from '../helpers/core'
import { CLOSING_LINE, pdfPages } from './pdf-pages'

const work = mkdtempSync(join(tmpdir(), 'onsite-order-'))
const shots = join(repoRoot, 'test-results', 'documents')
let t: TestCore
let demoId: string
let seed = ''
const pages: Record<'demo' | 'big', string[]> = { demo: [], big: [] }
const lines = (page: string) => page.split('\n').map((l) => l.trim().replace(/\s+/g, '')).filter(Boolean)
/** A heading before the signatures (监督人) — the signature line itself opens with 监督人. */
const CLOSING = new RegExp(`${CLOSING_LINE.source}|^监督人`)

beforeAll(async () => {
  t = makeTestCore()
  demoId = (await t.api.meetings.openDemo({})).id
  await t.api.lots.draw({ meetingId: demoId })
  const demoDraw = await t.api.lots.draw({ meetingId: demoId, seed: '5eed0fdeadbeef12', reason: '监督人要求按其给出的种子重抽' })
  seed = demoDraw.seed
  const big = await t.api.meetings.create({ title: '青岚市直机关2024年度“模范机关”创建现场评审会（扩大）', date: '2024-12-18', startTime: '8:30', place: '市行政中心' })
  for (let i = 1; i <= 45; i++) await t.api.units.create({ meetingId: big.id, fields: { name: `市第${i}机关事务服务局后勤保障中心党支部`, category: '直属单位' } })
  await t.api.lots.draw({ meetingId: big.id })
  const files = { demo: await t.api.exports.reportOrder({ meetingId: demoId }), big: await t.api.exports.reportOrder({ meetingId: big.id }) }
  for (const [name, file] of Object.entries(files)) copyFileSync(file.path, join(work, `${name}.docx`))
  const profile = `file://${join(work, 'profile')}`
  execFileSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, join(work, 'demo.docx'), join(work, 'big.docx')], {
    timeout: 170_000,
    stdio: 'pipe',
  })
  pages.demo = pdfPages(join(work, 'demo.pdf'))
  pages.big = pdfPages(join(work, 'big.pdf'))
  mkdirSync(shots, { recursive: true })
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', '1', '-l', '1', join(work, 'demo.pdf'), join(shots, 'report-order-demo')])
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '3', join(work, 'big.pdf'), join(shots, 'report-order-45')])
}, 180_000)
afterAll(() => {
  t.dispose()
  rmSync(work, { recursive: true, force: true })
})

describe('汇报顺序表', () => {
  it('prints the demo’s drawn order on one A4 portrait page, with planned times, seed, time, rule and signature lines', async () => {
    expect(pages.demo).toHaveLength(1)
    const info = execFileSync('pdfinfo', [join(work, 'demo.pdf')], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts/)
    const text = lines(pages.demo[0])
    expect(text.join('')).toMatch(/汇报顺序表/)
    expect(text.some((l) => l.startsWith('顺序单位名称计划时间'))).toBe(true)
    const units = await t.api.units.list({ meetingId: demoId })
    // Each row: position, the unit, its slot (8 + 5 minutes from 9:00).
    const rows = text.filter((l) => /^\d+市/.test(l))
    expect(rows.map((l) => l.replace(/^\d+/, '').replace(/\d+:\d\d—\d+:\d\d$/, ''))).toEqual(units.map((u) => u.name))
    expect(rows[0]).toMatch(/^1.*9:00—9:13$/)
    expect(rows[11]).toMatch(/^12.*11:23—11:36$/)
    const all = text.join('')
    expect(all).toContain(`抽签种子：${seed}`)
    expect(all).toContain('第2次抽签，理由：监督人要求按其给出的种子重抽')
    expect(all).toContain('Fisher–Yates')
    expect(all).toMatch(/监督人（签字）：.*会务组（签字）：/)
  })

  it('runs a long order over pages with the header repeated, the last rows kept with the signatures', () => {
    expect(pages.big.length).toBeGreaterThan(1)
    for (const [i, page] of pages.big.entries()) {
      expect(lines(page)[0], `page ${i + 1}`).not.toMatch(CLOSING)
      expect(lines(page).some((l) => l.startsWith('顺序单位名称')), `header on page ${i + 1}`).toBe(true)
    }
    const last = lines(pages.big.at(-1)!)
    expect(last.findIndex((l) => l.startsWith('监督人'))).toBeGreaterThan(1)
    // 8 + 5 minutes a unit by default, from the start time 8:30.
    expect(lines(pages.big[0]).join('')).toContain('8:30—8:43')
  })

  it('is refused before the first draw, changing nothing', async () => {
    const fresh = await t.api.meetings.create({ title: '未抽签的会议', date: '2024-12-18' })
    await expectRejected(t.core.context.db, () => t.api.exports.reportOrder({ meetingId: fresh.id }), 'CONFLICT', '尚未抽签')
  })
})
