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

/** “新增 3 项 · 修改 1 项 · 批注 2 条” for a merge that went through; nothing for the others (their message says it). */
export function countsText(report: MergeReport): string {
  if (report.status !== 'merged') return ''
  const parts = [
    ['新增', report.added],
    ['修改', report.changed],
    ['清除', report.removed],
    ['保留会务组修改', report.kept],
    ['未变', report.unchanged],
  ] as const
  return [...parts.filter(([, n]) => n > 0).map(([w, n]) => `${w} ${n} 项`), `批注 ${report.annotations} 条`].join(' · ')
}
