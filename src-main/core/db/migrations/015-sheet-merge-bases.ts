/**
 * Merge bases one row per reviewer and unit (the sheet), its fields a JSON object {field: value},
 * instead of one row per field. A merge rewrites a reviewer's bases; as 9,000 rows with three
 * 36-character keys each (300 units × 30 items) they were about a fifth of what a merge wrote to disk,
 * and every unit deleted walked all of them (the unit column has no index). As 300 rows they are a
 * few hundred kilobytes, and what they mean is unchanged: the value each field had when both sides
 * last agreed (merge-plan.ts reads them back with json_each). A rowid table like every other, so the
 * rescue of a damaged file (recover.ts) reads it the same way.
 */
export const sql = /* sql */ `
CREATE TABLE merge_base_sheets (
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  fields TEXT NOT NULL CHECK (CASE WHEN json_valid(fields) THEN json_type(fields) = 'object' ELSE 0 END),
  PRIMARY KEY (reviewer_id, unit_id)
) STRICT;
INSERT INTO merge_base_sheets (reviewer_id, unit_id, meeting_id, fields)
  SELECT reviewer_id, unit_id, meeting_id, json_group_object(field, value) FROM merge_bases WHERE value IS NOT NULL GROUP BY reviewer_id, unit_id;
DROP TABLE merge_bases;
`
