/**
 * Submission per score sheet (reviewer × unit): a reviewer submits one unit or all, and a submitted
 * sheet is locked until the organizer unlocks it with a reason. Until now a reviewer submitted as a
 * whole (`reviewers.submitted_at`); those become one submission per sheet they could score, and the
 * column is no longer read (a reviewer counts as submitted when every sheet they can score is).
 */
export const sql = /* sql */ `
CREATE TABLE sheet_submissions (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  submitted_at TEXT NOT NULL,
  PRIMARY KEY (reviewer_id, unit_id)
) STRICT;
CREATE INDEX sheet_submissions_meeting ON sheet_submissions(meeting_id);
INSERT INTO sheet_submissions (meeting_id, reviewer_id, unit_id, submitted_at)
  SELECT r.meeting_id, r.id, u.id, r.submitted_at
  FROM reviewers r JOIN units u ON u.meeting_id = r.meeting_id
  WHERE r.submitted_at IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM recusals x WHERE x.reviewer_id = r.id AND x.unit_id = u.id);
`
