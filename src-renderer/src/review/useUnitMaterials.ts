/**
 * Each unit's list of materials, read once per visit of the workspace and kept: going back to a unit
 * shows its materials at once, and the next unit's list is read ahead (prefetch) so Alt+↓ opens its
 * first material with the sheet, without a round trip first.
 */
import { shallowRef } from 'vue'
import type { Material } from '@shared/schemas/material'
import { api } from '../api'
import { errorMessage } from '../composables/apiError'

export type UnitMaterials = { state: 'loading' } | { state: 'ready'; materials: Material[] } | { state: 'error'; message: string }

export function useUnitMaterials(meetingId: () => string) {
  const lists = new Map<string, Promise<Material[]>>()
  /** Lists already read, shown without waiting a tick (the viewer is not torn down and rebuilt). */
  const ready = new Map<string, Material[]>()
  const current = shallowRef<UnitMaterials>({ state: 'loading' })
  let shown = ''

  function fetchList(unitId: string): Promise<Material[]> {
    let list = lists.get(unitId)
    if (!list) {
      list = api.materials.list({ meetingId: meetingId(), unitId })
      list.then(
        (materials) => ready.set(unitId, materials),
        // A failed read is not kept: the next visit tries again.
        () => lists.delete(unitId),
      )
      lists.set(unitId, list)
    }
    return list
  }

  /** Shows `unitId`'s materials (synchronously when already read). */
  async function show(unitId: string): Promise<void> {
    shown = unitId
    const known = ready.get(unitId)
    if (known) {
      current.value = { state: 'ready', materials: known }
      return
    }
    const list = fetchList(unitId)
    current.value = { state: 'loading' }
    try {
      const materials = await list
      if (shown === unitId) current.value = { state: 'ready', materials }
    } catch (error) {
      if (shown === unitId) current.value = { state: 'error', message: errorMessage(error) }
    }
  }

  /** Reads a unit's list ahead; `then` gets it (to open its first material ahead too). */
  function prefetch(unitId: string | null, then?: (materials: Material[]) => void): void {
    if (unitId) fetchList(unitId).then(then, () => undefined)
  }

  function forget(): void {
    lists.clear()
    ready.clear()
  }

  return { current, show, prefetch, forget }
}
