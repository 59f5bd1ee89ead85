/**
 * Writes a zip whose entries are either bytes or a stream of XML string chunks. The chunks are
 * encoded and deflated by Node's native zlib as they come, so a 300 MB document.xml is never one
 * string or one buffer in memory; fflate writes the zip container around the compressed data.
 */
import { once } from 'node:events'
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate'

export type ZipEntryData = Uint8Array | Iterable<string>

/** Strings are batched into buffers of about this many characters before deflating. */
const BATCH_CHARS = 1 << 20
/** Above this much XML a faster compression level keeps big exports quick (the XML is very repetitive). */
const FAST_LEVEL_AFTER = 32 << 20

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

async function deflateStream(file: PrecompressedFile, chunks: Iterable<string>): Promise<void> {
  const deflate = createDeflateRaw({ level: 6 })
  deflate.on('data', (out: Buffer) => file.push(out, false))
  const ended = once(deflate, 'end')
  let crc = 0
  let size = 0
  let batch: string[] = []
  let batchChars = 0
  let switched = false
  const flush = async () => {
    if (!batch.length) return
    const buf = Buffer.from(batch.join(''), 'utf8')
    batch = []
    batchChars = 0
    crc = crc32(buf, crc)
    size += buf.length
    if (!switched && size > FAST_LEVEL_AFTER) {
      switched = true
      await new Promise<void>((resolve) => deflate.params(1, 0, () => resolve()))
    }
    if (!deflate.write(buf)) await once(deflate, 'drain')
  }
  for (const chunk of chunks) {
    batch.push(chunk)
    batchChars += chunk.length
    if (batchChars >= BATCH_CHARS) await flush()
  }
  await flush()
  deflate.end()
  await ended
  file.size = size
  file.crc = crc
  file.push(new Uint8Array(0), true)
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
