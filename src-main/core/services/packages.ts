/**
 * The packages operations (packages.*): the core functions of core/packages/ run as jobs with
 * progress and cancel. A package to read is a path (desktop dialog) or a browser upload; packages are
 * written to a chosen folder (the USB stick) or, without one, to `<dataDir>/exports/`, from where
 * browser mode downloads them. Uploads are consumed only by a call that went through — a merge that
 * stops at conflicts keeps its upload for the second try with the organizer's choices.
 */
import { mkdir } from 'node:fs/promises'
import type { z } from 'zod'
import type { Completeness, DistributionResult, MergeReport, PackageFileSource } from '../../shared/schemas/packages'
import type { MergeOutcome, MergeReturnInput, MergeReturnsInput, OpenedWorkspace, WrittenReturn } from '../../shared/schemas/packages'
import type { CoreContext } from '../context'
import { stmt } from '../db/statements'
import { DomainError } from '../errors'
import { JobCancelledError, type JobContext } from '../jobs/job-runner'
import { readUpload, removeUpload } from '../materials/uploads'
import { writeDistributionPackages } from '../packages/distribution'
import { mergeReturnPackage } from '../packages/merge-return'
import { mergeReturnPackages } from '../packages/merge-returns'
import { openDistributionPackage } from '../packages/open-distribution'
import { writeReturnPackage } from '../packages/return-package'
import { exportsDir } from './exports'
import { assertMeeting } from './meetings'

export const PACKAGE_JOB = { write: 'packages.write', open: 'packages.open', merge: 'packages.merge' } as const

/** Runs the work as a job and waits; a cancel is a plain Chinese answer (the core functions leave nothing behind). */
async function runJob<T>(ctx: CoreContext, kind: string, label: string, cancelled: string, work: (job: JobContext) => Promise<T>): Promise<T> {
  const { result } = ctx.jobs.start(kind, label, work)
  try {
    return await result
  } catch (error) {
    if (error instanceof JobCancelledError) throw new DomainError('CANCELLED', cancelled)
    throw error
  }
}

/** The file a source names; the upload id to remove once the call went through (null for a path). */
async function resolveSource(ctx: CoreContext, source: PackageFileSource): Promise<{ path: string; uploadId: string | null }> {
  if (source.type === 'path') return { path: source.path, uploadId: null }
  const upload = await readUpload(ctx.dataDir, source.uploadId)
  return { path: upload.path, uploadId: upload.uploadId }
}

async function targetFolder(ctx: CoreContext, folder: string | undefined): Promise<string> {
  if (folder) return folder
  const dir = exportsDir(ctx.dataDir)
  await mkdir(dir, { recursive: true })
  return dir
}

export async function writeDistribution(ctx: CoreContext, meetingId: string, folder: string | undefined): Promise<DistributionResult> {
  assertMeeting(ctx.db, meetingId)
  const target = await targetFolder(ctx, folder)
  const packages = await runJob(ctx, PACKAGE_JOB.write, '生成评审包', '已取消生成评审包：正在写入的那个评审包没有留下任何文件', (job) =>
    writeDistributionPackages(ctx, meetingId, target, job),
  )
  return { folder: target, packages }
}

export async function openDistribution(ctx: CoreContext, source: PackageFileSource): Promise<z.output<typeof OpenedWorkspace>> {
  const { path, uploadId } = await resolveSource(ctx, source)
  const opened = await runJob(ctx, PACKAGE_JOB.open, '打开评审包', '已取消打开评审包，本机没有任何更改', (job) => openDistributionPackage(ctx, path, job))
  if (uploadId) await removeUpload(ctx.dataDir, uploadId)
  return opened
}

export async function writeReturn(ctx: CoreContext, folder: string | undefined): Promise<z.output<typeof WrittenReturn>> {
  const target = await targetFolder(ctx, folder)
  return runJob(ctx, PACKAGE_JOB.write, '导出评审结果', '已取消导出评审结果，没有留下任何文件', (job) => writeReturnPackage(ctx, target, job))
}

export async function mergeReturn(ctx: CoreContext, input: z.output<typeof MergeReturnInput>): Promise<MergeReport> {
  assertMeeting(ctx.db, input.meetingId)
  const { path, uploadId } = await resolveSource(ctx, input.source)
  const report = await runJob(ctx, PACKAGE_JOB.merge, '合并评审结果', '已取消合并，会议数据没有任何更改', async (job) => {
    // One package, checked and merged in one go: counted as a file, not in bytes.
    job.progress(0, 0, { files: { done: 0, total: 1 } })
    const merged = await mergeReturnPackage(ctx, input.meetingId, path, input.choices, job.signal)
    job.progress(0, 0, { files: { done: 1, total: 1 } })
    return merged
  })
  if (uploadId && report.status !== 'conflicts') await removeUpload(ctx.dataDir, uploadId)
  return report
}

/**
 * The packages chosen together, in one job (merge-returns.ts). A cancel answers with what happened so far
 * (merged packages stay merged, the rest say so), not with an error: the organizer must see which went in.
 */
export async function mergeReturns(ctx: CoreContext, input: z.output<typeof MergeReturnsInput>): Promise<MergeOutcome[]> {
  assertMeeting(ctx.db, input.meetingId)
  const sources = await Promise.all(input.sources.map((source) => resolveSource(ctx, source)))
  let outcomes: MergeOutcome[] | undefined
  try {
    await runJob(ctx, PACKAGE_JOB.merge, '合并评审结果', '已取消合并，会议数据没有任何更改', async (job) => {
      outcomes = await mergeReturnPackages(ctx, input.meetingId, sources.map((s) => s.path), job)
    })
  } catch (error) {
    if (!(outcomes && error instanceof DomainError && error.code === 'CANCELLED')) throw error
  }
  // An upload is kept for a package in conflict (merged again with the organizer's choices) or not reached.
  for (const [i, { uploadId }] of sources.entries()) {
    const outcome = outcomes![i]
    if (uploadId && outcome.kind !== 'cancelled' && !(outcome.kind === 'report' && outcome.report.status === 'conflicts')) await removeUpload(ctx.dataDir, uploadId)
  }
  return outcomes!
}

interface CellRow {
  reviewer_id: string
  unit_id: string
  withdrawn: number
  recused: number
  submitted: number
  entered: number
}

/** Reviewer × unit: withdrawn and recused first (nothing is expected), then submitted, partly entered, or nothing yet. */
export function packagesCompleteness(ctx: CoreContext, meetingId: string): Completeness {
  const { db } = ctx
  assertMeeting(db, meetingId)
  const reviewers = stmt(db, 'SELECT id, name FROM reviewers WHERE meeting_id = ? ORDER BY seq').all(meetingId) as { id: string; name: string }[]
  const units = stmt(db, 'SELECT id, name FROM units WHERE meeting_id = ? ORDER BY seq').all(meetingId) as { id: string; name: string }[]
  const rows = stmt(
    db,
    `SELECT r.id AS reviewer_id, u.id AS unit_id,
       u.withdrawn_at IS NOT NULL AS withdrawn,
       EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = r.id AND x.unit_id = u.id) AS recused,
       EXISTS (SELECT 1 FROM sheet_submissions s WHERE s.reviewer_id = r.id AND s.unit_id = u.id) AS submitted,
       EXISTS (SELECT 1 FROM scores s WHERE s.reviewer_id = r.id AND s.unit_id = u.id)
         OR EXISTS (SELECT 1 FROM reviews v WHERE v.reviewer_id = r.id AND v.unit_id = u.id) AS entered
     FROM reviewers r JOIN units u ON u.meeting_id = r.meeting_id WHERE r.meeting_id = ?`,
  ).all(meetingId) as CellRow[]
  const last = new Map(
    (
      stmt(
        db,
        `SELECT reviewer_id, sequence, imported_at FROM package_imports p WHERE meeting_id = ? AND kind = 'return'
           AND sequence = (SELECT max(sequence) FROM package_imports q WHERE q.meeting_id = p.meeting_id AND q.reviewer_id = p.reviewer_id AND q.kind = 'return')`,
      ).all(meetingId) as { reviewer_id: string; sequence: number; imported_at: string }[]
    ).map((r) => [r.reviewer_id, { sequence: r.sequence, at: r.imported_at }]),
  )
  const cells = new Map<string, Record<string, Completeness['reviewers'][number]['cells'][string]>>(reviewers.map((r) => [r.id, {}]))
  for (const row of rows)
    cells.get(row.reviewer_id)![row.unit_id] = row.withdrawn ? 'withdrawn' : row.recused ? 'recused' : row.submitted ? 'submitted' : row.entered ? 'partial' : 'empty'
  return {
    reviewers: reviewers.map((r) => ({ reviewerId: r.id, reviewerName: r.name, lastMerged: last.get(r.id) ?? null, cells: cells.get(r.id)! })),
    units: units.map((u) => ({ unitId: u.id, unitName: u.name })),
  }
}
