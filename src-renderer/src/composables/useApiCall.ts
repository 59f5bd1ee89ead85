import { ref } from 'vue'
import { showApiError } from './apiError'

/**
 * A busy flag around API calls (for `:loading` / `:disabled`); a failure is shown as a toast, not thrown.
 * `run` resolves to the action's result, or undefined when it failed.
 */
export function useApiCall() {
  const busy = ref(false)
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    try {
      return await action()
    } catch (error) {
      showApiError(error)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, run }
}
