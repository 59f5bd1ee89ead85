/**
 * What comes out of the printer, as LibreOffice lays it out, for the demo meeting (opened from the
 * database as a user opens it) and a generated 60 × 9 meeting with long unit names and four-character reviewer names: no page that holds only a
 * signature block or a 注, no name broken across lines, every score-sheet page saying which unit and
 * which reviewer it is about, a filled sheet on one page and a blank one on one sheet of paper.
 * One soffice call converts every file.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dossier } from '../../src-main/core/documents/dossier'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { sheetPairs, buildReviewerSheetsDocx } from '../../src-main/core/documents/reviewer-sheet'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { loadDossier } from '../../src-main/core/services/dossier'
import { makeTestCore, repoRoot } from '../helpers/core'
import { generatedDossier } from './generated'
import { CLOSING_LINE, pdfPages } from './pdf-pages'

const work = mkdtempSync(join(tmpdir(), 'onsite-print-'))
const shots = join(repoRoot, 'test-results', 'documents')
afterAll(() => rmSync(work, { recursive: true, force: true }))

let demo: Dossier
const big = generatedDossier(60, 9)
/** Two reviewers with four-character names: 60 sheets each. */
const bigReviewers = big.reviewers.filter((r) => [...r.name].length === 4).slice(0, 2)

const FILES = ['demo-minutes', 'demo-sheets', 'demo-blank', 'big-summary', 'big-sheets', 'big-blank'] as const
type Name = (typeof FILES)[number]
const pages = {} as Record<Name, string[]>

beforeAll(async () => {
  const t = makeTestCore()
  try {
    const meeting = await t.api.meetings.openDemo({})
    demo = loadDossier(t.core.context.db, meeting.id)
  } finally {
    t.dispose()
  }
  const sheets = (d: Dossier, blank: boolean, reviewerIds: string[]) => Promise.all(reviewerIds.map((reviewerId) => buildReviewerSheetsDocx(d, { reviewerId, blank })))
  writeFileSync(join(work, 'demo-minutes.docx'), (await buildMinutesDocx(demo)).bytes)
  writeFileSync(join(work, 'demo-sheets.docx'), await buildReviewerSheetsDocx(demo, { blank: false }))
  writeFileSync(join(work, 'demo-blank.docx'), await buildReviewerSheetsDocx(demo, { blank: true }))
  writeFileSync(join(work, 'big-summary.docx'), await buildSummaryDocx(big))
  const [first, second] = await sheets(big, false, bigReviewers.map((r) => r.id))
  writeFileSync(join(work, 'big-sheets.docx'), first)
  writeFileSync(join(work, 'big-sheets-2.docx'), second)
  writeFileSync(join(work, 'big-blank.docx'), (await sheets(big, true, [bigReviewers[1].id]))[0])
  const profile = `file://${join(work, 'profile')}`
  const docs = [...FILES, 'big-sheets-2'].map((f) => join(work, `${f}.docx`))
  execFileSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...docs], { timeout: 290_000, stdio: 'pipe' })
  for (const f of FILES) pages[f] = pdfPages(join(work, `${f}.pdf`))
  pages['big-sheets'].push(...pdfPages(join(work, 'big-sheets-2.pdf')))
  mkdirSync(shots, { recursive: true })
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', join(work, 'big-summary.pdf'), join(shots, 'summary-60x9')])
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', join(work, 'big-blank.pdf'), join(shots, 'blank-sheet-60x9')])
}, 300_000)

/** A page's lines without spaces, the header mark and the page number. */
const lines = (page: string) =>
  page
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l && l !== '内部资料注意保管' && !/^—\d+—$/.test(l))

describe('score sheets on paper', () => {
  it('print a filled sheet on exactly one page, for the demo and the 60 × 9 meeting', () => {
    expect(pages['demo-sheets']).toHaveLength(sheetPairs(demo).length)
    expect(pages['big-sheets']).toHaveLength(120)
  })

  it('print a blank sheet on one sheet of paper: the scores on the front, the opinions and signature on the back', () => {
    expect(pages['demo-blank']).toHaveLength(2 * sheetPairs(demo).length)
    expect(pages['big-blank']).toHaveLength(120)
    for (const [i, page] of pages['demo-blank'].entries()) {
      const text = lines(page).join('')
      if (i % 2 === 0) expect(text).toContain('一级指标')
      else expect(text).toMatch(/评审意见[\s\S]*本人与被评单位无利害关系。评委签字：/)
    }
  })

  it('say on every page which unit and which reviewer, the name whole on one line', () => {
    const check = (d: Dossier, name: Name) => {
      const reviewers = d.reviewers.map((r) => r.name)
      for (const [i, page] of pages[name].entries()) {
        const text = lines(page)
        expect(text.some((l) => l.startsWith('被评单位：')), `${name} page ${i + 1}`).toBe(true)
        const who = text.find((l) => l.includes('评委：'))
        expect(who, `${name} page ${i + 1}`).toBeDefined()
        expect(reviewers.some((r) => who!.endsWith(`评委：${r}`)), `${name} page ${i + 1}: ${who}`).toBe(true)
      }
    }
    for (const name of ['demo-sheets', 'demo-blank', 'big-sheets', 'big-blank'] as const) check(name.startsWith('demo') ? demo : big, name)
  })

  it('never print the signature or the statement at the top of a page (nor the minutes their closing lines)', () => {
    for (const name of ['demo-minutes', 'demo-sheets', 'demo-blank', 'big-sheets', 'big-blank'] as const) {
      for (const [i, page] of pages[name].entries()) expect(lines(page)[0], `${name} page ${i + 1}`).not.toMatch(CLOSING_LINE)
    }
  })

  it('print the bonus label once', () => {
    expect(lines(pages['demo-sheets'][0]).join('')).toMatch(/特色加分（0—5分）：/)
    expect(pages['demo-sheets'].join('').replace(/\s+/g, '')).not.toMatch(/特色加分：特色加分/)
  })
})

describe('the 60 × 9 summary sheet on paper', () => {
  it('keeps its last rows with the signatures and notes, and prints every reviewer’s name whole', () => {
    const summary = pages['big-summary']
    for (const [i, page] of summary.entries()) expect(lines(page)[0], `page ${i + 1}`).not.toMatch(CLOSING_LINE)
    // The signatures under the last rows, on their page; the notes after them may run on to another page.
    const signed = summary.map(lines).find((page) => page.some((l) => l.startsWith('计分人：'))) ?? []
    const at = signed.findIndex((l) => l.startsWith('计分人：'))
    expect(signed.slice(0, at).filter((l) => /^\d+市/.test(l)).length).toBeGreaterThanOrEqual(2)
    expect(signed.slice(0, at).some((l) => l.startsWith('60市'))).toBe(true)
    const heads = summary.flatMap((p) => lines(p)).filter((l) => l.startsWith('序号单位'))
    expect(heads.length).toBeGreaterThan(0)
    for (const name of big.reviewers.map((r) => r.name)) expect(heads.some((h) => h.includes(name)), name).toBe(true)
  })
})
