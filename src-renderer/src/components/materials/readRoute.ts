/** Where a material is read: the viewer's route, at a page and with the searched words to mark. */
import type { RouteLocationRaw } from 'vue-router'

export function readRoute(meetingId: string, materialId: string, at: { page?: number; q?: string } = {}): RouteLocationRaw {
  const query: Record<string, string> = {}
  if (at.page) query.page = String(at.page)
  if (at.q) query.q = at.q
  return { path: `/meetings/${meetingId}/materials/${materialId}`, query }
}
