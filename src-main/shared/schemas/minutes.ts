/**
 * The recorder's notes, the minutes settings, the minutes outline (the preview the UI shows, built by
 * the same code as the .docx body) and the result of an export.
 */
import { z } from 'zod'
import { Id, IsoDate, Timestamp, optionalText } from './common'

/** One entry of the recorder's notes (会议记录): who spoke, about which unit, what was said and decided. */
export const AgendaNoteFields = z
  .object({
    speaker: z.string().trim().max(50, '发言人不能超过 50 个字').default(''),
    /** The unit the note is about; null for a general note (rules, deliberation…). */
    unitId: Id.nullable().default(null),
    keyPoints: z.string().trim().max(4000, '发言要点不能超过 4000 个字').default(''),
    decisions: z.string().trim().max(4000, '会议决定不能超过 4000 个字').default(''),
  })
  .refine((n) => n.keyPoints !== '' || n.decisions !== '', { message: '发言要点和会议决定不能都为空', path: ['keyPoints'] })
export type AgendaNoteFields = z.input<typeof AgendaNoteFields>

export const AgendaNote = z.object({
  id: Id,
  meetingId: Id,
  seq: z.number().int(),
  speaker: z.string(),
  unitId: Id.nullable(),
  keyPoints: z.string(),
  decisions: z.string(),
  updatedAt: Timestamp,
})
export type AgendaNote = z.infer<typeof AgendaNote>

const PersonName = z.string().trim().min(1, '姓名不能为空').max(60, '姓名（含职务）不能超过 60 个字')
/** A list of people printed after 出席：/列席：/请假：, each once. */
const NameList = (label: string) =>
  z
    .array(PersonName)
    .max(200, `${label}名单不能超过 200 人`)
    .default([])
    .refine((names) => new Set(names).size === names.length, { message: `${label}名单中有重复的姓名` })

export const MinutesSettingsFields = z.object({
  /** Title of the minutes; a line break ("\n") is kept where the title should wrap. */
  title: z.string().trim().min(1, '纪要标题不能为空').max(120, '纪要标题不能超过 120 个字'),
  issuingBody: optionalText(100),
  issueDate: IsoDate,
  attendees: NameList('出席'),
  observers: NameList('列席'),
  absentees: NameList('请假'),
  recorder: optionalText(50),
  /** 三、评审意见: the panel's overall opinion, before the per-unit opinions. */
  overallOpinion: optionalText(4000),
  /** 四、有关事项: one paragraph per line. */
  otherMatters: optionalText(4000),
  /** The sentence that introduces the recommended list. */
  recommendedWording: optionalText(500),
  /** Units whose band is one of these are recommended (labels of the meeting's bands). */
  recommendedBands: z.array(z.string().trim().min(1).max(10)).max(10).default([]),
  /** 计分人 / 复核人 printed under the summary sheet; empty leaves a line to sign. */
  scorer: optionalText(50),
  checker: optionalText(50),
  /** Print "内部资料 注意保管" on the score sheets. */
  markInternal: z.boolean().default(true),
})
export type MinutesSettingsFields = z.input<typeof MinutesSettingsFields>

export const MinutesSettings = MinutesSettingsFields.extend({
  meetingId: Id,
  /** False while the settings are the defaults derived from the meeting (nothing saved yet). */
  saved: z.boolean(),
  updatedAt: Timestamp.nullable(),
})
export type MinutesSettings = z.infer<typeof MinutesSettings>

/** A paragraph of the minutes body; `lead` is printed first in 楷体 (an inline "（一）…。" heading). */
export const MinutesBlock = z.object({
  kind: z.enum(['paragraph', 'subheading']),
  lead: z.string().default(''),
  text: z.string(),
})
export type MinutesBlock = z.infer<typeof MinutesBlock>

export const MinutesOutline = z.object({
  /** Title lines, as they wrap in the document. */
  titleLines: z.array(z.string()),
  opening: z.array(z.string()),
  sections: z.array(z.object({ heading: z.string(), blocks: z.array(MinutesBlock) })),
  /** 附件：1. 评分汇总表 … */
  attachments: z.array(z.string()),
  /** 出席：/列席：/请假：/记录： lines. */
  attendance: z.array(z.object({ label: z.string(), names: z.string() })),
  issuingBody: z.string(),
  /** Issue date as printed: 2024年12月18日. */
  issueDate: z.string(),
  /** Things the organizer should know before issuing (incomplete scores…); not printed. */
  warnings: z.array(z.string()),
})
export type MinutesOutline = z.infer<typeof MinutesOutline>

export const ExportResult = z.object({
  fileName: z.string(),
  path: z.string(),
  bytes: z.number().int().nonnegative(),
})
export type ExportResult = z.infer<typeof ExportResult>
