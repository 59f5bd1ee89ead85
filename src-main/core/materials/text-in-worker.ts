/**
 * Text extraction of a stored material in a worker thread (extract-worker.ts). The worker module is
 * loaded from source under vitest/tsx and from `out/main/extract-worker.js` in the built app.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { runInWorker } from '../jobs/run-in-worker'
import type { ExtractItem, ExtractResult } from './extract-worker'

let resolved: URL | undefined

/** Where the worker module is: beside this file in source; beside (or above) the bundle's chunk when built. */
export function extractWorkerUrl(): URL {
  if (resolved) return resolved
  // A variable base keeps Vite from treating `new URL('…', import.meta.url)` as an asset to bundle.
  const here = import.meta.url
  const fromSource = /\.[cm]?ts$/.test(new URL(here).pathname)
  const candidates = fromSource ? ['./extract-worker.ts'] : ['./extract-worker.js', '../extract-worker.js']
  const found = candidates.map((c) => new URL(c, here)).find((url) => existsSync(fileURLToPath(url)))
  if (!found) throw new Error(`找不到文字提取模块（${candidates.join('、')}），请重新构建程序`)
  resolved = found
  return found
}

/** Every item's text (or why it could not be read), in order; `onFile(n)` after the n-th file. */
export function extractInWorker(items: ExtractItem[], options: { signal?: AbortSignal; onFile?: (done: number) => void } = {}): Promise<ExtractResult[]> {
  if (items.length === 0) return Promise.resolve([])
  return runInWorker<ExtractItem[], ExtractResult[]>(extractWorkerUrl(), items, { signal: options.signal, onProgress: (done) => options.onFile?.(done) })
}
