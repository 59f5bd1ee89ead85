/**
 * A batch's files grouped by unit folder: the first folder of each name (a subfolder, or an inner zip
 * named without its extension) is the group. A single wrapping folder that is not itself a unit
 * (“2024年材料/办公室/…”) is looked through. Files outside any folder cannot be given to a unit.
 */
import type { RefusedFile } from '../../shared/schemas/material'
import type { SourceFile } from './source-files'
import { matchUnit } from './unit-names'

export interface BatchGroup {
  /** The folder's name as found. */
  key: string
  unitId: string | null
  /** Names inside the group, without the group's folder. */
  files: SourceFile[]
  bytes: number
}

const firstSegment = (name: string) => name.split('/')[0]

export function groupBatch(files: SourceFile[], units: readonly { id: string; name: string }[]): { groups: BatchGroup[]; refused: RefusedFile[] } {
  let prefix = ''
  for (;;) {
    const rest = files.map((f) => f.name.slice(prefix.length))
    const top = rest[0] === undefined ? undefined : firstSegment(rest[0])
    const wrapped = top !== undefined && rest.every((n) => n.includes('/') && firstSegment(n) === top)
    if (!wrapped || matchUnit(top, units)) break
    prefix += `${top}/`
  }
  const groups = new Map<string, BatchGroup>()
  const refused: RefusedFile[] = []
  for (const file of files) {
    const name = file.name.slice(prefix.length)
    if (!name.includes('/')) {
      refused.push({ name: file.name, reason: '不在任何单位的文件夹中，无法确定属于哪个单位；请放进以单位命名的文件夹' })
      continue
    }
    const key = firstSegment(name)
    const group = groups.get(key) ?? { key, unitId: matchUnit(key, units)?.id ?? null, files: [], bytes: 0 }
    groups.set(key, group)
    group.files.push({ ...file, name: name.slice(key.length + 1) })
    group.bytes += file.size
  }
  return { groups: [...groups.values()], refused }
}
