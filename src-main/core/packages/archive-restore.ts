/**
 * Restoring a meeting archive (会议归档包). Everything is checked before the database is touched: the
 * container (package-reader), the slice (slice-check, and here: whole — every row it refers to is in
 * it — and of the manifest's rubric), every document's hash, each material's hash as it is stored.
 * Then ONE transaction: a meeting with the same id is never replaced silently — without `replace`
 * the restore is refused naming both sides; with it the meeting is deleted and the archive's rows go
 * in. A bad archive changes nothing (rows, and the material store: what it stored is removed).
 */
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import BetterSqlite3, { SqliteError } from 'better-sqlite3'
import { stmt } from '../db/statements'
import { DomainError } from '../errors'
import type { JobContext } from '../jobs/job-runner'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { describeArchive, describeLocalMeeting } from './archive-sides'
import { SLICE_PATH } from './package-manifest'
import { copyAttachedSlice } from './meeting-slice'
import { takeInPackage } from './package-intake'
import type { OpenedPackage } from './package-reader'
import { packageError } from './package-errors'
import { checkSlice } from './slice-check'

export interface RestoredArchive {
  meetingId: string
  meetingName: string
  replaced: boolean
}

export async function restoreArchive(ctx: CoreContext, path: string, replace: boolean, job: JobContext): Promise<RestoredArchive> {
  const { db } = ctx
  return takeInPackage(ctx, path, { kind: 'archive' }, job, async ({ pkg, slice: extractSlice, storeMaterials, commit }) => {
    const { manifest } = pkg
    const meetingId = manifest.meeting.id
    const slice = await extractSlice()
    checkSlice(slice, { kind: 'archive', meetingId })
    const hashes = checkWhole(slice, meetingId, manifest.rubricHash)
    // Asked before the materials are copied: the organizer should not wait for a refusal.
    refuseUnconfirmed(ctx, pkg, replace)
    await verifyOthers(pkg, hashes, job)
    await storeMaterials(hashes)
    const replaced = commit(() => {
      const exists = refuseUnconfirmed(ctx, pkg, replace)
      if (exists) stmt(db, 'DELETE FROM meetings WHERE id = ?').run(meetingId)
      try {
        copyAttachedSlice(db, 'archive')
      } catch (error) {
        // The slice is whole and of one meeting (checked): what main refuses is a row whose id another meeting here uses.
        if (error instanceof SqliteError) throw packageError('foreign-data', '会议归档包中的数据与本机另一个会议的数据编号重复（文件被改动过），已拒绝')
        throw error
      }
      // score_history was renumbered on copy: the head points at the meeting's last entry here.
      stmt(db, 'UPDATE history_heads SET seq = coalesce((SELECT max(seq) FROM score_history WHERE meeting_id = ?), seq) WHERE meeting_id = ?').run(meetingId, meetingId)
      return exists
    })
    return { meetingId, meetingName: manifest.meeting.name, replaced }
  })
}

/** True when the meeting is here (and `replace` confirmed it may go); without `replace`, CONFLICT naming both sides. */
function refuseUnconfirmed({ db }: CoreContext, pkg: OpenedPackage, replace: boolean): boolean {
  const local = describeLocalMeeting(db, pkg.manifest.meeting.id)
  if (!local) return false
  if (replace) return true
  const archive = describeArchive(pkg.manifest)
  throw new DomainError(
    'CONFLICT',
    `本机已有这个会议：${local}；要恢复的归档：${archive}。确认恢复将用归档中的内容替换本机的这个会议，本机在归档之后的修改将丢失。`,
    [`本机的会议：${local}`, `归档：${archive}`],
  )
}

/**
 * An archive holds a whole meeting: every row refers only to rows inside it (a reference to a
 * reviewer, unit or material that is not there would attach the meeting to another one here), there
 * is the meeting itself, and the rubric is the one the manifest names. Returns the material hashes.
 */
function checkWhole(file: string, meetingId: string, rubricHash: string): string[] {
  const slice = new BetterSqlite3(file, { readonly: true })
  try {
    if (!slice.prepare('SELECT 1 FROM meetings WHERE id = ?').get(meetingId)) throw packageError('bad-data', '会议归档包中没有这个会议的数据，已拒绝')
    if ((slice.pragma('foreign_key_check') as unknown[]).length > 0)
      throw packageError('foreign-data', '会议归档包中有指向其他会议的数据（文件被改动过），已拒绝')
    if (getRubric(slice, meetingId).hash !== rubricHash) throw packageError('rubric-mismatch', '会议归档包中的评分标准与清单不符（文件被改动或已损坏），已拒绝')
    return (slice.prepare('SELECT DISTINCT sha256 FROM materials ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256)
  } finally {
    slice.close()
  }
}

/** Every listed file that is not a material (the documents) is read through: its hash must fit too. */
async function verifyOthers(pkg: OpenedPackage, hashes: string[], job: JobContext): Promise<void> {
  const materials = new Set(hashes.map((h) => `materials/${h}`))
  for (const file of pkg.manifest.files) {
    if (file.path === SLICE_PATH) continue
    if (file.path.startsWith('materials/') && !materials.has(file.path)) throw packageError('unlisted-file', `会议归档包中的 ${file.path} 不是这个会议的材料，已拒绝`)
    if (materials.has(file.path)) continue
    job.signal.throwIfAborted()
    await pipeline(await pkg.openFile(file.path), new Writable({ write: (_chunk, _enc, next) => next() }))
  }
}

