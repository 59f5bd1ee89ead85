/** A PDF's pages as text (pdftotext -layout), and what may never open a page. */
import { execFileSync } from 'node:child_process'

export function pdfPages(path: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return text.split('\f').slice(0, -1)
}

/**
 * The closing lines of a document — signatures, the statement, the notes, 附件/出席…记录 and the
 * 落款 date — printed as the first line of a page: that page holds only them (or them and less).
 */
export const CLOSING_LINE = /^(计分人：|评审组长签字：|评委签字：|本人与被评单位无利害关系|注：|附件：|出席：|列席：|请假：|记录：|\d{4}年\d{1,2}月\d{1,2}日$)/

/** A page's lines without spaces, the header mark and the page number. */
export const pageLines = (page: string): string[] =>
  page
    .split('\n')
    .map((l) => l.replace(/\s+/g, ''))
    .filter((l) => l && l !== '内部资料注意保管' && !/^—\d+—$/.test(l))
