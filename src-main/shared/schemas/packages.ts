import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'
import { MaterialSource } from './material'

/**
 * Packages carried by USB stick (docs/package-format.md): 评审包 (distribution), 评审结果包 (return),
 * 会议归档包 (archive). A package to read is a path (desktop: a file dialog) or an upload (browser mode:
 * POST /upload first), as for materials.
 */
export const PackageFileSource = MaterialSource
export type PackageFileSource = z.infer<typeof PackageFileSource>

/** Where packages are written: a folder (desktop, e.g. the USB stick), or omitted: the data folder's exports/. */
export const PackageFolder = z.string().min(1, '路径不能为空').max(4096, '路径过长').optional()

export const WrittenPackage = z.object({
  reviewerId: Id,
  reviewerName: z.string(),
  fileName: z.string(),
  bytes: z.number().int().nonnegative(),
  units: z.number().int().nonnegative(),
  materials: z.number().int().nonnegative(),
})
export const DistributionResult = z.object({ folder: z.string(), packages: z.array(WrittenPackage) })
export type DistributionResult = z.infer<typeof DistributionResult>

export const OpenedWorkspace = z.object({
  meetingId: Id,
  meetingName: z.string(),
  reviewerId: Id,
  reviewerName: z.string(),
  units: z.number().int(),
  materials: z.number().int(),
})
export const WrittenReturn = z.object({ fileName: z.string(), path: z.string(), bytes: z.number().int(), sequence: z.number().int() })

export const MergeChoice = z.enum(['package', 'organizer'], { message: '冲突只能选择“以评审结果包为准”或“保留会务组的修改”' })
export const MergeReturnInput = MeetingRef.extend({
  source: PackageFileSource,
  /** The organizer's decision per conflict (MergeConflict.key), after a first try answered status 'conflicts'. */
  choices: z.record(z.string().max(200), MergeChoice).default({}),
})
export const MergeConflict = z.object({ key: z.string(), unitId: Id, unitName: z.string(), what: z.string(), organizer: z.string(), package: z.string() })
export const MergeReport = z.object({
  status: z.enum(['merged', 'duplicate', 'stale', 'conflicts']),
  packageId: z.string(),
  reviewerId: Id,
  reviewerName: z.string(),
  sequence: z.number().int(),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  kept: z.number().int(),
  unchanged: z.number().int(),
  annotations: z.number().int(),
  conflicts: z.array(MergeConflict),
  ignored: z.array(z.string()),
  message: z.string(),
})
export type MergeReport = z.infer<typeof MergeReport>

/** Many return packages merged in one job, each on its own and in this order (the panel's choice of files). */
export const MergeReturnsInput = MeetingRef.extend({
  sources: z.array(PackageFileSource).min(1, '请至少选择一个评审结果包').max(500, '一次最多合并 500 个评审结果包'),
})
/** Per package: its report; or refused (nothing of it written; `problem` names the failed check); or not reached before a cancel. */
export const MergeOutcome = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('report'), report: MergeReport }),
  z.object({ kind: z.literal('refused'), problem: z.string().optional(), message: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
])
export type MergeOutcome = z.infer<typeof MergeOutcome>

/** What has arrived, reviewer × unit: the completeness grid after merges. */
export const CompletenessCell = z.enum(['submitted', 'partial', 'empty', 'recused', 'withdrawn'])
export const Completeness = z.object({
  reviewers: z.array(
    z.object({
      reviewerId: Id,
      reviewerName: z.string(),
      /** Last return package merged from this reviewer (sequence and when), or null. */
      lastMerged: z.object({ sequence: z.number().int(), at: Timestamp }).nullable(),
      /** By unit id, in the units' order. */
      cells: z.record(Id, CompletenessCell),
    }),
  ),
  units: z.array(z.object({ unitId: Id, unitName: z.string() })),
})
export type Completeness = z.infer<typeof Completeness>

export const ArchiveWritten = z.object({ fileName: z.string(), path: z.string(), bytes: z.number().int().nonnegative() })
export const ArchiveRestoreInput = z
  .object({
    source: PackageFileSource,
    /** The same meeting is already here: true replaces it (the organizer confirmed); false refuses, naming both. */
    replace: z.boolean().default(false),
  })
  .strict()
export const ArchiveRestored = z.object({ meetingId: Id, meetingName: z.string(), replaced: z.boolean() })
