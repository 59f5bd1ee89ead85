/**
 * On the day: every draw of lots (seed, time, reason, the order it gave as JSON
 * [{unitId, unitName, position}]), and the projector's state per meeting (unit on screen, phase, clock).
 */
export const sql = /* sql */ `
CREATE TABLE lot_draws (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  seed TEXT NOT NULL,
  drawn_at TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  unit_order TEXT NOT NULL,
  UNIQUE (meeting_id, seq)
) STRICT;
CREATE TABLE projector_state (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
  unit_id TEXT REFERENCES units(id) ON DELETE SET NULL,
  phase TEXT NOT NULL DEFAULT 'idle' CHECK (phase IN ('idle', 'report', 'questions', 'done')),
  running_since TEXT,
  elapsed_ms INTEGER NOT NULL DEFAULT 0,
  report_minutes INTEGER NOT NULL DEFAULT 8,
  question_minutes INTEGER NOT NULL DEFAULT 5,
  warn_minutes INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
) STRICT;
`
