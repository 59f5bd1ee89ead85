/** The import progress line: what it says and how far the bar is, from the job's progress events. */
import type { ProgressEvent } from '@shared/events'
// From @shared (the api module reads `window` on load): keeps this module runnable in a Node unit test.
import { ApiCallError } from '@shared/client'
import { formatBytes } from './materialFormat'

export interface JobProgress {
  taskId: string
  doneBytes: number
  totalBytes: number
  files?: { done: number; total: number }
  current?: string
}

/**
 * A job that ended because someone cancelled it — here, or in another window of the same data (the core
 * answers CANCELLED): the dialog says "cancelled, nothing imported", never shows it as an error.
 */
export const endedByCancel = (error: unknown, cancelledHere: boolean): boolean =>
  cancelledHere || (error instanceof ApiCallError && error.code === 'CANCELLED')


export const toJobProgress = (e: ProgressEvent): JobProgress => ({
  taskId: e.taskId,
  doneBytes: e.done,
  totalBytes: e.total,
  ...(e.files ? { files: e.files } : {}),
  ...(e.current ? { current: e.current } : {}),
})

/** Bytes decide the bar (a 1 GB scan among 100 small files is most of the work); files when no bytes are known. */
export function progressPercent(p: Pick<JobProgress, 'doneBytes' | 'totalBytes' | 'files'>): number {
  const [done, total] = p.totalBytes > 0 ? [p.doneBytes, p.totalBytes] : p.files && p.files.total > 0 ? [p.files.done, p.files.total] : [0, 0]
  if (total <= 0) return 0
  // Never 100 before the end: the last step (recording the rows) still follows.
  return Math.min(99, Math.floor((done / total) * 100))
}

/** “第 3/12 个文件 · 45 MB / 1.2 GB”. */
export function progressText(p: Pick<JobProgress, 'doneBytes' | 'totalBytes' | 'files'>): string {
  const parts: string[] = []
  if (p.files) parts.push(`已完成 ${p.files.done}/${p.files.total} 个文件`)
  if (p.totalBytes > 0) parts.push(`${formatBytes(p.doneBytes)} / ${formatBytes(p.totalBytes)}`)
  return parts.join(' · ')
}
