/**
 * Packages (issue 10): each reviewer's key (created with their first distribution package; it signs
 * their return packages), every package written (a reviewer's return packages count up) and imported (the same package twice changes nothing; an older
 * return package than one merged is reported), and the merge bases — per reviewer, unit and field,
 * the value the last merge agreed on — so a change on both sides since then is a conflict the
 * organizer decides, and a change on one side is simply taken.
 */
export const sql = /* sql */ `
CREATE TABLE reviewer_keys (
  reviewer_id TEXT PRIMARY KEY REFERENCES reviewers(id) ON DELETE CASCADE,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  key TEXT NOT NULL CHECK (length(key) = 64),
  created_at TEXT NOT NULL
) STRICT;
CREATE TABLE package_imports (
  package_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('distribution', 'return', 'archive')),
  reviewer_id TEXT,
  sequence INTEGER NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX package_imports_reviewer ON package_imports(meeting_id, reviewer_id, sequence);
CREATE TABLE package_exports (
  package_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('distribution', 'return', 'archive')),
  reviewer_id TEXT,
  sequence INTEGER NOT NULL,
  file_name TEXT NOT NULL,
  exported_at TEXT NOT NULL
) STRICT;
CREATE TABLE merge_bases (
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT,
  PRIMARY KEY (reviewer_id, unit_id, field)
) STRICT;
`
