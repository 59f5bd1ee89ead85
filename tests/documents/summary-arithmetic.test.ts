/**
 * The 评分汇总表 adds up on paper: the 复核人 takes the printed reviewer totals that are not in
 * brackets, averages them, rounds half-up, and finds the printed 综合得分 — on every row of the demo
 * and of a generated 60 × 9 meeting, in the stand-alone sheet and in 附件1 of the minutes.
 */
import { describe, expect, it } from 'vitest'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { measure } from '../../src-main/core/documents/summary-columns'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import type { Dossier } from '../../src-main/core/documents/dossier'
import { readDocx, tableRows } from './docx-reader'
import { demoDossier } from './fixture'
import { generatedDossier } from './generated'

interface Row {
  unit: string
  cells: Map<string, string>
}

/** The summary table(s) read back as rows keyed by column header, bands joined by 序号. */
function summaryTables(document: string): Row[] {
  const tables = document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!
  const rows = new Map<string, Row>()
  let header: string[] = []
  for (let t = 0; t < tables.length; t++) {
    const table = tableRows(document, t)
    if (table[0][0] === '序号') header = table[0]
    else if (!/^\d+$/.test(table[0][0])) break // past the summary: a score sheet
    for (const cells of table) {
      // The head, and the last table's closing row (signatures and notes, one cell across).
      if (cells[0] === '序号' || cells.length === 1) continue
      const row = rows.get(cells[0]) ?? { unit: cells[1].replace(/\n/g, ''), cells: new Map() }
      cells.forEach((c, i) => row.cells.set(header[i], c))
      rows.set(cells[0], row)
    }
  }
  return [...rows.values()]
}

/** Half-up rounding of an exact mean of numbers printed with at most two decimals, as a person does it. */
function roundedMean(printed: string[], places: number): string {
  const hundredths = printed.map((p) => BigInt(Math.round(Number(p) * 100)))
  const sum = hundredths.reduce((a, b) => a + b, 0n)
  const n = BigInt(printed.length)
  // mean × 10^places, rounded half-up: (sum × 10^places / 100 / n)
  const scale = 10n ** BigInt(places)
  const num = sum * scale
  const den = 100n * n
  const q = (2n * num + den) / (2n * den)
  const s = q.toString().padStart(places + 1, '0')
  return places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s
}

function checkAddsUp(d: Dossier, rows: Row[]): number {
  const names = d.results.reviewers.map((r) => r.name)
  let checked = 0
  for (const row of rows) {
    const final = row.cells.get('综合\n得分')!
    if (final === '—') continue
    const printed = names.map((n) => row.cells.get(n)!).filter((c) => /^\(?\d+(\.\d+)?\)?$/.test(c))
    const kept = printed.filter((c) => !c.startsWith('('))
    const dropped = printed.filter((c) => c.startsWith('('))
    expect(dropped.length === 0 || dropped.length === 2, row.unit).toBe(true)
    expect(roundedMean(kept, d.results.rules.roundingPlaces), row.unit).toBe(final)
    // The bonus inside it is never bigger than it, and nothing printed claims to add up to it.
    expect(Number(row.cells.get('其中\n加分'))).toBeLessThan(Number(final))
    checked++
  }
  return checked
}

describe('the summary sheet adds up on paper', () => {
  it('on every row of the demo: the mean of the totals not in brackets, rounded half-up, is the printed 综合得分', async () => {
    const d = demoDossier()
    const docx = readDocx(await buildSummaryDocx(d))
    const rows = summaryTables(docx.document)
    expect(rows).toHaveLength(12)
    expect(checkAddsUp(d, rows)).toBe(12)
    // 市文旅融合发展局公共服务处党支部: 有效平均分 90.33 + 加分 2.83 no longer printed as adding up to 93.17.
    expect([...rows[0].cells.keys()]).not.toContain('有效\n平均分')
    expect(docx.text).toMatch(/注：1\.各评委栏为该评委的总分（含特色加分）；加括号的分数为按计分规则去掉的一个最高分和一个最低分/)
    expect(docx.text).toContain('2.“其中加分”是综合得分中所含的特色加分（参与平均的各评委加分的平均值），已计入综合得分，单独四舍五入')
    expect(docx.text).toContain('3.计分规则：每个单位的有效评委人数达到 5 人时')
  })

  it('on every row of a 45 × 40 meeting with a 30-item rubric, its reviewers over several tables', async () => {
    const d = generatedDossier(45, 40, 7, 30)
    const docx = readDocx(await buildSummaryDocx(d))
    expect(docx.document.match(/<w:tblHeader\/>/g)!.length).toBeGreaterThan(1)
    const rows = summaryTables(docx.document)
    expect(rows).toHaveLength(45)
    expect(checkAddsUp(d, rows)).toBe(45)
  })

  it('on every row of a generated 60 × 9 meeting, in the stand-alone sheet and in 附件1 of the minutes', async () => {
    const d = generatedDossier(60, 9)
    for (const bytes of [await buildSummaryDocx(d), (await buildMinutesDocx(d)).bytes]) {
      const rows = summaryTables(readDocx(bytes).document)
      expect(rows).toHaveLength(60)
      expect(checkAddsUp(d, rows)).toBe(60)
    }
  })

  it('says 未全部提交 above the table while score sheets are still unsubmitted, and nothing once all are in', async () => {
    const d = demoDossier()
    expect(readDocx(await buildSummaryDocx(d)).text).not.toContain('未全部提交')
    d.results.unsubmittedSheets = 3
    const text = readDocx(await buildSummaryDocx(d)).text
    expect(text).toContain('评分未全部提交：尚有3份评分表未提交，本表为临时结果')
    expect(text.indexOf('未全部提交')).toBeLessThan(text.indexOf('序号'))
  })

  it('leaves 其中加分 and its note out when the rubric has no bonus item', async () => {
    const d = demoDossier()
    d.rubric.bonusMaxPoints = 0
    const docx = readDocx(await buildSummaryDocx(d))
    expect(tableRows(docx.document, 0)[0]).not.toContain('其中\n加分')
    expect(docx.text).not.toContain('其中加分')
    expect(docx.text).toMatch(/注：1\.各评委栏为该评委的总分；加括号的分数为[\s\S]*\n2\.计分规则：/)
  })

  it('says in 备注 how a tie was decided, in words', async () => {
    const rows = summaryTables(readDocx(await buildSummaryDocx(demoDossier())).document)
    const byUnit = new Map(rows.map((r) => [r.unit, r.cells.get('备注')]))
    expect(byUnit.get('市城市更新局规划建设处党支部')).toBe('综合得分与第8名相同，按未去最高最低分的平均分比较排名在前')
    expect(byUnit.get('市应急保障局应急指挥中心')).toBe('否决事项经核实不构成；综合得分与第7名相同，按未去最高最低分的平均分比较排名在后')
  })

  it('prints every reviewer’s name in full on one line of the column head (欧阳晓明)', async () => {
    const d = generatedDossier(12, 9)
    const docx = readDocx(await buildSummaryDocx(d))
    const tables = docx.document.match(/<w:tbl>[\s\S]*?<\/w:tbl>/g)!
    const heads = tables.map((_, i) => tableRows(docx.document, i)[0]).filter((h) => h[0] === '序号')
    const printed = heads.flat()
    for (const name of d.results.reviewers.map((r) => r.name)) expect(printed).toContain(name)
    expect(printed).toContain('欧阳晓明')
    // Each name's column holds the name on one line: its width, less the cell margins, fits the characters.
    for (const table of tables) {
      const widths = [...table.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
      const head = /<w:tr>[\s\S]*?<\/w:tr>/.exec(table)![0]
      const style = /<w:pStyle w:val="Gb(Tiny|Mini)?CellHead"\/>/.exec(head)!
      const size = { Tiny: 18, Mini: 15 }[style[1] ?? ''] ?? 21
      const names = [...head.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => tc.replace(/<[^>]+>/g, ''))
      names.forEach((name, i) => {
        if (d.results.reviewers.some((r) => r.name === name)) expect(widths[i] - 2 * 57, name).toBeGreaterThanOrEqual(measure(name, size))
      })
    }
  })
})
