/** Search hits grouped by unit, in the order of the unit list (hits keep their order within a unit). */
import type { MaterialSearchResult } from '@shared/schemas/material'

export type SearchHit = MaterialSearchResult['hits'][number]

export interface HitGroup {
  unitId: string
  unitName: string
  hits: SearchHit[]
}

export function groupHits(hits: readonly SearchHit[], units: readonly { id: string; name: string }[]): HitGroup[] {
  const byUnit = new Map<string, SearchHit[]>()
  for (const hit of hits) {
    const list = byUnit.get(hit.unitId)
    if (list) list.push(hit)
    else byUnit.set(hit.unitId, [hit])
  }
  const order = new Map(units.map((u, i) => [u.id, i]))
  return [...byUnit.entries()]
    .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
    .map(([unitId, list]) => ({ unitId, unitName: units.find((u) => u.id === unitId)?.name ?? '', hits: list }))
}

/** “共 12 处”, or when only the first `limit` came back, “共 340 处，显示前 100 处”. */
export const totalText = (shown: number, total: number): string => (total > shown ? `共 ${total} 处，显示前 ${shown} 处` : `共 ${total} 处`)
