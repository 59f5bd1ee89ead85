/**
 * The screen-wide keys and lifecycle of a screen that edits score sheets (the 评分 tab and the
 * reviewer's workspace), in one place so both behave the same:
 * - Alt+↓ / Ctrl+Enter next unit, Alt+↑ previous (they edit no text in Chromium/Electron, so they are free);
 * - Ctrl+S saves now; a digit typed with no field focused goes to the field the reviewer was last in;
 * - `extraKey` lets a screen add its own (the workspace's Alt+L to the unit list);
 * - closing, hiding or leaving the screen sends everything typed (the journal keeps the rest).
 */
import { onBeforeUnmount, onMounted, type Ref } from 'vue'
import { onBeforeRouteLeave } from 'vue-router'
import { ElMessage } from 'element-plus'
import { focusField } from '../components/scoring/formFocus'
import type { useScoringStore } from './store'

type ScoringStore = ReturnType<typeof useScoringStore>

export interface SheetKeysOptions {
  /** Where the sheet's fields are (digits typed elsewhere land in its last or first field). */
  formArea: Ref<HTMLElement | null>
  /** After a unit was opened (the view keeps it in the address, remembers it…). */
  onOpened?: (unitId: string) => void
  /** A screen's own key; return true when handled. */
  extraKey?: (event: KeyboardEvent) => boolean
}

export function useSheetKeys(store: ScoringStore, options: SheetKeysOptions) {
  let lastField: HTMLElement | null = null

  /** Leaving a sheet with input the server refused: say so (the input stays in that sheet). */
  function warnIfRefused(): void {
    const s = store.session
    const count = s?.errors() ?? 0
    if (!s || !count) return
    const name = store.units.find((u) => u.id === s.unitId)?.name ?? ''
    ElMessage.warning({ message: `“${name}”有 ${count} 项输入未保存（有误或待补扣分说明），已保留在该单位，回到该单位修改即可`, duration: 5000, showClose: true })
  }

  function openUnit(unitId: string): void {
    if (unitId !== store.unitId) warnIfRefused()
    store.openUnit(unitId)
    options.onOpened?.(unitId)
  }

  function move(direction: 1 | -1): void {
    const next = store.neighbourUnit(direction)
    if (next) openUnit(next)
    else ElMessage.info({ message: direction === 1 ? '已是最后一个可评单位' : '已是第一个可评单位', duration: 1500 })
  }

  function saveNow(): void {
    void store.flushEverything().then(() => {
      if (!store.session?.hasUnsaved()) ElMessage.success({ message: '已全部保存', duration: 1200 })
    })
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.isComposing || event.keyCode === 229 || !store.session) return
    if (options.extraKey?.(event)) return
    const next = (event.altKey && event.key === 'ArrowDown') || ((event.ctrlKey || event.metaKey) && event.key === 'Enter')
    const previous = event.altKey && event.key === 'ArrowUp'
    if (next || previous) {
      event.preventDefault()
      move(next ? 1 : -1)
    } else if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault()
      saveNow()
    } else if (/^[0-9.]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      const active = document.activeElement
      if (!active || active === document.body) {
        const target = lastField?.isConnected ? lastField : options.formArea.value?.querySelector<HTMLElement>('[data-nav]')
        focusField(target)
      }
    }
  }

  function onFocusIn(event: FocusEvent): void {
    const el = event.target as HTMLElement
    if (el.matches?.('[data-nav]') && options.formArea.value?.contains(el)) lastField = el
  }

  /** Closing or reloading: send everything now; the journal keeps whatever cannot reach the server in time. */
  const onUnload = () => void store.flushEverything()
  const onHidden = () => document.visibilityState === 'hidden' && void store.flushEverything()
  onMounted(() => {
    window.addEventListener('keydown', onKeydown)
    document.addEventListener('focusin', onFocusIn)
    window.addEventListener('beforeunload', onUnload)
    document.addEventListener('visibilitychange', onHidden)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('keydown', onKeydown)
    document.removeEventListener('focusin', onFocusIn)
    window.removeEventListener('beforeunload', onUnload)
    document.removeEventListener('visibilitychange', onHidden)
    void store.leaveSheet()
  })
  onBeforeRouteLeave(() => {
    void store.leaveSheet()
  })

  return { openUnit, move, warnIfRefused }
}
