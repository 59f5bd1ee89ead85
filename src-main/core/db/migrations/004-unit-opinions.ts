/**
 * The organizer's edited 评审意见 for one unit, printed in the minutes instead of the draft merged
 * from the reviewers' comments. No row means "not edited": the minutes print the draft. The text may
 * be empty on purpose (the organizer chose to print no opinion for the unit). `based_on` keeps the
 * draft as it was when the text was saved, so a later change in the reviewers' comments (a return
 * package merged afterwards) can be pointed out. Travels with a meeting archive, so it has a UUID `id`
 * and an `updated_at` stamp.
 */
export const sql = /* sql */ `
CREATE TABLE unit_opinions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL UNIQUE REFERENCES units(id) ON DELETE CASCADE,
  text TEXT NOT NULL CHECK (length(text) <= 2000),
  based_on TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX unit_opinions_meeting ON unit_opinions(meeting_id);
`
