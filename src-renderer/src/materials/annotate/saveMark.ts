import { showApiError } from '../../composables/apiError'
import { useAnnotationsStore, type NewAnnotation } from '../../stores/annotations'

/** A new mark by the reviewer, in the colour chosen; its note opens at once. A refusal is shown, not thrown. */
export async function saveMark(
  owner: { meetingId: string; reviewerId: string; materialId: string },
  mark: Pick<NewAnnotation, 'kind' | 'pageIndex' | 'rects' | 'text'>,
): Promise<void> {
  const store = useAnnotationsStore()
  const { meetingId, reviewerId, materialId } = owner
  try {
    const created = await store.create({ meetingId, reviewerId }, { materialId, ...mark, note: '', color: store.color })
    store.editing = created.id
  } catch (e) {
    showApiError(e)
  }
}
