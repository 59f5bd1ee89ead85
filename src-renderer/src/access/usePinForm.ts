import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useInlineApiCall } from '../composables/useApiCall'

/**
 * The state behind every PIN dialog: the PINs typed (emptied each time the dialog opens, so none stays
 * behind for the next person at a shared PC) and one message under the fields — either about what was
 * typed (checked here, gone once the typing changes) or the core's answer (PIN 不正确 with the tries
 * left, and after five wrong ones in a row how long to wait).
 */
export function usePinForm<K extends string>(visible: Ref<boolean>, names: readonly K[]) {
  const pins = reactive(Object.fromEntries(names.map((n) => [n, '']))) as Record<K, string>
  const problem = ref('')
  const { busy, error, run } = useInlineApiCall()

  watch(visible, (open) => {
    if (!open) return
    for (const n of names) pins[n] = ''
    problem.value = ''
    error.value = ''
  })
  watch(
    () => names.map((n) => pins[n]),
    () => (problem.value = ''),
  )

  /** Shows `check` (a message about the typing) or, when it is null, runs the call; one call at a time. */
  async function submit(check: string | null, action: () => Promise<unknown>): Promise<void> {
    if (busy.value) return
    problem.value = check ?? ''
    if (!problem.value) await run(action)
  }

  return { pins, busy, message: computed(() => problem.value || error.value), submit }
}
