/**
 * The organizer's common phrases for the three parts of a unit comment. A row in
 * comment_phrase_lists means the organizer saved a list (even an empty one); without it the app's
 * defaults are offered.
 */
export const sql = /* sql */ `
CREATE TABLE comment_phrase_lists (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  saved_at TEXT NOT NULL
) STRICT;
CREATE TABLE comment_phrases (
  meeting_id TEXT NOT NULL REFERENCES comment_phrase_lists(meeting_id) ON DELETE CASCADE,
  part TEXT NOT NULL CHECK (part IN ('strengths', 'weaknesses', 'suggestions')),
  seq INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (meeting_id, part, seq)
) STRICT;
`
