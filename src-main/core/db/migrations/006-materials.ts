/**
 * Materials: one row per file a unit handed in, referencing its content by SHA-256
 * (`<dataDir>/materials/<sha256>`; identical files are stored once), and the text extracted at
 * import, one row per page, indexed by FTS5's trigram tokenizer (Chinese has no spaces to split on;
 * trigrams match any substring of three or more characters — shorter queries scan `material_pages`).
 */
export const sql = /* sql */ `
CREATE TABLE materials (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('pdf', 'docx', 'xlsx', 'txt', 'image', 'unsupported')),
  content_type TEXT NOT NULL,
  page_count INTEGER NOT NULL CHECK (page_count >= 0),
  has_text_layer INTEGER NOT NULL CHECK (has_text_layer IN (0, 1)),
  note TEXT NOT NULL DEFAULT '',
  imported_at TEXT NOT NULL,
  UNIQUE (unit_id, name)
) STRICT;
CREATE INDEX materials_unit ON materials(unit_id, seq);
CREATE INDEX materials_meeting ON materials(meeting_id);
CREATE INDEX materials_sha256 ON materials(sha256);

CREATE TABLE material_pages (
  id INTEGER PRIMARY KEY,
  material_id TEXT NOT NULL REFERENCES materials(id) ON DELETE CASCADE,
  page INTEGER NOT NULL CHECK (page >= 1),
  text TEXT NOT NULL,
  UNIQUE (material_id, page)
) STRICT;

CREATE VIRTUAL TABLE material_fts USING fts5(text, content='material_pages', content_rowid='id', tokenize='trigram');
CREATE TRIGGER material_pages_ai AFTER INSERT ON material_pages BEGIN
  INSERT INTO material_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER material_pages_ad AFTER DELETE ON material_pages BEGIN
  INSERT INTO material_fts(material_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
`
