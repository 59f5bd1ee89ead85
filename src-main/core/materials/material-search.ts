/**
 * Full-text search over the materials' extracted pages.
 *
 * The query is split on spaces into words; a page matches when it holds every word, as plain text:
 * FTS5 syntax (AND, OR, NEAR, *, ^, quotes, parentheses) is never interpreted. Matching ignores
 * the case of Latin letters and treats spaces and punctuation inside a word literally.
 *
 * Words of three or more characters are trigram phrases. Shorter words (党, 党建) have no trigram
 * of their own; every occurrence of one is the start of a trigram in the index's vocabulary, except
 * in a page's last two characters, which an expression index holds (migration 007). Once few pages
 * are left, the remaining short words are checked in those pages' text. So no query reads every
 * page's text.
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
  /** Only these units' materials (reviewer mode narrows a meeting-wide search to the reviewer's units). */
  unitIds?: string[]
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

/**
 * Marks, in `marks` (indexed by page id), the pages holding every word so far: a page that held
 * words 0…k-1 has mark k and moves to k+1 when it holds word k too. Returns how many moved.
 */
function markPages(marks: Uint8Array, k: number, ids: number[]): number {
  let moved = 0
  for (const id of ids) {
    if (marks[id] === k) {
      marks[id] = k + 1
      moved++
    }
  }
  return moved
}

/** Trigrams per query when collecting a short word's pages: one OR query instead of dozens of lookups, without a slow merge of hundreds. */
const TERMS_PER_QUERY = 32

/** Page ids (of any meeting) holding a 1–2 character word: trigrams that start with it, then page tails. */
function pagesWithShortWord(db: Database, folded: string): number[] {
  ensureVocabulary(db)
  const match = stmt(db, 'SELECT rowid FROM material_fts WHERE material_fts MATCH ?').pluck()
  const terms = stmt(db, 'SELECT term FROM temp.material_fts_terms WHERE term >= ? AND term < ?').pluck().all(folded, `${folded}\u{10FFFF}`) as string[]
  const lists: number[][] = []
  for (let i = 0; i < terms.length; i += TERMS_PER_QUERY) lists.push(match.all(terms.slice(i, i + TERMS_PER_QUERY).map(phrase).join(' OR ')) as number[])
  // Same expression as the index material_pages_tail, so only the index is read.
  lists.push(stmt(db, 'SELECT id FROM material_pages WHERE instr(lower(substr(text, -2)), ?) > 0').pluck().all(folded) as number[])
  return lists.flat()
}

/** Pages left after a step at or below which the remaining short words are checked in the pages' text. */
const READ_AT_MOST = 200

/** Ids of the meeting's pages that hold every word, in unit, material and page order. */
function matchingPages(db: Database, input: SearchInput, words: string[]): number[] {
  const { meetingId, unitId } = input
  const maxId = (stmt(db, 'SELECT max(id) FROM material_pages').pluck().get() as number | null) ?? 0
  const marks = new Uint8Array(maxId + 1)
  const folded = words.map(fold)
  const long = folded.filter((w) => [...w].length >= 3)
  const short = folded.filter((w) => [...w].length < 3)
  // Every long word in one trigram query (phrases joined by AND); each short word is one more step.
  const steps: (() => number[])[] = []
  if (long.length) steps.push(() => stmt(db, 'SELECT rowid FROM material_fts WHERE material_fts MATCH ?').pluck().all(long.map(phrase).join(' AND ')) as number[])
  for (const w of short) steps.push(() => pagesWithShortWord(db, w))
  for (let k = 0; k < steps.length; k++) {
    const left = markPages(marks, k, steps[k]())
    if (left === 0) return []
    const rest = short.slice(k + 1 - (steps.length - short.length))
    if (rest.length > 0 && left <= READ_AT_MOST) {
      // Few pages left: reading them is cheaper than collecting every page of the remaining short words.
      const text = stmt(db, 'SELECT text FROM material_pages WHERE id = ?').pluck()
      marks.forEach((mark, id) => {
        if (mark !== k + 1) return
        const page = fold(text.get(id) as string)
        if (rest.every((w) => page.includes(w))) marks[id] = steps.length
      })
      break
    }
  }
  // The meeting's pages in display order, from the (material_id, page) index alone: no page text is read.
  const scope = stmt(
    db,
    `SELECT p.id FROM materials AS m
     JOIN units AS u ON u.id = m.unit_id
     JOIN material_pages AS p ON p.material_id = m.id
     WHERE m.meeting_id = ? AND (? IS NULL OR m.unit_id = ?) AND (? IS NULL OR m.unit_id IN (SELECT value FROM json_each(?)))
     ORDER BY u.seq, m.seq, p.page`,
  ).pluck()
  const units = input.unitIds ? JSON.stringify(input.unitIds) : null
  return (scope.all(meetingId, unitId ?? null, unitId ?? null, units, units) as number[]).filter((id) => marks[id] === steps.length)
}

interface HitRow {
  materialId: string
  unitId: string
  materialName: string
  page: number
  text: string
}

export function searchMaterials(db: Database, input: SearchInput): MaterialSearchResult {
  const words = searchWords(input.query)
  if (words.length === 0) return { hits: [], total: 0 }
  const pages = matchingPages(db, input, words)
  const hit = stmt(
    db,
    `SELECT p.material_id AS materialId, m.unit_id AS unitId, m.name AS materialName, p.page AS page, p.text AS text
     FROM material_pages AS p JOIN materials AS m ON m.id = p.material_id WHERE p.id = ?`,
  )
  const hits = pages.slice(0, input.limit).map((id) => {
    const { text, ...row } = hit.get(id) as HitRow
    return { ...row, snippet: snippet(text, words) }
  })
  return { hits, total: pages.length }
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
