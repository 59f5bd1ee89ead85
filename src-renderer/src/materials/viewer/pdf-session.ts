/**
 * One open PDF: its pages and their text, each fetched once and only when asked for (a page shown,
 * a thumbnail scrolled to, a search), so a 500-page file costs what the reader looks at.
 */
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist'
import type { TextContent } from 'pdfjs-dist/types/src/display/api'

export interface PageSize {
  width: number
  height: number
}

export class PdfSession {
  readonly numPages: number
  private readonly pages = new Map<number, Promise<PDFPageProxy>>()
  private readonly texts = new Map<number, Promise<TextContent>>()

  constructor(readonly doc: PDFDocumentProxy) {
    this.numPages = doc.numPages
  }

  page(n: number): Promise<PDFPageProxy> {
    let page = this.pages.get(n)
    if (!page) {
      page = this.doc.getPage(n)
      this.pages.set(n, page)
    }
    return page
  }

  /** The page's text runs: the same object feeds the text layer and the search, so their items line up. */
  textContent(n: number): Promise<TextContent> {
    let text = this.texts.get(n)
    if (!text) {
      text = this.page(n).then((page) => page.getTextContent())
      this.texts.set(n, text)
    }
    return text
  }

  /** The strings of the items the text layer turns into spans (marked-content markers have none). */
  async textItems(n: number): Promise<string[]> {
    const { items } = await this.textContent(n)
    return items.flatMap((item) => ('str' in item ? [item.str] : []))
  }

  async size(n: number): Promise<PageSize> {
    const { width, height } = (await this.page(n)).getViewport({ scale: 1 })
    return { width, height }
  }

  destroy(): Promise<void> {
    return this.doc.loadingTask.destroy()
  }
}
