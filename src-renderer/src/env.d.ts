/// <reference types="vite/client" />
import type { ApiResult } from '@shared/errors'
import type { AppEvent } from '@shared/events'

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}

declare global {
  interface Window {
    /** Present only inside Electron: what the preload exposes. */
    onsite?: {
      invoke(name: string, input: unknown): Promise<ApiResult<unknown>>
      onEvent(listener: (event: AppEvent) => void): () => void
      /** The path of a file dropped on the window (Electron's webUtils.getPathForFile); '' when it has none. */
      pathForFile(file: File): string
    }
  }
}
