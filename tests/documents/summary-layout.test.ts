/** The summary table fits the landscape page whatever the number of reviewers. */
import { describe, expect, it } from 'vitest'
import { LANDSCAPE_TEXT_WIDTH } from '../../src-main/core/documents/layout'
import { CELL_MARGIN } from '../../src-main/core/documents/ooxml'
import { measure } from '../../src-main/core/documents/summary-columns'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { remarksText } from '../../src-main/core/documents/summary-words'
import { readDocx, tableRows } from './docx-reader'
import { demoDossier, uuid } from './fixture'

/** The demo dossier with `count` reviewers (the extra ones give every unit 80 points). */
function withReviewers(count: number) {
  const d = demoDossier()
  for (let r = d.results.reviewers.length; r < count; r++) {
    const id = uuid(9, r)
    d.results.reviewers.push({ id, name: `评委${r + 1}号`, role: 'member' })
    for (const u of d.results.units) u.totals.push({ reviewerId: id, subtotal: 77, bonus: 3, total: 80, recused: false, incomplete: false, dropped: null })
  }
  return d
}

const gridWidths = (table: string) => [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
/** Tables that open with a header row: one per band. */
const bandTables = (document: string) => document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!.filter((t) => /^<w:tbl>[\s\S]*?<w:tr>(?:(?!<\/w:tr>)[\s\S])*<w:tblHeader\/>/.test(t))

describe('summary table layout', () => {
  it('uses 五号 or 小五 in one table for a small panel', async () => {
    const docx = readDocx(await buildSummaryDocx(withReviewers(5)))
    const tables = bandTables(docx.document)
    expect(tables).toHaveLength(1)
    expect(gridWidths(tables[0]).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(LANDSCAPE_TEXT_WIDTH)
  })

  it('prints the demo in 小五 or larger: only names and numbers decide the size, each whole on one line; 备注 wraps', async () => {
    const d = demoDossier()
    const docx = readDocx(await buildSummaryDocx(d))
    const [table] = bandTables(docx.document)
    const widths = gridWidths(table)
    // Every cell in 五号 (GbCell…) or 小五 (GbTinyCell…); 六号 is 7.5 pt, too small to sign for.
    const cells = table.match(/<w:tr>[\s\S]*?<\/w:tr>/g)!.slice(0, -1).join('') // not the closing row: signatures, notes
    const styles = new Set([...cells.matchAll(/<w:pStyle w:val="(\w+)"\/>/g)].map((m) => m[1]))
    expect([...styles].every((s) => /^Gb(Tiny)?Cell(Left|Head)?$/.test(s)), [...styles].join()).toBe(true)
    const size = [...styles].some((s) => s.startsWith('GbTiny')) ? 18 : 21
    const rows = tableRows(docx.document, 0)
    const head = rows[0]
    const inner = (column: string) => widths[head.indexOf(column)] - 2 * CELL_MARGIN
    // Unit names and every figure on one line: no break in the cell text, and the column holds it.
    for (const row of rows.slice(1, -1)) {
      row.slice(0, -1).forEach((text, i) => {
        expect(text, head[i]).not.toContain('\n')
        expect(widths[i] - 2 * CELL_MARGIN, `${head[i]}: ${text}`).toBeGreaterThanOrEqual(measure(text, size))
      })
    }
    // 备注 is narrower than its longest remark: prose wraps rather than shrinking the table.
    const longest = Math.max(...d.results.units.map((u) => measure(remarksText(u), size)))
    expect(inner('备注')).toBeLessThan(longest)
  })

  it('keeps an eight-reviewer panel in one table (六号), not two: each row holds the totals its 综合得分 is computed from', async () => {
    const docx = readDocx(await buildSummaryDocx(withReviewers(8)))
    const tables = bandTables(docx.document)
    expect(tables).toHaveLength(1)
    expect(gridWidths(tables[0]).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(LANDSCAPE_TEXT_WIDTH)
    const head = tableRows(docx.document, 0)[0]
    expect(head.slice(2, 10)).toEqual(['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', '评委6号', '评委7号', '评委8号'])
    expect(head).toContain('综合\n得分')
  })

  it('splits 40 reviewers over several tables, each within the page and repeating 序号 and 单位', async () => {
    const docx = readDocx(await buildSummaryDocx(withReviewers(40)))
    const all = docx.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!
    const tables = bandTables(docx.document)
    expect(tables.length).toBeGreaterThan(1)
    for (const table of tables) expect(gridWidths(table).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(LANDSCAPE_TEXT_WIDTH)
    const headers = tables.map((t) => tableRows(docx.document, all.indexOf(t))[0])
    for (const h of headers) expect(h.slice(0, 2)).toEqual(['序号', '单位'])
    // Every reviewer once, in order; the statistics and 备注 in the last table only.
    expect(headers.flatMap((h) => h.slice(2)).filter((c) => !['最高分', '最低分', '综合\n得分', '其中\n加分', '排名', '等次', '备注'].includes(c))).toEqual(
      ['周明远', '林静怡', '陈卫国', '赵海燕', '吴晓东', ...Array.from({ length: 35 }, (_, i) => `评委${i + 6}号`)],
    )
    expect(headers.at(-1)!.slice(-3)).toEqual(['排名', '等次', '备注'])
    expect(docx.text).toMatch(/（一）各评委评分（周明远至/)
    // The last table carries the statistics, and the last reviewers when they fit beside them.
    expect(docx.text).toMatch(new RegExp(`（${['一', '二', '三', '四', '五', '六', '七'][tables.length - 1]}）(各评委评分（[^）]+）、)?综合得分与排名\n`))
    // Each band lists all 12 units under its head; the last one ends with the signatures and notes in one row.
    expect(tables).toEqual(all)
    for (const t of tables.slice(0, -1)) expect(tableRows(docx.document, all.indexOf(t))).toHaveLength(13)
    const last = tableRows(docx.document, all.length - 1)
    expect(last).toHaveLength(14)
    expect(last.at(-1)!).toHaveLength(1)
    expect(last.at(-1)![0]).toMatch(/^计分人：[\s\S]*评审组长签字：[\s\S]*注：1\./)
  })

  it('prints no mark at all when the organizer turns "内部资料 注意保管" off', async () => {
    const d = demoDossier()
    d.settings.markInternal = false
    const docx = readDocx(await buildSummaryDocx(d))
    expect(Object.values(docx.sections[0].headers).join('')).not.toContain('内部资料')
    expect(docx.text).not.toContain('内部资料')
  })
})
