import { defineStore } from 'pinia'
import { ref } from 'vue'
import { ANNOTATION_COLORS, type Annotation } from '@shared/schemas/annotation'
import { api } from '../api'

/** Whose annotations: the reviewer working in this window. */
export interface AnnotationOwner {
  meetingId: string
  reviewerId: string
}

export type AnnotationTool = 'select' | 'highlight' | 'rect'
export type AnnotationColor = Annotation['color']
export type NewAnnotation = Pick<Annotation, 'materialId' | 'kind' | 'pageIndex' | 'rects' | 'text' | 'note' | 'color'>

/**
 * The reviewer's annotations as the viewer and the panel both see them: one map by id, so a mark made
 * on the page shows in the list at once and a deletion in the list takes the mark off the page. Also
 * the tool and colour chosen (kept across materials) and which mark is open or asked to flash.
 */
export const useAnnotationsStore = defineStore('annotations', () => {
  const owner = ref<AnnotationOwner | null>(null)
  const byId = ref(new Map<string, Annotation>())
  const tool = ref<AnnotationTool>('select')
  const color = ref<AnnotationColor>(ANNOTATION_COLORS[0])
  /** The mark whose note editor is open. */
  const editing = ref<string | null>(null)
  /** A mark to bring on screen and flash (a click in the list); the page that shows it clears it. */
  const flash = ref<{ id: string; token: number } | null>(null)
  let flashes = 0

  /** Another reviewer (or meeting) in this window: nothing of the previous one may show. */
  function use(next: AnnotationOwner): void {
    if (owner.value?.meetingId === next.meetingId && owner.value.reviewerId === next.reviewerId) return
    owner.value = { ...next }
    byId.value = new Map()
    editing.value = null
  }

  /** Loads a unit's or a material's annotations, replacing what was known of them. */
  async function load(who: AnnotationOwner, scope: { unitId: string } | { materialId: string }): Promise<void> {
    use(who)
    const list = await api.annotations.list({ ...who, ...scope })
    if (owner.value?.reviewerId !== who.reviewerId) return
    const next = new Map(byId.value)
    const inScope = (a: Annotation) => ('unitId' in scope ? a.unitId === scope.unitId : a.materialId === scope.materialId)
    for (const [id, a] of next) if (inScope(a)) next.delete(id)
    for (const a of list) next.set(a.id, a)
    byId.value = next
  }

  function put(a: Annotation): Annotation {
    byId.value = new Map(byId.value).set(a.id, a)
    return a
  }

  async function create(who: AnnotationOwner, fields: NewAnnotation): Promise<Annotation> {
    use(who)
    return put(await api.annotations.save({ ...who, ...fields }))
  }

  async function update(who: AnnotationOwner, id: string, change: Partial<Pick<Annotation, 'note' | 'color'>>): Promise<Annotation> {
    const a = byId.value.get(id)
    if (!a) throw new Error('批注不存在或已被删除')
    const { materialId, kind, pageIndex, rects, text, note, color } = { ...a, ...change }
    return put(await api.annotations.save({ ...who, id, materialId, kind, pageIndex, rects, text, note, color }))
  }

  async function remove(who: AnnotationOwner, id: string): Promise<void> {
    await api.annotations.delete({ ...who, id })
    const next = new Map(byId.value)
    next.delete(id)
    byId.value = next
    if (editing.value === id) editing.value = null
  }

  const forMaterial = (materialId: string) => [...byId.value.values()].filter((a) => a.materialId === materialId)
  const forUnit = (unitId: string) => [...byId.value.values()].filter((a) => a.unitId === unitId)

  function focus(id: string): void {
    flash.value = { id, token: ++flashes }
  }

  return { owner, byId, tool, color, editing, flash, use, load, create, update, remove, forMaterial, forUnit, focus }
})
