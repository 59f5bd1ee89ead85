/**
 * The materials table and its extracted text: the one place that reads and writes those rows.
 * Files themselves live in the material store (material-store.ts); a row references them by hash.
 */
import type { Database } from 'better-sqlite3'
import type { Material, MaterialKind } from '../../shared/schemas/material'
import { stmt } from '../db/statements'
import { notFound } from '../errors'

interface MaterialRow {
  id: string
  meeting_id: string
  unit_id: string
  seq: number
  name: string
  sha256: string
  size: number
  kind: MaterialKind
  content_type: string
  page_count: number
  has_text_layer: number
  note: string
  imported_at: string
}

const toMaterial = (r: MaterialRow): Material => ({
  id: r.id,
  unitId: r.unit_id,
  name: r.name,
  size: r.size,
  sha256: r.sha256,
  kind: r.kind,
  contentType: r.content_type,
  pageCount: r.page_count,
  hasTextLayer: r.has_text_layer === 1,
  note: r.note,
  importedAt: r.imported_at,
})

/** A material as it is about to be recorded: the file is already in the store. */
export interface NewMaterial extends Omit<Material, 'importedAt'> {
  meetingId: string
  /** Extracted text, one entry per page ('' for a page without text). */
  pages: string[]
}

/** Inserts materials after the unit's existing ones; the caller owns the transaction. */
export function insertMaterials(db: Database, materials: NewMaterial[], importedAt: string): void {
  const nextSeq = stmt(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM materials WHERE unit_id = ?')
  const insert = stmt(
    db,
    `INSERT INTO materials (id, meeting_id, unit_id, seq, name, sha256, size, kind, content_type, page_count, has_text_layer, note, imported_at)
     VALUES (@id, @meetingId, @unitId, @seq, @name, @sha256, @size, @kind, @contentType, @pageCount, @hasTextLayer, @note, @importedAt)`,
  )
  const insertPage = stmt(db, 'INSERT INTO material_pages (material_id, page, text) VALUES (?, ?, ?)')
  for (const m of materials) {
    const { seq } = nextSeq.get(m.unitId) as { seq: number }
    insert.run({ ...m, seq, hasTextLayer: m.hasTextLayer ? 1 : 0, importedAt })
    // Pages without text are not stored: nothing can match them, and a 500-page scan would add 500 empty rows.
    m.pages.forEach((text, i) => {
      if (text.trim() !== '') insertPage.run(m.id, i + 1, text)
    })
  }
}

export function listMaterials(db: Database, meetingId: string, unitId?: string): Material[] {
  const rows = unitId
    ? stmt(db, 'SELECT * FROM materials WHERE meeting_id = ? AND unit_id = ? ORDER BY seq').all(meetingId, unitId)
    : stmt(db, 'SELECT materials.* FROM materials JOIN units ON units.id = materials.unit_id WHERE materials.meeting_id = ? ORDER BY units.seq, materials.seq').all(meetingId)
  return (rows as MaterialRow[]).map(toMaterial)
}

/** One material of a meeting (NOT_FOUND names it as a material). */
export function getMaterial(db: Database, meetingId: string, id: string): Material {
  const row = stmt(db, 'SELECT * FROM materials WHERE id = ? AND meeting_id = ?').get(id, meetingId) as MaterialRow | undefined
  if (!row) throw notFound('材料')
  return toMaterial(row)
}

/** A material by id alone, for serving `/material/<id>` (the URL carries no meeting). */
export function findMaterial(db: Database, id: string): Material | undefined {
  const row = stmt(db, 'SELECT * FROM materials WHERE id = ?').get(id) as MaterialRow | undefined
  return row && toMaterial(row)
}

/** Every hash a row still references: what the store must keep. */
export function referencedHashes(db: Database): Set<string> {
  return new Set((stmt(db, 'SELECT DISTINCT sha256 FROM materials').all() as { sha256: string }[]).map((r) => r.sha256))
}

export function isReferenced(db: Database, sha256: string): boolean {
  return stmt(db, 'SELECT 1 FROM materials WHERE sha256 = ? LIMIT 1').get(sha256) !== undefined
}

/** Extracted text by page (1-based pages; pages without text come back as ''). */
export function materialPages(db: Database, material: Pick<Material, 'id' | 'pageCount'>): string[] {
  const pages = Array.from({ length: Math.max(material.pageCount, 1) }, () => '')
  for (const r of stmt(db, 'SELECT page, text FROM material_pages WHERE material_id = ? ORDER BY page').all(material.id) as { page: number; text: string }[]) {
    if (r.page <= pages.length) pages[r.page - 1] = r.text
  }
  return pages
}
