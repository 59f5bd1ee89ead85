/**
 * Word opens a .docx only if its XML keeps ECMA-376's element order and required children (an
 * out-of-order property or a cell without a paragraph is "unreadable content"), where LibreOffice
 * quietly copes. Our documents were validated against the transitional wml.xsd with xmllint
 * (document, styles, headers, footers, settings, numbering: no error in what we write). The
 * schemas cannot ship with the project, so this pins the rules that check relied on: the schema's
 * child order for the properties we and the docx library write, and the rules the XSD leaves to
 * the spec text (a cell ends with a paragraph, rows fill the table grid).
 */
import { describe, expect, it } from 'vitest'
import { buildMinutesDocx } from '../../src-main/core/documents/minutes'
import { buildReviewerSheetsDocx } from '../../src-main/core/documents/reviewer-sheet'
import { buildSummaryDocx } from '../../src-main/core/documents/summary-sheet'
import { buildReportOrderDocx } from '../../src-main/core/documents/report-order'
import { readDocx } from './docx-reader'
import { demoDossier } from './fixture'

interface El {
  name: string
  attrs: Record<string, string>
  children: El[]
  text: string
}

/** A strict reader for the plain XML we write (no comments, CDATA or DTD): throws on a mismatched tag. */
function parseXml(xml: string): El {
  const root: El = { name: '#document', attrs: {}, children: [], text: '' }
  const stack = [root]
  for (const m of xml.matchAll(/<\?[^>]*\?>|<(\/?)([\w:]+)((?:\s+[\w:]+="[^"]*")*)\s*(\/?)>|([^<]+)|(<)/g)) {
    const [, close, name, attrs, empty, text, stray] = m
    if (stray) throw new Error(`stray "<" at ${m.index}`)
    if (text !== undefined) stack.at(-1)!.text += text
    else if (close) {
      if (stack.pop()!.name !== name) throw new Error(`mismatched </${name}> at ${m.index}`)
    } else if (name) {
      const el: El = { name, attrs: Object.fromEntries([...attrs.matchAll(/([\w:]+)="([^"]*)"/g)].map(([, k, v]) => [k, v])), children: [], text: '' }
      stack.at(-1)!.children.push(el)
      if (!empty) stack.push(el)
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)!.name}>`)
  return root
}

// Child order of the schema sequences (CT_PPr, CT_TblPr, CT_TcPr, CT_SectPr, CT_Style, …), without the w: prefix.
const SEQUENCES: Record<string, string[]> = {
  'w:pPr': [
    'pStyle', 'keepNext', 'keepLines', 'pageBreakBefore', 'framePr', 'widowControl', 'numPr', 'suppressLineNumbers', 'pBdr', 'shd', 'tabs',
    'suppressAutoHyphens', 'kinsoku', 'wordWrap', 'overflowPunct', 'topLinePunct', 'autoSpaceDE', 'autoSpaceDN', 'bidi', 'adjustRightInd',
    'snapToGrid', 'spacing', 'ind', 'contextualSpacing', 'mirrorIndents', 'suppressOverlap', 'jc', 'textDirection', 'textAlignment',
    'textboxTightWrap', 'outlineLvl', 'divId', 'cnfStyle', 'rPr', 'sectPr', 'pPrChange',
  ],
  // A choice in the transitional schema, a sequence in the first edition (Word 2007): keep the canonical order.
  'w:rPr': [
    'rStyle', 'rFonts', 'b', 'bCs', 'i', 'iCs', 'caps', 'smallCaps', 'strike', 'dstrike', 'outline', 'shadow', 'emboss', 'imprint', 'noProof',
    'snapToGrid', 'vanish', 'webHidden', 'color', 'spacing', 'w', 'kern', 'position', 'sz', 'szCs', 'highlight', 'u', 'effect', 'bdr', 'shd',
    'fitText', 'vertAlign', 'rtl', 'cs', 'em', 'lang', 'eastAsianLayout', 'specVanish', 'oMath', 'rPrChange',
  ],
  'w:tblPr': [
    'tblStyle', 'tblpPr', 'tblOverlap', 'bidiVisual', 'tblStyleRowBandSize', 'tblStyleColBandSize', 'tblW', 'jc', 'tblCellSpacing', 'tblInd',
    'tblBorders', 'shd', 'tblLayout', 'tblCellMar', 'tblLook', 'tblCaption', 'tblDescription', 'tblPrChange',
  ],
  'w:tcPr': [
    'cnfStyle', 'tcW', 'gridSpan', 'hMerge', 'vMerge', 'tcBorders', 'shd', 'noWrap', 'tcMar', 'textDirection', 'tcFitText', 'vAlign', 'hideMark',
    'headers', 'cellIns', 'cellDel', 'cellMerge', 'tcPrChange',
  ],
  'w:sectPr': [
    'headerReference|footerReference', 'footnotePr', 'endnotePr', 'type', 'pgSz', 'pgMar', 'paperSrc', 'pgBorders', 'lnNumType', 'pgNumType', 'cols',
    'formProt', 'vAlign', 'noEndnote', 'titlePg', 'textDirection', 'bidi', 'rtlGutter', 'docGrid', 'printerSettings', 'sectPrChange',
  ],
  'w:tblBorders': ['top', 'start', 'left', 'bottom', 'end', 'right', 'insideH', 'insideV'],
  'w:tblCellMar': ['top', 'start', 'left', 'bottom', 'end', 'right'],
  'w:tbl': ['tblPr', 'tblGrid', 'tr'],
  'w:tr': ['tblPrEx', 'trPr', 'tc'],
  'w:style': [
    'name', 'aliases', 'basedOn', 'next', 'link', 'autoRedefine', 'hidden', 'uiPriority', 'semiHidden', 'unhideWhenUsed', 'qFormat', 'locked',
    'personal', 'personalCompose', 'personalReply', 'rsid', 'pPr', 'rPr', 'tblPr', 'trPr', 'tcPr', 'tblStylePr',
  ],
  'w:docDefaults': ['rPrDefault', 'pPrDefault'],
}
/** Children that may repeat within their sequence. */
const REPEATS = new Set(['headerReference|footerReference', 'tr', 'tc', 'tblStylePr'])
const local = (name: string) => name.replace(/^w:/, '')

/** Everything in `root` (a part's XML tree) that Word would refuse, as readable lines. */
function wmlProblems(root: El, part: string): string[] {
  const problems: string[] = []
  const walk = (el: El, path: string) => {
    const here = `${path}/${el.name}`
    const order = SEQUENCES[el.name]
    const names = el.children.map((c) => c.name)
    if (order) {
      let last = -1
      for (const name of names) {
        const rank = order.findIndex((o) => o.split('|').includes(local(name)))
        if (rank < 0) problems.push(`${here}: unexpected <${name}>`)
        else if (rank < last || (rank === last && !REPEATS.has(order[rank]))) problems.push(`${here}: <${name}> out of order in ${names.join(' ')}`)
        else last = rank
      }
    }
    if (el.name === 'w:tbl') {
      if (names[0] !== 'w:tblPr' || names[1] !== 'w:tblGrid' || !names.includes('w:tr')) problems.push(`${here}: needs tblPr, tblGrid and rows`)
      const columns = el.children.find((c) => c.name === 'w:tblGrid')?.children.length ?? 0
      for (const tr of el.children.filter((c) => c.name === 'w:tr')) {
        const spans = tr.children
          .filter((c) => c.name === 'w:tc')
          .map((tc) => Number(tc.children.find((c) => c.name === 'w:tcPr')?.children.find((c) => c.name === 'w:gridSpan')?.attrs['w:val'] ?? 1))
        if (!spans.length) problems.push(`${here}: a row without cells`)
        if (spans.reduce((a, b) => a + b, 0) !== columns) problems.push(`${here}: a row spans ${spans.join('+')} of ${columns} grid columns`)
      }
    }
    if (el.name === 'w:tc') {
      const blocks = names.filter((n) => n !== 'w:tcPr')
      if (names.indexOf('w:tcPr') > 0) problems.push(`${here}: tcPr must come first`)
      if (blocks.at(-1) !== 'w:p') problems.push(`${here}: a cell must end with a paragraph (has ${names.join(' ') || 'nothing'})`)
    }
    if ((el.name === 'w:p' && names.indexOf('w:pPr') > 0) || (el.name === 'w:r' && names.indexOf('w:rPr') > 0)) problems.push(`${here}: properties must come first`)
    if (el.name === 'w:sectPr' && /\/w:tc(\/|$)/.test(path)) problems.push(`${here}: a section break inside a table`)
    if (el.name === 'w:t' && el.text !== el.text.trim() && el.attrs['xml:space'] !== 'preserve') problems.push(`${here}: edge spaces without xml:space="preserve"`)
    for (const child of el.children) walk(child, here)
  }
  walk(root, part)
  return problems
}

/** Problems in every WordprocessingML part of a .docx we build. */
function docxProblems(bytes: Uint8Array): string[] {
  const { parts } = readDocx(bytes)
  const names = Object.keys(parts).filter((n) => /^word\/(document|styles|settings|numbering|fontTable|header\d+|footer\d+)\.xml$/.test(n))
  expect(names).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', 'word/header1.xml', 'word/footer1.xml']))
  return names.flatMap((name) => {
    // eslint-disable-next-line no-control-regex
    const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.exec(parts[name])
    return [...(control ? [`${name}: control character U+${control[0].charCodeAt(0).toString(16)} (not allowed in XML 1.0)`] : []), ...wmlProblems(parseXml(parts[name]), name)]
  })
}

/** Markup, control characters, tabs, line breaks and edge spaces, as a user may type or import them. */
const HOSTILE = ' A&B <c> "q" \u0001\u0007\u000b tab\there\nline2  '

describe('WordprocessingML structure (what Word checks on opening)', () => {
  it('flags a misordered property, an empty cell and a short row (the check itself works)', () => {
    const bad = parseXml(
      '<w:tbl><w:tblPr><w:jc w:val="center"/><w:tblW w:w="100" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="50"/><w:gridCol w:w="50"/></w:tblGrid>' +
        '<w:tr><w:tc><w:tcPr><w:vAlign w:val="center"/><w:tcW w:w="50" w:type="dxa"/></w:tcPr></w:tc></w:tr></w:tbl>',
    )
    const problems = wmlProblems(bad, 'test')
    expect(problems).toHaveLength(4)
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/tblPr: <w:tblW> out of order/),
        expect.stringMatching(/a row spans 1 of 2 grid columns/),
        expect.stringMatching(/tcPr: <w:tcW> out of order/),
        expect.stringMatching(/a cell must end with a paragraph/),
      ]),
    )
  })

  it('holds for the minutes with both attachments, the summary sheet and filled and blank reviewer sheets', async () => {
    const d = demoDossier()
    expect(docxProblems((await buildMinutesDocx(d)).bytes)).toEqual([])
    expect(docxProblems(await buildSummaryDocx(d))).toEqual([])
    expect(docxProblems(await buildReviewerSheetsDocx(d, { blank: false }))).toEqual([])
    expect(docxProblems(await buildReviewerSheetsDocx(d, { blank: true }))).toEqual([])
  })

  it('holds for hostile text, long opinions and several veto marks on every sheet', async () => {
    const d = demoDossier()
    d.units[0].name = d.results.units[0].unitName = `单位${HOSTILE}`
    d.results.units[0].remarks = [HOSTILE, '']
    d.settings.overallOpinion = HOSTILE
    d.settings.scorer = ''
    d.rubric.criteria[0].items[0].guidance = HOSTILE
    for (const e of d.entries.values()) {
      e.strengths = `很长的意见${HOSTILE}`.repeat(40)
      e.weaknesses = HOSTILE
      e.suggestions = ''
      for (const s of e.scores.values()) s.reason = HOSTILE
      e.vetoMarks = d.rubric.vetoItems.slice(0, 2).map((v) => ({ vetoItemId: v.id, reason: HOSTILE }))
    }
    expect(docxProblems((await buildMinutesDocx(d)).bytes)).toEqual([])
    expect(docxProblems(await buildReviewerSheetsDocx(d, { blank: true }))).toEqual([])
  })

  it('holds for a rubric without bonus or veto items, unscored sheets, and a meeting without units', async () => {
    const bare = demoDossier()
    bare.rubric.bonusMaxPoints = 0
    bare.rubric.totalCapPoints = 100
    bare.rubric.vetoItems = []
    for (const e of bare.entries.values()) Object.assign(e, { scores: new Map(), bonus: null, strengths: '', weaknesses: '', suggestions: '' })
    expect(docxProblems(await buildReviewerSheetsDocx(bare, { blank: false }))).toEqual([])
    expect(docxProblems(await buildReviewerSheetsDocx(bare, { reviewerId: 'nobody', blank: false }))).toEqual([])

    const empty = demoDossier()
    empty.units = []
    empty.results.units = []
    empty.notes = []
    empty.entries.clear()
    expect(docxProblems((await buildMinutesDocx(empty)).bytes)).toEqual([])
    expect(docxProblems(await buildSummaryDocx(empty))).toEqual([])
  })

  it('holds for the 汇报顺序表, with and without planned times, a first draw and a redraw with hostile text', async () => {
    const d = demoDossier()
    const order = d.units.map((u, i) => ({ unitId: u.id, unitName: i === 0 ? u.name + HOSTILE : u.name, position: i + 1 }))
    const draw = { id: crypto.randomUUID(), meetingId: d.meeting.id, seq: 1, seed: 'c0ffee00', drawnAt: '2024-12-18T00:45:00.000Z', reason: '', order }
    expect(docxProblems(await buildReportOrderDocx({ meeting: d.meeting, draw }))).toEqual([])
    const noTimes = { ...d.meeting, title: d.meeting.title + HOSTILE, startTime: '' }
    expect(docxProblems(await buildReportOrderDocx({ meeting: noTimes, draw: { ...draw, seq: 2, reason: HOSTILE } }))).toEqual([])
  })
})
