/**
 * A small, fast WordprocessingML writer for the document body: paragraphs, runs and tables as XML
 * strings, in the element order the schema requires (Word rejects misordered properties).
 *
 * Why not the docx library's objects for the body: a 300-unit × 40-reviewer meeting has 12,000
 * score sheets; building them as docx objects took about 15 ms per sheet (three minutes in all),
 * while string fragments take well under a second. The docx library still writes the package,
 * styles, sections, headers, footers and settings (see package.ts); the body references its styles.
 */

import { stripForbiddenChars } from '../../shared/text-rules'
import { S } from './layout'

// Anything `esc` or `run` must change: most text has none, and is then used as it is.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

export const esc = (text: string): string => (SPECIAL.test(text) ? stripForbiddenChars(text).replace(/[&<>"]/g, (c) => ENTITIES[c]) : text)

// Edge spaces are judged after escaping: a dropped control character can leave a space at the edge.
const textElement = (part: string) => ((part = esc(part)).trim() === part ? `<w:t>${part}</w:t>` : `<w:t xml:space="preserve">${part}</w:t>`)

export interface RunOptions {
  /** A character style id from layout.ts. */
  style?: string
  bold?: boolean
  /** Half-points. */
  size?: number
  underline?: boolean
}

function runProps(o: RunOptions): string {
  if (!o.style && !o.bold && !o.size && !o.underline) return ''
  return (
    '<w:rPr>' +
    (o.style ? `<w:rStyle w:val="${o.style}"/>` : '') +
    (o.bold ? '<w:b/><w:bCs/>' : '') +
    (o.size ? `<w:sz w:val="${o.size}"/><w:szCs w:val="${o.size}"/>` : '') +
    (o.underline ? '<w:u w:val="single"/>' : '') +
    '</w:rPr>'
  )
}

/** A run; a line end ("\n", or Windows' "\r\n" / "\r" from pasted or imported text) becomes a line break, "\t" a tab. */
export function run(text: string, o: RunOptions = {}): string {
  if (text === '') return ''
  const props = runProps(o)
  if (!SPECIAL.test(text)) return `<w:r>${props}${textElement(text)}</w:r>`
  const body = text
    .split(/\r\n?|\n/)
    .map((line) =>
      line
        .split('\t')
        .map((part) => (part ? textElement(part) : ''))
        .join('<w:tab/>'),
    )
    .join('<w:br/>')
  return `<w:r>${props}${body}</w:r>`
}

export type Align = 'left' | 'center' | 'right' | 'both'

export interface ParaOptions {
  /** A paragraph style id from layout.ts. */
  style: string
  keepNext?: boolean
  keepLines?: boolean
  pageBreakBefore?: boolean
  /** Tab stops: position in twips from the left indent. */
  tabs?: { pos: number; type: 'left' | 'center' | 'right' }[]
  /** `line`: an exact line height in twips. */
  spacing?: { before?: number; after?: number; line?: number }
  /** Twips; hanging is the opposite of firstLine (both cannot apply). */
  indent?: { left?: number; right?: number; firstLine?: number; hanging?: number }
  align?: Align
  /** A whole <w:sectPr> element: this paragraph ends a section. */
  sectPr?: string
}

function paraProps(o: ParaOptions): string {
  let xml = `<w:pStyle w:val="${o.style}"/>`
  if (o.keepNext) xml += '<w:keepNext/>'
  if (o.keepLines) xml += '<w:keepLines/>'
  if (o.pageBreakBefore) xml += '<w:pageBreakBefore/>'
  if (o.tabs?.length) xml += `<w:tabs>${o.tabs.map((t) => `<w:tab w:val="${t.type}" w:pos="${t.pos}"/>`).join('')}</w:tabs>`
  if (o.spacing) {
    const { before, after, line } = o.spacing
    xml +=
      `<w:spacing${before !== undefined ? ` w:before="${before}"` : ''}${after !== undefined ? ` w:after="${after}"` : ''}` +
      `${line !== undefined ? ` w:line="${line}" w:lineRule="exact"` : ''}/>`
  }
  if (o.indent) {
    const { left, right, firstLine, hanging } = o.indent
    xml +=
      '<w:ind' +
      (left !== undefined ? ` w:left="${left}"` : '') +
      (right !== undefined ? ` w:right="${right}"` : '') +
      // A character-based indent in the style would override a twips value: zero it explicitly.
      (hanging !== undefined ? ` w:hanging="${hanging}" w:hangingChars="0"` : '') +
      (firstLine !== undefined ? ` w:firstLine="${firstLine}" w:firstLineChars="0"` : '') +
      '/>'
  }
  if (o.align) xml += `<w:jc w:val="${o.align}"/>`
  if (o.sectPr) xml += o.sectPr
  return `<w:pPr>${xml}</w:pPr>`
}

/** A paragraph of runs (strings made by `run`). */
export function para(runs: string | string[], o: ParaOptions): string {
  return `<w:p>${paraProps(o)}${Array.isArray(runs) ? runs.join('') : runs}</w:p>`
}

/** A paragraph of plain text in one style. */
export const textPara = (text: string, o: ParaOptions, r: RunOptions = {}): string => para(run(text, r), o)

export interface CellOptions {
  /** Columns this cell spans. */
  span?: number
  vMerge?: 'restart' | 'continue'
  vAlign?: 'top' | 'center' | 'bottom'
  /** Sides drawn without a line (the table's own borders stay elsewhere). */
  open?: ('left' | 'bottom' | 'right')[]
}

function openBorders(sides: CellOptions['open']): string {
  if (!sides?.length) return ''
  // Schema order: top, left, bottom, right.
  return `<w:tcBorders>${(['left', 'bottom', 'right'] as const).map((side) => (sides.includes(side) ? `<w:${side} w:val="nil"/>` : '')).join('')}</w:tcBorders>`
}

/** A table cell holding ready-made paragraphs (a cell must contain at least one). */
export function cell(width: number, paragraphs: string, o: CellOptions = {}): string {
  return (
    `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>` +
    (o.span && o.span > 1 ? `<w:gridSpan w:val="${o.span}"/>` : '') +
    (o.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : o.vMerge === 'continue' ? '<w:vMerge/>' : '') +
    openBorders(o.open) +
    `<w:vAlign w:val="${o.vAlign ?? 'center'}"/></w:tcPr>${paragraphs || '<w:p/>'}</w:tc>`
  )
}

export interface RowOptions {
  /** Repeated at the top of every page the table runs onto. */
  header?: boolean
  /** Keep the row on one page (true unless a row may be taller than a page). */
  cantSplit?: boolean
  /** Minimum height in twips. */
  minHeight?: number
}

export function row(cells: string | string[], o: RowOptions = {}): string {
  const props =
    (o.cantSplit !== false ? '<w:cantSplit/>' : '') +
    (o.minHeight ? `<w:trHeight w:val="${o.minHeight}" w:hRule="atLeast"/>` : '') +
    (o.header ? '<w:tblHeader/>' : '')
  return `<w:tr>${props ? `<w:trPr>${props}</w:trPr>` : ''}${Array.isArray(cells) ? cells.join('') : cells}</w:tr>`
}

const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'

/** Opening of a bordered, centred, fixed-layout table with the given column widths (twips). */
export function tableStart(widths: number[]): string {
  const total = widths.reduce((a, b) => a + b, 0)
  return (
    '<w:tbl><w:tblPr>' +
    `<w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders><w:top ${BORDER}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/>` +
    `<w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>' +
    `</w:tblPr><w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`
  )
}

export const TABLE_END = '</w:tbl>'

/** Left and right cell margins set by `tableStart`, in twips. */
export const CELL_MARGIN = 57

/**
 * The last row of a table and the table's end, for what must print on the page of the table's last
 * rows (signatures, notes): that text sits in one borderless, unsplittable row spanning the table, so
 * rows whose paragraphs have `keepNext` stay with it (Word and LibreOffice keep such a row with the
 * next row, while LibreOffice never keeps a row with a paragraph after the table), and a page it
 * opens still starts with the repeated header row. A hair-thin paragraph closes the table and
 * carries the section properties, if any; `sectPr` null: a paragraph of the caller's follows instead.
 */
export function closingRow(widths: number[], paragraphs: string, sectPr: string | null): string {
  const width = widths.reduce((a, b) => a + b, 0)
  return (
    row(cell(width, paragraphs, { span: widths.length, vAlign: 'top', open: ['left', 'bottom', 'right'] })) +
    TABLE_END +
    (sectPr === null ? '' : para('', { style: S.tinyCell, spacing: { line: 20 }, sectPr: sectPr || undefined }))
  )
}
