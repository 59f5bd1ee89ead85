/**
 * A package's materials into this computer's store (opening a distribution package, restoring an
 * archive): each one copied from the zip into the store, whose own hash — the file's name — is the
 * check against the package's data (the reader checks the size), flushed in batches in the background
 * while the next ones are copied, all of them on disk before the caller commits its rows.
 */
import type { JobContext } from '../jobs/job-runner'
import type { holdBlobs } from '../materials/leftovers'
import { putChunks, syncStored } from '../materials/material-store'
import type { CoreContext } from '../context'
import { PACKAGE_KIND_NAMES, type PackageKind } from './package-manifest'
import { packageError } from './package-errors'
import type { OpenedPackage } from './package-reader'

/**
 * Stores the materials `hashes` of `pkg`. Every file it added to the store is pushed to `stored` (and
 * held in `hold`) before it is checked, so on a failure the caller removes exactly those.
 */
export async function storePackageMaterials(
  ctx: CoreContext,
  pkg: OpenedPackage,
  kind: PackageKind,
  hashes: string[],
  stored: string[],
  hold: ReturnType<typeof holdBlobs>,
  job: JobContext,
): Promise<void> {
  const name = PACKAGE_KIND_NAMES[kind]
  const sizes = new Map(pkg.manifest.files.map((f) => [f.path, f.size]))
  const total = hashes.reduce((sum, h) => sum + (sizes.get(`materials/${h}`) ?? 0), 0)
  let done = 0
  const flusher = batchFlusher(ctx.dataDir)
  try {
    for (const [i, hash] of hashes.entries()) {
      const path = `materials/${hash}`
      if (!sizes.has(path)) throw packageError('missing-file', `${name}缺少材料文件 ${path}（数据中列出了它）`)
      job.signal.throwIfAborted()
      job.progress(done, total, { files: { done: i, total: hashes.length } })
      // Sizes checked by the reader as it reads, the hash by the store (it names the file): a failure of
      // either leaves nothing stored.
      const result = await putChunks(ctx.dataDir, await pkg.openChunks(path), { signal: job.signal, durable: false })
      hold.add(result.sha256)
      if (result.stored) {
        stored.push(result.sha256)
        flusher.add(result.sha256, result.size)
      }
      if (result.sha256 !== hash) throw packageError('hash-mismatch', `${name}中的材料 ${path} 内容与清单的校验值不符（文件被改动或已损坏），已拒绝`)
      done += result.size
    }
  } catch (error) {
    await flusher.settle() // no flush still holds a file the caller removes
    throw error
  }
  await flusher.finish()
  job.progress(total, total, { files: { done: hashes.length, total: hashes.length } })
}

/** Stored bytes that start a background flush of the files stored since the last one. */
const FLUSH_BATCH = 64 * 1024 * 1024

/**
 * Flushes stored materials in batches, one batch at a time in the background, so the disk writes them
 * out while the next ones are copied (the kernel would otherwise hold them all until the last flush);
 * finish() flushes the rest and reports any failure.
 */
function batchFlusher(dataDir: string) {
  let batch: string[] = []
  let bytes = 0
  let flushing: Promise<void> = Promise.resolve()
  const flush = () => {
    const files = batch
    batch = []
    bytes = 0
    flushing = flushing.then(() => syncStored(dataDir, files))
    flushing.catch(() => undefined) // awaited by finish() or settle(); until then not an unhandled rejection
  }
  return {
    add(sha256: string, size: number) {
      batch.push(sha256)
      bytes += size
      if (bytes >= FLUSH_BATCH) flush()
    },
    async finish() {
      flush()
      await flushing
    },
    settle: () => flushing.catch(() => undefined),
  }
}
