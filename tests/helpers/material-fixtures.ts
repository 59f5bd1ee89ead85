/**
 * Material fixtures built byte by byte, so each test knows exactly what it feeds the importer:
 * zips with chosen name bytes, flags and extra fields (GBK without the UTF-8 flag, the 0x7075 field,
 * UTF-8 without the flag as macOS writes), a PDF in a non-embedded CID font, a scan-like PDF, an
 * encrypted PDF and a tiny PNG.
 */
import { crc32, deflateSync } from 'node:zlib'
import iconv from 'iconv-lite'

export interface TestEntry {
  name: Buffer
  data?: Buffer
  flags?: number
  extra?: Buffer
  /** 0 = stored (data as is); 8 = deflate, with the data taken as already compressed. */
  method?: number
  /** The uncompressed size the directory declares (defaults to the data's length). */
  declaredSize?: number
}

export function buildZip(entries: TestEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const data = e.data ?? Buffer.alloc(0)
    const extra = e.extra ?? Buffer.alloc(0)
    const size = e.declaredSize ?? data.length
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(e.flags ?? 0, 6)
    local.writeUInt16LE(e.method ?? 0, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(e.name.length, 26)
    local.writeUInt16LE(extra.length, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(e.flags ?? 0, 8)
    central.writeUInt16LE(e.method ?? 0, 10)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(size, 24)
    central.writeUInt16LE(e.name.length, 28)
    central.writeUInt16LE(extra.length, 30)
    central.writeUInt32LE(offset, 42)
    const localPart = Buffer.concat([local, e.name, extra, data])
    locals.push(localPart)
    centrals.push(Buffer.concat([central, e.name, extra]))
    offset += localPart.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** An Info-ZIP Unicode Path extra field (0x7075, version 1) for `rawName`. */
export function unicodePath(rawName: Buffer, utf8Name: string, crc = crc32(rawName)): Buffer {
  const name = Buffer.from(utf8Name, 'utf8')
  const field = Buffer.alloc(9)
  field.writeUInt16LE(0x7075, 0)
  field.writeUInt16LE(5 + name.length, 2)
  field.writeUInt8(1, 4)
  field.writeUInt32LE(crc, 5)
  return Buffer.concat([field, name])
}

export const gbk = (s: string): Buffer => iconv.encode(s, 'gbk')
export const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8')

/** A PDF from its numbered objects (1 = catalog), with a correct cross-reference table. */
export function handPdf(objects: (string | Buffer)[], trailer = ''): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')]
  const offsets: number[] = []
  let length = parts[0].length
  objects.forEach((body, i) => {
    offsets.push(length)
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n', 'latin1')])
    parts.push(chunk)
    length += chunk.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}

export const pdfStream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`
export const onePage = (resources: string) => [
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
  `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents 4 0 R >>`,
]

/** One page that only paints an 8×8 grey image: what a scanner produces, minus the size. */
export function imageOnlyPdf(): Buffer {
  const pixels = deflateSync(Buffer.alloc(64, 0x80))
  const image = Buffer.concat([
    Buffer.from(`<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`, 'latin1'),
    pixels,
    Buffer.from('\nendstream', 'latin1'),
  ])
  return handPdf([...onePage('<< /XObject << /Im0 5 0 R >> >>'), pdfStream('q 500 0 0 700 40 70 cm /Im0 Do Q'), image])
}

/**
 * 「党建品牌」 in STSong-Light, not embedded, encoded with the predefined CMap UniGB-UCS2-H — how
 * many Chinese government PDFs are written. Reading it needs the CMap files shipped with pdfjs.
 */
export function cidFontPdf(): Buffer {
  return handPdf([
    ...onePage('<< /Font << /F1 5 0 R >> >>'),
    pdfStream('BT /F1 24 Tf 72 700 Td <515A5EFA54C1724C> Tj ET'),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ])
}

/** Standard security handler with a user password that is not empty: cannot be opened without it. */
export function encryptedPdf(): Buffer {
  const hex32 = (byte: string) => `<${byte.repeat(32)}>`
  return handPdf([...onePage('<< >>'), pdfStream('BT ET'), `<< /Filter /Standard /V 1 /R 2 /O ${hex32('11')} /U ${hex32('22')} /P -4 >>`], `/Encrypt 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] `)
}

/** A 1×1 PNG, chunks with their real CRCs. */
export function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc32(body), 8 + data.length)
    return out
  }
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0])
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from([0, 0]))), chunk('IEND', Buffer.alloc(0))])
}

const pngChunk = (type: string, data: Buffer) => {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const out = Buffer.alloc(8 + data.length + 4)
  out.writeUInt32BE(data.length, 0)
  body.copy(out, 4)
  out.writeUInt32BE(crc32(body), 8 + data.length)
  return out
}

/** A width×height greyscale PNG, dark on the left half and light on the right (so a turn shows). */
export function grayPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 0, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(Math.ceil(width / 2), 0x30), Buffer.alloc(Math.floor(width / 2), 0xe0)])
  const pixels = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))])
}

/** A real .docx (docx library) with one paragraph per line. */
export async function smallDocx(lines: string[]): Promise<Buffer> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx')
  const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] })
  return Packer.toBuffer(doc)
}

/** A deflated entry that declares `declaredSize` bytes from a tiny body: a zip bomb by ratio. */
export function bombEntry(name: Buffer, declaredSize: number): TestEntry {
  return { name, data: deflateSync(Buffer.alloc(64 * 1024)), method: 8, declaredSize }
}

/**
 * 「党建品牌」 as in cidFontPdf, behind `padBytes` of an unused stream placed before the page's content:
 * a large PDF whose text can only be found by reading chunks at both ends.
 */
export function paddedCidFontPdf(padBytes: number): Buffer {
  const pad = Buffer.concat([Buffer.from(`<< /Length ${padBytes} >>\nstream\n`, 'latin1'), Buffer.alloc(padBytes, 0x20), Buffer.from('\nendstream', 'latin1')])
  return handPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 6 0 R >> >> /Contents 5 0 R >>',
    pad,
    pdfStream('BT /F1 24 Tf 72 700 Td <515A5EFA54C1724C> Tj ET'),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 8 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ])
}

/** UTF-16BE hex of a string: how UniGB-UCS2-H text is written in a content stream. */
const ucs2Hex = (text: string) => Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()

/**
 * A scanned ledger: `pages` pages, each painting its own uncompressed image of `imageBytes` bytes (a
 * scanner's page image) and, over it, the line 「第N页台账」 in STSong-Light — what OCR'd scans look like.
 * Big enough to exceed every window a reader keeps, with a different text on every page.
 */
export function scannedLedgerPdf(pages: number, imageBytes: number): Buffer {
  const side = Math.ceil(Math.sqrt(imageBytes))
  const fonts = [
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  // Objects: 1 catalog, 2 pages, 3–5 font; then per page: page, content, image.
  const first = 6
  const kids = Array.from({ length: pages }, (_, i) => `${first + 3 * i} 0 R`).join(' ')
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`, ...fonts]
  for (let i = 0; i < pages; i++) {
    const n = first + 3 * i
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`)
    objects.push(pdfStream(`q 595 0 0 842 0 0 cm /Im0 Do Q BT /F1 24 Tf 72 700 Td <${ucs2Hex(`第${i + 1}页台账`)}> Tj ET`))
    const pixels = Buffer.alloc(side * side, 0x80 + (i % 64))
    objects.push(
      Buffer.concat([
        Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length ${pixels.length} >>\nstream\n`, 'latin1'),
        pixels,
        Buffer.from('\nendstream', 'latin1'),
      ]),
    )
  }
  return handPdf(objects)
}

/** Text as UTF-16BE hex, the way a UniGB-UCS2-H string is written in a content stream. */
const ucs2HexString = (text: string) => `<${Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase()}>`

/**
 * A PDF of A4 pages, one array of lines per page, in the non-embedded CID font STSong-Light (as in
 * cidFontPdf): Chinese text that only renders and reads with the CMaps. For the viewer's page, find
 * and large-file tests (a 500-page ledger is `cidTextPdf(Array.from({ length: 500 }, …))`).
 */
export function cidTextPdf(pages: string[][]): Buffer {
  const fontObjects = [
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ]
  // Objects: 1 catalog, 2 pages, 3–5 font, then a page object and its content stream per page.
  const first = 6
  const kids = pages.map((_, i) => `${first + 2 * i} 0 R`).join(' ')
  const pageObjects = pages.flatMap((lines, i) => {
    const content = lines.map((line, l) => `BT /F1 20 Tf 60 ${760 - 34 * l} Td ${ucs2HexString(line)} Tj ET`).join('\n')
    return [`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${first + 2 * i + 1} 0 R >>`, pdfStream(content)]
  })
  return handPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`, ...fontObjects, ...pageObjects])
}
