/**
 * The package file as yauzl's random-access reader: positional reads of READ_CHUNK, the file's tail kept
 * from the first read, one handle shared by every entry's stream until close().
 */
import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import yauzl from 'yauzl'

/**
 * Reads of 256 KB: each chunk is read, hashed and written while it is still in the CPU's cache (1 MB
 * and 4 MB chunks were slower, 64 KB ones pay too often for the five streams into the material store).
 */
export const READ_CHUNK = 256 * 1024

/** The package file for yauzl, read READ_CHUNK at a time (yauzl.open reads 64 KB, one read at a time). */
export class FileReader extends yauzl.RandomAccessReader {
  private constructor(
    readonly handle: FileHandle,
    readonly size: number,
  ) {
    super()
  }

  static async open(path: string): Promise<FileReader> {
    const handle = await open(path, 'r')
    try {
      return new FileReader(handle, (await handle.stat()).size)
    } catch (error) {
      await handle.close()
      throw error
    }
  }

  /**
   * The file's last bytes, from yauzl's first read (the end record, up to 64 KB): the directory of a
   * package's few entries and its manifest lie there too, so their dozen small reads need no I/O.
   */
  private tail: { start: number; bytes: Promise<Buffer> } | undefined

  /** Positional reads of [start, end): streams of several entries share the file, which only close() closes. */
  override _readStreamForRange(start: number, end: number): Readable {
    if (!this.tail && end === this.size && end - start <= TAIL_BYTES) this.tail = { start, bytes: readFully(this.handle, start, end - start) }
    if (this.tail && start >= this.tail.start && end <= this.size) return pieceOf(this.tail.bytes, start - this.tail.start, end - this.tail.start)
    const { handle } = this
    let position = start
    return new Readable({
      highWaterMark: READ_CHUNK,
      read() {
        const length = Math.min(READ_CHUNK, end - position)
        if (length <= 0) return void this.push(null)
        const buffer = Buffer.allocUnsafeSlow(length)
        handle.read(buffer, 0, length, position).then(
          ({ bytesRead }) => {
            // A file shorter than its directory says: the stream ends early and yauzl's byte count fails it.
            if (bytesRead === 0) return void this.push(null)
            position += bytesRead
            this.push(bytesRead < length ? buffer.subarray(0, bytesRead) : buffer)
          },
          (error: Error) => this.destroy(error),
        )
      },
    })
  }

  override close(callback: (error: Error | null) => void): void {
    this.handle.close().then(() => callback(null), callback)
  }
}

const TAIL_BYTES = 128 * 1024

/** `length` bytes at `position`, or fewer if the file ends first (a size check downstream then fails). */
async function readFully(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buffer.subarray(0, filled)
}

/** A byte stream of [from, to) of bytes being read (cut short where they end). */
function pieceOf(bytes: Promise<Buffer>, from: number, to: number): Readable {
  let asked = false
  return new Readable({
    read() {
      if (asked) return
      asked = true
      bytes.then(
        (all) => {
          if (from < all.length) this.push(all.subarray(from, Math.min(to, all.length)))
          this.push(null)
        },
        (error: Error) => this.destroy(error),
      )
    },
  })
}
