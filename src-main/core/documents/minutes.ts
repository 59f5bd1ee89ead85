/**
 * 纪要 (minutes): the outline of minutes-outline.ts laid out per GB/T 9704-2012, followed by
 * 附件1 评分汇总表 (its own landscape section) and 附件2 评委个人评分表 (portrait), each
 * starting on an odd page.
 */
import type { MinutesOutline } from '../../shared/schemas/minutes'
import type { Dossier } from './dossier'
import { CHAR, HANGING_LABEL, INTERNAL_MARK, S, TEXT_WIDTH } from './layout'
import { minutesOutline } from './minutes-outline'
import { para, run, type ParaOptions } from './ooxml'
import { buildDocx } from './package'
import { reviewerSheetsBody } from './reviewer-sheet'
import { summaryBody } from './summary-sheet'
import { chineseQuotes, textHalfEms } from './text'

const blankLine = (o: Partial<ParaOptions> = {}) => para('', { style: S.body, ...o })

/** Width of a line of body text: Chinese characters are one em, Latin letters and digits about half. */
const textWidth = (text: string): number => (textHalfEms(text) * CHAR) / 2

/** Lines of the closing block (附件 … 落款) kept in one piece: well under the 22 of a page, with the text's last lines before them. */
const MAX_KEPT_LINES = 16

/** Names joined by "、" into lines no wider than `width`, each line ending after a "、". */
function nameLines(names: string[], width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const [i, name] of names.entries()) {
    const item = i < names.length - 1 ? `${name}、` : name
    if (line && textWidth(line + item) > width) {
      lines.push(line)
      line = ''
    }
    line += item
  }
  return [...lines, line]
}

/**
 * 落款: the issuing body two characters in from the right, the date under it starting two characters
 * further right; a date longer than that is set two characters in and the body moves left (GB/T 9704 7.3.5.3).
 */
function signature(issuer: string, date: string, sectPr: string): string[] {
  const right = TEXT_WIDTH - 2 * CHAR
  let dateLeft = right - textWidth(date)
  if (!issuer) return [para(run(date), { style: S.plain, indent: { left: Math.max(0, dateLeft), firstLine: 0 }, sectPr })]
  let issuerLeft = right - textWidth(issuer)
  if (issuerLeft + 2 * CHAR <= dateLeft) dateLeft = issuerLeft + 2 * CHAR
  else issuerLeft = dateLeft - 2 * CHAR
  return [
    para(run(issuer), { style: S.plain, indent: { left: Math.max(0, issuerLeft), firstLine: 0 }, keepNext: true, keepLines: true }),
    para(run(date), { style: S.plain, indent: { left: Math.max(0, dateLeft), firstLine: 0 }, sectPr }),
  ]
}

/**
 * The minutes text as body XML; the last paragraph carries the section properties. The closing part
 * (附件, 出席…记录, 落款) is one block kept with the last paragraph of the text: no page holds only
 * these lines, and the blank lines between them never start a page.
 */
export function minutesBody(outline: MinutesOutline, sectPr: string): string[] {
  const text: [string | string[], ParaOptions][] = [[run(outline.titleLines.join('\n')), { style: S.title }]]
  for (const p of outline.opening) text.push([run(p), { style: S.body }])
  for (const section of outline.sections) {
    text.push([run(section.heading), { style: S.heading1 }])
    for (const b of section.blocks) {
      if (b.kind === 'subheading') text.push([run(b.text), { style: S.heading2 }])
      else text.push([[run(b.lead, { style: S.kai }), run(b.text)], { style: S.body }])
    }
  }
  const keep = { keepNext: true, keepLines: true }
  // The last paragraph of the text comes along to the page the closing lines are on.
  Object.assign(text[text.length - 1][1], keep)
  const out = text.map(([runs, o]) => para(runs, o))
  out.splice(1, 0, blankLine())
  if (outline.attachments.length) {
    // One paragraph per attachment: a justified line ending in a manual break would be stretched.
    const items = outline.attachments.map((name, i) => (outline.attachments.length > 1 ? `${i + 1}.${name}` : name))
    out.push(blankLine(keep), para([run('附件：'), run(items[0])], { style: S.hanging, ...keep }))
    for (const item of items.slice(1)) out.push(para(run(item), { style: S.hanging, indent: { left: 2 * CHAR + HANGING_LABEL, hanging: 0 }, ...keep }))
  }
  if (outline.attendance.length) {
    out.push(blankLine(keep))
    // One paragraph per line, broken between names: a name never runs over two lines (欧阳/晓明).
    const lists = outline.attendance.map((a) => ({ label: a.label, lines: nameLines(a.names.split('、'), TEXT_WIDTH - 2 * CHAR - HANGING_LABEL) }))
    // A closing block longer than a page cannot be kept in one piece, and the word processor then breaks
    // it anywhere (the date alone on a page): a long list may break after its second line, and the
    // last two lines stay with what follows.
    const blockLines = outline.attachments.length + 1 + lists.reduce((n, l) => n + l.lines.length, 0) + 4
    const mayBreak = (line: number, count: number) => blockLines > MAX_KEPT_LINES && line > 0 && line < count - 2
    for (const { label, lines } of lists) {
      for (const [i, line] of lines.entries()) {
        const o = { ...keep, keepNext: !mayBreak(i, lines.length) }
        if (i === 0) out.push(para([run(`${label}：`, { style: S.hei }), run(line)], { style: S.hanging, align: 'left', ...o }))
        else out.push(para(run(line), { style: S.hanging, align: 'left', indent: { left: 2 * CHAR + HANGING_LABEL, hanging: 0 }, ...o }))
      }
    }
  }
  out.push(blankLine(keep), ...signature(outline.issuingBody, outline.issueDate, sectPr))
  return out
}

export interface MinutesDocument {
  outline: MinutesOutline
  bytes: Buffer
}

export async function buildMinutesDocx(d: Dossier): Promise<MinutesDocument> {
  const outline = minutesOutline(d)
  const mark = d.settings.markInternal ? INTERNAL_MARK : ''
  const bytes = await buildDocx({ title: outline.titleLines.join(''), subject: chineseQuotes(d.meeting.title) }, [
    { kind: 'body', mark: '', body: (sectPr) => minutesBody(outline, sectPr) },
    // Printed double-sided, each attachment starts on the front of a sheet.
    { kind: 'landscape', mark, oddPage: true, body: (sectPr) => summaryBody(d, { attachment: '附件1', sectPr }) },
    { kind: 'portrait', mark, oddPage: true, body: (sectPr) => reviewerSheetsBody(d, { attachment: '附件2', blank: false, sectPr }) },
  ])
  return { outline, bytes }
}
