/**
 * The package writer's few reusable read buffers. A gigabyte read into fresh 256 KB buffers cost more in
 * page faults and garbage collection than hashing it; these are read into, hashed, passed through yazl
 * (which hands the same Buffer objects on) and given back by the output once they are on their way to
 * the file — only then is a buffer read into again.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { Readable, Writable } from 'node:stream'

export class ChunkPool {
  private readonly free: Buffer[] = []
  private readonly owned = new Set<ArrayBufferLike>()
  private readonly waiting: { resolve: (buffer: Buffer) => void; reject: (error: unknown) => void }[] = []
  private closedWith: { error: unknown } | undefined

  constructor(count: number, readonly chunkSize: number) {
    for (let i = 0; i < count; i++) {
      // Each its own ArrayBuffer (not a slice of Node's shared pool), so a chunk is known by it.
      const buffer = Buffer.allocUnsafeSlow(chunkSize)
      this.owned.add(buffer.buffer)
      this.free.push(buffer)
    }
  }

  acquire(): Promise<Buffer> {
    if (this.closedWith) return Promise.reject(this.closedWith.error)
    const buffer = this.free.pop()
    if (buffer) return Promise.resolve(buffer)
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  /** Gives back the buffer a chunk was read into; chunks not from the pool (yazl's headers) are ignored. */
  release(chunk: Uint8Array): void {
    if (!this.owned.has(chunk.buffer)) return
    const buffer = Buffer.from(chunk.buffer, 0, this.chunkSize)
    const next = this.waiting.shift()
    if (next) next.resolve(buffer)
    else this.free.push(buffer)
  }

  /** A failed or cancelled write: whoever waits for a buffer stops with `error` (and closes its file). */
  close(error: unknown): void {
    this.closedWith ??= { error }
    for (const waiter of this.waiting.splice(0)) waiter.reject(error)
  }
}

/**
 * A file read into the pool's buffers, each chunk shown to `seen` before it is passed on; `ended` runs
 * once the whole file was read and may refuse it (a wrong hash) with an error. `copied`: chunks are
 * passed on as copies and the buffer goes back at once — for an entry yazl deflates, whose compressor
 * keeps no chunk for the output to give back.
 */
export function pooledFileReader(path: string, pool: ChunkPool, copied: boolean, seen: (chunk: Buffer) => void, ended: () => Error | undefined): Readable {
  let handle: FileHandle | undefined
  let position = 0
  return new Readable({
    construct(callback) {
      open(path, 'r').then((opened) => {
        handle = opened
        callback()
      }, callback)
    },
    read() {
      pool
        .acquire()
        .then(async (buffer) => {
          const { bytesRead } = await handle!.read(buffer, 0, buffer.length, position)
          if (bytesRead === 0) {
            pool.release(buffer)
            const refused = ended()
            return refused ? this.destroy(refused) : void this.push(null)
          }
          position += bytesRead
          const chunk = bytesRead < buffer.length ? buffer.subarray(0, bytesRead) : buffer
          seen(chunk)
          if (!copied) return void this.push(chunk)
          this.push(Buffer.from(chunk))
          pool.release(buffer)
        })
        .catch((error: unknown) => this.destroy(error as Error))
    },
    destroy(error, callback) {
      if (!handle) return callback(error)
      handle.close().then(
        () => callback(error),
        () => callback(error),
      )
    },
  })
}

/**
 * Writes what it is given to `handle` in order, returning pool buffers once written; `final` flushes the
 * file to the device before the stream finishes. The handle stays open (the caller closes it).
 */
export function pooledFileWriter(handle: FileHandle, pool: ChunkPool, highWaterMark: number): Writable & { written: () => number } {
  let written = 0
  const writer = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, callback) {
      writeAll(handle, chunk).then(() => {
        written += chunk.length
        pool.release(chunk)
        callback()
      }, callback)
    },
    final(callback) {
      handle.sync().then(() => callback(), callback)
    },
  })
  return Object.assign(writer, { written: () => written })
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0
  while (offset < chunk.length) offset += (await handle.write(chunk, offset, chunk.length - offset)).bytesWritten
}
