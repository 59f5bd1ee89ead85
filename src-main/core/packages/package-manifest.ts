/**
 * The package's manifest (`manifest.json`, the first entry of every package): what the package is,
 * for which meeting, reviewer and rubric, and every other file with its size and SHA-256. The full
 * format is written down in docs/package-format.md; change both together.
 */
import { z } from 'zod'

export const PACKAGE_FORMAT = 'onsite-review-package'
/** Raise when a reader of the previous version could misread a new package; add its app version below. */
export const PACKAGE_FORMAT_VERSION = 1
/** The first app version that reads each format version: named when a package is too new. */
export const FIRST_APP_READING: Record<number, string> = { 1: '0.1.0' }

export const MANIFEST_PATH = 'manifest.json'
export const AUTH_PATH = 'manifest.hmac'
/** The data file of every kind: the meeting's rows (meeting-slice.ts), a SQLite database. */
export const SLICE_PATH = 'data/meeting.sqlite'

export const PACKAGE_KINDS = ['distribution', 'return', 'archive'] as const
export type PackageKind = (typeof PACKAGE_KINDS)[number]
export const PACKAGE_KIND_NAMES: Record<PackageKind, string> = { distribution: '评审包', return: '评审结果包', archive: '会议归档包' }

/**
 * Entry names a package may hold: ASCII letters, digits, dot, dash and underscore, in at most three
 * folders; never absolute, never `..`. Names people read (a material's 申报书.pdf) live in the data,
 * so no zip name ever needs decoding and a crafted name has nowhere to point.
 */
const SAFE_PATH = /^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}(\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}){0,3}$/
export const isSafePackagePath = (path: string): boolean => SAFE_PATH.test(path)

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, '应为 64 位小写十六进制 SHA-256')
export const PackageFile = z.object({
  path: z.string().refine(isSafePackagePath, '文件名不安全'),
  size: z.number().int().min(0),
  sha256: Sha256,
})
export type PackageFile = z.infer<typeof PackageFile>

export const PackageManifest = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int().min(1),
  /** The first app version that reads this format version. */
  minAppVersion: z.string().max(40),
  /** The app that wrote it. */
  appVersion: z.string().max(40),
  kind: z.enum(PACKAGE_KINDS),
  packageId: z.uuid(),
  createdAt: z.iso.datetime(),
  /** The database schema version of the data files inside (`PRAGMA user_version`). */
  schemaVersion: z.number().int().min(1),
  meeting: z.object({ id: z.uuid(), name: z.string().max(200) }),
  /** SHA-256 over what scoring depends on (services/rubric.ts rubricHash): scores are only merged into the same rubric. */
  rubricHash: Sha256,
  /** Distribution and return packages belong to one reviewer; an archive to none. */
  reviewer: z.object({ id: z.uuid(), name: z.string().max(100) }).nullable(),
  /**
   * Return packages: counts up each time that reviewer exports (1, 2, …), so the organizer can tell an
   * older package from a newer one whatever the computers' clocks say. 0 for the other kinds.
   */
  sequence: z.number().int().min(0),
  files: z.array(PackageFile).max(200_000),
})
export type PackageManifest = z.infer<typeof PackageManifest>

/** `manifest.hmac`: return packages are authenticated with the reviewer's key over the manifest's exact bytes. */
export const PackageAuth = z.object({
  alg: z.literal('HMAC-SHA256'),
  reviewerId: z.uuid(),
  /** Hex HMAC-SHA256(reviewer key, bytes of manifest.json). */
  tag: z.string().regex(/^[0-9a-f]{64}$/),
})
export type PackageAuth = z.infer<typeof PackageAuth>
