/**
 * What the organizer picked, turned into import sources: desktop paths go as they are; browser
 * files are first streamed to POST /upload (with per-file progress) and go by upload id.
 */
import { ref } from 'vue'
import type { MaterialSource, RefusedFile } from '@shared/schemas/material'
import { runUploads, initialStates, type UploadItem, type UploadState } from './uploadQueue'
import { sendByXhr } from './uploadTransport'

export type Picked = { type: 'paths'; paths: string[] } | { type: 'files'; items: UploadItem[] }

export const pickedCount = (p: Picked): number => (p.type === 'paths' ? p.paths.length : p.items.length)

export function useMaterialSources() {
  const uploads = ref<UploadState[]>([])
  /** The last pick's sources, and the files of it that could not be uploaded (shown as refused). */
  const sources = ref<MaterialSource[]>([])
  const failed = ref<RefusedFile[]>([])
  const uploading = ref(false)
  let controller: AbortController | null = null

  /** Resolves to the sources and the files that could not be uploaded; rejects when aborted. */
  async function toSources(picked: Picked): Promise<{ sources: MaterialSource[]; failed: RefusedFile[] }> {
    if (picked.type === 'paths') return { sources: picked.paths.map((path) => ({ type: 'path', path })), failed: [] }
    controller = new AbortController()
    uploads.value = initialStates(picked.items)
    uploading.value = true
    try {
      const outcome = await runUploads(picked.items, sendByXhr, {
        signal: controller.signal,
        onChange: (i, state) => (uploads.value[i] = state),
      })
      return { sources: outcome.uploaded.map((u) => ({ type: 'upload', uploadId: u.uploadId })), failed: outcome.failed }
    } finally {
      uploading.value = false
      controller = null
    }
  }

  /**
   * Both import dialogs' first step: the pick becomes `sources` (and `failed`). Answers '' when there is
   * something to import, 'cancelled' when the uploads were cancelled, else the reason to show.
   */
  async function gather(picked: Picked): Promise<string> {
    sources.value = []
    failed.value = []
    try {
      const chosen = await toSources(picked)
      sources.value = chosen.sources
      failed.value = chosen.failed
    } catch {
      return 'cancelled'
    }
    if (sources.value.length) return ''
    return failed.value.length ? '文件都没能上传（原因见上），没有导入任何材料' : '没有可以导入的文件'
  }

  const abort = () => controller?.abort(new DOMException('已取消上传', 'AbortError'))
  const reset = () => {
    abort()
    uploads.value = []
  }
  return { uploads, uploading, sources, failed, gather, toSources, abort, reset }
}
