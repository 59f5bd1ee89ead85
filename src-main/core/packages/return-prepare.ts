/**
 * The half of a return package's merge that needs no database: the package opened and checked
 * (package-reader: zip, manifest, hashes, this meeting, the reviewer's HMAC) and its data file
 * extracted and checked (slice-check: whole, of a known schema, only that reviewer's rows). Plain data
 * in and out, so it runs on the main thread for one package or in a worker thread for the next of many
 * (merge-returns.ts). The merge itself (merge-return.ts) decides in the order a clerk would: a package of
 * another meeting or signed with another key is refused outright; an already merged or older one is
 * reported as such even when its data file is also damaged; only then does a damaged data file refuse it.
 */
import type { Database } from 'better-sqlite3'
import { stmt } from '../db/statements'
import { PackageError, packageError, type PackageProblem } from './package-errors'
import { SLICE_PATH, type PackageManifest } from './package-manifest'
import { openPackage } from './package-reader'
import { checkSlice } from './slice-check'

/** What a return package is checked against: the meeting, and its reviewers' keys (hex). */
export interface ReturnExpectation {
  meetingId: string
  meetingTitle: string
  keys: Record<string, string>
}

/** A refusal, as plain data (a worker thread's answer cannot carry the error's class). */
export interface Refusal {
  problem: PackageProblem
  message: string
}

export type PreparedReturn =
  | { ok: false; refusal: Refusal }
  | { ok: true; manifest: PackageManifest; manifestBytes: Uint8Array; slice: { ok: true; file: string } | { ok: false; refusal: Refusal } }

export function returnExpectation(db: Database, meetingId: string): ReturnExpectation {
  const meeting = stmt(db, 'SELECT title FROM meetings WHERE id = ?').get(meetingId) as { title: string } | undefined
  if (!meeting) throw packageError('wrong-meeting', '会议不存在')
  const keys = stmt(db, 'SELECT reviewer_id, key FROM reviewer_keys WHERE meeting_id = ?').all(meetingId) as { reviewer_id: string; key: string }[]
  return { meetingId, meetingTitle: meeting.title, keys: Object.fromEntries(keys.map((k) => [k.reviewer_id, k.key])) }
}

/** Opens and checks the package at `path`, its data file extracted to `sliceFile` (a path not yet taken). */
export async function prepareReturn(path: string, expected: ReturnExpectation, sliceFile: string): Promise<PreparedReturn> {
  let pkg: Awaited<ReturnType<typeof openPackage>>
  try {
    pkg = await openPackage(path, { kind: 'return', keyFor: (reviewerId, manifest) => keyFor(expected, reviewerId, manifest) })
  } catch (error) {
    return { ok: false, refusal: asRefusal(error) }
  }
  try {
    const { manifest, manifestBytes } = pkg
    try {
      if (!manifest.files.some((f) => f.path === SLICE_PATH)) throw packageError('missing-file', `评审结果包缺少数据文件 ${SLICE_PATH}`)
      await pkg.extractFile(SLICE_PATH, sliceFile)
      checkSlice(sliceFile, { kind: 'return', meetingId: expected.meetingId, reviewerId: manifest.reviewer!.id })
      return { ok: true, manifest, manifestBytes, slice: { ok: true, file: sliceFile } }
    } catch (error) {
      return { ok: true, manifest, manifestBytes, slice: { ok: false, refusal: asRefusal(error) } }
    }
  } finally {
    pkg.close()
  }
}

function keyFor(expected: ReturnExpectation, reviewerId: string, manifest: PackageManifest): Buffer {
  if (manifest.meeting.id !== expected.meetingId)
    throw packageError('wrong-meeting', `这是会议“${manifest.meeting.name}”的评审结果包，不是本会议（${expected.meetingTitle}）的，已拒绝`)
  const key = Object.hasOwn(expected.keys, reviewerId) ? expected.keys[reviewerId] : undefined
  if (!key) throw packageError('wrong-reviewer', `评审结果包的评委“${manifest.reviewer?.name ?? ''}”不是本会议的评委，或从未给其生成评审包，已拒绝`)
  return Buffer.from(key, 'hex')
}

/** A refusal of the package; anything else (a full disk, a bug) is not the package's fault and is thrown on. */
function asRefusal(error: unknown): Refusal {
  if (error instanceof PackageError) return { problem: error.problem, message: error.message }
  throw error
}

export const refusalError = (refusal: Refusal): PackageError => packageError(refusal.problem, refusal.message)
