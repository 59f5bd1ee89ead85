import { z } from 'zod'
import { Id, MeetingRef, Timestamp } from './common'

/**
 * A reviewer's annotation on a material page (Zotero's model, so it survives zoom): the page index
 * (0-based) and rectangles [x1, y1, x2, y2]. On a PDF the rectangles are in PDF user-space points
 * (origin bottom-left, y up, as pdf.js `viewport.convertToPdfPoint` gives); on an image, pageIndex is 0
 * and the rectangles are in the image's own pixels (origin top-left). Annotations belong to their reviewer.
 */
export const ANNOTATION_COLORS = ['#ffd400', '#ff6666', '#5fb236', '#2ea8e5', '#a28ae5'] as const
export const ANNOTATION_COLOR_NAMES: Record<(typeof ANNOTATION_COLORS)[number], string> = {
  '#ffd400': '黄',
  '#ff6666': '红',
  '#5fb236': '绿',
  '#2ea8e5': '蓝',
  '#a28ae5': '紫',
}
export const AnnotationColor = z.enum(ANNOTATION_COLORS, { message: '颜色只能从给定的几种中选' })
const coordinate = z.number().finite().min(-100_000).max(100_000)
export const AnnotationRect = z.tuple([coordinate, coordinate, coordinate, coordinate])
export const AnnotationKind = z.enum(['highlight', 'rect'], { message: '批注只能是“划线高亮”或“矩形框选”' })

export const AnnotationFields = z.object({
  materialId: Id,
  kind: AnnotationKind,
  pageIndex: z.number().int().min(0).max(100_000),
  rects: z.array(AnnotationRect).min(1, '批注至少要有一个区域').max(500, '一条批注的区域过多'),
  /** The text under a highlight (empty for a rectangle). */
  text: z.string().trim().max(5000, '选中的文字过长').default(''),
  note: z.string().trim().max(2000, '批注不能超过 2000 个字').default(''),
  color: AnnotationColor.default('#ffd400'),
})

export const Annotation = AnnotationFields.extend({
  id: Id,
  meetingId: Id,
  reviewerId: Id,
  unitId: Id,
  text: z.string(),
  note: z.string(),
  color: AnnotationColor,
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Annotation = z.infer<typeof Annotation>

export const AnnotationListInput = MeetingRef.extend({ reviewerId: Id, unitId: Id.optional(), materialId: Id.optional() })
/** Without id: a new annotation; with id: change that one (its material and kind stay). */
export const AnnotationSaveInput = MeetingRef.extend({ reviewerId: Id, id: Id.optional() }).extend(AnnotationFields.shape)
export const AnnotationRef = MeetingRef.extend({ reviewerId: Id, id: Id })
