/**
 * yazl, with each entry's CRC-32 computed by Node's native zlib.crc32 instead of the JavaScript loop of
 * its own copy of buffer-crc32 (~2.5 s per GB of materials against ~0.2 s; the values are the same).
 * yazl calls `crc32.unsigned(chunk, previous)` on the module object it required, at each call: this
 * replaces that object's functions. Import yazl from here only, so the writer always gets the patched one.
 *
 * yazl is loaded through createRequire — Node's own resolution at run time, whatever a bundler does with
 * static imports (electron-vite, esbuild in the bench) — and buffer-crc32 through yazl's own module
 * (`module.require` resolves from yazl's folder), so the instance patched is the very one yazl holds.
 */
import { createRequire, type Module } from 'node:module'
import zlib from 'node:zlib'
import type Yazl from 'yazl'

interface BufferCrc32 {
  (buf: Buffer | string, previous?: Buffer | number): Buffer
  signed(buf: Buffer | string, previous?: Buffer | number): number
  unsigned(buf: Buffer | string, previous?: Buffer | number): number
}

// Not named `require`: electron-vite's build declares that name at the top of each ES module it emits.
const load = createRequire(import.meta.url)
const yazl = load('yazl') as typeof Yazl
const yazlModule = load.cache[load.resolve('yazl')] as Module | undefined
if (!yazlModule) throw new Error('yazl was not loaded as a CommonJS module: its CRC-32 cannot be given the native implementation')
const bufferCrc32 = yazlModule.require('buffer-crc32') as BufferCrc32

const jsUnsigned = bufferCrc32.unsigned

/** buffer-crc32's contract: a string is read as UTF-8; `previous` is a running CRC, as a number or a 4-byte big-endian Buffer. */
function nativeUnsigned(buf: Buffer | string, previous?: Buffer | number): number {
  if (!Buffer.isBuffer(buf) && typeof buf !== 'string') return jsUnsigned(buf, previous) // its own rules (a number: that many zero bytes)
  const start = Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : (previous ?? 0) >>> 0
  return zlib.crc32(buf, start) // looked up at each call, as yazl does, so a test can watch it
}

bufferCrc32.unsigned = nativeUnsigned
bufferCrc32.signed = (buf, previous) => nativeUnsigned(buf, previous) | 0

export default yazl
