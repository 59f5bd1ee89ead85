/** One return package's merge as the screen lists it: what happened, in words and a tag that is not colour alone. */
import type { MergeReport } from '@shared/schemas/packages'
import type { NamedSource } from './packageSource'

export type MergeEntry = NamedSource & { report?: MergeReport; error?: string; working?: boolean }

export const STATUS_TAGS: Record<MergeReport['status'] | 'refused', { text: string; type: 'success' | 'info' | 'warning' | 'danger' }> = {
  merged: { text: '已合并', type: 'success' },
  duplicate: { text: '已合并过（未更改）', type: 'info' },
  stale: { text: '较旧的包（未更改）', type: 'info' },
  conflicts: { text: '有冲突，待选择', type: 'warning' },
  refused: { text: '已拒绝', type: 'danger' },
}

export const tagOf = (entry: MergeEntry) => STATUS_TAGS[entry.error ? 'refused' : (entry.report?.status ?? 'merged')]
