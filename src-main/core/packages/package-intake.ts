/**
 * The frame of a package that brings a meeting with its materials into this database (opening a
 * distribution package, restoring an archive; a return package, which has no materials, is checked by
 * return-prepare.ts, in a worker thread when many come): the package opened and checked
 * (package-reader), its data file extracted on demand into a temporary folder, its materials stored
 * when asked (and removed again if anything fails before the answer), the rows written in one
 * transaction with the data file attached as `pkg`, and the temporary files and the package file's
 * handle gone in every case.
 */
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeTransaction } from '../db/transaction'
import type { JobContext } from '../jobs/job-runner'
import { holdBlobs, removeIfUnused } from '../materials/leftovers'
import type { CoreContext } from '../context'
import { withAttachedSlice } from './attach-slice'
import { PACKAGE_KIND_NAMES, type PackageKind, SLICE_PATH } from './package-manifest'
import { openPackage, type OpenedPackage, type OpenOptions } from './package-reader'
import { packageError } from './package-errors'
import { storePackageMaterials } from './package-materials'

export interface PackageIntake {
  pkg: OpenedPackage
  /** The package's data file, extracted (once) to a temporary file; refused when the package has none. */
  slice: () => Promise<string>
  /** Stores the materials `hashes` of the package; they are removed again if the intake fails. */
  storeMaterials: (hashes: string[]) => Promise<void>
  /**
   * Writes the rows in one transaction with the data file attached as `pkg`. The last look at a cancel
   * is here: from it to the answer nothing waits, so a cancel cannot land after the commit.
   */
  commit: <T>(write: () => T) => T
}

export async function takeInPackage<T>(
  ctx: CoreContext,
  path: string,
  options: OpenOptions & { kind: PackageKind },
  job: JobContext,
  work: (intake: PackageIntake) => Promise<T>,
): Promise<T> {
  const { db } = ctx
  const pkg = await openPackage(path, options)
  const stored: string[] = []
  const hold = holdBlobs(db, [])
  let temp: string | undefined
  let slice: string | undefined
  try {
    temp = await mkdtemp(join(tmpdir(), `onsite-${options.kind}-`))
    const folder = temp
    return await work({
      pkg,
      slice: async () => {
        if (slice) return slice
        if (!pkg.manifest.files.some((f) => f.path === SLICE_PATH)) throw packageError('missing-file', `${PACKAGE_KIND_NAMES[options.kind]}缺少数据文件 ${SLICE_PATH}`)
        const file = join(folder, 'meeting.sqlite')
        await pkg.extractFile(SLICE_PATH, file)
        return (slice = file)
      },
      storeMaterials: (hashes) => storePackageMaterials(ctx, pkg, options.kind, hashes, stored, hold, job),
      commit: (write) => {
        if (!slice) throw new Error('commit before the data file was extracted')
        job.signal.throwIfAborted()
        return withAttachedSlice(db, slice, () => writeTransaction(db, write))
      },
    })
  } catch (error) {
    hold.release()
    await removeIfUnused(ctx, stored)
    throw error
  } finally {
    hold.release()
    pkg.close()
    // Synchronous: a cancel must not land between the answer and the clean-up.
    if (temp) rmSync(temp, { recursive: true, force: true })
  }
}
