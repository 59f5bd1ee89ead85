/**
 * Choosing package files, the same way on every card that reads one: the desktop app's open dialog or
 * a drop (paths), or in a browser a chosen or dropped file (uploaded only when its turn comes, with its
 * progress in `uploading`). Only .zip files are packages: the others are named back, never sent.
 */
import { ref } from 'vue'
import { host, isDesktop } from '../../api'
import { withApiError } from '../../composables/useApiCall'
import { carriesFiles } from '../materials/dropSources'
import { baseName, fromPaths, splitZips, uploadPackage, type NamedSource } from './packageSource'

/** A package still to fetch: a path at once, a browser file once uploaded. */
export interface PendingPackage {
  name: string
  get: () => Promise<NamedSource>
}

export const readyPackage = (source: NamedSource): PendingPackage => ({ name: source.name, get: () => Promise.resolve(source) })

export interface PackagePickOptions {
  /** The desktop dialog's title. */
  title: string
  /** Several packages at once (merging returns), or one (opening a distribution package). */
  multiple: boolean
  /** The chosen packages, and the names of the chosen files that are not .zip. */
  take: (packages: PendingPackage[], notZips: string[]) => void
}

const isZip = (name: string) => name.toLowerCase().endsWith('.zip')

export function usePackagePick(options: PackagePickOptions) {
  const fileInput = ref<HTMLInputElement>()
  const dropping = ref(false)
  const uploading = ref<{ name: string; percent: number } | null>(null)
  const some = <T>(list: T[]) => (options.multiple ? list : list.slice(0, 1))

  const upload = (file: File): PendingPackage => ({
    name: file.name,
    get: async () => {
      const show = (loaded: number) => (uploading.value = { name: file.name, percent: file.size ? Math.floor((loaded / file.size) * 100) : 0 })
      show(0)
      try {
        return await uploadPackage(file, show, new AbortController().signal)
      } finally {
        uploading.value = null
      }
    },
  })

  function takeFiles(files: File[]): void {
    const { zips, others } = splitZips(some(files))
    options.take(zips.map(upload), others)
  }

  function takePaths(paths: string[]): void {
    const chosen = some(paths)
    options.take(fromPaths(chosen.filter(isZip)).map(readyPackage), chosen.filter((p) => !isZip(p)).map(baseName))
  }

  async function pick(): Promise<void> {
    if (!isDesktop) return fileInput.value?.click()
    const answer = await withApiError(() => host.host.pickPackage({ title: options.title }))
    if (answer?.paths.length) takePaths(answer.paths)
  }

  function onChosen(event: Event): void {
    const input = event.target as HTMLInputElement
    const files = [...(input.files ?? [])]
    input.value = ''
    if (files.length) takeFiles(files)
  }

  function onDragOver(event: DragEvent): void {
    dropping.value = carriesFiles(event)
  }

  function onDrop(event: DragEvent): void {
    dropping.value = false
    const files = [...(event.dataTransfer?.files ?? [])]
    if (!files.length) return
    // The desktop app reads a dropped file where it lies; a browser has to upload it.
    const onsite = window.onsite
    if (onsite) takePaths(files.map((f) => onsite.pathForFile(f)))
    else takeFiles(files)
  }

  return { fileInput, dropping, uploading, pick, onChosen, onDragOver, onDrop }
}
