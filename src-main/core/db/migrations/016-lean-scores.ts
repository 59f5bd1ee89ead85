/**
 * Scores keyed by what they are — one reviewer's value for one item of one unit — and nothing else.
 * The table carried a 36-character id nobody refers to and four indexes besides its key (id, meeting,
 * unit, and a covering copy of the key with the value). A merged return package writes 9,000 scores
 * (300 units × 30 items); each went into all six B-trees, and the unit index alone put every reviewer's
 * rows into 300 places of it. Bare inserts of 40 reviewers' scores, one commit each: 4.9 s with those
 * indexes, 1.4 s with the key alone (this machine). What the indexes served goes through the key now:
 * a meeting's scores are its reviewers' key ranges, a sheet's scores a (reviewer, unit) prefix. A unit
 * or rubric item deleted still cascades to its scores by scanning them, which happens only for unscored
 * units and items (a scored one cannot be deleted) and for a meeting deleted whole (meetings.ts deletes
 * its scores first). Rows are copied in key order, so a meeting's scores read in one pass.
 */
export const sql = /* sql */ `
CREATE TABLE scores_lean (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL REFERENCES rubric_items(id) ON DELETE CASCADE,
  value_tenths INTEGER NOT NULL CHECK (value_tenths >= 0),
  deduction_reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (reviewer_id, unit_id, item_id)
) STRICT;
INSERT INTO scores_lean (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
  SELECT meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at FROM scores ORDER BY reviewer_id, unit_id, item_id;
DROP TABLE scores;
ALTER TABLE scores_lean RENAME TO scores;
`
