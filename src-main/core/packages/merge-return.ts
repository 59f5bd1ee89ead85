/**
 * Merging a reviewer's return package into the organizer's meeting. Checked first (package-reader:
 * zip, manifest, hashes, the reviewer's HMAC; then meeting, reviewer, rubric hash, slice-check: only
 * that reviewer's rows). Then field by field (merge-fields.ts): a change on one side since the last
 * merge is taken or kept, a change on both sides is a conflict the organizer decides — until every
 * conflict is decided nothing is written. The same package twice, or an older one than already
 * merged, changes nothing and says so. Everything else lands in one transaction with its history.
 */
import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { stmt } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { getRubric } from '../services/rubric'
import type { CoreContext } from '../context'
import { withAttachedSlice } from './attach-slice'
import { applyMerge } from './merge-apply'
import { describeValue, fieldLabel, invalidValue, meetingFacts } from './merge-fields'
import { buildMergePlan, conflictRows, ignoreOrganizerRecused, planTally, rowsToCheck, setOutcome } from './merge-plan'
import { packageError } from './package-errors'
import type { PackageManifest } from './package-manifest'
import { prepareReturn, refusalError, returnExpectation, type PreparedReturn } from './return-prepare'
import { fieldKey } from './sheet-fields'

export type MergeChoice = 'package' | 'organizer'

export interface MergeConflict {
  key: string
  unitId: string
  unitName: string
  what: string
  organizer: string
  package: string
}

export interface MergeReport {
  status: 'merged' | 'duplicate' | 'stale' | 'conflicts'
  packageId: string
  reviewerId: string
  reviewerName: string
  sequence: number
  /** Fields the package added, changed or cleared; kept: the organizer's own newer changes. */
  added: number
  changed: number
  removed: number
  kept: number
  unchanged: number
  annotations: number
  conflicts: MergeConflict[]
  /** Values the package holds that cannot be taken (e.g. a unit the organizer recused the reviewer from). */
  ignored: string[]
  message: string
}

/** Merges one package (its checks on this thread); the panel's choice of many goes through merge-returns.ts. */
export async function mergeReturnPackage(
  ctx: CoreContext,
  meetingId: string,
  path: string,
  choices: Record<string, MergeChoice> = {},
  signal?: AbortSignal,
): Promise<MergeReport> {
  const expected = returnExpectation(ctx.db, meetingId)
  const folder = await mkdtemp(join(tmpdir(), 'onsite-return-'))
  try {
    return mergePreparedReturn(ctx, meetingId, await prepareReturn(path, expected, join(folder, 'meeting.sqlite')), choices, signal)
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

/**
 * The merge of a prepared package (return-prepare.ts) into the organizer's rows: a refusal is thrown;
 * the rubric, the record of earlier merges and the slice's own checks are looked at in that order; then
 * one transaction with the slice attached as `pkg`. The last look at a cancel is just before it: from
 * there to the answer nothing waits, so a cancel cannot land after the commit.
 */
export function mergePreparedReturn(
  ctx: CoreContext,
  meetingId: string,
  prepared: PreparedReturn,
  choices: Record<string, MergeChoice> = {},
  signal?: AbortSignal,
): MergeReport {
  const { db } = ctx
  if (!prepared.ok) throw refusalError(prepared.refusal)
  const { manifest, manifestBytes } = prepared
  const reviewer = manifest.reviewer!
  const base = { packageId: manifest.packageId, reviewerId: reviewer.id, reviewerName: reviewer.name, sequence: manifest.sequence }
  const empty = { added: 0, changed: 0, removed: 0, kept: 0, unchanged: 0, annotations: 0, conflicts: [], ignored: [] }
  if (manifest.rubricHash !== getRubric(db, meetingId).hash)
    throw packageError('rubric-mismatch', '发出评审包之后评分标准改过，这个评审结果包是按原来的评分标准评的，不能合并；请重新生成评审包发给该评委')
  const earlier = stmt(db, 'SELECT imported_at FROM package_imports WHERE package_id = ?').get(manifest.packageId) as { imported_at: string } | undefined
  if (earlier) return { status: 'duplicate', ...base, ...empty, message: `该评审结果包已于 ${earlier.imported_at.slice(0, 16).replace('T', ' ')}（UTC）合并过，本次未做任何更改` }
  const last = lastMergedSequence(db, meetingId, reviewer.id)
  if (last >= manifest.sequence)
    return { status: 'stale', ...base, ...empty, message: `这是评委“${reviewer.name}”第 ${manifest.sequence} 次导出的结果，已合并过更新的第 ${last} 次导出，本次未做任何更改` }
  if (!prepared.slice.ok) throw refusalError(prepared.slice.refusal)
  signal?.throwIfAborted()
  return withAttachedSlice(db, prepared.slice.file, () => writeTransaction(db, () => mergeAttached(db, meetingId, manifest, manifestBytes, choices, base)))
}

function lastMergedSequence(db: Database, meetingId: string, reviewerId: string): number {
  const row = stmt(db, "SELECT max(sequence) AS n FROM package_imports WHERE meeting_id = ? AND reviewer_id = ? AND kind = 'return'").get(meetingId, reviewerId) as { n: number | null }
  return row.n ?? 0
}

function mergeAttached(
  db: Database,
  meetingId: string,
  manifest: PackageManifest,
  manifestBytes: Uint8Array,
  choices: Record<string, MergeChoice>,
  base: Pick<MergeReport, 'packageId' | 'reviewerId' | 'reviewerName' | 'sequence'>,
): MergeReport {
  const reviewerId = base.reviewerId
  const facts = meetingFacts(db, meetingId)
  const unitName = (unitId: string) => facts.units.get(unitId)?.name ?? '（已删除的单位）'
  buildMergePlan(db, meetingId, reviewerId)
  const ignored: string[] = []
  for (const row of ignoreOrganizerRecused(db, meetingId, reviewerId))
    ignored.push(`“${unitName(row.unit_id)}”：会务组已设置该评委回避，包中的“${fieldLabel(facts, row.field)}”未合并`)
  for (const row of rowsToCheck(db)) {
    const problem = invalidValue(facts, row.unit_id, row.field, row.theirs)
    if (!problem) continue
    ignored.push(`“${unitName(row.unit_id)}”的“${fieldLabel(facts, row.field)}”未合并：${problem}`)
    setOutcome(db, row.unit_id, row.field, 'ignored')
  }
  const conflicts: MergeConflict[] = []
  for (const row of conflictRows(db)) {
    const key = fieldKey(row.unit_id, row.field)
    if (choices[key]) setOutcome(db, row.unit_id, row.field, choices[key] === 'package' ? 'take' : 'keep')
    else
      conflicts.push({
        key,
        unitId: row.unit_id,
        unitName: unitName(row.unit_id),
        what: fieldLabel(facts, row.field),
        organizer: describeValue(facts, row.field, row.ours),
        package: describeValue(facts, row.field, row.theirs),
      })
  }
  const { counts, newScoresPerSheet } = planTally(db)
  const reviewerName = base.reviewerName
  if (conflicts.length)
    return {
      status: 'conflicts',
      ...base,
      ...counts,
      annotations: 0,
      conflicts,
      ignored,
      message: `评委“${reviewerName}”的评审结果与会务组这边的修改有 ${conflicts.length} 处冲突，请逐项选择保留哪一方后再合并（尚未做任何更改）`,
    }
  const annotations = applyMerge(db, meetingId, reviewerId, newScoresPerSheet, {
    packageId: base.packageId,
    sequence: base.sequence,
    manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
    summary: { ...counts, conflictsDecided: Object.keys(choices).length },
    reason: `合并评审结果包（${manifest.reviewer!.name} 第 ${base.sequence} 次导出）`,
  })
  const parts = [counts.added && `新增 ${counts.added} 项`, counts.changed && `修改 ${counts.changed} 项`, counts.removed && `清除 ${counts.removed} 项`, counts.kept && `保留会务组修改 ${counts.kept} 项`]
  return {
    status: 'merged',
    ...base,
    ...counts,
    annotations,
    conflicts: [],
    ignored,
    message: `已合并评委“${reviewerName}”第 ${base.sequence} 次导出的评审结果：${parts.filter(Boolean).join('，') || '没有新的评分变化'}；批注 ${annotations} 条`,
  }
}
