/**
 * Seeds materials straight into a test core's data folder, the way an import leaves them: the file
 * in the content-addressed store (putFile), its text extracted from the real bytes (extractText),
 * and the rows (insertMaterials). For UI tests that need materials before the import flow exists.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import type { Material } from '../../src-main/shared/schemas/material'
import type { Core } from '../../src-main/core/app'
import { newId } from '../../src-main/core/db/statements'
import { writeTransaction } from '../../src-main/core/db/transaction'
import { insertMaterials, listMaterials, type NewMaterial } from '../../src-main/core/materials/material-rows'
import { putFile } from '../../src-main/core/materials/material-store'
import { extractText } from '../../src-main/core/materials/text/extract-text'

export interface SeedFile {
  /** As stored, folders included (e.g. 台账/2024年台账.pdf). */
  name: string
  data: Buffer
}

const CONTENT_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

/** Adds the files to a unit's materials (after its existing ones) and returns them as listed. */
export async function seedMaterials(core: Core, meetingId: string, unitId: string, files: SeedFile[]): Promise<Material[]> {
  const { db, dataDir } = core.context
  const dir = mkdtempSync(join(tmpdir(), 'onsite-seed-'))
  try {
    const rows: NewMaterial[] = []
    for (const [i, file] of files.entries()) {
      // The extension matters to extractText (plain text, old formats), so the temp file keeps it.
      const path = join(dir, `${i}${extname(file.name)}`)
      writeFileSync(path, file.data)
      const text = await extractText(path)
      const { sha256, size } = await putFile(dataDir, path)
      rows.push({
        id: newId(),
        meetingId,
        unitId,
        name: file.name,
        size,
        sha256,
        kind: text.kind,
        contentType: CONTENT_TYPES[extname(file.name).toLowerCase()] ?? 'application/octet-stream',
        pageCount: text.kind === 'pdf' ? text.pages.length : 1,
        hasTextLayer: text.hasTextLayer,
        note: text.note ?? '',
        pages: text.pages,
      })
    }
    writeTransaction(db, () => insertMaterials(db, rows, new Date().toISOString()))
    const ids = new Set(rows.map((r) => r.id))
    return listMaterials(db, meetingId, unitId).filter((m) => ids.has(m.id))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

