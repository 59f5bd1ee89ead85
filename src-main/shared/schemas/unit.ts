import { z } from 'zod'
import { Id, Timestamp, optionalText, trimmed } from './common'

export const UNIT_CATEGORIES = ['处室', '直属单位'] as const
export const UnitCategory = z.enum(UNIT_CATEGORIES, { message: '类别只能是“处室”或“直属单位”' })

export const UnitFields = z.object({
  name: trimmed('单位名称', 100),
  category: UnitCategory,
  department: optionalText(100),
  brand: optionalText(100),
  contact: optionalText(50),
  phone: optionalText(50),
})
export type UnitFields = z.infer<typeof UnitFields>

export const Unit = UnitFields.extend({
  id: Id,
  meetingId: Id,
  seq: z.number().int(),
  updatedAt: Timestamp,
  /** 退出评审: when the unit dropped out (null = taking part); its scores stay, it is not ranked. */
  withdrawnAt: Timestamp.nullable().default(null),
  withdrawnReason: z.string().default(''),
  /** Some reviewer has scored it: it can no longer be deleted, only withdrawn. */
  scored: z.boolean().default(false),
})
export type Unit = z.infer<typeof Unit>

export const UnitImportResult = z.object({
  imported: z.number().int(),
  skipped: z.number().int(),
  /** What would be or was imported, in sheet order (the preview shows them even when other rows are refused). */
  rows: z.array(UnitFields),
  /** Rows that are not units (填表人/制表日期 footer, notes): skipped and shown, never an error. */
  ignored: z.array(z.object({ rowNumber: z.number().int(), text: z.string() })),
  /** Problems per row; the preview lists them, a real import with any of them is refused whole. */
  errors: z.array(z.string()),
  dryRun: z.boolean(),
})
export type UnitImportResult = z.infer<typeof UnitImportResult>
