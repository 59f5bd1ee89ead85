import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Meeting, MeetingFields } from '@shared/schemas/meeting'
import { api } from '../api'

/** The meeting currently open in MeetingLayout; every tab reads its header data from here. */
export const useMeetingStore = defineStore('meeting', () => {
  const meeting = ref<Meeting | null>(null)
  const loading = ref(false)
  /** Chinese message when the meeting could not be loaded (deleted, wrong link…). */
  const loadError = ref('')

  async function load(meetingId: string): Promise<void> {
    if (meeting.value?.id !== meetingId) meeting.value = null
    loading.value = true
    loadError.value = ''
    try {
      meeting.value = await api.meetings.get({ meetingId })
    } catch (error) {
      loadError.value = error instanceof Error ? error.message : '无法读取会议'
    } finally {
      loading.value = false
    }
  }

  /** Saves the basic fields; throws ApiCallError so the form can keep what was typed. */
  async function update(fields: MeetingFields): Promise<Meeting> {
    if (!meeting.value) throw new Error('没有打开的会议')
    meeting.value = await api.meetings.update({ meetingId: meeting.value.id, fields })
    return meeting.value
  }

  return { meeting, loading, loadError, load, update }
})
