/**
 * The steps both material import dialogs walk (one unit, or a folder per unit): the pick becomes
 * sources (browser: uploads first) → the core reads them (what will be imported, the zips' name
 * encodings; read again when the organizer switches an encoding) → 确定 runs the import as a core job
 * with progress and 取消 → a report, a plain cancel note, or the reason it failed. Nothing is written
 * before the import step.
 */
import { computed, ref, type Ref } from 'vue'
import type { MaterialSource, RefusedFile, ZipNameEncoding } from '@shared/schemas/material'
import { errorMessage } from '../../composables/apiError'
import { withEncoding, type EncodingChoice } from './encodingChoice'
import { useMaterialJob } from './useMaterialJob'
import { useMaterialSources, type Picked } from './useMaterialSources'

export type ImportStep = 'uploading' | 'reading' | 'ready' | 'importing' | 'done' | 'cancelled' | 'failed'

type Encodings = Record<string, ZipNameEncoding>

export interface ImportFlowOptions<Read, Result> {
  /** What the core makes of the sources: the preview of one unit's files, or the batch's plan. */
  read: (sources: MaterialSource[], encodings: Encodings) => Promise<Read>
  /** The files the read refused, shown with those the uploads could not send. */
  refusedIn: (read: Read) => RefusedFile[]
  /** Called with a fresh read before it is shown (a batch keeps the organizer's choices across re-reads). */
  onRead?: (read: Read) => void
  onImported: (result: Result) => void
}

export function useImportFlow<Read, Result>(options: ImportFlowOptions<Read, Result>) {
  const step = ref<ImportStep>('reading')
  const failure = ref('')
  const encodings = ref<Encodings>({})
  const read = ref<Read | null>(null) as Ref<Read | null>
  const result = ref<Result | null>(null) as Ref<Result | null>
  const upload = useMaterialSources()
  const job = useMaterialJob()

  const refused = computed(() => [...upload.failed.value, ...(read.value ? options.refusedIn(read.value) : [])])
  const busy = computed(() => ['uploading', 'reading', 'importing'].includes(step.value))
  /** The read is on screen (also while it is read again after an encoding switch). */
  const showingRead = computed(() => step.value === 'ready' || step.value === 'reading')

  async function start(picked: Picked): Promise<void> {
    failure.value = ''
    read.value = null
    result.value = null
    encodings.value = {}
    if (picked.type === 'files') step.value = 'uploading'
    const problem = await upload.gather(picked)
    if (problem) {
      failure.value = problem === 'cancelled' ? '' : problem
      step.value = problem === 'cancelled' ? 'cancelled' : 'failed'
      return
    }
    await readSources()
  }

  async function readSources(): Promise<void> {
    step.value = 'reading'
    try {
      const next = await options.read(upload.sources.value, encodings.value)
      options.onRead?.(next)
      read.value = next
      step.value = 'ready'
    } catch (error) {
      failure.value = errorMessage(error)
      step.value = 'failed'
    }
  }

  function switchEncoding(key: string, choice: EncodingChoice): void {
    encodings.value = withEncoding(encodings.value, key, choice)
    void readSources()
  }

  async function runImport(call: (sources: MaterialSource[], encodings: Encodings) => Promise<Result>): Promise<void> {
    step.value = 'importing'
    const outcome = await job.run(() => call(upload.sources.value, encodings.value))
    if ('result' in outcome) {
      result.value = outcome.result
      step.value = 'done'
      options.onImported(outcome.result)
    } else if ('cancelled' in outcome) {
      step.value = 'cancelled'
    } else {
      failure.value = outcome.error
      step.value = 'failed'
    }
  }

  return { step, failure, encodings, read, result, upload, job, refused, busy, showingRead, start, switchEncoding, runImport }
}
