import { z } from 'zod'
import { Id, Points, optionalText, trimmed } from './common'

/** Allowed scoring steps: whole, half and tenth points. */
export const STEPS = [1, 0.5, 0.1] as const
export const Step = z.union([z.literal(1), z.literal(0.5), z.literal(0.1)], { message: '步长只能是 1、0.5 或 0.1' })

/** Second-level item (二级指标). `id` is absent for a new item. */
export const RubricItemInput = z.object({
  id: Id.optional(),
  name: trimmed('二级指标名称', 100),
  maxPoints: Points.positive('满分必须大于 0').max(100, '单项满分不能超过 100'),
  step: Step,
  weight: z.number().positive().max(10).default(1),
  guidance: optionalText(2000),
})
export const RubricItem = RubricItemInput.extend({ id: Id, seq: z.number().int() })
export type RubricItem = z.infer<typeof RubricItem>

/** First-level criterion (一级指标); its maximum must equal the sum of its items. */
export const CriterionInput = z.object({
  id: Id.optional(),
  name: trimmed('一级指标名称', 100),
  maxPoints: Points.positive('满分必须大于 0'),
  items: z.array(RubricItemInput).min(1, '每个一级指标至少要有一个二级指标'),
})
export const Criterion = CriterionInput.extend({ id: Id, seq: z.number().int(), items: z.array(RubricItem) })
export type Criterion = z.infer<typeof Criterion>

export const VetoItemInput = z.object({ id: Id.optional(), name: trimmed('否决事项', 200) })
export const VetoItem = VetoItemInput.extend({ id: Id, seq: z.number().int() })
export type VetoItem = z.infer<typeof VetoItem>

export const RubricInput = z.object({
  /** The stated total (e.g. 100): the criteria maxima must add up to it. */
  basePoints: Points.positive('总分必须大于 0').max(1000),
  /** 特色加分: 0 means no bonus item. */
  bonusMaxPoints: Points.max(100).default(0),
  bonusGuidance: optionalText(2000),
  /** Cap on total with bonus (e.g. 105); null = base + bonus max. */
  totalCapPoints: Points.nullable().default(null),
  deductionReasonRequired: z.boolean().default(false),
  criteria: z.array(CriterionInput),
  vetoItems: z.array(VetoItemInput).default([]),
})
export type RubricInput = z.input<typeof RubricInput>
/** A complete rubric without ids (defaults applied): templates and copies from other meetings. */
export type RubricContent = z.output<typeof RubricInput>

export const Rubric = RubricInput.extend({
  meetingId: Id,
  criteria: z.array(Criterion),
  vetoItems: z.array(VetoItem),
  /** SHA-256 of the canonical rubric: packages carry it, returns must match it. */
  hash: z.string(),
  /** True once any score exists: maxima and steps can no longer change. */
  locked: z.boolean(),
})
export type Rubric = z.infer<typeof Rubric>

/** A rubric to start from: the organizer edits and saves it like one typed by hand. */
export const RubricTemplate = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  rubric: RubricInput,
})
export type RubricTemplate = z.infer<typeof RubricTemplate>
