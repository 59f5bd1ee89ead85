/**
 * Opening a distribution package on a reviewer's laptop makes it that reviewer's workspace: the
 * meeting's slice copied in, the materials stored, and the data folder put in reviewer mode for good
 * (`access_mode.can_leave = 0`: there is no organizer on this laptop). Everything is checked first
 * (package-reader, slice-check, the rubric hash); the rows go in one transaction; a failure leaves the
 * database as it was and removes the materials it stored.
 */
import { createHash } from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import { now, stmt } from '../db/statements'
import type { JobContext } from '../jobs/job-runner'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { copyAttachedSlice } from './meeting-slice'
import { takeInPackage } from './package-intake'
import { packageError } from './package-errors'
import { checkSlice } from './slice-check'

export interface OpenedWorkspace {
  meetingId: string
  meetingName: string
  reviewerId: string
  reviewerName: string
  units: number
  materials: number
}

export async function openDistributionPackage(ctx: CoreContext, path: string, job: JobContext): Promise<OpenedWorkspace> {
  const { db } = ctx
  return takeInPackage(ctx, path, { kind: 'distribution' }, job, async ({ pkg, slice: extractSlice, storeMaterials, commit }) => {
    const { manifest } = pkg
    const reviewer = manifest.reviewer!
    refuseIfTaken(ctx, manifest.meeting.id, manifest.meeting.name)
    const slice = await extractSlice()
    checkSlice(slice, { kind: 'distribution', meetingId: manifest.meeting.id, reviewerId: reviewer.id })
    const facts = readFacts(slice, manifest.meeting.id, reviewer.id)
    if (facts.rubricHash !== manifest.rubricHash) throw packageError('rubric-mismatch', '评审包中的评分标准与清单不符（文件被改动或已损坏），已拒绝')
    if (!facts.hasKey) throw packageError('bad-data', '评审包缺少该评委的密钥，无法导出评审结果，请会务组重新生成评审包')
    // Flushed to the disk in batches while the next ones are copied; all of them before the rows commit.
    await storeMaterials(facts.hashes)
    commit(() => {
      refuseIfTaken(ctx, manifest.meeting.id, manifest.meeting.name)
      copyAttachedSlice(db, 'distribution')
      stmt(db, 'INSERT INTO access_mode (id, meeting_id, reviewer_id, entered_at, can_leave) VALUES (1, ?, ?, ?, 0)').run(manifest.meeting.id, reviewer.id, now())
      stmt(db, 'INSERT INTO package_imports (package_id, meeting_id, kind, reviewer_id, sequence, manifest_sha256, imported_at) VALUES (?, ?, ?, ?, 0, ?, ?)').run(
        manifest.packageId,
        manifest.meeting.id,
        'distribution',
        reviewer.id,
        sha256(pkg.manifestBytes),
        now(),
      )
    })
    return {
      meetingId: manifest.meeting.id,
      meetingName: manifest.meeting.name,
      reviewerId: reviewer.id,
      reviewerName: reviewer.name,
      units: facts.units,
      materials: facts.hashes.length,
    }
  })
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A laptop holds one reviewer workspace; the organizer's own machine (which has the meeting) is not one. */
function refuseIfTaken({ db }: CoreContext, meetingId: string, meetingName: string): void {
  const mode = stmt(db, 'SELECT m.title, r.name FROM access_mode a JOIN meetings m ON m.id = a.meeting_id JOIN reviewers r ON r.id = a.reviewer_id').get() as
    | { title: string; name: string }
    | undefined
  if (mode) throw packageError('meeting-exists', `本机已是评委“${mode.name}”的评审工作台（${mode.title}），不能再导入另一个评审包；请在另一台电脑或另一个数据文件夹中打开`)
  if (stmt(db, 'SELECT 1 FROM meetings WHERE id = ?').get(meetingId))
    throw packageError('meeting-exists', `本机已有会议“${meetingName}”的数据（这可能是会务组的电脑），评审包只能在评委的电脑上打开`)
}

interface SliceFacts {
  rubricHash: string
  hasKey: boolean
  units: number
  hashes: string[]
}

/** What the checked slice holds, read with the app's own services (it has the app's schema). */
function readFacts(file: string, meetingId: string, reviewerId: string): SliceFacts {
  const slice = new BetterSqlite3(file, { readonly: true })
  try {
    const rubricHash = (() => {
      try {
        return getRubric(slice, meetingId).hash
      } catch {
        throw packageError('bad-data', '评审包中没有该会议的评分标准，已拒绝')
      }
    })()
    const hasKey = slice.prepare('SELECT 1 FROM reviewer_keys WHERE reviewer_id = ?').get(reviewerId) !== undefined
    const units = (slice.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n
    const hashes = (slice.prepare('SELECT DISTINCT sha256 FROM materials ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256)
    return { rubricHash, hasKey, units, hashes }
  } finally {
    slice.close()
  }
}

