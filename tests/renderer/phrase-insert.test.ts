/** A common phrase put into a comment: where it lands and how it joins the text already typed. */
import { describe, expect, it } from 'vitest'
import { insertPhrase } from '../../src-renderer/src/scoring/phraseInsert'

describe('insertPhrase', () => {
  it('fills an empty field with the phrase alone', () => {
    expect(insertPhrase('', '台账规范', null)).toEqual({ text: '台账规范', caret: 4 })
    expect(insertPhrase('', '台账规范', { start: 0, end: 0 })).toEqual({ text: '台账规范', caret: 4 })
  })

  it('appends with 「；」 when the field is not focused, or without one after a clause already ended', () => {
    expect(insertPhrase('品牌鲜明', '台账规范', null)).toEqual({ text: '品牌鲜明；台账规范', caret: 9 })
    expect(insertPhrase('品牌鲜明。', '台账规范', null)?.text).toBe('品牌鲜明。台账规范')
    expect(insertPhrase('品牌鲜明；', '台账规范', null)?.text).toBe('品牌鲜明；台账规范')
    expect(insertPhrase('品牌鲜明\n', '台账规范', null)?.text).toBe('品牌鲜明\n台账规范')
  })

  it('inserts at the caret, keeping the text on both sides as separate clauses', () => {
    // Caret between "品牌鲜明；" and "服务好": no doubled separator, a new one before "服务好".
    expect(insertPhrase('品牌鲜明；服务好', '台账规范', { start: 5, end: 5 })).toEqual({ text: '品牌鲜明；台账规范；服务好', caret: 9 })
    // Caret at the start of a filled field.
    expect(insertPhrase('服务好', '台账规范', { start: 0, end: 0 })).toEqual({ text: '台账规范；服务好', caret: 4 })
    // Caret in the middle of a clause (after "品牌鲜明").
    expect(insertPhrase('品牌鲜明服务好', '台账规范', { start: 4, end: 4 })?.text).toBe('品牌鲜明；台账规范；服务好')
  })

  it('replaces a selection, whichever way it was made', () => {
    expect(insertPhrase('品牌鲜明；XX；服务好', '台账规范', { start: 5, end: 7 })?.text).toBe('品牌鲜明；台账规范；服务好')
    expect(insertPhrase('品牌鲜明；XX；服务好', '台账规范', { start: 7, end: 5 })?.text).toBe('品牌鲜明；台账规范；服务好')
  })

  it('inserts nothing when the field would exceed its limit', () => {
    expect(insertPhrase('意'.repeat(1996), '台账规范', null, 2000)).toBeNull()
    expect(insertPhrase('意'.repeat(1995), '台账规范', null, 2000)?.text).toHaveLength(2000)
  })
})
