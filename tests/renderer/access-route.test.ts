/** Where reviewer mode sends a navigation: the organizer anywhere; a reviewer only to their workspace and 帮助. */
import { describe, expect, it } from 'vitest'
import { reviewerRedirect } from '../../src-renderer/src/access/accessRoute'
import type { AccessState } from '../../src-main/shared/schemas/access'

const meetingId = '11111111-1111-4111-8111-111111111111'
const reviewerId = '22222222-2222-4222-8222-222222222222'
const reviewer: AccessState = { mode: 'reviewer', organizerPinSet: true, meetingId, meetingName: '测试评审会', reviewerId, reviewerName: '林静怡', since: '2024-12-18T01:00:00Z', canLeave: true }
const home = { name: 'review' as const, params: { meetingId, reviewerId } }

describe('reviewerRedirect', () => {
  it('lets the organizer go anywhere, a reviewer\'s workspace included', () => {
    const organizer: AccessState = { mode: 'organizer', organizerPinSet: true }
    expect(reviewerRedirect(organizer, { name: 'results', params: { meetingId } })).toBeNull()
    expect(reviewerRedirect(organizer, { name: 'review', params: { meetingId, reviewerId } })).toBeNull()
  })

  it('keeps a reviewer to their own workspace and 帮助', () => {
    expect(reviewerRedirect(reviewer, { name: 'review', params: { meetingId, reviewerId } })).toBeNull()
    expect(reviewerRedirect(reviewer, { name: 'help', params: {} })).toBeNull()
    for (const name of ['home', 'results', 'scoring', 'reviewers', 'material-read', 'projector', 'not-found']) {
      expect(reviewerRedirect(reviewer, { name, params: { meetingId } }), name).toEqual(home)
    }
    expect(reviewerRedirect(reviewer, { name: 'review', params: { meetingId, reviewerId: '33333333-3333-4333-8333-333333333333' } })).toEqual(home)
  })
})
