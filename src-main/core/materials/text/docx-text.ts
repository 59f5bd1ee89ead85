/**
 * Text of a .docx: word/document.xml read in one SAX pass, one line per paragraph (w:p), tabs and
 * line breaks kept. Only that part is inflated, and only up to a cap, so a hostile file cannot
 * fill memory.
 */
import type { Readable } from 'node:stream'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import yauzl from 'yauzl'
import { DomainError } from '../../errors'

/** Inflated size of word/document.xml; a 500-page report is a few MB of XML. */
const MAX_DOCUMENT_XML = 64 * 1024 * 1024
const PART = 'word/document.xml'

function openDocumentXml(data: Buffer): Promise<{ stream: Readable; close: () => void }> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(new Error('zip'))
      const fail = (why: Error) => {
        zip.close()
        reject(why)
      }
      zip.on('error', fail)
      zip.on('end', () => fail(new Error('missing')))
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== PART) return zip.readEntry()
        if (entry.isEncrypted() || entry.uncompressedSize > MAX_DOCUMENT_XML) return fail(new Error('refused'))
        zip.openReadStream(entry, (e, stream) => (e || !stream ? fail(e ?? new Error('stream')) : resolve({ stream, close: () => zip.close() })))
      })
      zip.readEntry()
    })
  })
}

export async function readDocxText(fileName: string, data: Buffer, signal?: AbortSignal): Promise<string> {
  let opened
  try {
    opened = await openDocumentXml(data)
  } catch {
    throw new DomainError('IMPORT_INVALID', `无法读取 Word 文件“${fileName}”：文件已损坏或不是 .docx 格式`)
  }
  const lines: string[] = []
  let line = ''
  let inText = false
  const parser = new SaxesParser({ xmlns: false })
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (tag.name === 'w:t') inText = true
    else if (tag.name === 'w:tab') line += '\t'
    // A break at the start of a paragraph (a page break before a heading) would only add an empty line.
    else if ((tag.name === 'w:br' || tag.name === 'w:cr') && line !== '') line += '\n'
  })
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.name === 'w:t') inText = false
    else if (tag.name === 'w:p') {
      lines.push(line)
      line = ''
    }
  })
  parser.on('text', (text) => {
    if (inText) line += text
  })
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of opened.stream) {
      signal?.throwIfAborted()
      parser.write(decoder.decode(chunk as Buffer, { stream: true }))
    }
    parser.write(decoder.decode()).close()
  } catch {
    signal?.throwIfAborted()
    throw new DomainError('IMPORT_INVALID', `无法读取 Word 文件“${fileName}”：文件已损坏`)
  } finally {
    opened.stream.destroy()
    opened.close()
  }
  if (line) lines.push(line)
  return lines.join('\n').trim()
}
