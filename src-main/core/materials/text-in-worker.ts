/**
 * Text extraction of a stored material in a worker thread (extract-worker.ts). The worker module is
 * loaded from source under vitest/tsx and from `out/main/extract-worker.js` in the built app.
 */
import { poolSize, startWorkerPool } from '../jobs/worker-pool'
import type { WorkerService } from '../jobs/worker-service'
import { workerModuleUrl } from '../jobs/worker-url'
import type { ExtractItem, ExtractResult } from './extract-worker'

/** The extraction worker's module: beside this file in source, out/main/extract-worker.js when built. */
export const extractWorkerUrl = (): URL => workerModuleUrl(import.meta.url, 'extract-worker', '文字提取')

/**
 * Threads extracting at once. Two: text PDFs cost pdfjs most of an import's CPU, and the machines this
 * runs on have two cores or more. Each thread builds the Chinese CMaps once for all the files it reads
 * (patches/pdfjs-dist+6.5.438.patch).
 */
const EXTRACT_THREADS = 2
/**
 * pdfjs allocates heavily (text items, a font's glyph maps) and V8 lets a thread's young generation
 * grow to ~48 MB, with the old generation growing behind it: two threads took a 1 GB import from ~400
 * to ~700 MB of RSS. 8 MB keeps it under 400 MB at no measurable cost in time (objects that live on are promoted).
 */
const YOUNG_GENERATION_MB = 8

/** A text extractor for one import: `call` it for each stored file as it comes; `close` when done or failed. */
export function startExtractor(signal?: AbortSignal): WorkerService<ExtractItem, ExtractResult> {
  return startWorkerPool<ExtractItem, ExtractResult>(extractWorkerUrl(), { size: poolSize(EXTRACT_THREADS), signal, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } })
}
