import { z } from 'zod'

// The shared schemas' own messages are Chinese; this makes zod's generic ones (type errors…) Chinese too.
z.config(z.locales.zhCN())

export type FieldErrors = Record<string, string>

/** Runs a shared schema over a form value; returns the parsed data or the first message per top-level field. */
export function checkForm<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; data: z.output<S>; errors: FieldErrors } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, data: result.data, errors: {} }
  const errors: FieldErrors = {}
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.') || '_'
    if (!(key in errors)) errors[key] = issue.message
  }
  return { ok: false, errors }
}
