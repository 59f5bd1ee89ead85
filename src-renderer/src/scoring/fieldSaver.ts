/**
 * Autosave for one field. Saves are debounced, serialised (one request in flight per field) and
 * always send the LATEST input: a response for an older value never marks the field saved, and a
 * value typed while a save is in flight is sent as soon as that save returns. Typing never waits.
 */
// From @shared (the api module reads `window` on load): keeps the saver runnable in a Node unit test.
import { ApiCallError } from '@shared/client'

export type FieldStatus =
  | { kind: 'clean' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; message: string }
  /** Valid so far but not sendable until something else is written (a required 扣分说明). */
  | { kind: 'incomplete'; message: string }

export type Checked<P> = { payload: P } | { error: string } | { incomplete: string }

export interface SaverHooks<D, P, R> {
  validate(draft: D): Checked<P>
  send(payload: P): Promise<R>
  /** Called in request order, for every successful save (also of superseded values). */
  onSaved(result: R): void
  /** Called when the latest input is confirmed by the server. */
  onConfirmed(draft: D): void
  /** Called when the latest input can never be saved (sheet locked, unit gone…). */
  onRejected(draft: D): void
  onStatus(status: FieldStatus): void
  /** Whether requests may go out yet (the sheet has loaded). */
  canSend(): boolean
}

/** Issue 9: every change reaches the database within 100 ms of the keystroke (the draft journal has it at once). */
export const DEBOUNCE_MS = 80
const RETRY_MS = 3000
/** Errors that no retry can fix: keeping the draft would only replay a refused change. */
const PERMANENT = new Set(['CONFLICT', 'NOT_FOUND'])

export function errorText(error: unknown): string {
  if (error instanceof ApiCallError) return error.message
  return error instanceof Error && error.message ? `保存失败：${error.message}` : '保存失败，请重试'
}

export class FieldSaver<D, P, R> {
  private draft: D | undefined
  private version = 0
  /** Highest version that has been answered (saved, refused, or found invalid). */
  private settled = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private loop: Promise<void> | null = null

  constructor(private readonly hooks: SaverHooks<D, P, R>) {}

  /** True once the user has typed into this field in this session. */
  get touched(): boolean {
    return this.version > 0
  }

  get busy(): boolean {
    return this.loop !== null || this.timer !== null || this.settled !== this.version
  }

  /** Records new input; an invalid value is reported at once and not sent. */
  set(draft: D, immediate = false): void {
    this.draft = draft
    this.version += 1
    const check = this.hooks.validate(draft)
    if (!('payload' in check)) {
      this.clearTimer()
      this.settled = this.version
      this.hooks.onStatus('error' in check ? { kind: 'error', message: check.error } : { kind: 'incomplete', message: check.incomplete })
      return
    }
    this.hooks.onStatus({ kind: 'pending' })
    this.clearTimer()
    if (immediate) this.kick()
    else this.timer = setTimeout(() => this.kick(), DEBOUNCE_MS)
  }

  /** Starts sending now if anything is waiting (used after the sheet loads). */
  kick(): void {
    this.clearTimer()
    if (!this.loop && this.settled !== this.version) this.loop = this.run().finally(() => (this.loop = null))
  }

  /** Sends the latest input now and resolves once it is answered. */
  async flush(): Promise<void> {
    this.clearTimer()
    if (this.loop) await this.loop
    if (this.settled !== this.version && this.hooks.canSend()) {
      this.kick()
      await this.loop
    }
  }

  dispose(): void {
    this.clearTimer()
    if (this.retry) clearTimeout(this.retry)
    this.retry = null
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  private async run(): Promise<void> {
    while (this.settled !== this.version && !this.timer && this.hooks.canSend()) {
      const version = this.version
      const draft = this.draft as D
      const check = this.hooks.validate(draft)
      if (!('payload' in check)) {
        this.settled = version
        continue
      }
      this.hooks.onStatus({ kind: 'saving' })
      try {
        const result = await this.hooks.send(check.payload)
        this.settled = Math.max(this.settled, version)
        this.hooks.onSaved(result)
        if (version === this.version) {
          this.hooks.onStatus({ kind: 'saved' })
          this.hooks.onConfirmed(draft)
        }
      } catch (error) {
        this.settled = Math.max(this.settled, version)
        if (version !== this.version) continue
        const code = error instanceof ApiCallError ? error.code : 'INTERNAL'
        if (PERMANENT.has(code)) this.hooks.onRejected(draft)
        if (code === 'INTERNAL') {
          this.hooks.onStatus({ kind: 'error', message: `${errorText(error)}（稍后自动重试）` })
          this.retry = setTimeout(() => {
            this.retry = null
            if (this.version === version) this.set(draft, true)
          }, RETRY_MS)
        } else {
          this.hooks.onStatus({ kind: 'error', message: errorText(error) })
        }
      }
    }
    if (this.settled !== this.version && !this.timer && !this.hooks.canSend()) this.hooks.onStatus({ kind: 'pending' })
  }
}
