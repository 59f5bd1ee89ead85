import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { AccessState } from '@shared/schemas/access'
import { api } from '../api'

/**
 * Who is at the keyboard (access.state): the organizer, or a reviewer in reviewer mode. The core
 * holds the mode (and refuses what a reviewer may not do); this store mirrors it for the router
 * guard and the screens. Re-read on every navigation: another window may have entered or left.
 */
export const useAccessStore = defineStore('access', () => {
  const state = ref<AccessState | null>(null)
  const reviewer = computed(() => (state.value?.mode === 'reviewer' ? state.value : null))
  const organizerPinSet = computed(() => state.value?.organizerPinSet ?? false)

  async function load(): Promise<AccessState> {
    state.value = await api.access.state({})
    return state.value
  }

  async function enter(meetingId: string, reviewerId: string, pin: string): Promise<AccessState> {
    state.value = await api.access.enterReviewer({ meetingId, reviewerId, pin })
    return state.value
  }

  async function leave(organizerPin: string): Promise<AccessState> {
    state.value = await api.access.leaveReviewer({ organizerPin })
    return state.value
  }

  async function setOrganizerPin(newPin: string, currentPin?: string): Promise<void> {
    await api.access.setOrganizerPin({ newPin, ...(currentPin ? { currentPin } : {}) })
    await load()
  }

  return { state, reviewer, organizerPinSet, load, enter, leave, setOrganizerPin }
})
