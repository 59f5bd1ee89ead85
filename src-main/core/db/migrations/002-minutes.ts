/**
 * The recorder's notes and the minutes settings. Both travel with a meeting archive, so each row has
 * a UUID `id` and an `updated_at` stamp. Name lists are JSON arrays of strings.
 */
export const sql = /* sql */ `
CREATE TABLE agenda_notes (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  speaker TEXT NOT NULL DEFAULT '',
  -- The unit the note is about; a deleted unit leaves the note as a general one.
  unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
  key_points TEXT NOT NULL DEFAULT '',
  decisions TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  CHECK (key_points <> '' OR decisions <> '')
) STRICT;
CREATE INDEX agenda_notes_meeting ON agenda_notes(meeting_id, seq);

-- One row per meeting, written the first time the organizer saves; until then defaults are derived.
CREATE TABLE minutes_settings (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL UNIQUE REFERENCES meetings(id) ON DELETE CASCADE,
  title TEXT NOT NULL CHECK (length(title) > 0),
  issuing_body TEXT NOT NULL DEFAULT '',
  issue_date TEXT NOT NULL,
  attendees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attendees)),
  observers TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(observers)),
  absentees TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(absentees)),
  recorder TEXT NOT NULL DEFAULT '',
  overall_opinion TEXT NOT NULL DEFAULT '',
  other_matters TEXT NOT NULL DEFAULT '',
  recommended_wording TEXT NOT NULL DEFAULT '',
  recommended_bands TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(recommended_bands)),
  scorer TEXT NOT NULL DEFAULT '',
  checker TEXT NOT NULL DEFAULT '',
  mark_internal INTEGER NOT NULL DEFAULT 1 CHECK (mark_internal IN (0, 1)),
  updated_at TEXT NOT NULL
) STRICT;
`
