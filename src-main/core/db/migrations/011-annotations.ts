/**
 * A reviewer's annotations on material pages: page index plus rectangles (JSON [[x1,y1,x2,y2],…], PDF
 * points on a PDF, pixels on an image), a colour and a note. UUID and updated_at: they travel in the
 * reviewer's return package.
 */
export const sql = /* sql */ `
CREATE TABLE annotations (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  material_id TEXT NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('highlight', 'rect')),
  page_index INTEGER NOT NULL CHECK (page_index >= 0),
  rects TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX annotations_sheet ON annotations(reviewer_id, unit_id);
CREATE INDEX annotations_material ON annotations(material_id);
`
