/**
 * The one rule for text the app stores: every character must be one XML 1.0 allows, because every
 * stored text can end up in a .docx or .xlsx (both XML), where one such character makes the whole
 * file unreadable. Forbidden: C0 controls other than tab, line feed and carriage return; U+FFFE and
 * U+FFFF; lone UTF-16 surrogates (half of a character, e.g. from a cut-off emoji).
 *
 * Input is refused, not silently cleaned: the characters are invisible, so a user whose text was
 * changed behind their back could not tell what was lost; a refusal names the field and the
 * character. Document writers still strip them (`stripForbiddenChars`) for data stored before the rule.
 */

// Without the `u` flag a regex sees UTF-16 code units, so a surrogate without its partner is matchable.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g')

/** “U+FFFE”: how a forbidden character is named in messages (it cannot be shown). */
export const codePointName = (char: string): string => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`

/** The first character text may not contain, named as “U+FFFE”, or null when the text is fine. */
export function findForbiddenChar(text: string): string | null {
  const found = FORBIDDEN.exec(text)
  return found ? codePointName(found[0]) : null
}

/** The message for a field holding such a character: 「“会议名称”含有不能保存的字符 U+FFFE」. */
export const forbiddenCharMessage = (label: string, codePoint: string): string =>
  `“${label}”含有不能保存的字符 ${codePoint}（不可见的控制字符或残缺字符），请删除后重新输入或粘贴`

/** For writers of documents only: the text without the characters XML cannot hold. */
export const stripForbiddenChars = (text: string): string => (FORBIDDEN.test(text) ? text.replace(FORBIDDEN_ALL, '') : text)
