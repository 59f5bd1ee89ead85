/**
 * The reader's own access to the package file (positional reads, see FileReader in
 * package-reader.ts): several materials read at once from one package each get their own bytes,
 * whatever their size against the read size; and no handle on the file outlives the package —
 * opened and closed, refused, or read halfway — so the USB stick can be ejected (and, on Windows,
 * the file moved or deleted).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { materialsDir, putChunks } from '../../../src-main/core/materials/material-store'
import { openPackage } from '../../../src-main/core/packages/package-reader'
import { writePackage } from '../../../src-main/core/packages/package-writer'
import { handlesOn } from '../../helpers/open-handles'

const dir = mkdtempSync(join(tmpdir(), 'onsite-reader-file-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const MB = 1024 * 1024
/** Around the reader's 256 KB reads: under, exactly, one byte over, several. */
const materials = [10, 256 * 1024 - 1, 256 * 1024, 256 * 1024 + 1, 3 * MB + 17].map((size) => randomBytes(size))

async function writeMaterials(path: string): Promise<void> {
  const sources = materials.map((bytes) => {
    const from = join(dir, `${sha(bytes)}.bin`)
    writeFileSync(from, bytes)
    return { path: `materials/${sha(bytes)}`, from, compress: false, expectSha256: sha(bytes) }
  })
  const reviewer = { id: randomUUID(), name: '李评委' }
  await writePackage(path, { appVersion: 'test', kind: 'distribution', schemaVersion: 1, meeting: { id: randomUUID(), name: '现场评审会' }, rubricHash: 'a'.repeat(64), reviewer, sequence: 0 }, sources)
}

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('the reader reads the package file itself', () => {
  it('several materials read at the same time each come out whole and verified', async () => {
    const path = join(dir, 'together.zip')
    await writeMaterials(path)
    const pkg = await openPackage(path, { kind: 'distribution' })
    try {
      const streams = await Promise.all(materials.map((bytes) => pkg.openFile(`materials/${sha(bytes)}`)))
      const read = await Promise.all(streams.map(collect))
      read.forEach((bytes, i) => expect(bytes.equals(materials[i]), `material ${i}`).toBe(true))
    } finally {
      pkg.close()
    }
  })

  it('materials read as reused chunks into the store come out whole, whatever their size against the read size', async () => {
    const path = join(dir, 'chunks.zip')
    await writeMaterials(path)
    const dataDir = mkdtempSync(join(dir, 'store-'))
    const pkg = await openPackage(path, { kind: 'distribution' })
    try {
      for (const bytes of materials) {
        const result = await putChunks(dataDir, await pkg.openChunks(`materials/${sha(bytes)}`))
        expect(result).toEqual({ sha256: sha(bytes), size: bytes.length, stored: true })
        expect(readFileSync(join(materialsDir(dataDir), sha(bytes))).equals(bytes)).toBe(true)
      }
    } finally {
      pkg.close()
    }
  })

  it('a package cut short after it was opened (the stick pulled out): the material fails as truncated and nothing is stored', async () => {
    const path = join(dir, 'cut.zip')
    await writeMaterials(path)
    const dataDir = mkdtempSync(join(dir, 'store-'))
    const pkg = await openPackage(path, { kind: 'distribution' })
    try {
      truncateSync(path, 2 * MB) // in the middle of the last, 3 MB material
      await expect(putChunks(dataDir, await pkg.openChunks(`materials/${sha(materials[4])}`))).rejects.toMatchObject({ problem: 'truncated' })
      expect(readdirSync(materialsDir(dataDir)).filter((n) => n !== '.tmp')).toEqual([])
      expect(readdirSync(join(materialsDir(dataDir), '.tmp'))).toEqual([])
    } finally {
      pkg.close()
    }
  })

  it.runIf(existsSync('/proc/self/fd'))('leaves no handle on the file: closed after use, read halfway, or refused as truncated', async () => {
    const path = join(dir, 'handles.zip')
    await writeMaterials(path)
    const pkg = await openPackage(path, { kind: 'distribution' })
    expect(handlesOn(path)).toBe(1)
    const half = await pkg.openFile(`materials/${sha(materials[4])}`)
    await new Promise((resolve) => half.once('readable', resolve))
    pkg.close()
    half.destroy()
    await expect.poll(() => handlesOn(path)).toBe(0)
    expect(pkg.manifest.kind).toBe('distribution') // still reachable: its handle cannot have been closed by the garbage collector

    truncateSync(path, 2 * MB)
    await expect(openPackage(path)).rejects.toMatchObject({ problem: 'truncated' })
    expect(handlesOn(path)).toBe(0)
  })
})
