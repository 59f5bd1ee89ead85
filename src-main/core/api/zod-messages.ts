import { z } from 'zod'

// Zod's own messages (type errors, missing fields…) in Chinese; our schemas add field-specific ones.
z.config(z.locales.zhCN())

/** One readable sentence plus the full list, each prefixed with the field path. */
export function describeZodError(error: z.ZodError): { message: string; details: string[] } {
  const details = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.')
    return path ? `${path}：${issue.message}` : issue.message
  })
  const first = error.issues[0]
  return { message: `输入有误：${first ? first.message : '格式不正确'}`, details }
}
