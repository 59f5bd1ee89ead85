import { h } from 'vue'
import { ElMessage } from 'element-plus'
import { withApiError } from './useApiCall'

/** How long 撤销 stays offered: long enough to notice a wrong click, short enough not to linger. */
export const UNDO_SECONDS = 8

/**
 * A deletion's toast with a 撤销 button: the row is gone at once (no "are you sure?" first), and a
 * wrong click costs one more click. `undo` puts back exactly what was deleted.
 */
export function showUndo(text: string, undo: () => Promise<void>): void {
  let used = false
  const toast = ElMessage({
    type: 'success',
    duration: UNDO_SECONDS * 1000,
    showClose: true,
    message: h('span', { class: 'undo-toast' }, [
      text,
      h(
        'button',
        {
          type: 'button',
          class: 'link-button undo-button',
          'data-test': 'undo',
          onClick: async () => {
            if (used) return
            used = true
            toast.close()
            await withApiError(undo)
          },
        },
        '撤销',
      ),
    ]),
  })
}
