/**
 * The zip writer behind every .docx/.xlsx export: a streamed entry of several MiB is deflated as
 * several pieces in flight at once. Read back by an independent reader (yauzl, which checks sizes),
 * each entry must inflate to exactly the bytes written and match the CRC-32 and sizes in the central
 * directory; Word, WPS and Excel refuse or "repair" a file whose CRC is wrong.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import { writeZip, type XmlChunk } from '../../src-main/core/documents/zip-writer'

const MiB = 1 << 20

/** Deterministic noise (xorshift32): deflate cannot shrink it, so pieces stay large. */
function noise(length: number, seed: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4))
  let x = seed >>> 0 || 1
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    words[i] = x
  }
  return new Uint8Array(words.buffer, 0, length)
}

/** Repetitive WordprocessingML rows with Chinese text (multi-byte UTF-8), as an export streams them. */
function* rows(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield `<w:p><w:r><w:t>第${i}行 市水利保障局水文监测站 ${(i * 7) % 100}.5 分</w:t></w:r></w:p>`
}

interface ReadEntry {
  name: string
  bytes: Buffer
  crc32: number
  uncompressedSize: number
  compressedSize: number
}

/** Every entry through yauzl: sizes are validated by yauzl while inflating, CRCs are left to us. */
function readZip(zip: Buffer): Promise<ReadEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, file) => {
      if (error || !file) return reject(error ?? new Error('no zip'))
      const entries: ReadEntry[] = []
      file.on('error', reject)
      file.on('end', () => resolve(entries))
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError ?? new Error('no stream'))
          const parts: Buffer[] = []
          stream.on('data', (part: Buffer) => parts.push(part))
          stream.on('error', reject)
          stream.on('end', () => {
            const { fileName: name, crc32, uncompressedSize, compressedSize } = entry
            entries.push({ name, bytes: Buffer.concat(parts), crc32, uncompressedSize, compressedSize })
            file.readEntry()
          })
        })
      })
      file.readEntry()
    })
  })
}

const workDir = mkdtempSync(join(tmpdir(), 'onsite-zip-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

describe('writeZip', () => {
  it('writes a multi-piece streamed entry (over 4 MiB of text and of noise) that inflates to the same bytes with the right CRC and sizes', async () => {
    const small = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><Types/>', 'utf8')
    const textRows = 90_000
    const blobs = [noise(1.5 * MiB, 1), noise(1.5 * MiB, 2), noise(MiB + 123, 3), noise(7, 4)]
    // Text and bytes interleaved: strings are batched, a byte chunk ends the batch and is its own piece.
    function* mixed(): Generator<XmlChunk> {
      yield '<w:document>'
      for (const [i, blob] of blobs.entries()) {
        yield* rows(5_000 + i)
        yield blob
      }
      yield* rows(20_000)
      yield '</w:document>'
    }
    const expected = {
      '[Content_Types].xml': small,
      'word/document.xml': Buffer.from([...rows(textRows)].join(''), 'utf8'),
      'word/media/blob.bin': Buffer.concat([...mixed()].map((c) => (typeof c === 'string' ? Buffer.from(c, 'utf8') : c))),
      'word/empty.xml': Buffer.alloc(0),
    }
    expect(expected['word/document.xml'].length).toBeGreaterThan(4 * MiB)
    expect(expected['word/media/blob.bin'].length).toBeGreaterThan(4 * MiB)

    const zip = await writeZip([
      { name: '[Content_Types].xml', data: small },
      { name: 'word/document.xml', data: rows(textRows) },
      { name: 'word/media/blob.bin', data: mixed() },
      { name: 'word/empty.xml', data: [] },
    ])

    const entries = await readZip(zip)
    expect(entries.map((e) => e.name)).toEqual(Object.keys(expected))
    for (const entry of entries) {
      const want = expected[entry.name as keyof typeof expected]
      expect(entry.uncompressedSize, entry.name).toBe(want.length)
      expect(entry.bytes.equals(want), `${entry.name} inflates to what was written`).toBe(true)
      expect(entry.crc32, `${entry.name} CRC in the central directory`).toBe(crc32(entry.bytes))
    }
    const text = entries.find((e) => e.name === 'word/document.xml')!
    expect(text.compressedSize).toBeLessThan(text.uncompressedSize / 4) // text really was deflated

    // Info-ZIP's own check (CRC, sizes, local headers and data descriptors), where it is installed.
    if (spawnSync('unzip', ['-v']).status === 0) {
      const path = join(workDir, 'multi-piece.zip')
      writeFileSync(path, zip)
      expect(execFileSync('unzip', ['-tq', path], { encoding: 'utf8' })).toMatch(/No errors detected/)
    }
  })
})
