/**
 * Puts files into a core's materials the way an import ends — stored by hash (putFile), text extracted
 * (extractText), rows inserted (insertMaterials) — without the import job or UI, for the viewer's tests
 * and bench. The real importer (materials.import) is the one place that decides what gets in.
 */
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { Core } from '../../src-main/core/app'
import type { Material, MaterialKind } from '../../src-main/shared/schemas/material'
import { putFile } from '../../src-main/core/materials/material-store'
import { extractText } from '../../src-main/core/materials/text/extract-text'
import { insertMaterials, type NewMaterial } from '../../src-main/core/materials/material-rows'
import { writeTransaction } from '../../src-main/core/db/transaction'

const CONTENT_TYPES: Record<MaterialKind, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  txt: 'text/plain; charset=utf-8',
  image: 'image/png',
  unsupported: 'application/octet-stream',
}

export interface SeedFile {
  name: string
  data: Buffer
  /**
   * Recorded as this kind even when the text cannot be read (a corrupt PDF the importer would
   * refuse): how the viewer copes with a file that breaks after import.
   */
  kind?: MaterialKind
}

export async function seedMaterials(core: Core, meetingId: string, unitId: string, files: SeedFile[]): Promise<Material[]> {
  const dir = mkdtempSync(join(tmpdir(), 'onsite-seed-'))
  try {
    const rows: NewMaterial[] = []
    for (const file of files) {
      const path = join(dir, basename(file.name))
      writeFileSync(path, file.data)
      const stored = await putFile(core.context.dataDir, path)
      const text = await extractText(path).catch(() => null)
      const kind = file.kind ?? text?.kind ?? 'unsupported'
      const image = kind === 'image' && file.data.subarray(0, 3).toString('hex') === 'ffd8ff' ? 'image/jpeg' : undefined
      rows.push({
        id: randomUUID(),
        meetingId,
        unitId,
        name: file.name,
        size: stored.size,
        sha256: stored.sha256,
        kind,
        contentType: image ?? CONTENT_TYPES[kind],
        pageCount: text?.pages.length ?? 1,
        hasTextLayer: text?.hasTextLayer ?? false,
        note: text?.note ?? '',
        pages: text?.pages ?? [''],
      })
    }
    writeTransaction(core.context.db, () => insertMaterials(core.context.db, rows, new Date().toISOString()))
    return core.dispatch('materials.list', { meetingId, unitId }).then((r) => {
      if (!r.ok) throw new Error(r.error.message)
      return (r.data as Material[]).filter((m) => rows.some((row) => row.id === m.id))
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
