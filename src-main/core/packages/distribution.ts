/**
 * Distribution packages (评审包), organizer → each reviewer's laptop: the meeting, rubric, rules and
 * phrases, that reviewer's units (recused and withdrawn ones left out) with their materials, and the
 * reviewer's key. One action writes every reviewer's package into a folder (a USB stick), named so a
 * clerk cannot mix them up: 序号_评委姓名_会议简称.zip.
 */
import { rmSync } from 'node:fs'
import { mkdtemp, stat } from 'node:fs/promises'
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
import { getMeeting } from '../services/meetings'
import { listReviewers } from '../services/reviewers'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { writeSlice } from './meeting-slice'
import { writePackage, type PackageSource } from './package-writer'
import { SLICE_PATH } from './package-manifest'
import { ensureReviewerKeys } from './reviewer-keys'
import { readSheetFields, writeBases } from './sheet-fields'

export interface WrittenPackage {
  reviewerId: string
  reviewerName: string
  fileName: string
  bytes: number
  units: number
  materials: number
}

/** 01_张三_2025年创建模范机关现场评审会.zip: the order of the 评委 list, the name, the meeting. */
export function distributionFileName(position: number, reviewerName: string, meetingTitle: string): string {
  return `${String(position).padStart(2, '0')}_${safeFileName(reviewerName).slice(0, 20)}_${safeFileName(meetingTitle).slice(0, 30)}.zip`
}

export async function writeDistributionPackages(ctx: CoreContext, meetingId: string, folder: string, job: JobContext): Promise<WrittenPackage[]> {
  const { db, dataDir } = ctx
  const meeting = getMeeting(db, meetingId)
  const reviewers = listReviewers(db, meetingId)
  if (!reviewers.length) throw new DomainError('CONFLICT', '还没有评委：请先在“评委与回避”中添加评委，再生成评审包')
  const rubric = getRubric(db, meetingId)
  if (!rubric.criteria.length) throw new DomainError('CONFLICT', '评分标准尚未设置：请先录入评分标准，再生成评审包')
  writeTransaction(db, () => ensureReviewerKeys(db, meetingId))

  // Bytes to write, for the progress bar: each reviewer's materials (their slices are small beside them).
  const materialBytes = (reviewerId: string) =>
    (
      stmt(
        db,
        `SELECT coalesce(sum(size), 0) AS bytes FROM (SELECT DISTINCT sha256, size FROM materials WHERE meeting_id = ? AND unit_id IN
           (SELECT id FROM units WHERE meeting_id = ? AND withdrawn_at IS NULL AND id NOT IN (SELECT unit_id FROM recusals WHERE reviewer_id = ?)))`,
      ).get(meetingId, meetingId, reviewerId) as { bytes: number }
    ).bytes
  const totals = reviewers.map((r) => materialBytes(r.id))
  const total = totals.reduce((a, b) => a + b, 0)
  let before = 0

  const temp = await mkdtemp(join(tmpdir(), 'onsite-distribution-'))
  const written: WrittenPackage[] = []
  try {
    for (const [i, reviewer] of reviewers.entries()) {
      const fileName = distributionFileName(i + 1, reviewer.name, meeting.title)
      const slice = join(temp, `${i + 1}.sqlite`)
      const counts = writeSlice(db, slice, { kind: 'distribution', meetingId, reviewerId: reviewer.id })
      const hashes = sliceMaterialHashes(slice)
      const sources: PackageSource[] = [
        { path: SLICE_PATH, from: slice, compress: true },
        ...hashes.map((h) => ({ path: `materials/${h}`, from: materialPath(dataDir, h), compress: false, expectSha256: h })),
      ]
      job.progress(before, total, { files: { done: i, total: reviewers.length }, current: fileName })
      const manifest = await writePackage(
        join(folder, fileName),
        {
          appVersion: ctx.appVersion,
          kind: 'distribution',
          schemaVersion: LATEST_VERSION,
          meeting: { id: meetingId, name: meeting.title },
          rubricHash: rubric.hash,
          reviewer: { id: reviewer.id, name: reviewer.name },
          sequence: 0,
        },
        sources,
        { signal: job.signal, onProgress: (done) => job.progress(before + Math.min(done, totals[i]), total, { files: { done: i, total: reviewers.length }, current: fileName }) },
      )
      before += totals[i]
      const bytes = (await stat(join(folder, fileName))).size
      // Cancelled while this one was being finished: it goes too (a cancel leaves no package it did not record).
      if (job.signal.aborted) {
        rmSync(join(folder, fileName), { force: true })
        job.signal.throwIfAborted()
      }
      // What the laptop starts from is the base its return packages are merged against.
      const bases = sliceSheetFields(slice, meetingId, reviewer.id)
      writeTransaction(db, () => {
        stmt(db, 'INSERT INTO package_exports (package_id, meeting_id, kind, reviewer_id, sequence, file_name, exported_at) VALUES (?, ?, ?, ?, 0, ?, ?)').run(
          manifest.packageId,
          meetingId,
          'distribution',
          reviewer.id,
          fileName,
          now(),
        )
        writeBases(db, meetingId, reviewer.id, bases)
      })
      written.push({ reviewerId: reviewer.id, reviewerName: reviewer.name, fileName, bytes, units: counts.units ?? 0, materials: hashes.length })
      rmSync(slice, { force: true })
    }
    job.progress(total, total, { files: { done: reviewers.length, total: reviewers.length } })
    // A failure or cancel midway: the packages already written stay whole; the one being written left nothing.
    return written
  } finally {
    // Synchronous: a cancel must not land between the last package recorded and the answer.
    rmSync(temp, { recursive: true, force: true })
  }
}

function sliceSheetFields(file: string, meetingId: string, reviewerId: string) {
  const slice = new BetterSqlite3(file, { readonly: true })
  try {
    return readSheetFields(slice, 'main', meetingId, reviewerId)
  } finally {
    slice.close()
  }
}

function sliceMaterialHashes(file: string): string[] {
  const slice = new BetterSqlite3(file, { readonly: true })
  try {
    return (slice.prepare('SELECT DISTINCT sha256 FROM materials ORDER BY sha256').all() as { sha256: string }[]).map((r) => r.sha256)
  } finally {
    slice.close()
  }
}
