/**
 * Full-text search over the materials' extracted pages.
 *
 * The query is split on spaces into words; a page matches when it holds every word, as plain text:
 * FTS5 syntax (AND, OR, NEAR, *, ^, quotes, parentheses) is never interpreted. Matching ignores
 * the case of Latin letters and treats spaces and punctuation inside a word literally.
 *
 * Words of three or more characters are trigram phrases. Shorter words (党, 党建) have no trigram
 * of their own; every occurrence of one is the start of a trigram in the index's vocabulary, except
 * in a page's last two characters, which an expression index holds (migration 007). So no query
 * reads every page's text.
 */
import type { Database } from 'better-sqlite3'
import type { MaterialSearchResult } from '../../shared/schemas/material'
import { stmt } from '../db/statements'

/** Characters of context the snippet shows before and after the match. */
export const SNIPPET_BEFORE = 30
export const SNIPPET_AFTER = 60

export interface SearchInput {
  meetingId: string
  query: string
  /** Only this unit's materials (the caller has checked it belongs to the meeting). */
  unitId?: string
  limit: number
}

/** The query's words, split on any whitespace (also the full-width space), each once. */
export const searchWords = (query: string): string[] => [...new Set(query.split(/\s+/u).filter((w) => w !== ''))]

/** Lower-cases like the trigram tokenizer folds; keeps the length, so positions found in it hold in the original. */
export function fold(text: string): string {
  const lower = text.toLowerCase()
  return lower.length === text.length ? lower : text.replace(/[A-Z]/g, (c) => c.toLowerCase())
}

/** An FTS5 string: inside double quotes every character is text; a quote is doubled. */
const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`

const vocabularies = new WeakSet<Database>()

/** The trigram index's terms, as a per-connection temp table (derived data: nothing to migrate or back up). */
function ensureVocabulary(db: Database): void {
  if (vocabularies.has(db)) return
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.material_fts_terms USING fts5vocab(main, 'material_fts', 'row')")
  vocabularies.add(db)
}

/** Ids of the pages (of any meeting) that contain `word`. */
function pagesWithWord(db: Database, word: string): Set<number> {
  const match = stmt(db, 'SELECT rowid FROM material_fts WHERE material_fts MATCH ?').pluck()
  const folded = fold(word)
  if ([...folded].length >= 3) return new Set(match.all(phrase(folded)) as number[])
  ensureVocabulary(db)
  const terms = stmt(db, 'SELECT term FROM temp.material_fts_terms WHERE term >= ? AND term < ?').pluck().all(folded, `${folded}\u{10FFFF}`) as string[]
  const pages = new Set<number>()
  for (const term of terms) for (const id of match.all(phrase(term)) as number[]) pages.add(id)
  // Same expression as the index material_pages_tail, so only the index is read.
  for (const id of stmt(db, 'SELECT id FROM material_pages WHERE instr(lower(substr(text, -2)), ?) > 0').pluck().all(folded) as number[]) pages.add(id)
  return pages
}

interface PageRow {
  id: number
  materialId: string
  unitId: string
  materialName: string
  page: number
}

export function searchMaterials(db: Database, input: SearchInput): MaterialSearchResult {
  const { meetingId, unitId, limit } = input
  const words = searchWords(input.query)
  if (words.length === 0) return { hits: [], total: 0 }
  let pages: Set<number> | undefined
  for (const word of words) {
    const found = pagesWithWord(db, word)
    pages = pages ? new Set([...pages].filter((id) => found.has(id))) : found
    if (pages.size === 0) return { hits: [], total: 0 }
  }
  const rows = stmt(
    db,
    `SELECT p.id AS id, p.material_id AS materialId, m.unit_id AS unitId, m.name AS materialName, p.page AS page
     FROM json_each(?) AS j
     JOIN material_pages AS p ON p.id = j.value
     JOIN materials AS m ON m.id = p.material_id
     JOIN units AS u ON u.id = m.unit_id
     WHERE m.meeting_id = ? AND (? IS NULL OR m.unit_id = ?)
     ORDER BY u.seq, m.seq, p.page`,
  ).all(JSON.stringify([...pages!]), meetingId, unitId ?? null, unitId ?? null) as PageRow[]
  const text = stmt(db, 'SELECT text FROM material_pages WHERE id = ?').pluck()
  const hits = rows.slice(0, limit).map((r) => ({
    materialId: r.materialId,
    unitId: r.unitId,
    materialName: r.materialName,
    page: r.page,
    snippet: snippet(text.get(r.id) as string, words),
  }))
  return { hits, total: rows.length }
}

const collapse = (text: string) => text.replace(/\s+/gu, ' ')

/** The page's first match of any word, with the text around it; plain text, whitespace runs as one space. */
export function snippet(text: string, words: string[]): { before: string; match: string; after: string } {
  const folded = fold(text)
  let at = -1
  let length = 0
  for (const word of words) {
    const i = folded.indexOf(fold(word))
    if (i >= 0 && (at < 0 || i < at)) [at, length] = [i, word.length]
  }
  if (at < 0) return { before: '', match: '', after: collapse(text.slice(0, SNIPPET_AFTER)).trim() }
  return {
    before: collapse(text.slice(Math.max(0, at - SNIPPET_BEFORE), at)).trimStart(),
    match: text.slice(at, at + length),
    after: collapse(text.slice(at + length, at + length + SNIPPET_AFTER)).trimEnd(),
  }
}
