/**
 * The closing lines of the minutes (附件, 出席…记录, 落款) as LibreOffice prints them when the 出席
 * list is long (30 to 50 people, names with digits such as 周明远12): the 落款 date is never alone
 * on a page and no page opens with a closing line. One soffice call converts every file.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { demoDossier } from './fixture'
import { generatedDossier } from './generated'
import { CLOSING_LINE, pageLines, pdfPages } from './pdf-pages'

const work = mkdtempSync(join(tmpdir(), 'onsite-closing-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

const SIZES = [30, 40, 50]
const pages: Record<number, string[][]> = {}

beforeAll(async () => {
  for (const n of SIZES) {
    const d = demoDossier()
    d.settings.attendees = generatedDossier(1, n).reviewers.map((r) => r.name)
    writeFileSync(join(work, `minutes-${n}.docx`), (await buildMinutesDocx(d)).bytes)
  }
  const profile = `file://${join(work, 'profile')}`
  const docs = SIZES.map((n) => join(work, `minutes-${n}.docx`))
  execFileSync('soffice', ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', work, ...docs], { timeout: 290_000, stdio: 'pipe' })
  for (const n of SIZES) pages[n] = pdfPages(join(work, `minutes-${n}.pdf`)).map(pageLines)
}, 300_000)

describe('the minutes’ closing lines with a long 出席 list', () => {
  it('print the 落款 date under the issuing body, after the text, never opening a page', () => {
    for (const n of SIZES) {
      const text = pages[n].slice(0, pages[n].findIndex((p) => p[0] === '附件1'))
      for (const [i, page] of text.entries()) expect(page[0], `${n} attendees, page ${i + 1}`).not.toMatch(CLOSING_LINE)
      const last = text.at(-1)!
      expect(last.at(-1), `${n} attendees`).toBe('2024年12月18日')
      expect(last.at(-2), `${n} attendees`).toBe('中共青岚市直属机关工作委员会')
      expect(last.findIndex((l) => l.startsWith('记录：')), `${n} attendees`).toBeGreaterThan(0)
    }
  })

  it('print every attendee’s name whole on one line', () => {
    for (const n of SIZES) {
      const text = pages[n].flat().join('\n')
      const list = text.slice(text.indexOf('出席：'), text.indexOf('列席：'))
      for (const name of generatedDossier(1, n).reviewers.map((r) => r.name)) expect(list.split('\n').some((l) => l.includes(name)), `${n}: ${name}`).toBe(true)
    }
  })
})
