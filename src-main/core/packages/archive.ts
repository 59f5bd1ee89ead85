/**
 * The meeting archive (会议归档包): the whole meeting — every meeting table's rows (the 'archive'
 * slice), its materials and the documents as they are at archiving time — for a backup, or to carry
 * the meeting to another organizer machine. Restoring it is archive-restore.ts.
 */
import { mkdirSync, statSync } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { LATEST_VERSION } from '../db/migrate'
import { now, stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { safeFileName } from '../documents/text'
import { DomainError } from '../errors'
import type { JobContext } from '../jobs/job-runner'
import { materialPath } from '../materials/material-store'
import { exportsDir } from '../services/exports'
import { getMeeting } from '../services/meetings'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { writeArchiveDocuments, type ArchiveDocumentsIndex } from './archive-documents'
import { SLICE_PATH } from './package-manifest'
import { writeSlice } from './meeting-slice'
import { writePackage, type PackageSource } from './package-writer'

export interface WrittenArchive {
  fileName: string
  path: string
  bytes: number
  documents: ArchiveDocumentsIndex
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 会议归档_<会议名称>_<YYYYMMDD-HHmm>.zip, in this computer's local time. */
export function archiveFileName(meetingTitle: string, at: Date): string {
  const stamp = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-${pad(at.getHours())}${pad(at.getMinutes())}`
  return `会议归档_${safeFileName(meetingTitle).slice(0, 60)}_${stamp}.zip`
}

/** The folder the organizer chose (it must exist: a USB stick not plugged in is said so), or exports/. */
function targetFolder(dataDir: string, folder: string | undefined): string {
  if (folder === undefined) {
    const dir = exportsDir(dataDir)
    mkdirSync(dir, { recursive: true })
    return dir
  }
  let isDirectory = false
  try {
    isDirectory = statSync(folder).isDirectory()
  } catch {
    isDirectory = false
  }
  if (!isDirectory) throw new DomainError('NOT_FOUND', `找不到文件夹“${folder}”，请确认 U 盘已插好，或另选一个文件夹`)
  return folder
}

export async function writeArchive(ctx: CoreContext, meetingId: string, folder: string | undefined, job: JobContext): Promise<WrittenArchive> {
  const { db, dataDir } = ctx
  getMeeting(db, meetingId)
  const dir = targetFolder(dataDir, folder)
  const temp = await mkdtemp(join(tmpdir(), 'onsite-archive-'))
  try {
    // One snapshot of the meeting: the documents are made from it too, not from the live database.
    const slicePath = join(temp, 'meeting.sqlite')
    writeSlice(db, slicePath, { kind: 'archive', meetingId })
    const slice = new BetterSqlite3(slicePath, { readonly: true })
    let hashes: string[]
    let documents: { sources: PackageSource[]; index: ArchiveDocumentsIndex }
    let meeting: { title: string }
    let rubricHash: string
    try {
      meeting = getMeeting(slice, meetingId)
      rubricHash = getRubric(slice, meetingId).hash
      hashes = (slice.prepare('SELECT DISTINCT sha256 FROM materials ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256)
      mkdirSync(join(temp, 'documents'))
      documents = await writeArchiveDocuments(slice, meetingId, join(temp, 'documents'))
    } finally {
      slice.close()
    }
    job.signal.throwIfAborted()
    const fileName = archiveFileName(meeting.title, new Date())
    const sources: PackageSource[] = [
      { path: SLICE_PATH, from: slicePath, compress: true },
      ...documents.sources,
      ...hashes.map((h) => ({ path: `materials/${h}`, from: materialPath(dataDir, h), compress: false, expectSha256: h })),
    ]
    const manifest = await writePackage(
      join(dir, fileName),
      {
        appVersion: ctx.appVersion,
        kind: 'archive',
        schemaVersion: LATEST_VERSION,
        meeting: { id: meetingId, name: meeting.title },
        rubricHash,
        reviewer: null,
        sequence: 0,
      },
      sources,
      { signal: job.signal, onProgress: (done, total) => job.progress(done, total, { current: fileName }) },
    )
    writeTransaction(db, () =>
      stmt(db, "INSERT INTO package_exports (package_id, meeting_id, kind, reviewer_id, sequence, file_name, exported_at) VALUES (?, ?, 'archive', NULL, 0, ?, ?)").run(
        manifest.packageId,
        meetingId,
        fileName,
        now(),
      ),
    )
    const path = join(dir, fileName)
    return { fileName, path, bytes: (await stat(path)).size, documents: documents.index }
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}
