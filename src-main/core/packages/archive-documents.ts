/**
 * The documents an archive keeps: minutes, summary sheet, reviewers' sheets and score matrix as they
 * are at archiving time, made by the app's own document writers from the archived slice itself (so
 * the documents and the data are of the same moment). Zip names are ASCII (`documents/1.docx`); the
 * names people read, and why a document could not be made yet, go in `documents/index.json`.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { z } from 'zod'
import { buildMinutesDocx } from '../documents/minutes'
import { scoresOfMeeting } from '../services/score-scope'
import { buildReviewerSheetsDocx } from '../documents/reviewer-sheet'
import { buildScoreMatrixXlsx } from '../documents/score-matrix-xlsx'
import { buildSummaryDocx } from '../documents/summary-sheet'
import { safeFileName } from '../documents/text'
import type { Dossier } from '../documents/dossier'
import { DomainError } from '../errors'
import { loadDossier } from '../services/dossier'
import type { PackageSource } from './package-writer'

export const DOCUMENTS_INDEX_PATH = 'documents/index.json'

export const ArchiveDocumentsIndex = z.object({
  /** Documents in the archive: zip entry → the name the organizer knows it by. */
  documents: z.array(z.object({ kind: z.string(), path: z.string(), name: z.string() })),
  /** Documents that could not be made at archiving time, and why. */
  skipped: z.array(z.object({ kind: z.string(), name: z.string(), reason: z.string() })),
})
export type ArchiveDocumentsIndex = z.infer<typeof ArchiveDocumentsIndex>

interface DocumentMaker {
  kind: string
  ext: 'docx' | 'xlsx'
  name: (d: Dossier) => string
  build: (d: Dossier) => Promise<Uint8Array>
}

const MAKERS: DocumentMaker[] = [
  { kind: 'minutes', ext: 'docx', name: (d) => d.settings.title, build: async (d) => (await buildMinutesDocx(d)).bytes },
  { kind: 'summary', ext: 'docx', name: (d) => `${d.meeting.title}评分汇总表`, build: (d) => buildSummaryDocx(d) },
  { kind: 'reviewer-sheets', ext: 'docx', name: (d) => `${d.meeting.title}评委个人评分表`, build: (d) => buildReviewerSheetsDocx(d, { blank: false }) },
  { kind: 'score-matrix', ext: 'xlsx', name: (d) => `${d.meeting.title}评分矩阵`, build: (d) => buildScoreMatrixXlsx(d) },
]

/**
 * Writes the documents into `folder` and returns the package sources (index included). A meeting
 * without scores has nothing to print yet: each document is skipped with that reason, as is one
 * whose writer refuses (its own Chinese message).
 */
export async function writeArchiveDocuments(slice: Database, meetingId: string, folder: string): Promise<{ sources: PackageSource[]; index: ArchiveDocumentsIndex }> {
  const dossier = loadDossier(slice, meetingId)
  const scored = (slice.prepare(`SELECT count(*) AS n FROM scores WHERE ${scoresOfMeeting()}`).get(meetingId) as { n: number }).n > 0
  const index: ArchiveDocumentsIndex = { documents: [], skipped: [] }
  const sources: PackageSource[] = []
  for (const maker of MAKERS) {
    const name = `${safeFileName(maker.name(dossier))}.${maker.ext}`
    if (!scored) {
      index.skipped.push({ kind: maker.kind, name, reason: '归档时还没有任何评分' })
      continue
    }
    let bytes: Uint8Array
    try {
      bytes = await maker.build(dossier)
    } catch (error) {
      if (!(error instanceof DomainError)) throw error
      index.skipped.push({ kind: maker.kind, name, reason: error.message })
      continue
    }
    const path = `documents/${index.documents.length + 1}.${maker.ext}`
    const file = join(folder, `${index.documents.length + 1}.${maker.ext}`)
    writeFileSync(file, bytes)
    index.documents.push({ kind: maker.kind, path, name })
    sources.push({ path, from: file, compress: true })
  }
  const indexFile = join(folder, 'index.json')
  writeFileSync(indexFile, JSON.stringify(index, null, 1))
  sources.push({ path: DOCUMENTS_INDEX_PATH, from: indexFile, compress: true })
  return { sources, index }
}
