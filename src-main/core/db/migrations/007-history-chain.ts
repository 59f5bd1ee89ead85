/**
 * A tamper-evident score history: each entry carries the hash of the meeting's previous entry and
 * its own hash over its content; `history_heads` keeps the newest entry of each meeting, so removing
 * entries from the end shows too. Entries written before this step have no hash and are reported as
 * unchecked, never as broken.
 */
export const sql = /* sql */ `
ALTER TABLE score_history ADD COLUMN prev_hash TEXT;
ALTER TABLE score_history ADD COLUMN hash TEXT;
CREATE INDEX score_history_chain ON score_history(meeting_id, seq);
CREATE TABLE history_heads (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  entries INTEGER NOT NULL
) STRICT;
`
