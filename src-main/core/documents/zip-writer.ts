/**
 * Writes a zip whose entries are either bytes or a stream of XML chunks (strings or UTF-8 bytes).
 * A stream is cut into pieces that Node's native zlib deflates in parallel on its thread pool, as
 * pigz does: each piece ends with a sync flush (byte-aligned, not final) so the pieces concatenate
 * into one valid deflate stream, closed by an empty final block. A 500 MB document.xml is never one
 * string or one buffer in memory; fflate writes the zip container around the compressed data.
 */
import { promisify } from 'node:util'
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib'
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate'

export type XmlChunk = string | Uint8Array
export type ZipEntryData = Uint8Array | Iterable<XmlChunk>

const deflatePiece = promisify(deflateRaw)
/** Strings are batched into pieces of about this many characters. */
const BATCH_CHARS = 1 << 20
/** Pieces being compressed at once (the thread pool has four threads). */
const IN_FLIGHT = 4
/** Past this much XML a faster level keeps big exports quick (the XML is very repetitive). */
const FAST_LEVEL_AFTER = 32 << 20
/** An empty final block: ends the concatenated stream. */
const FINAL_BLOCK = deflateRawSync(Buffer.alloc(0))

class PrecompressedFile implements ZipInputFile {
  size = 0
  crc = 0
  readonly compression = 8
  ondata?: AsyncFlateStreamHandler
  constructor(readonly filename: string) {}
  push(chunk: Uint8Array, final: boolean): void {
    this.ondata!(null, chunk as Uint8Array<ArrayBuffer>, final)
  }
}

async function deflateStream(file: PrecompressedFile, chunks: Iterable<XmlChunk>): Promise<void> {
  let crc = 0
  let size = 0
  const pending: Promise<Buffer>[] = []
  const write = async (buf: Uint8Array) => {
    crc = crc32(buf, crc)
    size += buf.length
    const level = size > FAST_LEVEL_AFTER ? 1 : 6
    pending.push(deflatePiece(buf, { level, finishFlush: constants.Z_SYNC_FLUSH }))
    // Hand finished pieces on in order; wait only when enough are in flight.
    if (pending.length >= IN_FLIGHT) file.push(await pending.shift()!, false)
  }
  let batch: string[] = []
  let batchChars = 0
  const flush = async () => {
    if (!batch.length) return
    const text = batch.join('')
    batch = []
    batchChars = 0
    await write(Buffer.from(text, 'utf8'))
  }
  for (const chunk of chunks) {
    if (typeof chunk === 'string') {
      batch.push(chunk)
      batchChars += chunk.length
      if (batchChars >= BATCH_CHARS) await flush()
    } else if (chunk.length) {
      await flush()
      await write(chunk)
    }
  }
  await flush()
  for (const piece of pending) file.push(await piece, false)
  file.size = size
  file.crc = crc
  file.push(FINAL_BLOCK, true)
}

/** The zip as one buffer, entries in the given order. */
export async function writeZip(entries: { name: string; data: ZipEntryData }[]): Promise<Buffer> {
  const out: Uint8Array[] = []
  let failure: Error | null = null
  const zip = new Zip((error, chunk) => {
    if (error) failure = error
    else out.push(chunk)
  })
  for (const entry of entries) {
    const file = new PrecompressedFile(entry.name)
    zip.add(file)
    if (entry.data instanceof Uint8Array) {
      file.size = entry.data.length
      file.crc = crc32(entry.data)
      file.push(deflateRawSync(entry.data, { level: 6 }), true)
    } else {
      await deflateStream(file, entry.data)
    }
    if (failure) throw failure
  }
  zip.end()
  if (failure) throw failure
  return Buffer.concat(out)
}
