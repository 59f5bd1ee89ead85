/**
 * Worker thread module (see text-in-worker.ts): extracts stored files' text and sniffs their type,
 * off the main thread, so a 500-page PDF does not freeze every window of the desktop app.
 * Built as its own entry (electron.vite.config.ts → out/main/extract-worker.js).
 */
import { open } from 'node:fs/promises'
import { fileTypeFromBuffer } from 'file-type'
import { serveCalls } from '../jobs/worker-service'
import type { SniffedType } from './material-type'
import { extractText, type MaterialText } from './text/extract-text'

export interface ExtractItem {
  /** The stored file (named by its hash). */
  path: string
  /** Its name as imported: the extension tells apart formats sharing a container, and errors name it. */
  name: string
}
export type ExtractResult = { ok: true; text: MaterialText; sniffed: SniffedType } | { ok: false; reason: string }

const HEAD_BYTES = 64 * 1024
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })

async function sniff(path: string, kind: MaterialText['kind']): Promise<SniffedType> {
  const handle = await open(path, 'r')
  try {
    if (kind === 'txt') {
      // Text materials are at most 32 MB (extract-text.ts refuses more), so reading them whole is bounded.
      const data = await handle.readFile()
      try {
        strictUtf8.decode(data)
        return { utf8: true }
      } catch {
        return { utf8: false }
      }
    }
    const head = Buffer.alloc(HEAD_BYTES)
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0)
    return { mime: (await fileTypeFromBuffer(head.subarray(0, bytesRead)))?.mime }
  } finally {
    await handle.close()
  }
}

/**
 * Workers live for a whole import (a thread per file would cost more than most files take; the import
 * keeps at most two, text-in-worker.ts), each fed one file at a time as soon as it is stored. A file
 * that cannot be read is that file's failure, with the reason.
 */
serveCalls<ExtractItem, ExtractResult>(async ({ path, name }) => {
  try {
    const text = await extractText(path, { name })
    return { ok: true, text, sniffed: await sniff(path, text.kind) }
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) }
  }
})
