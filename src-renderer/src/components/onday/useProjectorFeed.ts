/**
 * The projector's state as every screen sees it (the projector page and the preview on 现场):
 * loaded once, replaced on each `projector` event, and re-read every few seconds in case an event
 * was missed (a sleeping laptop, a dropped SSE connection). The clock ticks locally, corrected by the
 * server's clock (serverNow) so a screen with a wrong clock still shows the right time.
 */
import { computed, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'
import type { ProjectorState } from '@shared/schemas/onday'
import type { Unit } from '@shared/schemas/unit'
import { clockView, nextUnitInOrder, type ClockView } from '@shared/projector-clock'
import { api, onAppEvent } from '../../api'
import { errorMessage } from '../../composables/apiError'

/** The fallback re-read; events usually arrive well before it. */
const POLL_MS = 3000
const TICK_MS = 200

export interface ProjectorFeed {
  state: Ref<ProjectorState | null>
  units: Ref<Unit[]>
  clock: Ref<ClockView | null>
  current: Ref<Unit | null>
  /** The unit after the current one in the report order (withdrawn units skipped). */
  next: Ref<Unit | null>
  error: Ref<string>
  /** Takes a state just returned by a control call (before its event arrives). */
  accept(state: ProjectorState): void
  refresh(): Promise<void>
}

export function useProjectorFeed(meetingId: () => string): ProjectorFeed {
  const state = ref<ProjectorState | null>(null)
  const units = ref<Unit[]>([])
  const error = ref('')
  /** Server clock minus local clock, in ms. */
  const offset = ref(0)
  const now = ref(Date.now())

  function accept(next: ProjectorState): void {
    if (next.meetingId !== meetingId()) return
    offset.value = Date.parse(next.serverNow) - Date.now()
    state.value = next
    // A unit not in the list (added since the last read): read the list again.
    if (next.unitId && !units.value.some((u) => u.id === next.unitId)) void readUnits()
  }

  async function readUnits(): Promise<void> {
    units.value = await api.units.list({ meetingId: meetingId() })
  }

  async function refresh(): Promise<void> {
    try {
      const [s] = await Promise.all([api.projector.state({ meetingId: meetingId() }), readUnits()])
      accept(s)
      error.value = ''
    } catch (failure) {
      error.value = errorMessage(failure)
    }
  }

  let stopEvents: (() => void) | undefined
  let poll: ReturnType<typeof setInterval> | undefined
  let tick: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    stopEvents = onAppEvent((event) => {
      if (event.type === 'projector') accept(event.state)
    })
    poll = setInterval(() => void refresh(), POLL_MS)
    tick = setInterval(() => (now.value = Date.now()), TICK_MS)
  })
  onBeforeUnmount(() => {
    stopEvents?.()
    clearInterval(poll)
    clearInterval(tick)
  })
  watch(meetingId, () => void refresh(), { immediate: true })

  const clock = computed(() => (state.value ? clockView(state.value, now.value + offset.value) : null))
  const current = computed(() => units.value.find((u) => u.id === state.value?.unitId) ?? null)
  const next = computed(() => nextUnitInOrder(units.value, current.value?.id ?? null, (u) => u.withdrawnAt !== null))
  return { state, units, clock, current, next, error, accept, refresh }
}
