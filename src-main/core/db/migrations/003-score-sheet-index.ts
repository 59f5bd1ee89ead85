/**
 * A covering index for reading whole score sheets (results, documents): the loader groups scores
 * by reviewer × unit and needs only the item and the value, so SQLite can answer from the index
 * alone instead of visiting 360,000 table rows.
 */
export const sql = /* sql */ `
CREATE INDEX scores_sheet_values ON scores(reviewer_id, unit_id, item_id, value_tenths);
`
