/**
 * Importing collected files into units, on a job: each file is streamed into the store (hashed as it
 * is copied), its text extracted by worker threads (two at most) for the whole import, and every row inserted in
 * ONE transaction at the end — so a cancel or a failure of the whole job leaves no rows, and the blobs
 * this import stored are removed again (never one that another material uses).
 */
import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import type { Database } from 'better-sqlite3'
import type { MaterialImportReport, RefusedFile } from '../../shared/schemas/material'
import { now } from '../db/statements'
import { writeTransaction } from '../db/transaction'
import { DomainError } from '../errors'
import type { JobContext } from '../jobs/job-runner'
import { holdBlobs, removeIfUnused, removeIfUnusedSync } from './leftovers'
import { insertMaterials, listMaterials, type NewMaterial } from './material-rows'
import { materialPath, putStream, syncStored, type PutResult } from './material-store'
import { contentTypeOf } from './material-type'
import { EMPTY_REASON, type SourceFile } from './source-files'
import type { ExtractItem, ExtractResult } from './extract-worker'
import { startExtractor } from './text-in-worker'
import type { WorkerService } from '../jobs/worker-service'

export interface ImportTarget {
  unitId: string
  files: SourceFile[]
  /** Entries the sources refused (unsafe path, zip bomb…), reported as failed for this unit. */
  refused: RefusedFile[]
}

interface Stored {
  report: MaterialImportReport
  unitId: string
  name: string
  sha256: string
  size: number
  /** Its text, being extracted in the worker while the next files are stored. */
  text: Promise<ExtractResult>
}

/** `台账/报告.pdf` taken → `台账/报告 (2).pdf`, then (3)… */
export function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name
  const slash = name.lastIndexOf('/') + 1
  const base = name.slice(slash)
  const dot = base.lastIndexOf('.')
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, '']
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, slash)}${stem} (${n})${ext}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Why one file could not be stored, in words (a disk error is already a Chinese DomainError). */
function reasonOf(error: unknown): string {
  if (error instanceof DomainError) return error.message
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'ENOENT') return '文件在导入过程中被移走或删除'
  if (code === 'EACCES' || code === 'EPERM') return '没有权限读取该文件'
  return '读取文件时出错，文件可能已损坏或不完整'
}

/** The source's chunks, counted as they pass; a source error or an abort ends it (and destroys the source). */
async function* counted(source: Readable, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source as AsyncIterable<Buffer>) {
    onBytes(chunk.length)
    yield chunk
  }
}


export interface ImportDeps {
  db: Database
  dataDir: string
  /** Test seam for a full disk at a clear boundary: wraps each file's copy into the store. */
  put?: (dataDir: string, source: AsyncIterable<Uint8Array>, options: { signal: AbortSignal; durable: boolean }) => Promise<PutResult>
}

export async function importIntoUnits(deps: ImportDeps, meetingId: string, targets: ImportTarget[], job: JobContext): Promise<MaterialImportReport[]> {
  const { db, dataDir } = deps
  const put = deps.put ?? putStream
  const { signal } = job
  const totalBytes = targets.reduce((sum, t) => sum + t.files.reduce((s, f) => s + f.size, 0), 0)
  const totalFiles = targets.reduce((sum, t) => sum + t.files.length, 0)
  let doneBytes = 0
  let doneFiles = 0
  const report = (current?: string) => job.progress(doneBytes, totalBytes, { files: { done: doneFiles, total: totalFiles }, ...(current ? { current } : {}) })

  const hold = holdBlobs(db, [])
  const created: string[] = []
  const reports: MaterialImportReport[] = []
  const stored: Stored[] = []
  let extractor: WorkerService<ExtractItem, ExtractResult> | undefined
  // Each stored file is flushed to the disk in the background, one at a time (one thread of the pool,
  // the others keep copying), so the flush overlaps the copying and extraction of the files after it.
  let flushed: Promise<void> = Promise.resolve()
  const flush = (sha256: string) => {
    flushed = flushed.then(() => (signal.aborted ? undefined : syncStored(dataDir, [sha256])))
    // Awaited before the rows commit; marked handled now so a failure meanwhile is no unhandled rejection.
    flushed.catch(() => undefined)
  }
  try {
    for (const target of targets) {
      const rep: MaterialImportReport = { unitId: target.unitId, imported: [], skipped: [], failed: [...target.refused] }
      reports.push(rep)
      const existing = listMaterials(db, meetingId, target.unitId)
      const names = new Set(existing.map((m) => m.name))
      const byHash = new Map(existing.map((m) => [m.sha256, m.name]))
      for (const file of target.files) {
        report(file.name)
        signal.throwIfAborted()
        const before = doneBytes
        let result: PutResult | undefined
        try {
          if (file.size === 0) throw new DomainError('IMPORT_INVALID', EMPTY_REASON)
          result = await put(dataDir, counted(await file.open(), (n) => ((doneBytes += n), report(file.name))), { signal, durable: false })
          // Only `stored` blobs are this import's to remove again; the others existed before.
          if (result.stored) {
            created.push(result.sha256)
            flush(result.sha256)
          }
          hold.add(result.sha256)
          if (result.size === 0) throw new DomainError('IMPORT_INVALID', EMPTY_REASON)
        } catch (error) {
          signal.throwIfAborted()
          rep.failed.push({ name: file.name, reason: reasonOf(error) })
          doneFiles++
          continue
        } finally {
          doneBytes = before + file.size
        }
        const same = byHash.get(result.sha256)
        if (same !== undefined) {
          rep.skipped.push({ name: file.name, reason: `与本单位已有的材料“${same}”内容相同，没有重复导入` })
          doneFiles++
          continue
        }
        const name = uniqueName(file.name, names)
        names.add(name)
        byHash.set(result.sha256, name)
        extractor ??= startExtractor(signal)
        const text = extractor.call({ path: materialPath(dataDir, result.sha256), name }).then((t) => {
          doneFiles++
          report()
          return t
        })
        // Awaited below; marked handled now so an abort while later files are copied is no unhandled rejection.
        text.catch(() => undefined)
        stored.push({ report: rep, unitId: target.unitId, name, sha256: result.sha256, size: result.size, text })
      }
    }

    report(stored.find((s) => s.text)?.name)
    const texts = await Promise.all(stored.map((s) => s.text))
    signal.throwIfAborted()
    // Everything this import stored reaches the disk before a row points at it.
    await flushed
    signal.throwIfAborted()

    const rows: NewMaterial[] = []
    const reportOf = new Map<NewMaterial, MaterialImportReport>()
    texts.forEach((text, i) => {
      const s = stored[i]
      if (!text.ok) return void s.report.failed.push({ name: s.name, reason: text.reason })
      const { kind, pages, hasTextLayer, note } = text.text
      const row: NewMaterial = {
        id: randomUUID(),
        meetingId,
        unitId: s.unitId,
        name: s.name,
        size: s.size,
        sha256: s.sha256,
        kind,
        contentType: contentTypeOf(kind, text.sniffed),
        pageCount: kind === 'pdf' ? pages.length : 1,
        hasTextLayer,
        note: note ?? '',
        pages,
      }
      rows.push(row)
      reportOf.set(row, s.report)
    })
    const importedAt = now()
    writeTransaction(db, () => {
      for (const target of targets) {
        if (!db.prepare('SELECT 1 FROM units WHERE id = ? AND meeting_id = ?').get(target.unitId, meetingId)) {
          throw new DomainError('NOT_FOUND', '导入过程中参评单位已被删除，材料没有导入')
        }
      }
      insertMaterials(db, rows, importedAt)
    })
    for (const row of rows) {
      const { id, unitId, name, size, sha256, kind, contentType, pageCount, hasTextLayer, note } = row
      reportOf.get(row)!.imported.push({ id, unitId, name, size, sha256, kind, contentType, pageCount, hasTextLayer, note, importedAt })
    }
    hold.release()
    void extractor?.close()
    // Files that failed after they were stored (unreadable PDF, …) leave no blob behind either.
    // Synchronously, as everything after the commit: a cancel arriving in an await here would make
    // the job runner report "cancelled" for rows that are already in.
    removeIfUnusedSync(deps, created)
    return reports
  } catch (error) {
    hold.release()
    // The workers and the flush are stopped before the blobs they may hold open are removed.
    await extractor?.close()
    await flushed.catch(() => undefined)
    await removeIfUnused(deps, created)
    throw error
  }
}
