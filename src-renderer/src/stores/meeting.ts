import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Meeting, MeetingFields } from '@shared/schemas/meeting'
import { ApiCallError } from '@shared/client'
import { api } from '../api'

const MEETING_MISSING = '没有找到这个会议：它可能已被删除，或链接不完整。请回到会议列表重新打开。'

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
      // A malformed id in the address is a wrong link, not a form error: say what the user sees.
      const missing = error instanceof ApiCallError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION')
      loadError.value = missing ? MEETING_MISSING : error instanceof Error ? error.message : '无法读取会议'
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
