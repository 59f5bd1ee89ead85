import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { MeetingResults, UnitResult } from '@shared/schemas/results'
import { api } from '../api'
import { errorMessage } from '../composables/apiError'

export type VetoDecision = 'confirmed' | 'not_established' | null

/**
 * The computed results of the open meeting. The engine is the single source of truth: the store
 * only asks it to recompute (after a veto decision, or when the organizer presses 重新计算).
 */
export const useResultsStore = defineStore('results', () => {
  const results = ref<MeetingResults | null>(null)
  const loading = ref(false)
  /** Chinese message when the last computation failed (the previous results stay visible). */
  const error = ref('')

  async function compute(meetingId: string): Promise<void> {
    if (results.value && results.value.meetingId !== meetingId) results.value = null
    loading.value = true
    error.value = ''
    try {
      results.value = await api.results.compute({ meetingId })
    } catch (e) {
      error.value = errorMessage(e)
    } finally {
      loading.value = false
    }
  }

  /** Records the organizer's veto decision, then recomputes; throws ApiCallError for the dialog. */
  async function decideVeto(meetingId: string, unitId: string, decision: VetoDecision, reason: string): Promise<void> {
    await api.vetoes.decide({ meetingId, unitId, decision, reason })
    await compute(meetingId)
  }

  const reviewerNames = computed(() => new Map((results.value?.reviewers ?? []).map((r) => [r.id, r.name])))
  const unitsById = computed(() => new Map<string, UnitResult>((results.value?.units ?? []).map((u) => [u.unitId, u])))

  return { results, loading, error, compute, decideVeto, reviewerNames, unitsById }
})
