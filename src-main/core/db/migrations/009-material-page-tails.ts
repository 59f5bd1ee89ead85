/**
 * One- and two-character searches (党, 党建) cannot use the trigram index directly. They read the
 * index's terms instead: every occurrence of a 1–2 character string is the start of a trigram,
 * except in the last two characters of a page. This index holds those last two characters (folded
 * like the trigram tokenizer folds ASCII), so a short search never reads the pages' whole text.
 */
export const sql = /* sql */ `
CREATE INDEX material_pages_tail ON material_pages(lower(substr(text, -2)));
`
