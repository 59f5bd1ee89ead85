/**
 * Return packages (评审结果包), a reviewer's laptop → the organizer: that reviewer's scores, bonus,
 * vetoes, comments, annotations, recusals, submissions and history, as a slice signed with the
 * reviewer's key. Each export counts up (sequence), so the organizer can tell the newest.
 */
import { rmSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LATEST_VERSION } from '../db/migrate'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { safeFileName } from '../documents/text'
import { DomainError } from '../errors'
import type { JobContext } from '../jobs/job-runner'
import { getMeeting } from '../services/meetings'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { writeSlice } from './meeting-slice'
import { SLICE_PATH } from './package-manifest'
import { writePackage } from './package-writer'
import { reviewerKey } from './reviewer-keys'

export interface WrittenReturn {
  fileName: string
  path: string
  bytes: number
  sequence: number
}

/**
 * A return package's data file is stored, not deflated: a few megabytes that the organizer reads forty
 * times in a row at a merge, where inflating them cost ~0.8 s of the 40 (benchMerge); on a USB stick the
 * size is nothing.
 */
export const RETURN_DATA_DEFLATED = false

export async function writeReturnPackage(ctx: CoreContext, folder: string, job: JobContext): Promise<WrittenReturn> {
  const { db } = ctx
  const mode = stmt(db, 'SELECT meeting_id, reviewer_id, can_leave FROM access_mode').get() as { meeting_id: string; reviewer_id: string; can_leave: number } | undefined
  if (!mode || mode.can_leave)
    throw new DomainError('CONFLICT', '只有用评审包打开的评委电脑才需要导出评审结果；在会务组电脑上评分的结果已经在会务组的数据中')
  const { meeting_id: meetingId, reviewer_id: reviewerId } = mode
  const key = reviewerKey(db, meetingId, reviewerId)
  if (!key) throw new DomainError('CONFLICT', '本机缺少该评委的密钥，无法导出评审结果；请会务组重新生成评审包')
  const meeting = getMeeting(db, meetingId)
  const reviewer = stmt(db, 'SELECT name FROM reviewers WHERE id = ?').get(reviewerId) as { name: string }
  const sequence =
    ((stmt(db, "SELECT max(sequence) AS n FROM package_exports WHERE meeting_id = ? AND reviewer_id = ? AND kind = 'return'").get(meetingId, reviewerId) as { n: number | null })
      .n ?? 0) + 1
  const fileName = `${safeFileName(reviewer.name).slice(0, 20)}_评审结果_${safeFileName(meeting.title).slice(0, 30)}_第${sequence}次.zip`
  const temp = await mkdtemp(join(tmpdir(), 'onsite-return-'))
  try {
    const slice = join(temp, 'meeting.sqlite')
    writeSlice(db, slice, { kind: 'return', meetingId, reviewerId })
    // One small file: counted as a file, its bytes are not worth a bar.
    job.progress(0, 0, { files: { done: 0, total: 1 } })
    const manifest = await writePackage(
      join(folder, fileName),
      {
        appVersion: ctx.appVersion,
        kind: 'return',
        schemaVersion: LATEST_VERSION,
        meeting: { id: meetingId, name: meeting.title },
        rubricHash: getRubric(db, meetingId).hash,
        reviewer: { id: reviewerId, name: reviewer.name },
        sequence,
      },
      [{ path: SLICE_PATH, from: slice, compress: RETURN_DATA_DEFLATED }],
      { key, signal: job.signal },
    )
    const path = join(folder, fileName)
    const bytes = (await stat(path)).size
    // Cancelled while the file was being finished: it goes, and the sequence stays unused.
    if (job.signal.aborted) {
      await rm(path, { force: true })
      job.signal.throwIfAborted()
    }
    // From here to the answer nothing waits: a cancel cannot land after the export is recorded.
    writeTransaction(db, () =>
      stmt(db, 'INSERT INTO package_exports (package_id, meeting_id, kind, reviewer_id, sequence, file_name, exported_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        manifest.packageId,
        meetingId,
        'return',
        reviewerId,
        sequence,
        fileName,
        now(),
      ),
    )
    job.progress(0, 0, { files: { done: 1, total: 1 } })
    return { fileName, path, bytes, sequence }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}
