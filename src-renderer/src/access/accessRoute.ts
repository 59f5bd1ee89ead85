import type { AccessState } from '@shared/schemas/access'

interface RouteLike {
  name?: string | symbol | null
  params: Record<string, string | string[] | undefined>
}

/**
 * Where reviewer mode sends a navigation: null when it may go ahead (the organizer goes anywhere;
 * a reviewer to their own workspace and to 帮助), else the reviewer's own workspace.
 */
export function reviewerRedirect(state: AccessState | null, to: RouteLike): { name: 'review'; params: { meetingId: string; reviewerId: string } } | null {
  if (state?.mode !== 'reviewer') return null
  if (to.name === 'help') return null
  if (to.name === 'review' && to.params.meetingId === state.meetingId && to.params.reviewerId === state.reviewerId) return null
  return { name: 'review', params: { meetingId: state.meetingId, reviewerId: state.reviewerId } }
}
