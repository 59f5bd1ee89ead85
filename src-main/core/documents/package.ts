/**
 * Assembles a .docx: the docx library writes the package (styles, sections with their page setup,
 * headers and footers, settings), each section holding one placeholder paragraph; the placeholders
 * are then replaced by the body XML of ooxml.ts, streamed into the zip. The paragraph that carried a
 * section's properties hands them to the last paragraph of that section's body.
 */
import { Document, Packer, Paragraph, TextRun } from 'docx'
import { unzipSync } from 'fflate'
import { documentStyles, fontTableXml, sectionOptions, type SectionKind } from './layout'
import { writeZip, type XmlChunk, type ZipEntryData } from './zip-writer'
import { stripForbiddenChars as xmlSafe } from '../../shared/text-rules'

export interface BodySection {
  kind: SectionKind
  /** Text of the header on every page ("内部资料 注意保管"), or empty. */
  mark: string
  /** Starts on an odd (right-hand) page, a blank page before it if need be. */
  oddPage?: boolean
  /**
   * The section's body as XML chunks. `sectPr` must be placed (via the `sectPr` paragraph option)
   * in the last paragraph of the section; it is empty for the document's last section.
   */
  body: (sectPr: string) => Iterable<XmlChunk>
}

export interface DocumentMeta {
  title: string
  subject?: string
}

const marker = (i: number) => `@@ONSITE-REVIEW-SECTION-${i}@@`

interface Placeholder {
  start: number
  end: number
  sectPr: string
}

/** Finds the paragraph holding a marker, and the section properties it carries (if any). */
function findPlaceholder(xml: string, i: number, from: number): Placeholder {
  const at = xml.indexOf(marker(i), from)
  if (at < 0) throw new Error(`section placeholder ${i} missing from document.xml`)
  const start = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at))
  const end = xml.indexOf('</w:p>', at) + '</w:p>'.length
  const paragraph = xml.slice(start, end)
  const sect = /<w:sectPr[\s>][\s\S]*<\/w:sectPr>/.exec(paragraph)
  return { start, end, sectPr: sect ? sect[0] : '' }
}

function* spliceBody(xml: string, sections: BodySection[]): Generator<XmlChunk> {
  let cursor = 0
  for (let i = 0; i < sections.length; i++) {
    const p = findPlaceholder(xml, i, cursor)
    yield xml.slice(cursor, p.start)
    yield* sections[i].body(p.sectPr)
    cursor = p.end
  }
  yield xml.slice(cursor)
}

export async function buildDocx(meta: DocumentMeta, sections: BodySection[]): Promise<Buffer> {
  const doc = new Document({
    title: xmlSafe(meta.title),
    subject: xmlSafe(meta.subject ?? ''),
    creator: '现场评审',
    lastModifiedBy: '现场评审',
    evenAndOddHeaderAndFooters: true,
    styles: documentStyles(),
    sections: sections.map((s, i) => sectionOptions(s.kind, xmlSafe(s.mark), [new Paragraph({ children: [new TextRun(marker(i))] })], s.oddPage)),
  })
  const skeleton = await Packer.toBuffer(doc, false, [{ path: 'word/fontTable.xml', data: fontTableXml() }])
  const files = unzipSync(new Uint8Array(skeleton))
  const documentXml = new TextDecoder().decode(files['word/document.xml'])
  const entries: { name: string; data: ZipEntryData }[] = Object.keys(files).map((name) => ({
    name,
    data: name === 'word/document.xml' ? spliceBody(documentXml, sections) : files[name],
  }))
  // [Content_Types].xml first, as Office writes it; some readers sniff it there.
  entries.sort((a, b) => Number(b.name === '[Content_Types].xml') - Number(a.name === '[Content_Types].xml'))
  return writeZip(entries)
}
