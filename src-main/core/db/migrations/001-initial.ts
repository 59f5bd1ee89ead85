/**
 * The first schema. Points are stored as integer tenths (every allowed step — 1, 0.5, 0.1 — is a
 * whole number of tenths), so sums are exact. Rows that travel between machines carry a UUID `id`
 * and an `updated_at` stamp.
 */
export const sql = /* sql */ `
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  date TEXT NOT NULL,
  start_time TEXT NOT NULL DEFAULT '',
  end_time TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  host TEXT NOT NULL DEFAULT '',
  host_title TEXT NOT NULL DEFAULT '',
  recorder TEXT NOT NULL DEFAULT '',
  issuing_body TEXT NOT NULL DEFAULT '',
  report_minutes INTEGER NOT NULL DEFAULT 8,
  question_minutes INTEGER NOT NULL DEFAULT 5,
  is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE meeting_rules (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  trim_min_reviewers INTEGER NOT NULL DEFAULT 5,
  rounding_places INTEGER NOT NULL DEFAULT 2,
  tie_breakers TEXT NOT NULL,               -- JSON array
  bands TEXT NOT NULL,                      -- JSON array of { label, minPoints }
  deviation_tenths INTEGER,                 -- NULL = off
  deviation_sd REAL,                        -- NULL = off
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE rubrics (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  base_tenths INTEGER NOT NULL,
  bonus_max_tenths INTEGER NOT NULL DEFAULT 0,
  bonus_guidance TEXT NOT NULL DEFAULT '',
  total_cap_tenths INTEGER,
  deduction_reason_required INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE criteria (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  max_tenths INTEGER NOT NULL CHECK (max_tenths > 0),
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX criteria_meeting ON criteria(meeting_id, seq);

CREATE TABLE rubric_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  criterion_id TEXT NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  max_tenths INTEGER NOT NULL CHECK (max_tenths > 0),
  step_tenths INTEGER NOT NULL CHECK (step_tenths IN (1, 5, 10)),
  weight REAL NOT NULL DEFAULT 1,
  guidance TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX rubric_items_criterion ON rubric_items(criterion_id, seq);
CREATE INDEX rubric_items_meeting ON rubric_items(meeting_id);

CREATE TABLE veto_items (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE units (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  category TEXT NOT NULL CHECK (category IN ('处室', '直属单位')),
  department TEXT NOT NULL DEFAULT '',
  brand TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (meeting_id, name)
) STRICT;
CREATE INDEX units_meeting ON units(meeting_id, seq);

CREATE TABLE reviewers (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('chair', 'member')),
  submitted_at TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (meeting_id, name)
) STRICT;
CREATE INDEX reviewers_meeting ON reviewers(meeting_id, seq);

CREATE TABLE recusals (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  source TEXT NOT NULL CHECK (source IN ('organizer', 'reviewer')),
  reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (reviewer_id, unit_id)
) STRICT;

CREATE TABLE scores (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  item_id TEXT NOT NULL REFERENCES rubric_items(id) ON DELETE CASCADE,
  value_tenths INTEGER NOT NULL CHECK (value_tenths >= 0),
  deduction_reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (reviewer_id, unit_id, item_id)
) STRICT;
CREATE INDEX scores_meeting ON scores(meeting_id);
CREATE INDEX scores_unit ON scores(unit_id);

-- Sheet-level entries of one reviewer for one unit: bonus and comments (亮点/不足/建议).
CREATE TABLE reviews (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  bonus_tenths INTEGER CHECK (bonus_tenths >= 0),
  bonus_reason TEXT NOT NULL DEFAULT '',
  strengths TEXT NOT NULL DEFAULT '',
  weaknesses TEXT NOT NULL DEFAULT '',
  suggestions TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (reviewer_id, unit_id)
) STRICT;

CREATE TABLE veto_marks (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL REFERENCES reviewers(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  veto_item_id TEXT NOT NULL REFERENCES veto_items(id) ON DELETE CASCADE,
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  updated_at TEXT NOT NULL,
  UNIQUE (reviewer_id, unit_id, veto_item_id)
) STRICT;

-- The organizer's decision on a ticked veto: 确认否决 (confirmed) or 核实不构成 (not_established).
CREATE TABLE veto_decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  decision TEXT NOT NULL CHECK (decision IN ('confirmed', 'not_established')),
  reason TEXT NOT NULL CHECK (length(reason) > 0),
  updated_at TEXT NOT NULL,
  UNIQUE (unit_id)
) STRICT;

-- Append-only: every change to a score, bonus or veto, with the value before and after.
CREATE TABLE score_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  reviewer_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  field TEXT NOT NULL,                      -- 'item:<id>', 'bonus', 'veto:<id>', 'unlock'
  old_value TEXT,
  new_value TEXT,
  reason TEXT NOT NULL DEFAULT '',
  at TEXT NOT NULL
) STRICT;
CREATE INDEX score_history_unit ON score_history(meeting_id, reviewer_id, unit_id);
-- History rows are never edited. (Deleting a whole meeting still removes its history.)
CREATE TRIGGER score_history_append_only BEFORE UPDATE ON score_history
BEGIN
  SELECT RAISE(ABORT, 'score_history is append-only');
END;
`
