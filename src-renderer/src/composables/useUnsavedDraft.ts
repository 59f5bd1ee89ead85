import { computed, ref, type Ref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessageBox } from 'element-plus'

/**
 * A page that edits a local draft and saves it as a whole: `dirty` while the draft differs from what was
 * last loaded or saved (call `markSaved` then), and leaving the page with changes asks first.
 * `what` names the draft in the question, e.g. '评分标准'.
 */
export function useUnsavedDraft<D>(draft: Ref<D | null>, signature: (d: D) => string, what: string) {
  const savedSignature = ref('')
  const dirty = computed(() => !!draft.value && signature(draft.value) !== savedSignature.value)

  function markSaved(): void {
    savedSignature.value = draft.value ? signature(draft.value) : ''
  }

  onBeforeRouteLeave(async () => {
    if (!dirty.value) return true
    try {
      await ElMessageBox.confirm(`${what}有未保存的修改，离开后这些修改将丢失。`, '尚未保存', {
        type: 'warning',
        confirmButtonText: '放弃修改并离开',
        cancelButtonText: '留在本页',
      })
      return true
    } catch {
      return false
    }
  })
  return { dirty, markSaved }
}
