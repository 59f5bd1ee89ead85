/** One return package's merge as the screen lists it: what happened, in words and a tag that is not colour alone. */
import type { MergeOutcome, MergeReport } from '@shared/schemas/packages'
import type { NamedSource } from './packageSource'

/** `cancelled`: the job was cancelled before this package's turn (its `error` says it was not merged). */
export type MergeEntry = NamedSource & { report?: MergeReport; error?: string; working?: boolean; cancelled?: boolean }

export const STATUS_TAGS: Record<MergeReport['status'] | 'refused' | 'cancelled', { text: string; type: 'success' | 'info' | 'warning' | 'danger' }> = {
  merged: { text: '已合并', type: 'success' },
  duplicate: { text: '已合并过（未更改）', type: 'info' },
  stale: { text: '较旧的包（未更改）', type: 'info' },
  conflicts: { text: '有冲突，待选择', type: 'warning' },
  refused: { text: '已拒绝', type: 'danger' },
  cancelled: { text: '未合并（已取消）', type: 'info' },
}

export const tagOf = (entry: MergeEntry) => STATUS_TAGS[entry.cancelled ? 'cancelled' : entry.error ? 'refused' : (entry.report?.status ?? 'merged')]

export const NOT_REACHED = '已取消，这个评审结果包没有合并（会议数据没有因它改动）'

/**
 * A package's line once answered: its report, its refusal, or not merged because of a cancel. A report
 * in conflict stays beside a later refusal or cancel, so its conflicts can still be decided again.
 */
export function settle(entry: MergeEntry, outcome: MergeOutcome | { kind: 'failed'; message: string }): void {
  entry.working = false
  if (outcome.kind === 'report') entry.report = outcome.report
  entry.error = outcome.kind === 'report' ? undefined : outcome.kind === 'cancelled' ? NOT_REACHED : outcome.message
  entry.cancelled = outcome.kind === 'cancelled' || undefined
}
