/**
 * Doctoring real packages for the bad-input tests: read every file of a package, let the test change
 * some, and write a new package whose manifest (sizes, SHA-256) — and tag, given the key — fit the
 * changed files, as a careful forger would. What the checks behind the hashes catch is then tested.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openPackage } from '../../src-main/core/packages/package-reader'
import { writePackage, type ManifestFields } from '../../src-main/core/packages/package-writer'
import type { PackageManifest } from '../../src-main/core/packages/package-manifest'

export async function readPackageFiles(path: string, key?: Buffer): Promise<{ manifest: PackageManifest; files: Map<string, Buffer> }> {
  const pkg = await openPackage(path, { keyFor: () => key })
  const files = new Map<string, Buffer>()
  try {
    for (const f of pkg.manifest.files) {
      const chunks: Buffer[] = []
      for await (const c of await pkg.openFile(f.path)) chunks.push(c as Buffer)
      files.set(f.path, Buffer.concat(chunks))
    }
    return { manifest: pkg.manifest, files }
  } finally {
    pkg.close()
  }
}

export async function rebuildPackage(
  path: string,
  out: string,
  edit: (files: Map<string, Buffer>, manifest: ManifestFields) => ManifestFields | void,
  key?: Buffer,
  /** The key the original was signed with, when the copy is signed with another. */
  readKey: Buffer | undefined = key,
): Promise<void> {
  const { manifest, files } = await readPackageFiles(path, readKey)
  const { format: _f, formatVersion: _v, minAppVersion: _m, packageId: _p, createdAt: _c, files: _files, ...fields } = manifest
  const changed = edit(files, fields) ?? fields
  const dir = mkdtempSync(join(tmpdir(), 'onsite-doctor-'))
  try {
    const sources = [...files].map(([name, bytes], i) => {
      const from = join(dir, String(i))
      writeFileSync(from, bytes)
      return { path: name, from, compress: !name.startsWith('materials/') }
    })
    await writePackage(out, changed, sources, key ? { key } : {})
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
