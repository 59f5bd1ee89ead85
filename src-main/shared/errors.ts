/** Error codes every consumer of the API can rely on. Messages are for people (zh-CN). */
export const ERROR_CODES = [
  'VALIDATION', // input does not match the contract
  'NOT_FOUND',
  'CONFLICT', // the change contradicts existing data (duplicate name, locked rubric…)
  'OUT_OF_RANGE',
  'OFF_STEP',
  'RUBRIC_INVALID',
  'IMPORT_INVALID',
  'DB_TOO_NEW',
  // The data file or folder (see core/db/db-errors.ts for what each means to the user).
  'DB_CORRUPT',
  'DB_READ_ONLY',
  'DB_NOT_A_FILE',
  'DB_IN_USE',
  'DB_BUSY',
  'DISK_FULL',
  'DISK_IO',
  'UNKNOWN_OPERATION',
  'FORBIDDEN', // reviewer mode: not this reviewer's to see or change; or a wrong PIN
  'HOST_UNAVAILABLE', // a desktop-only operation (open a file, save a copy…) asked of browser mode
  'CANCELLED', // the user cancelled a long job (an import…): nothing was written, not a failure
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** Optional per-field or per-row details, e.g. the rows of a rejected spreadsheet. */
  details?: string[]
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError }

/** details[0] of units.delete's CONFLICT when the unit holds materials (details[1]: how many): the caller confirms, then deletes withMaterials. */
export const UNIT_HAS_MATERIALS = 'has-materials'
