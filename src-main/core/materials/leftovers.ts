/**
 * Keeping the material store free of files nothing uses: blobs no row references (after a unit or a
 * meeting was deleted, or an import crashed between storing and recording), temp files of puts cut
 * short, and staged uploads nobody imported. Blobs a running import has stored but not recorded yet
 * are held, so a delete during an import cannot take them away.
 */
import type { Database } from 'better-sqlite3'
import { readdirSync, rmSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { referencedHashes } from './material-rows'
import { isSha256, materialPath, materialsDir, removeUnreferenced } from './material-store'
import { uploadsDir } from './uploads'

const held = new WeakMap<Database, Map<string, number>>()

/** Keeps `hashes` from being swept until `release()` (an import between storing and its transaction). */
export function holdBlobs(db: Database, hashes: Iterable<string>): { add(hash: string): void; release(): void } {
  const counts = held.get(db) ?? new Map<string, number>()
  held.set(db, counts)
  const mine: string[] = []
  const add = (hash: string) => {
    mine.push(hash)
    counts.set(hash, (counts.get(hash) ?? 0) + 1)
  }
  for (const hash of hashes) add(hash)
  return {
    add,
    release() {
      for (const hash of mine.splice(0)) {
        const n = (counts.get(hash) ?? 1) - 1
        if (n <= 0) counts.delete(hash)
        else counts.set(hash, n)
      }
    },
  }
}

function keepSet(db: Database): Set<string> {
  const keep = referencedHashes(db)
  for (const hash of held.get(db)?.keys() ?? []) keep.add(hash)
  return keep
}

/** Removes stored files no material row references (and no running import holds); returns their hashes. */
export function removeOrphanBlobs({ db, dataDir }: { db: Database; dataDir: string }): Promise<string[]> {
  return removeUnreferenced(dataDir, keepSet(db))
}

/**
 * At start, before any import can run: staged uploads, temp files and unreferenced blobs are what a
 * crash or a closed browser tab left behind. Failures are not fatal (the next start tries again).
 */
export function sweepLeftovers(db: Database, dataDir: string): void {
  const remove = (path: string) => rmSync(path, { recursive: true, force: true })
  try {
    remove(uploadsDir(dataDir))
    remove(join(materialsDir(dataDir), '.tmp'))
    const keep = keepSet(db)
    for (const name of readdirSync(materialsDir(dataDir))) if (isSha256(name) && !keep.has(name)) remove(join(materialsDir(dataDir), name))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.error('[materials] sweeping leftovers failed', error)
  }
}

/** Removes those of `hashes` (blobs an import stored itself) that no row references and no import holds. */
export async function removeIfUnused({ db, dataDir }: { db: Database; dataDir: string }, hashes: Iterable<string>): Promise<void> {
  const keep = keepSet(db)
  for (const hash of new Set(hashes)) if (!keep.has(hash)) await rm(materialPath(dataDir, hash), { force: true })
}

/** removeIfUnused without an await (after an import's commit, see import-files.ts). */
export function removeIfUnusedSync({ db, dataDir }: { db: Database; dataDir: string }, hashes: Iterable<string>): void {
  const keep = keepSet(db)
  for (const hash of new Set(hashes)) if (!keep.has(hash)) rmSync(materialPath(dataDir, hash), { force: true })
}
