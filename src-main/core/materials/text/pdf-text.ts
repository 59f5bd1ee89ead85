/**
 * Text of a PDF, one string per page, read with pdfjs-dist's legacy build (the one that runs in plain
 * Node). Chinese PDFs from Word/WPS/LibreOffice use embedded CID fonts whose glyphs map to Unicode
 * through the CMaps shipped with pdfjs, so those are read from node_modules/pdfjs-dist/cmaps/.
 * pdfjs keeps a parsed CMap for one document only; patches/pdfjs-dist+6.5.438.patch keeps it for the
 * thread (while the file's bytes are the same), so a thread reading many reports builds it once.
 */
import { open } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import { DomainError } from '../../errors'
import { textlessPageCount } from './pdf-scan'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')
let pdfjs: Promise<PdfJs> | null = null
// Loaded on first use: pdfjs is large and most sessions never extract a PDF.
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'))

/** node_modules/pdfjs-dist/, found the way Node resolves the package (works wherever it is installed). */
function pdfjsRoot(): string {
  const entry = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')
  return join(dirname(entry), '..', '..')
}

const HAN = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef'
/** pdfjs may leave spaces between CJK glyphs placed one by one; Chinese text has no spaces there. */
const CJK_GAP = new RegExp(`([${HAN}])[ \\t]+(?=[${HAN}])`, 'gu')

interface TextItemLike {
  str?: string
  hasEOL?: boolean
}

export function joinPageItems(items: readonly TextItemLike[]): string {
  let text = ''
  for (const item of items) {
    if (typeof item.str !== 'string') continue
    text += item.str
    if (item.hasEOL) text += '\n'
  }
  return text.replace(CJK_GAP, '$1').replace(/[ \t]+\n/g, '\n').trim()
}

/** Files up to this size are read whole; larger ones (scans of hundreds of MB) in chunks, as pdfjs asks for them. */
const WHOLE_FILE_BYTES = 16 * 1024 * 1024
/**
 * Small chunks: opening a document walks the page tree to its last page, and a scanner's flat tree puts
 * each page object beside its multi-MB image, so every page object read costs one chunk.
 */
const RANGE_CHUNK_BYTES = 64 * 1024
/**
 * pdfjs keeps every chunk it has read for as long as the document is open, and reading a page's text
 * still reads the page's image objects (a scan is nothing but those). So a big PDF is read in windows:
 * after this many bytes the document is closed and opened again at the next page, and memory stays
 * near this figure whatever the file's size.
 */
const WINDOW_BYTES = 32 * 1024 * 1024

/** A PDF's text read from disk; a big file never sits in memory as a whole (see WINDOW_BYTES). */
export async function readPdfPagesFromFile(fileName: string, path: string, signal?: AbortSignal): Promise<string[]> {
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    // A scan is known by its structure, without pdfjs reading every page image (pdf-scan.ts).
    const blank = await textlessPageCount(handle, size, signal)
    if (blank !== undefined) return Array.from({ length: blank }, () => '')
    if (size <= WHOLE_FILE_BYTES) {
      // A Uint8Array of its own, which pdfjs takes over as it is (readPdfPages copies what callers pass).
      const data = new Uint8Array(size)
      const { bytesRead } = await handle.read(data, 0, size, 0)
      return (await readPages(fileName, { data: bytesRead === size ? data : data.slice(0, bytesRead) }, signal)).pages
    }
    const { PDFDataRangeTransport } = await loadPdfJs()
    const pages: string[] = []
    for (;;) {
      let served = 0
      const transport = new PDFDataRangeTransport(size, null)
      transport.requestDataRange = (begin: number, end: number) => {
        const chunk = new Uint8Array(end - begin)
        served += chunk.length
        handle.read(chunk, 0, chunk.length, begin).then(
          () => transport.onDataRange(begin, chunk),
          () => transport.abort(),
        )
      }
      const source = { range: transport, disableAutoFetch: true, disableStream: true, rangeChunkSize: RANGE_CHUNK_BYTES }
      // The window counts what the pages read, not the open's walk of the page tree (paid again on every open).
      let opened = 0
      const window = { enough: () => served - opened >= WINDOW_BYTES, onOpen: () => void (opened = served) }
      const done = await readPages(fileName, source, signal, pages.length + 1, window)
      pages.push(...done.pages)
      if (pages.length >= done.numPages) return pages
    }
  } finally {
    await handle.close()
  }
}

export async function readPdfPages(fileName: string, data: Uint8Array, signal?: AbortSignal): Promise<string[]> {
  // pdfjs takes ownership of (detaches) the buffer it is given; give it a copy.
  return (await readPages(fileName, { data: new Uint8Array(data) }, signal)).pages
}

type PdfSource = { data: Uint8Array } | { range: InstanceType<PdfJs['PDFDataRangeTransport']>; disableAutoFetch: boolean; disableStream: boolean; rangeChunkSize: number }

/**
 * The text of pages `from`… of one opened document; stops early (after a whole page) when `enough()`
 * says so, returning what it read and how many pages the document has.
 */
async function readPages(
  fileName: string,
  source: PdfSource,
  signal?: AbortSignal,
  from = 1,
  window: { enough(): boolean; onOpen(): void } = { enough: () => false, onOpen: () => undefined },
): Promise<{ pages: string[]; numPages: number }> {
  const cannot = (why: string) => new DomainError('IMPORT_INVALID', `无法读取 PDF 文件“${fileName}”：${why}`)
  signal?.throwIfAborted()
  const { getDocument } = await loadPdfJs()
  const root = pdfjsRoot()
  const task = getDocument({
    ...source,
    cMapUrl: join(root, 'cmaps') + sep,
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + sep,
    // No system fonts: results must not depend on the machine. (pdfjs 6 no longer has isEvalSupported: it never evals.)
    useSystemFonts: false,
    verbosity: 0,
  })
  const abort = () => void task.destroy()
  signal?.addEventListener('abort', abort, { once: true })
  try {
    let doc
    try {
      doc = await task.promise
      window.onOpen()
    } catch (error) {
      signal?.throwIfAborted()
      if ((error as { name?: string }).name === 'PasswordException') throw cannot('文件已加密（设有打开密码），请用系统程序打开')
      throw cannot('文件已损坏或不完整')
    }
    const pages: string[] = []
    for (let n = from; n <= doc.numPages; n++) {
      signal?.throwIfAborted()
      try {
        const page = await doc.getPage(n)
        const content = await page.getTextContent()
        pages.push(joinPageItems(content.items as TextItemLike[]))
        page.cleanup()
      } catch {
        signal?.throwIfAborted()
        throw cannot(`第 ${n} 页已损坏`)
      }
      if (n < doc.numPages && window.enough()) break
    }
    return { pages, numPages: doc.numPages }
  } finally {
    signal?.removeEventListener('abort', abort)
    await task.destroy()
  }
}
