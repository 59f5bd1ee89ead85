/**
 * archive.write and archive.restore as jobs (kind `archive`, one at a time: progress, cancel). A
 * cancel becomes a plain Chinese answer (CANCELLED); a browser upload is consumed only by a restore
 * that went through, so after the "already here" refusal the confirmed retry uses the same upload.
 */
import type { z } from 'zod'
import type { ArchiveRestoreInput } from '../../shared/schemas/packages'
import type { CoreContext } from '../context'
import { DomainError } from '../errors'
import { JobCancelledError } from '../jobs/job-runner'
import { removeOrphanBlobs } from '../materials/leftovers'
import { readUpload, removeUpload } from '../materials/uploads'
import { writeArchive, type WrittenArchive } from '../packages/archive'
import { restoreArchive, type RestoredArchive } from '../packages/archive-restore'
import { assertMeeting } from './meetings'

export const ARCHIVE_JOB_KIND = 'archive'

async function asJob<T>(ctx: CoreContext, label: string, cancelled: string, work: Parameters<CoreContext['jobs']['start']>[2]): Promise<T> {
  const { result } = ctx.jobs.start(ARCHIVE_JOB_KIND, label, work)
  try {
    return (await result) as T
  } catch (error) {
    if (error instanceof JobCancelledError) throw new DomainError('CANCELLED', cancelled)
    throw error
  }
}

export function archiveMeeting(ctx: CoreContext, meetingId: string, folder: string | undefined): Promise<WrittenArchive> {
  assertMeeting(ctx.db, meetingId)
  return asJob(ctx, '会议归档', '已取消归档，没有留下归档文件', (job) => writeArchive(ctx, meetingId, folder, job))
}

export async function restoreMeetingArchive(ctx: CoreContext, input: z.output<typeof ArchiveRestoreInput>): Promise<RestoredArchive> {
  const { source, replace } = input
  const path = source.type === 'path' ? source.path : (await readUpload(ctx.dataDir, source.uploadId)).path
  const restored = await asJob<RestoredArchive>(ctx, '从归档恢复', '已取消恢复，本机数据没有任何改动', (job) => restoreArchive(ctx, path, replace, job))
  if (source.type === 'upload') await removeUpload(ctx.dataDir, source.uploadId)
  // A replaced meeting's materials that the archive does not have are no longer anyone's.
  if (restored.replaced) await removeOrphanBlobs(ctx)
  return restored
}
