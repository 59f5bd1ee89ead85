/**
 * Materials: the files a unit handed in (application reports, ledgers, photos, scans), stored by
 * content hash and reached by the UI only through their id (`material://m/<id>` in Electron,
 * `/material/<id>` in the bridge) — never by path.
 */
import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'

/** What the viewer can do with a file, decided from its bytes at import. */
export const MaterialKind = z.enum(['pdf', 'docx', 'xlsx', 'txt', 'image', 'unsupported'])
export type MaterialKind = z.infer<typeof MaterialKind>

export const Material = z.object({
  id: Id,
  unitId: Id,
  /** The file's name as imported, with the folders inside the import (e.g. 台账/2024年党建台账.pdf). */
  name: z.string(),
  size: z.number().int().min(0),
  sha256: z.string(),
  kind: MaterialKind,
  /** The Content-Type it is served with. */
  contentType: z.string(),
  /** PDF pages; 1 for every other kind. */
  pageCount: z.number().int().min(0),
  /** False for a scanned PDF (无文字层), an image or a format the app cannot read. */
  hasTextLayer: z.boolean(),
  /** Why it cannot be searched or shown (zh-CN), '' when it can. */
  note: z.string(),
  importedAt: Timestamp,
})
export type Material = z.infer<typeof Material>

/** How zip names without a UTF-8 declaration are read (DOMAIN.md §5); 'auto' guesses per archive. */
export const ZipNameEncoding = z.enum(['utf8', 'gb18030'])
export type ZipNameEncoding = z.infer<typeof ZipNameEncoding>

/**
 * Where files to import come from. Desktop: a file or folder path from the open dialog or drag and
 * drop. Browser mode: a file already streamed to `POST /upload` (its name may carry folders, as a
 * folder upload's `webkitRelativePath` does).
 */
export const MaterialSource = z.discriminatedUnion('type', [
  z.object({ type: z.literal('path'), path: z.string().min(1, '路径不能为空').max(4096, '路径过长') }),
  z.object({ type: z.literal('upload'), uploadId: Id }),
])
export type MaterialSource = z.infer<typeof MaterialSource>

const Sources = z.array(MaterialSource).min(1, '请选择要导入的文件').max(10_000, '一次最多导入 10000 个文件')
/** Archive key (as a preview named it) → the encoding the organizer chose for its names. */
const Encodings = z.record(z.string(), ZipNameEncoding).default({})

export const UploadedFile = z.object({ uploadId: Id, name: z.string(), size: z.number().int().min(0) })
export type UploadedFile = z.infer<typeof UploadedFile>

export const RefusedFile = z.object({ name: z.string(), reason: z.string() })
export type RefusedFile = z.infer<typeof RefusedFile>

export const ZipArchiveInfo = z.object({
  /** Stable within one set of sources; the key of `encodings`. */
  key: z.string(),
  name: z.string(),
  encoding: ZipNameEncoding,
  /** True when the archive declares its names UTF-8 itself (flag or 0x7075 field): no choice to make. */
  declared: z.boolean(),
})

export const MaterialPreviewInput = MeetingRef.extend({ sources: Sources, encodings: Encodings })
export const MaterialPreview = z.object({
  /** Every file that would be imported, names as they will be stored. */
  files: z.array(z.object({ name: z.string(), size: z.number().int().min(0), archive: z.string().optional() })),
  archives: z.array(ZipArchiveInfo),
  /** Files that will not be imported (unsafe path, zip bomb, encrypted entry…), each with the reason. */
  refused: z.array(RefusedFile),
  totalBytes: z.number().int().min(0),
})
export type MaterialPreview = z.infer<typeof MaterialPreview>

export const MaterialImportInput = MeetingRef.extend({ unitId: Id, sources: Sources, encodings: Encodings })
export const MaterialImportReport = z.object({
  unitId: Id,
  imported: z.array(Material),
  /** Same content already among the unit's materials, so not added twice. */
  skipped: z.array(RefusedFile),
  /** Files that could not be imported, one clear reason each; the rest of the batch went on. */
  failed: z.array(RefusedFile),
})
export type MaterialImportReport = z.infer<typeof MaterialImportReport>

/** Batch: one folder or zip whose subfolders (or inner zips) are named after the units. */
export const MaterialBatchPlanInput = MeetingRef.extend({ sources: Sources, encodings: Encodings })
export const MaterialBatchGroup = z.object({
  /** The subfolder's (or inner zip's) name as found; the key of an assignment. */
  key: z.string(),
  /** The unit its name matched (trim, full/half width, 党支部 suffixes), null when none did. */
  unitId: Id.nullable(),
  fileCount: z.number().int().min(0),
  bytes: z.number().int().min(0),
})
export const MaterialBatchPlan = z.object({
  groups: z.array(MaterialBatchGroup),
  archives: z.array(ZipArchiveInfo),
  /** Files outside any unit folder and entries refused, with the reason. */
  refused: z.array(RefusedFile),
})
export type MaterialBatchPlan = z.infer<typeof MaterialBatchPlan>
export const MaterialBatchImportInput = MaterialBatchPlanInput.extend({
  /** Every group's unit as the organizer confirmed it; null skips the group. */
  assignments: z.array(z.object({ key: z.string(), unitId: Id.nullable() })).min(1, '请为各文件夹指定单位'),
})

export const MaterialSearchInput = MeetingRef.extend({
  query: z.string().trim().min(1, '请输入要搜索的文字').max(100, '搜索词不能超过 100 个字'),
  /** Only this unit's materials; the whole meeting when absent. */
  unitId: Id.optional(),
  limit: z.number().int().min(1).max(500).default(100),
})
export const MaterialSearchHit = z.object({
  materialId: Id,
  unitId: Id,
  materialName: z.string(),
  /** 1-based page (always 1 for kinds without pages). */
  page: z.number().int().min(1),
  /** The text around the hit, split so the UI can mark `match` without HTML. */
  snippet: z.object({ before: z.string(), match: z.string(), after: z.string() }),
})
export const MaterialSearchResult = z.object({
  hits: z.array(MaterialSearchHit),
  /** Pages that matched in all (hits holds at most `limit`). */
  total: z.number().int().min(0),
})
export type MaterialSearchResult = z.infer<typeof MaterialSearchResult>

export const UnitMaterialOverview = z.object({
  unitId: Id,
  count: z.number().int().min(0),
  bytes: z.number().int().min(0),
  /** PDFs without a text layer (scans): 无文字层. */
  noTextLayer: z.number().int().min(0),
  /** Files the app cannot show (.doc, .wps, .ofd…). */
  unsupported: z.number().int().min(0),
})

export const MaterialRef = MeetingRef.extend({ id: Id })
export const MaterialText = z.object({ pages: z.array(z.string()) })
export const MaterialTable = z.object({
  sheets: z.array(z.object({ name: z.string(), rows: z.array(z.array(z.string())) })),
  /** True when rows or columns beyond what a reader can take were left out. */
  truncated: z.boolean(),
})

export const JobInfo = z.object({ id: z.string(), kind: z.string(), label: z.string(), cancelling: z.boolean() })
