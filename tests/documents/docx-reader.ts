/**
 * Reads a generated .docx back for assertions: the XML parts, the sections with their page setup
 * and footers, styles by id, and the visible text of paragraphs and table cells.
 */
import { unzipSync } from 'fflate'

export interface Section {
  xml: string
  pgSz: Record<string, string>
  pgMar: Record<string, string>
  docGrid: Record<string, string>
  /** Footer XML by reference type (default = odd pages, even). */
  footers: Record<string, string>
  headers: Record<string, string>
}

export interface Docx {
  parts: Record<string, string>
  document: string
  styles: string
  settings: string
  sections: Section[]
  style(id: string): string
  /** Text of the document body, paragraphs separated by newlines. */
  text: string
}

/** Attributes of the first `<tag …>` in `xml`, without namespace prefixes. */
export function attrs(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}(\\s[^>]*?)?/?>`).exec(xml)
  if (!m) return {}
  return Object.fromEntries([...(m[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map(([, k, v]) => [k.replace(/^\w+:/, ''), v]))
}

/** Visible text of a piece of WordprocessingML: runs joined, paragraphs on lines, tabs and breaks kept. */
export function textOf(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
}

export function readDocx(bytes: Uint8Array): Docx {
  const files = unzipSync(bytes)
  const decoder = new TextDecoder()
  const parts = Object.fromEntries(Object.entries(files).map(([name, data]) => [name, decoder.decode(data)]))
  const document = parts['word/document.xml']
  const rels = Object.fromEntries(
    [...parts['word/_rels/document.xml.rels'].matchAll(/<Relationship Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map(([, id, target]) => [id, target]),
  )
  const refs = (xml: string, kind: 'header' | 'footer') =>
    Object.fromEntries(
      [...xml.matchAll(new RegExp(`<w:${kind}Reference w:type="(\\w+)" r:id="(\\w+)"/>`, 'g'))].map(([, type, id]) => [type, parts[`word/${rels[id]}`]]),
    )
  const sections = [...document.matchAll(/<w:sectPr>[\s\S]*?<\/w:sectPr>/g)].map(([xml]) => ({
    xml,
    pgSz: attrs(xml, 'w:pgSz'),
    pgMar: attrs(xml, 'w:pgMar'),
    docGrid: attrs(xml, 'w:docGrid'),
    footers: refs(xml, 'footer'),
    headers: refs(xml, 'header'),
  }))
  const styles = parts['word/styles.xml']
  return {
    parts,
    document,
    styles,
    settings: parts['word/settings.xml'],
    sections,
    style(id) {
      const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)
      if (!m) throw new Error(`style ${id} missing`)
      return m[0]
    },
    text: textOf(document.slice(document.indexOf('<w:body>'))),
  }
}

/** The rows of the n-th table as arrays of cell texts. */
export function tableRows(document: string, n: number): string[][] {
  const table = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)][n]?.[0]
  if (!table) throw new Error(`table ${n} missing`)
  return [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map(([tr]) => [...tr.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([tc]) => textOf(tc).trim()))
}
