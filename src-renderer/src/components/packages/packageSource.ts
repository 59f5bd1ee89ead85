/**
 * Where a package to read comes from: the desktop app's open dialog (paths), or in a browser a chosen
 * or dropped file sent to POST /upload first (its upload id). Each is named for the messages.
 */
import type { PackageFileSource } from '@shared/schemas/packages'
import { sendByXhr } from '../materials/uploadTransport'

export interface NamedSource {
  /** The file's name, for the report and the errors ("张三_评审结果_…_第1次.zip：…"). */
  name: string
  source: PackageFileSource
}

export const baseName = (path: string): string => path.split(/[\\/]/).pop() || path

export const fromPaths = (paths: string[]): NamedSource[] => paths.map((path) => ({ name: baseName(path), source: { type: 'path', path } }))

/** Streams one browser file to the bridge; the bytes are counted into onProgress. */
export async function uploadPackage(file: File, onProgress: (loaded: number) => void, signal: AbortSignal): Promise<NamedSource> {
  const uploaded = await sendByXhr({ file, name: file.name }, onProgress, signal)
  return { name: file.name, source: { type: 'upload', uploadId: uploaded.uploadId } }
}

/** Only .zip files are packages: a clerk dropping a whole stick's folder gets the rest named, not sent. */
export function splitZips(files: File[]): { zips: File[]; others: string[] } {
  const zips = files.filter((f) => f.name.toLowerCase().endsWith('.zip'))
  return { zips, others: files.filter((f) => !zips.includes(f)).map((f) => f.name) }
}

export const formatSize = (bytes: number): string =>
  bytes >= 1024 * 1024 * 1024
    ? `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`
    : bytes >= 1024 * 1024
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`
