/**
 * A scan is recognised from its structure without pdfjs reading its page images (pdf-scan.ts), and
 * the pages it reports are exactly what pdfjs reads; anything short of a plain scan goes to pdfjs.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { Document, ImageRun, Packer, PageBreak, Paragraph } from 'docx'
import { afterAll, describe, expect, it } from 'vitest'
import { textlessPageCount } from '../../../src-main/core/materials/text/pdf-scan'
import { readPdfPages, readPdfPagesFromFile } from '../../../src-main/core/materials/text/pdf-text'
import { cidFontPdf, encryptedPdf, grayPng, handPdf, imageOnlyPdf, pdfStream, scannedLedgerPdf } from '../../helpers/material-fixtures'

const dir = mkdtempSync(join(tmpdir(), 'pdf-scan-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const image = (bytes: number) =>
  Buffer.concat([
    Buffer.from(`<< /Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${bytes} >>\nstream\n`, 'latin1'),
    Buffer.alloc(bytes, 0x5a),
    Buffer.from('\nendstream', 'latin1'),
  ])
const flateStream = (content: string) => {
  const data = deflateSync(Buffer.from(content, 'latin1'))
  return Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')])
}

interface ScanOptions {
  /** Each page's content stream (default: paint the page's image). */
  content?: (page: number) => string | Buffer
  /** The root's /Count (default: the number of pages). */
  count?: number
  /** Extra objects after the pages, numbered on. */
  extra?: (string | Buffer)[]
}

/** A scanner's PDF: per page a page object, its content and its own image (objects 3, 4, 5, then 6, 7, 8…). */
function scanPdf(pages: number, { content = () => pdfStream('q 595 0 0 842 0 0 cm /Im0 Do Q'), count = pages, extra = [] }: ScanOptions = {}): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${3 + 3 * i} 0 R`).join(' ')
  const objects: (string | Buffer)[] = ['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`]
  for (let i = 0; i < pages; i++) {
    const n = 3 + 3 * i
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im0 ${n + 2} 0 R >> >> /Contents ${n + 1} 0 R >>`, content(i), image(4096 + i))
  }
  return handPdf([...objects, ...extra])
}

let files = 0
async function recognised(pdf: Buffer): Promise<number | undefined> {
  const path = join(dir, `${files++}.pdf`)
  writeFileSync(path, pdf)
  const handle = await open(path, 'r')
  try {
    return await textlessPageCount(handle, pdf.length)
  } finally {
    await handle.close()
  }
}

/** What the import stores for the file (fast path or not) against what pdfjs alone reads. */
async function sameAsPdfjs(pdf: Buffer): Promise<string[]> {
  const path = join(dir, `${files++}.pdf`)
  writeFileSync(path, pdf)
  const pages = await readPdfPagesFromFile('扫描件.pdf', path)
  expect(pages).toEqual(await readPdfPages('扫描件.pdf', pdf))
  return pages
}

describe('a scan recognised without pdfjs', () => {
  it('counts the pages of a scanner\'s PDF, each page without text, as pdfjs does', async () => {
    const pdf = scanPdf(12)
    expect(await recognised(pdf)).toBe(12)
    expect(await sameAsPdfjs(pdf)).toEqual(Array.from({ length: 12 }, () => ''))
  })

  it('reads compressed page content (FlateDecode), as most scanners write it', async () => {
    const pdf = scanPdf(3, { content: () => flateStream('q 595 0 0 842 0 0 cm /Im0 Do Q') })
    expect(await recognised(pdf)).toBe(3)
    expect(await sameAsPdfjs(pdf)).toEqual(['', '', ''])
  })

  it('a LibreOffice PDF of two pages that are only pictures (stream lengths written after the streams)', async () => {
    const picture = () => new ImageRun({ type: 'png', data: grayPng(300, 400), transformation: { width: 300, height: 400 } })
    const doc = new Document({ sections: [{ children: [new Paragraph({ children: [picture()] }), new Paragraph({ children: [new PageBreak(), picture()] })] }] })
    writeFileSync(join(dir, '照片页.docx'), await Packer.toBuffer(doc))
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'pdf', '--outdir', dir, join(dir, '照片页.docx')], { timeout: 170_000, stdio: 'pipe' })
    const pdf = readFileSync(join(dir, '照片页.pdf'))
    expect(await recognised(pdf)).toBe(2)
    expect(await sameAsPdfjs(pdf)).toEqual(['', ''])
  }, 180_000)

  it('the one-page scan fixture too', async () => {
    expect(await recognised(imageOnlyPdf())).toBe(1)
    expect(await sameAsPdfjs(imageOnlyPdf())).toEqual([''])
  })
})

describe('anything else is left to pdfjs, with the same result as before', () => {
  it('an OCR\'d scan: text over the images', async () => {
    const pdf = scannedLedgerPdf(3, 4096)
    expect(await recognised(pdf)).toBeUndefined()
    expect(await sameAsPdfjs(pdf)).toEqual(['第1页台账', '第2页台账', '第3页台账'])
  })

  it('one page of text among image pages, even without any font (pdfjs falls back to a default font)', async () => {
    const pdf = scanPdf(3, { content: (i) => flateStream(i === 1 ? 'BT /F9 12 Tf 72 700 Td (Zhang San) Tj ET' : 'q 595 0 0 842 0 0 cm /Im0 Do Q') })
    expect(await recognised(pdf)).toBeUndefined()
    expect((await sameAsPdfjs(pdf))[1]).toContain('Zhang San')
  })

  it('a text PDF in a CID font, an encrypted one', async () => {
    expect(await recognised(cidFontPdf())).toBeUndefined()
    expect(await recognised(encryptedPdf())).toBeUndefined()
    await expect(readPdfPagesFromFile('加密.pdf', join(dir, `${files - 1}.pdf`))).rejects.toThrow('文件已加密')
  })

  it('a form XObject (it may hold text) or a page content stream with a filter it does not read', async () => {
    const form = pdfStream('BT ET')
    expect(await recognised(scanPdf(1, { extra: [form.replace('<< ', '<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] ')] }))).toBeUndefined()
    const hex = Buffer.from('q 595 0 0 842 0 0 cm /Im0 Do Q').toString('hex')
    expect(await recognised(scanPdf(1, { content: () => `<< /Length ${hex.length + 1} /Filter /ASCIIHexDecode >>\nstream\n${hex}>\nendstream` }))).toBeUndefined()
  })

  it('a page count that does not match the page tree', async () => {
    const pdf = scanPdf(3, { count: 4 })
    expect(await recognised(pdf)).toBeUndefined()
    await sameAsPdfjs(pdf)
  })

  it('a file updated incrementally, a cross-reference table that does not match, a cut file', async () => {
    const pdf = scanPdf(2)
    const appended = Buffer.concat([pdf, Buffer.from('4 0 obj\n<< /Length 5 >>\nstream\nBT ET\nendstream\nendobj\n', 'latin1')])
    expect(await recognised(appended)).toBeUndefined()
    const xref = pdf.lastIndexOf('xref\n')
    const shifted = Buffer.concat([pdf.subarray(0, 9), Buffer.from('% moved\n', 'latin1'), pdf.subarray(9, xref), Buffer.from(`xref\n${pdf.subarray(xref + 5).toString('latin1').replace(/startxref\n\d+/, `startxref\n${xref + 8}`)}`, 'latin1')])
    expect(await recognised(shifted)).toBeUndefined()
    await sameAsPdfjs(shifted)
    expect(await recognised(pdf.subarray(0, pdf.length - 200))).toBeUndefined()
  })

  it('a cut scan is still refused with its name', async () => {
    const path = join(dir, 'cut.pdf')
    writeFileSync(path, scanPdf(2).subarray(0, 3000))
    await expect(readPdfPagesFromFile('截断.pdf', path)).rejects.toThrow(/无法读取 PDF 文件“截断\.pdf”/)
  })
})
