/**
 * GB/T 9704-2012 page layout in Word's units (twips, half-points) and the styles every document
 * uses. The body XML (ooxml.ts) only names these style ids, so the look is defined in one place.
 */
import {
  AlignmentType,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TextRun,
  type ISectionOptions,
  type IStylesOptions,
} from 'docx'

/** A4 portrait. */
export const PAGE = { width: 11906, height: 16838 }
/** Top 37 mm, bottom 35 mm, left (binding) 28 mm, right 26 mm. */
export const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 }
/** 156 mm × 225 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right
/**
 * A landscape page is the portrait page turned a quarter: the table head faces the binding edge,
 * so the binding margin becomes the top one (and the head margin the right one).
 */
export const LANDSCAPE_MARGIN = { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.bottom, right: MARGIN.top }
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right

/** 28.95 pt: 22 lines fill the 225 mm text block. */
export const LINE = 579
/** 三号 (16 pt) body text; one character is 320 twips wide. */
export const BODY_SIZE = 32
export const CHAR = 320
/** 表注 text is 小四 (12 pt): one character is 240 twips wide. */
export const NOTE_CHAR = 240
export const TITLE_SIZE = 44
export const FOOTER_SIZE = 28
/** Footer line height (exact) and its distance from the page edge: the number sits 7 mm (397) below the text block. */
const FOOTER_LINE = 320
const footerDistance = (bottomMargin: number) => bottomMargin - 397 - FOOTER_LINE
const HEADER_DISTANCE = 851

export const FONT = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  hei: '黑体',
  kai: '楷体_GB2312',
  song: '宋体',
  latin: 'Times New Roman',
}

/**
 * Font table entries for the official fonts, which are often missing or licensed: `altName` names the
 * common font Word and WPS substitute (仿宋, 宋体, 楷体), charset 86 (GB2312) keeps the substitute Chinese.
 */
export function fontTableXml(): string {
  const font = (name: string, alt: string, family: string, pitch: string, panose = '') =>
    `<w:font w:name="${name}"><w:altName w:val="${alt}"/>${panose ? `<w:panose1 w:val="${panose}"/>` : ''}` +
    `<w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>' +
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    font(FONT.body, '仿宋', 'modern', 'fixed') +
    font('仿宋', 'FangSong', 'modern', 'fixed') +
    font(FONT.title, '宋体', 'auto', 'variable') +
    font(FONT.song, 'SimSun', 'auto', 'variable', '02010600030101010101') +
    font(FONT.hei, 'SimHei', 'modern', 'fixed', '02010609060101010101') +
    font(FONT.kai, '楷体', 'modern', 'fixed') +
    font('楷体', 'KaiTi', 'modern', 'fixed') +
    '</w:fonts>'
  )
}

/** East Asian font plus Times New Roman for Latin and digits; the hint keeps “”—… in the Chinese font. */
const fonts = (eastAsia: string, latin = FONT.latin) => ({ ascii: latin, hAnsi: latin, cs: latin, eastAsia, hint: 'eastAsia' })
const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 })

/** Style ids used by the body XML. */
export const S = {
  body: 'Normal',
  title: 'GbTitle',
  heading1: 'GbHeading1',
  heading2: 'GbHeading2',
  plain: 'GbPlain',
  hanging: 'GbHanging',
  attachLabel: 'GbAttachLabel',
  sheetTitle: 'GbSheetTitle',
  sheetInfo: 'GbSheetInfo',
  note: 'GbNote',
  /** 五号 table text: centred, left (justified) and header (黑体). */
  cell: 'GbCell',
  cellLeft: 'GbCellLeft',
  cellHead: 'GbCellHead',
  /** 小五 table text, for dense tables. */
  tinyCell: 'GbTinyCell',
  tinyCellLeft: 'GbTinyCellLeft',
  tinyCellHead: 'GbTinyCellHead',
  /** 六号 table text: a summary whose reviewer totals would otherwise go to a second table. */
  miniCell: 'GbMiniCell',
  miniCellLeft: 'GbMiniCellLeft',
  miniCellHead: 'GbMiniCellHead',
  /** 六号 (7.5 pt) on 9 pt lines: the rubric's guidance and the reasons on a score sheet, one page a sheet. */
  sheetText: 'GbSheetText',
  mark: 'GbMark',
  footer: 'GbFooter',
  /** Character styles. */
  kai: 'GbKaiChar',
  hei: 'GbHeiChar',
} as const

/** "出席：", "附件：": the label is 3 characters; wrapped lines align after the colon. */
export const HANGING_LABEL = 3 * CHAR

const cellStyle = (id: string, size: number, line: number, opts: { eastAsia?: string; align?: 'center' | 'left' } = {}) => ({
  id,
  name: id,
  quickFormat: false,
  run: { font: fonts(opts.eastAsia ?? FONT.body), size },
  paragraph: {
    // Narrow cells stay ragged-right: justifying them spreads characters apart around punctuation.
    alignment: opts.align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: exact(line),
    indent: { firstLine: 0, left: 0, right: 0 },
  },
})

export function documentStyles(): IStylesOptions {
  const body = { font: fonts(FONT.body), size: BODY_SIZE }
  return {
    default: {
      document: {
        run: { ...body, language: { value: 'en-US', eastAsia: 'zh-CN' } },
        paragraph: { spacing: { before: 0, after: 0 } },
      },
    },
    paragraphStyles: [
      {
        id: S.body,
        name: 'Normal',
        quickFormat: true,
        run: body,
        paragraph: { alignment: AlignmentType.BOTH, spacing: exact(LINE), indent: { firstLine: 2 * CHAR } },
      },
      {
        id: S.title,
        name: '公文标题',
        basedOn: S.body,
        next: S.body,
        quickFormat: true,
        run: { font: fonts(FONT.title), size: TITLE_SIZE, bold: false },
        paragraph: { alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, keepNext: true, keepLines: true },
      },
      {
        id: S.heading1,
        name: '一级标题',
        basedOn: S.body,
        next: S.body,
        quickFormat: true,
        run: { font: fonts(FONT.hei), bold: false },
        paragraph: { keepNext: true, outlineLevel: 0 },
      },
      {
        id: S.heading2,
        name: '二级标题',
        basedOn: S.body,
        next: S.body,
        quickFormat: true,
        run: { font: fonts(FONT.kai), bold: false },
        paragraph: { keepNext: true, outlineLevel: 1 },
      },
      { id: S.plain, name: '无缩进正文', basedOn: S.body, paragraph: { indent: { firstLine: 0 }, alignment: AlignmentType.LEFT } },
      {
        // Not based on Normal: an inherited first-line indent would fight the hanging one.
        id: S.hanging,
        name: '悬挂缩进名单',
        run: body,
        paragraph: { alignment: AlignmentType.BOTH, spacing: exact(LINE), indent: { left: 2 * CHAR + HANGING_LABEL, hanging: HANGING_LABEL } },
      },
      {
        id: S.attachLabel,
        name: '附件标识',
        basedOn: S.body,
        next: S.body,
        run: { font: fonts(FONT.hei) },
        paragraph: { indent: { firstLine: 0 }, alignment: AlignmentType.LEFT, keepNext: true },
      },
      {
        id: S.sheetTitle,
        name: '表格标题',
        basedOn: S.title,
        next: S.sheetInfo,
        run: { size: 36 },
        paragraph: { spacing: { before: 120, after: 120 } },
      },
      {
        id: S.sheetInfo,
        name: '表头信息',
        basedOn: S.body,
        run: { size: 28 },
        paragraph: { indent: { firstLine: 0 }, alignment: AlignmentType.LEFT, spacing: { line: 440, lineRule: LineRuleType.EXACT }, keepNext: true },
      },
      {
        id: S.note,
        name: '表注',
        basedOn: S.body,
        run: { size: 24 },
        paragraph: { indent: { firstLine: 2 * NOTE_CHAR }, spacing: { line: 360, lineRule: LineRuleType.EXACT } },
      },
      cellStyle(S.cell, 21, 280),
      cellStyle(S.cellLeft, 21, 280, { align: 'left' }),
      cellStyle(S.cellHead, 21, 280, { eastAsia: FONT.hei }),
      cellStyle(S.tinyCell, 18, 240),
      cellStyle(S.tinyCellLeft, 18, 240, { align: 'left' }),
      cellStyle(S.tinyCellHead, 18, 240, { eastAsia: FONT.hei }),
      cellStyle(S.miniCell, 15, 200),
      cellStyle(S.miniCellLeft, 15, 200, { align: 'left' }),
      cellStyle(S.miniCellHead, 15, 200, { eastAsia: FONT.hei }),
      cellStyle(S.sheetText, 15, 180, { align: 'left' }),
      {
        id: S.mark,
        name: '保管标识',
        run: { font: fonts(FONT.hei), size: 24 },
        paragraph: { alignment: AlignmentType.RIGHT, spacing: exact(320), indent: { firstLine: 0 } },
      },
      {
        id: S.footer,
        name: '公文页码',
        run: { font: { ascii: FONT.song, hAnsi: FONT.song, cs: FONT.song, eastAsia: FONT.song, hint: 'eastAsia' }, size: FOOTER_SIZE },
        paragraph: { spacing: exact(FOOTER_LINE), indent: { firstLine: 0 } },
      },
    ],
    characterStyles: [
      { id: S.kai, name: '楷体字', run: { font: fonts(FONT.kai) } },
      { id: S.hei, name: '黑体字', run: { font: fonts(FONT.hei) } },
    ],
  }
}

/** "— 1 —": odd pages right-aligned, even pages left-aligned, one character in from the edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: S.footer,
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  })
}

function markHeader(mark: string): Header {
  return new Header({ children: [new Paragraph({ style: S.mark, children: [new TextRun(mark)] })] })
}

/** An empty header, so a section without the mark does not inherit the previous section's. */
const emptyHeader = () => new Header({ children: [new Paragraph({ style: S.mark })] })

export type SectionKind = 'body' | 'portrait' | 'landscape'

/**
 * Section properties: `body` is the minutes text on the 22-line grid; `portrait` and `landscape`
 * hold tables, which must not snap to the body's line grid. `mark` ("内部资料 注意保管") goes
 * in the header of every page of the section. `oddPage`: the section starts on a right-hand page
 * (an attachment printed double-sided begins on the front of a sheet).
 */
export function sectionOptions(kind: SectionKind, mark: string, children: Paragraph[], oddPage = false): ISectionOptions {
  const landscape = kind === 'landscape'
  const margin = landscape ? LANDSCAPE_MARGIN : MARGIN
  const header = mark ? markHeader(mark) : emptyHeader()
  return {
    properties: {
      type: oddPage ? SectionType.ODD_PAGE : SectionType.NEXT_PAGE,
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { ...margin, header: HEADER_DISTANCE, footer: footerDistance(margin.bottom) },
      },
      grid: kind === 'body' ? { type: DocumentGridType.LINES, linePitch: LINE } : { type: DocumentGridType.DEFAULT, linePitch: 312 },
    },
    headers: { default: header, even: mark ? markHeader(mark) : emptyHeader() },
    footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
    children,
  }
}

export const INTERNAL_MARK = '内部资料　注意保管'
