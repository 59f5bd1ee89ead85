/**
 * Built and run as a child by tests/unit/packages/yazl-native-crc.test.ts, the way the app and the
 * bench build the writer (electron-vite, esbuild): `node <built probe> <package.zip> <file>` writes a
 * package holding <file> and prints one JSON line — how many bytes went through zlib.crc32 on the way.
 */
import zlib from 'node:zlib'

const native = zlib.crc32
let bytes = 0
zlib.crc32 = ((data: Buffer | string, value?: number) => {
  bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length
  return native(data, value)
}) as typeof zlib.crc32

// After the watch is in place: the writer (and yazl) load now.
const { writePackage } = await import('../../src-main/core/packages/package-writer')
const [dest, file] = process.argv.slice(2)
await writePackage(
  dest,
  { appVersion: 'probe', kind: 'distribution', schemaVersion: 1, meeting: { id: crypto.randomUUID(), name: '探针' }, rubricHash: 'a'.repeat(64), reviewer: { id: crypto.randomUUID(), name: '评委' }, sequence: 0 },
  [{ path: 'data/material.bin', from: file, compress: false }],
)
console.log(JSON.stringify({ crcBytes: bytes }))
