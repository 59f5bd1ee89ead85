/**
 * The shipped demo meeting as data (`resources/demo/demo-meeting.json`): one versioned, self-contained
 * JSON file with a fixed UUID on every row, written by `scripts/make-demo.ts` and validated here on load.
 * Points are given as the user sees them (7.5); the loader converts them to tenths.
 */
import { z } from 'zod'
import { Id, Points } from '../../../shared/schemas/common'
import { MeetingFields } from '../../../shared/schemas/meeting'
import { ReviewerFields, RECUSAL_SOURCES } from '../../../shared/schemas/reviewer'
import { CriterionInput, RubricInput, RubricItemInput, VetoItemInput } from '../../../shared/schemas/rubric'
import { RulesInput } from '../../../shared/schemas/rules'
import { UnitFields } from '../../../shared/schemas/unit'

export const DEMO_FORMAT = 'onsite-review-demo'
export const DEMO_VERSION = 1
/** The demo meeting's fixed id: opening the demo twice finds the first one. */
export const DEMO_MEETING_ID = 'af669fbe-c3e1-55ed-803f-d406c67f1a74'

const Reason = z.string().trim().min(1, '事由不能为空').max(500)
const Sheet = { id: Id, reviewerId: Id, unitId: Id }

export const DemoFile = z.object({
  format: z.literal(DEMO_FORMAT, { message: `不是示例会议数据文件（format 应为 ${DEMO_FORMAT}）` }),
  version: z.literal(DEMO_VERSION, { message: `示例会议数据版本不受支持（应为 ${DEMO_VERSION}）` }),
  meeting: MeetingFields.extend({ id: Id }),
  rubric: RubricInput.extend({
    criteria: z.array(CriterionInput.extend({ id: Id, items: z.array(RubricItemInput.extend({ id: Id })).min(1) })).min(1),
    vetoItems: z.array(VetoItemInput.extend({ id: Id })),
  }),
  rules: RulesInput,
  units: z.array(UnitFields.extend({ id: Id })).min(1),
  reviewers: z.array(ReviewerFields.extend({ id: Id, submittedAt: z.string().nullable() })).min(1),
  recusals: z.array(z.object({ ...Sheet, source: z.enum(RECUSAL_SOURCES), reason: Reason })),
  scores: z.array(z.object({ ...Sheet, itemId: Id, value: Points, deductionReason: z.string().max(500) })),
  reviews: z.array(
    z.object({
      ...Sheet,
      bonus: Points.nullable(),
      bonusReason: z.string().max(500),
      strengths: z.string().max(2000),
      weaknesses: z.string().max(2000),
      suggestions: z.string().max(2000),
    }),
  ),
  vetoMarks: z.array(z.object({ ...Sheet, vetoItemId: Id, reason: Reason })),
  vetoDecisions: z.array(z.object({ id: Id, unitId: Id, decision: z.enum(['confirmed', 'not_established']), reason: Reason })),
})
export type DemoFile = z.output<typeof DemoFile>
