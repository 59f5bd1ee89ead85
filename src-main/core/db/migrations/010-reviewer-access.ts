/**
 * Reviewer mode on a shared PC: the organizer's PIN (app-wide, it leaves reviewer mode), one PIN per
 * reviewer (it enters), and the single row saying that this data folder is in reviewer mode now — kept
 * in the database so neither a reload nor a restart escapes it. PINs are stored as scrypt hashes only.
 */
export const sql = /* sql */ `
CREATE TABLE app_secrets (
  name TEXT PRIMARY KEY CHECK (name IN ('organizer_pin')),
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE reviewer_pins (
  reviewer_id TEXT PRIMARY KEY REFERENCES reviewers(id) ON DELETE CASCADE,
  hash TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE access_mode (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  entered_at TEXT NOT NULL,
  can_leave INTEGER NOT NULL DEFAULT 1 CHECK (can_leave IN (0, 1))
) STRICT;
`
