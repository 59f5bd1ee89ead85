/**
 * Importing a unit's materials (materials.preview / import) and a batch for many units
 * (materials.batchPlan / batchImport). Previews write nothing; imports run on the job runner
 * (kind `materials.import`, one at a time), report progress in bytes and files, and can be cancelled,
 * leaving nothing behind. A batch is ONE job and ONE transaction for all its units: cancelled or
 * failed, no unit got anything.
 */
import type { z } from 'zod'
import type {
  MaterialBatchImportInput,
  MaterialBatchPlan,
  MaterialBatchPlanInput,
  MaterialImportInput,
  MaterialImportReport,
  MaterialPreview,
  MaterialPreviewInput,
} from '../../shared/schemas/material'
import type { CoreContext } from '../context'
import { DomainError, notFound } from '../errors'
import { JobCancelledError, type JobContext } from '../jobs/job-runner'
import { groupBatch } from '../materials/batch-groups'
import { importIntoUnits, type ImportDeps, type ImportTarget } from '../materials/import-files'
import { collectSources, type CollectedSources, type CollectOptions } from '../materials/source-files'
import { removeUpload } from '../materials/uploads'
import { assertMeeting } from './meetings'
import { listUnits } from './units'

export const MATERIAL_IMPORT_KIND = 'materials.import'

type PreviewInput = z.output<typeof MaterialPreviewInput>
type ImportInput = z.output<typeof MaterialImportInput>
type PlanInput = z.output<typeof MaterialBatchPlanInput>
type BatchInput = z.output<typeof MaterialBatchImportInput>

async function withSources<T>(
  ctx: CoreContext,
  input: PreviewInput,
  mode: CollectOptions['mode'],
  signal: AbortSignal | undefined,
  use: (collected: CollectedSources) => Promise<T> | T,
): Promise<T> {
  const collected = await collectSources(input.sources, { dataDir: ctx.dataDir, encodings: input.encodings, mode, signal })
  try {
    return await use(collected)
  } finally {
    collected.dispose()
  }
}

export function previewMaterials(ctx: CoreContext, input: PreviewInput): Promise<MaterialPreview> {
  assertMeeting(ctx.db, input.meetingId)
  return withSources(ctx, input, 'unit', undefined, ({ files, archives, refused }) => ({
    files: files.map(({ name, size, archive }) => ({ name, size, ...(archive ? { archive } : {}) })),
    archives,
    refused,
    totalBytes: files.reduce((sum, f) => sum + f.size, 0),
  }))
}

function assertUnit(ctx: CoreContext, meetingId: string, unitId: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(unitId, meetingId)) throw notFound('参评单位')
}

/**
 * Runs the import as a job and waits for it. A cancel becomes a plain Chinese answer; uploads are
 * consumed only by an import that went through (after a cancel the organizer can try again without
 * uploading anew; the next start sweeps them).
 */
async function runImport<T>(ctx: CoreContext, work: (job: JobContext) => Promise<{ value: T; uploads: string[] }>): Promise<T> {
  const { result } = ctx.jobs.start(MATERIAL_IMPORT_KIND, '材料导入', work)
  try {
    const { value, uploads } = await result
    for (const id of uploads) await removeUpload(ctx.dataDir, id)
    return value
  } catch (error) {
    if (error instanceof JobCancelledError) throw new DomainError('CANCELLED', '已取消导入，未导入任何文件')
    throw error
  }
}

export function importMaterials(ctx: CoreContext, input: ImportInput, deps: Partial<ImportDeps> = {}): Promise<MaterialImportReport> {
  assertMeeting(ctx.db, input.meetingId)
  assertUnit(ctx, input.meetingId, input.unitId)
  return runImport(ctx, (job) =>
    withSources(ctx, input, 'unit', job.signal, async ({ files, refused, uploads }) => {
      const target: ImportTarget = { unitId: input.unitId, files, refused }
      const [report] = await importIntoUnits({ ...ctx, ...deps }, input.meetingId, [target], job)
      return { value: report, uploads }
    }),
  )
}

function planOf(ctx: CoreContext, input: PlanInput, collected: CollectedSources) {
  const units = listUnits(ctx.db, input.meetingId)
  const { groups, refused } = groupBatch(collected.files, units)
  return { groups, refused: [...collected.refused, ...refused] }
}

export function planBatch(ctx: CoreContext, input: PlanInput): Promise<MaterialBatchPlan> {
  assertMeeting(ctx.db, input.meetingId)
  return withSources(ctx, input, 'batch', undefined, (collected) => {
    const { groups, refused } = planOf(ctx, input, collected)
    return {
      groups: groups.map(({ key, unitId, files, bytes }) => ({ key, unitId, fileCount: files.length, bytes })),
      archives: collected.archives,
      refused,
    }
  })
}

export function importBatch(ctx: CoreContext, input: BatchInput, deps: Partial<ImportDeps> = {}): Promise<MaterialImportReport[]> {
  assertMeeting(ctx.db, input.meetingId)
  for (const { unitId } of input.assignments) if (unitId !== null) assertUnit(ctx, input.meetingId, unitId)
  return runImport(ctx, (job) =>
    withSources(ctx, input, 'batch', job.signal, async (collected) => {
      const { groups } = planOf(ctx, input, collected)
      const byKey = new Map(groups.map((g) => [g.key, g]))
      // Several folders may go to one unit (“办公室” and “办公室党支部”): one target per unit.
      const targets = new Map<string, ImportTarget>()
      for (const { key, unitId } of input.assignments) {
        const group = byKey.get(key)
        if (!group) throw new DomainError('VALIDATION', `找不到文件夹“${key}”，文件可能已变动，请重新预览`)
        if (unitId === null) continue
        const target = targets.get(unitId) ?? { unitId, files: [], refused: [] }
        targets.set(unitId, target)
        // Two folders for one unit keep their names apart by their folder.
        const twoFolders = input.assignments.filter((a) => a.unitId === unitId).length > 1
        target.files.push(...group.files.map((f) => (twoFolders ? { ...f, name: `${key}/${f.name}` } : f)))
      }
      const reports = await importIntoUnits({ ...ctx, ...deps }, input.meetingId, [...targets.values()], job)
      return { value: reports, uploads: collected.uploads }
    }),
  )
}
