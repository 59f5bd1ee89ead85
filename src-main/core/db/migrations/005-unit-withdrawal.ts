/**
 * 退出评审: a unit that drops out after scoring began keeps its row and its scores (the record of
 * what reviewers did), and leaves the ranking. Empty `withdrawn_at` = taking part.
 */
export const sql = /* sql */ `
ALTER TABLE units ADD COLUMN withdrawn_at TEXT;
ALTER TABLE units ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT '';
`
