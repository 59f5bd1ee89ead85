/**
 * Scores stored by what they are — one reviewer's value for one item of one unit — and nothing else:
 * a WITHOUT ROWID table whose primary key is (reviewer, unit, item). It carried a 36-character id nobody
 * refers to and four indexes besides its key (id, meeting, unit, and a covering copy of the key with the
 * value). A merged return package writes 9,000 scores (300 units × 30 items); each went into six
 * B-trees, the unit index putting every reviewer's rows into 300 places of it. Bare inserts of 40
 * reviewers' scores, one commit each (this machine): 4.9 s with those indexes, 1.4 s with a rowid table
 * and its key, 1.1 s stored by the key. What the indexes served goes through the key now: a meeting's
 * scores are its reviewers' key ranges, a sheet's a (reviewer, unit) prefix (services/score-scope.ts).
 * A unit or rubric item deleted still cascades to its scores by scanning them: that happens only for
 * unscored ones (a scored unit or item cannot be deleted) and for a meeting deleted whole, whose scores
 * go first (services/meetings.ts). The rescue of a damaged file reads such a table in key order (recover.ts).
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
  PRIMARY KEY (reviewer_id, unit_id, item_id)
) STRICT, WITHOUT ROWID;
INSERT INTO scores_lean (meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at)
  SELECT meeting_id, reviewer_id, unit_id, item_id, value_tenths, deduction_reason, updated_at FROM scores ORDER BY reviewer_id, unit_id, item_id;
DROP TABLE scores;
ALTER TABLE scores_lean RENAME TO scores;
`
