import { z } from 'zod'

export const Id = z.uuid({ message: '编号格式不正确' })
export const IsoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' })
export const Timestamp = z.string()
export const trimmed = (label: string, max = 200) =>
  z
    .string()
    .trim()
    .min(1, `${label}不能为空`)
    .max(max, `${label}不能超过 ${max} 个字`)
export const optionalText = (max = 2000) => z.string().trim().max(max, `不能超过 ${max} 个字`).default('')

/** Points as the user sees them (e.g. 7.5). The core stores integer tenths. */
export const Points = z.number().finite().min(0, '分值不能为负')

export const MeetingRef = z.object({ meetingId: Id })
export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })
