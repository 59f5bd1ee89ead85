/** Puts a test core into reviewer mode the way the organizer does: both PINs set, then enter. */
import type { ApiClient } from '../../src-main/shared/client'

export const ORGANIZER_PIN = '246810'
export const REVIEWER_PIN = '1357'

export async function enterAsReviewer(api: ApiClient, meetingId: string, reviewerId: string): Promise<void> {
  const state = await api.access.state({})
  if (!state.organizerPinSet) await api.access.setOrganizerPin({ newPin: ORGANIZER_PIN })
  await api.access.setReviewerPin({ meetingId, reviewerId, pin: REVIEWER_PIN })
  await api.access.enterReviewer({ meetingId, reviewerId, pin: REVIEWER_PIN })
}
