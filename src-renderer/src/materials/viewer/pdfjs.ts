/**
 * pdf.js, set up for an offline app: the worker, CMaps, standard fonts and image decoders all come
 * from our own build (electron.vite.config.ts copies them under /pdfjs/), never from a CDN.
 */
import { GlobalWorkerOptions, PDFWorker, getDocument, type PDFDocumentLoadingTask } from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

GlobalWorkerOptions.workerSrc = workerUrl

/**
 * One worker for the page's lifetime, started as soon as this module loads: booting it (1.2 MB of
 * script) is a large part of opening the first PDF, and the next PDF opened reuses it.
 */
const worker = new PDFWorker()

/** Absolute, with the trailing slash pdf.js wants: the worker resolves them against its own URL otherwise. */
const assetDir = (dir: string) => new URL(`${import.meta.env.BASE_URL}pdfjs/${dir}/`, document.baseURI).href

/**
 * Up to this size a PDF is fetched whole, as one stream: before page 1, pdf.js walks a flat page tree
 * (how scanners write it) to the last page, one range request per page object spread over the file,
 * which costs more round trips than reading 32 MB from this machine once.
 */
const WHOLE_FILE_BYTES = 32 * 1024 * 1024

/**
 * Opens a PDF by URL. A big one with range requests: only the bytes page 1 needs are fetched first, so
 * a 500-page ledger shows at once; the rest is read when a page is scrolled to (no auto-fetch).
 */
export function openPdf(url: string, size?: number): PDFDocumentLoadingTask {
  const key = new URL(url, document.baseURI).href
  const preloaded = ahead.get(key)
  if (preloaded) {
    ahead.delete(key)
    return preloaded
  }
  return startPdf(url, size)
}

/** Documents opened ahead of time, handed to the viewer that opens them next (at most two kept). */
const ahead = new Map<string, PDFDocumentLoadingTask>()
const AHEAD_MAX = 2

/**
 * Opens a PDF before it is shown (the reviewer's next unit): the document, and page 1's operator list, so
 * the worker has already read its fonts and CMaps (a CID-font page spends most of its first draw there)
 * and showing it is only painting. A preload nobody takes is dropped when newer ones come.
 */
export function preloadPdf(url: string, size?: number): void {
  const key = new URL(url, document.baseURI).href
  if (ahead.has(key)) return
  const task = startPdf(url, size)
  ahead.set(key, task)
  task.promise
    .then((doc) => doc.getPage(1))
    .then((page) => page.getOperatorList())
    .catch(() => undefined) // the viewer that takes it shows the error
  for (const [oldKey, oldTask] of ahead) {
    if (ahead.size <= AHEAD_MAX) break
    ahead.delete(oldKey)
    void oldTask.destroy()
  }
}

function startPdf(url: string, size?: number): PDFDocumentLoadingTask {
  const whole = size !== undefined && size <= WHOLE_FILE_BYTES
  return getDocument({
    url: new URL(url, document.baseURI).href,
    worker,
    cMapUrl: assetDir('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetDir('standard_fonts'),
    wasmUrl: assetDir('wasm'),
    // The CSP grants 'wasm-unsafe-eval' (shared/content-security-policy.ts): scans' JPEG 2000 and JBIG2
    // images decode with pdf.js' bundled WebAssembly, several times faster than its JavaScript fallback.
    useWasm: true,
    disableRange: whole,
    disableStream: !whole,
    disableAutoFetch: true,
    rangeChunkSize: 1024 * 1024,
  })
}

/** What the reader is told when a PDF cannot be shown (zh-CN), from pdf.js's error names. */
export function pdfErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') return '该 PDF 有密码保护，无法在程序内显示'
  if (name === 'InvalidPDFException') return '该 PDF 文件已损坏或不是有效的 PDF，无法显示'
  if (name === 'ResponseException') return '无法读取该材料文件，可能已被删除'
  return '该 PDF 无法显示：文件可能已损坏'
}
