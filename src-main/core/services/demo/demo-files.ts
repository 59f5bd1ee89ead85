/**
 * Small real files for the demo meeting's materials, generated in code (no LibreOffice, no font
 * file): a Chinese PDF in the non-embedded CID font STSong-Light (UniGB-UCS2-H), which pdf.js
 * reads with the CMaps it ships; a scan-like PDF (one image, no text layer); a PNG photo; and
 * minimal .docx / .xlsx packages that Word, WPS and Excel open.
 */
import { crc32, deflateSync } from 'node:zlib'
import { strToU8, zipSync } from 'fflate'

const A4 = { width: 595, height: 842 }
const MARGIN = 72
const FONT_SIZE = 12
const LEADING = 20
/** Characters of a full-width line at 12 pt within the margins (451 pt). */
export const PDF_LINE_CHARS = Math.floor((A4.width - 2 * MARGIN) / FONT_SIZE)

/** A PDF from its numbered objects (1 = catalog), with a correct cross-reference table. */
function assemblePdf(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets: number[] = []
  let length = parts[0].length
  objects.forEach((body, i) => {
    offsets.push(length)
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')])
    parts.push(chunk)
    length += chunk.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

const stream = (content: Buffer, dict = '') => Buffer.concat([Buffer.from(`<< ${dict} /Length ${content.length} >>\nstream\n`, 'latin1'), content, Buffer.from('\nendstream', 'latin1')])

/** UCS-2 big-endian hex, as UniGB-UCS2-H reads a string (BMP characters only). */
const ucs2Hex = (text: string) => [...text].map((c) => (c.codePointAt(0)! > 0xffff ? 0x3000 : c.codePointAt(0)!).toString(16).padStart(4, '0')).join('')

/**
 * A PDF of the given pages, each a list of lines (the first line of the first page as a centred
 * title). Lines longer than PDF_LINE_CHARS run past the margin: callers wrap them.
 */
export function chinesePdf(pages: string[][]): Buffer {
  const fontObj = 3 + 2 * pages.length
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${pages.map((_, i) => `${3 + 2 * i} 0 R`).join(' ')}] /Count ${pages.length} >>`]
  pages.forEach((lines, p) => {
    const ops = lines.flatMap((line, i) => {
      if (line === '') return []
      const title = p === 0 && i === 0
      const size = title ? 18 : FONT_SIZE
      // Latin characters are half as wide (see /W below); a title is centred on its full-width estimate.
      const x = title ? Math.max(MARGIN, (A4.width - [...line].length * size) / 2) : MARGIN
      const y = A4.height - MARGIN - (title ? 0 : 16 + i * LEADING)
      return [`BT /F1 ${size} Tf ${x.toFixed(1)} ${y} Td <${ucs2Hex(line)}> Tj ET`]
    })
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 ${fontObj} 0 R >> >> /Contents ${4 + 2 * p} 0 R >>`)
    objects.push(stream(Buffer.from(ops.join('\n'), 'latin1')))
  })
  objects.push(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${fontObj + 1} 0 R] >>`)
  // CIDs 1–95 of Adobe-GB1 are the proportional Latin characters: half width.
  objects.push(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${fontObj + 2} 0 R /DW 1000 /W [1 95 500] >>`)
  objects.push('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>')
  return assemblePdf(objects)
}

/** The text pdf.js reads from a chinesePdf page: its lines without the blank ones, one per line. */
export const pdfPageText = (lines: string[]): string => lines.filter((line) => line !== '').join('\n')

/** Splits clauses into lines of at most `width` characters, breaking only between clauses (so no phrase is cut by a line end). */
export function wrapClauses(clauses: string[], width = PDF_LINE_CHARS): string[] {
  const lines: string[] = []
  let line = ''
  for (const clause of clauses) {
    if (line && [...line].length + [...clause].length > width) {
      lines.push(line)
      line = ''
    }
    line += clause
  }
  if (line) lines.push(line)
  return lines
}

/** A grey page image with darker bands where lines of text would be: a scanned page, without any text. */
export function scannedPdf(): Buffer {
  const width = 124
  const height = 176
  const pixels = Buffer.alloc(width * height, 0xf2)
  for (let y = 16; y < height - 16; y += 7) {
    const end = width - 12 - ((y * 37) % 29)
    for (let x = 12; x < end; x++) if ((x * 7 + y) % 11 !== 0) pixels[y * width + x] = 0x55
  }
  const data = deflateSync(pixels)
  const image = stream(data, `/Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`)
  return assemblePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>`,
    stream(Buffer.from(`q ${A4.width - 40} 0 0 ${A4.height - 40} 20 20 cm /Im0 Do Q`, 'latin1')),
    image,
  ])
}

/** A 240×160 PNG “photo”: a wall, a red banner, a row of people, a floor; `hue` varies it per unit. */
export function photoPng(hue: number): Buffer {
  const width = 240
  const height = 160
  const stride = 1 + width * 3 // each row starts with filter byte 0 (none)
  const pixels = Buffer.alloc(stride * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = ((x + 14) % 34) - 17 // a person every 34 pixels
      let r: number, g: number, b: number
      if (y >= 20 && y < 44 && x >= 30 && x < 210) [r, g, b] = [200, 30, 30] // banner
      else if (dx * dx + (y - 80) ** 2 < 64 || (y >= 92 && y < 132 && dx > -11 && dx < 11)) [r, g, b] = [40, 40, 60] // people
      else if (y >= 120) [r, g, b] = [150 + (hue % 40), 120, 90] // floor
      else [r, g, b] = [180 - (y >> 1), 200 - ((y / 3) | 0), 230 - (hue % 30)] // wall
      const at = y * stride + 1 + x * 3
      pixels[at] = r
      pixels[at + 1] = g
      pixels[at + 2] = b
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))])
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
const esc = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)
/** A fixed time in the zips' entries: the same demo gives the same bytes (and hashes) on every machine. */
const ZIP_OPTIONS = { mtime: new Date('2024-12-01T09:00:00') }

const PKG_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships'
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

/** A .docx with a title and paragraphs (仿宋, first line indented two characters). */
export function simpleDocx(title: string, paragraphs: string[]): Buffer {
  const fonts = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋"/>'
  const para = (text: string, heading = false) =>
    heading
      ? `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="宋体"/><w:b/><w:sz w:val="36"/></w:rPr><w:t>${esc(text)}</w:t></w:r></w:p>`
      : `<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr><w:r><w:rPr>${fonts}<w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`
  const body = [para(title, true), ...paragraphs.map((p) => para(p))].join('')
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(`${XML}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="word/document.xml"/></Relationships>`),
      'word/document.xml': strToU8(
        `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`,
      ),
    }, ZIP_OPTIONS),
  )
}

const columnName = (i: number) => (i < 26 ? String.fromCharCode(65 + i) : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26)))

/** An .xlsx with one sheet; strings inline, numbers as numbers; `widths` in characters per column. */
export function simpleXlsx(sheetName: string, rows: (string | number)[][], widths: number[] = []): Buffer {
  const cell = (value: string | number, r: number, c: number) => {
    const ref = `${columnName(c)}${r + 1}`
    return typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(value)}</t></is></c>`
  }
  const sheetData = rows.map((row, r) => `<row r="${r + 1}">${row.map((v, c) => cell(v, r, c)).join('')}</row>`).join('')
  const cols = widths.length ? `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : ''
  const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
      '_rels/.rels': strToU8(`${XML}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
      'xl/workbook.xml': strToU8(`${XML}<workbook xmlns="${main}" xmlns:r="${DOC_RELS}"><sheets><sheet name="${esc(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`),
      'xl/_rels/workbook.xml.rels': strToU8(`${XML}<Relationships xmlns="${PKG_RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
      'xl/worksheets/sheet1.xml': strToU8(`${XML}<worksheet xmlns="${main}">${cols}<sheetData>${sheetData}</sheetData></worksheet>`),
    }, ZIP_OPTIONS),
  )
}
