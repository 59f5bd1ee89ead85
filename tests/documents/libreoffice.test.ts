/**
 * The generated documents as LibreOffice lays them out: converted to PDF, then checked page by page
 * (orientation, text, page numbers). Pages are also rendered to PNG under test-results/documents/
 * for people to look at. Only fonts-wqy-microhei provides Chinese here (and on CI), so every Chinese
 * font falls back to it: page counts below are for that font set.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { buildReviewerSheetsDocx } from '../../src-main/core/documents/reviewer-sheet'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { repoRoot } from '../helpers/core'
import { demoDossier } from './fixture'
import { CLOSING_LINE, pdfPages } from './pdf-pages'

const work = mkdtempSync(join(tmpdir(), 'onsite-lo-'))
const shots = join(repoRoot, 'test-results', 'documents')
afterAll(() => rmSync(work, { recursive: true, force: true }))

const FILES = ['minutes', 'summary', 'sheets', 'blank'] as const
type Name = (typeof FILES)[number]

beforeAll(async () => {
  const d = demoDossier()
  const zhou = d.reviewers[0].id
  writeFileSync(join(work, 'minutes.docx'), (await buildMinutesDocx(d)).bytes)
  writeFileSync(join(work, 'summary.docx'), await buildSummaryDocx(d))
  writeFileSync(join(work, 'sheets.docx'), await buildReviewerSheetsDocx(d, { reviewerId: zhou, blank: false }))
  writeFileSync(join(work, 'blank.docx'), await buildReviewerSheetsDocx(d, { reviewerId: zhou, blank: true }))
  // One LibreOffice profile per run, so parallel runs never share (and lock) one.
  const profile = `file://${join(work, 'profile')}`
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...FILES.map((f) => join(work, `${f}.docx`))],
    { timeout: 170_000, stdio: 'pipe' },
  )
}, 180_000)

const pdf = (name: Name) => join(work, `${name}.pdf`)
const pageText = (name: Name, page: number) => execFileSync('pdftotext', ['-raw', '-f', String(page), '-l', String(page), pdf(name), '-'], { encoding: 'utf8' })
function pageSizes(name: Name): ('portrait' | 'landscape')[] {
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '9999', pdf(name)], { encoding: 'utf8' })
  return [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map(([, w, h]) => (Number(w) > Number(h) ? 'landscape' : 'portrait'))
}
function snapshot(name: Name, page: number, as: string): void {
  mkdirSync(shots, { recursive: true })
  execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf(name), join(shots, as)])
}

describe('the minutes in LibreOffice', () => {
  it('lays out the text on portrait pages, 附件1 landscape, 附件2 portrait', () => {
    const sizes = pageSizes('minutes')
    const firstLandscape = sizes.indexOf('landscape')
    const lastLandscape = sizes.lastIndexOf('landscape')
    expect(sizes.slice(0, firstLandscape).every((s) => s === 'portrait')).toBe(true)
    expect(sizes.slice(firstLandscape, lastLandscape + 1).every((s) => s === 'landscape')).toBe(true)
    expect(sizes.slice(lastLandscape + 1).every((s) => s === 'portrait')).toBe(true)
    // 6 pages of text, the summary on 2 landscape pages (its last rows go with the signatures and the first note), 58 sheets of 1 page.
    expect([firstLandscape, lastLandscape - firstLandscape + 1, sizes.length - lastLandscape - 1]).toEqual([6, 2, 58])
    // Each attachment starts on an odd page (the front of a sheet printed double-sided).
    expect([firstLandscape + 1, lastLandscape + 2].map((page) => page % 2)).toEqual([1, 1])
    snapshot('minutes', 1, 'minutes-page1')
    snapshot('minutes', firstLandscape + 1, 'minutes-attachment1-landscape')
    snapshot('minutes', lastLandscape + 2, 'minutes-attachment2-first-sheet')
  })

  it('prints the title, the sections and "— n —" page numbers', () => {
    const first = pageText('minutes', 1)
    expect(first).toMatch(/^青岚市直机关 ?2024 ?年度\n“模范机关”创建现场评审会纪要\n/)
    expect(first).toMatch(/\n— 1 —\n/)
    expect(pageText('minutes', 2)).toMatch(/\n— 2 —\n/)
    const all = execFileSync('pdftotext', ['-raw', pdf('minutes'), '-'], { encoding: 'utf8' }).replace(/ /g, '')
    for (const heading of ['一、评审基本情况', '二、评审结果', '三、评审意见', '四、有关事项', '出席：周明远', '附件1', '附件2']) {
      expect(all).toContain(heading)
    }
  })

  it('prints 附件1 on landscape pages, its last rows on the page of the signature lines and the first note', () => {
    const sizes = pageSizes('minutes')
    const first = sizes.indexOf('landscape') + 1
    const page = pageText('minutes', first).replace(/ /g, '')
    expect(page).toMatch(/^内部资料注意保管\n附件1\n评分汇总表\n/)
    // Each unit's name whole on its row's line.
    expect(page).toContain('1市数据资源局数据共享处党支部96.0098.00(95.00)(99.00)96.5099.0095.0096.834.171优秀')
    for (const unit of ['\n2市营商环境服务局政务服务中心', '\n7市城市更新局规划建设处党支部']) expect(page).toContain(unit)
    // In 小五 the rows take more than a page: the last ones go with the signatures; the notes may run on.
    const signed = pageText('minutes', first + 1).replace(/ /g, '')
    expect(signed).toMatch(/\n序号单位周明远/)
    expect(signed).toContain('市农业农村')
    expect(signed).toContain('评审组长签字：')
    expect(signed).toContain('注：1.各评委栏为该评委的总分')
  })

  it('never starts a page with the closing lines, a signature or a 注', () => {
    for (const name of ['minutes', 'summary'] as const) {
      for (const [i, page] of pdfPages(pdf(name)).entries()) {
        const first = page
          .split('\n')
          .map((l) => l.replace(/\s+/g, ''))
          .find((l) => l && l !== '内部资料注意保管')
        expect(first, `${name} page ${i + 1}`).not.toMatch(CLOSING_LINE)
      }
    }
  })
})

describe('the sheets in LibreOffice', () => {
  it('prints the stand-alone summary sheet on landscape pages', () => {
    expect(pageSizes('summary')).toEqual(['landscape', 'landscape'])
    expect(pageText('summary', 1).replace(/ /g, '')).toContain('青岚市直机关2024年度“模范机关”\n创建现场评审会评分汇总表\n')
    // The unit names print in 小五 (9 pt) or larger, not 六号 (7.5 pt): WenQuanYi Micro Hei, the only
    // Chinese font here, draws a word's box 1.29 times its size.
    const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf('summary'), '-'], { encoding: 'utf8' })
    const names = [...xml.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">市/g)].map((m) => (Number(m[2]) - Number(m[1])) / 1.29)
    expect(names.length).toBeGreaterThanOrEqual(10)
    expect(Math.min(...names)).toBeGreaterThanOrEqual(8.9)
    snapshot('summary', 1, 'summary-sheet')
  })

  it('prints one reviewer’s filled sheets, one page each, with scores and the statement', () => {
    const sizes = pageSizes('sheets')
    expect(sizes).toHaveLength(12)
    const first = pageText('sheets', 1).replace(/ /g, '')
    expect(first).toContain('被评单位：市数据资源局数据共享处党支部【数联先锋】')
    expect(first).toContain('评委：周明远')
    expect(first).toMatch(/本人与被评单位无利害关系。\n评委签字：\t?日期：2024年12月18日/)
    snapshot('sheets', 1, 'reviewer-sheet')
  })

  it('prints blank sheets to fill in by hand', () => {
    expect(pageSizes('blank')).toHaveLength(24)
    const second = pageText('blank', 2).replace(/ /g, '')
    expect(second).toContain('主要亮点：')
    expect(second).toMatch(/日期：\s*年\s*月\s*日/)
    expect(pageText('blank', 1)).not.toMatch(/\d+\.\d/) // no scores
    snapshot('blank', 1, 'blank-sheet')
  })
})
