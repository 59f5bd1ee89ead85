/**
 * A scanned PDF recognised without pdfjs. pdfjs must read every page image whole just to learn it is
 * an image (a 1 GB scan = 1 GB through its chunk cache), yet a scanner's PDF is simple: plain objects,
 * one xref table, pages whose content only paints images. This reads object headers only (skipping
 * each stream by its /Length) and says how many pages the file has when it can PROVE pdfjs would find
 * no text on any of them; on anything it does not fully understand it answers undefined and pdfjs
 * reads the file as before, so text, page numbers and errors never differ.
 */
import type { FileHandle } from 'node:fs/promises'
import { inflateSync } from 'node:zlib'

class Name {
  constructor(readonly name: string) {}
}
class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
class Keyword {
  constructor(readonly word: string) {}
}
type Dict = Map<string, Value>
type Value = number | boolean | null | string | Name | Ref | Keyword | Value[] | Dict
/** Something this reader does not accept: the file goes to pdfjs. */
class NotSimple extends Error {}
/** The parse ran past the bytes read: read more and try again. */
class NeedMore extends Error {}

const WS = new Set([0, 9, 10, 12, 13, 32])
const DELIM = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25])
const isRegular = (c: number) => !WS.has(c) && !DELIM.has(c)

/** A tokenizer over bytes read at `base` in the file; `atEof` when they reach its end. */
class Lexer {
  pos = 0
  constructor(
    readonly buf: Buffer,
    readonly atEof: boolean,
  ) {}
  private byte(i = this.pos): number {
    if (i >= this.buf.length) throw this.atEof ? new NotSimple() : new NeedMore()
    return this.buf[i]
  }
  skipSpace(): void {
    for (;;) {
      const c = this.byte()
      if (WS.has(c)) this.pos++
      else if (c === 0x25) while (this.byte() !== 10 && this.byte() !== 13) this.pos++
      else return
    }
  }
  private word(): string {
    const start = this.pos
    while (isRegular(this.byte())) this.pos++
    return this.buf.toString('latin1', start, this.pos)
  }
  private integerAt(): number | undefined {
    const start = this.pos
    const w = this.word()
    if (/^\d+$/.test(w)) return Number(w)
    this.pos = start
    return undefined
  }
  value(depth = 0): Value {
    if (depth > 32) throw new NotSimple()
    this.skipSpace()
    const c = this.byte()
    if (c === 0x3c && this.byte(this.pos + 1) === 0x3c) {
      this.pos += 2
      const dict: Dict = new Map()
      for (;;) {
        this.skipSpace()
        if (this.byte() === 0x3e && this.byte(this.pos + 1) === 0x3e) return (this.pos += 2), dict
        const key = this.value(depth + 1)
        if (!(key instanceof Name)) throw new NotSimple()
        dict.set(key.name, this.value(depth + 1))
      }
    }
    if (c === 0x5b) {
      this.pos++
      const items: Value[] = []
      for (;;) {
        this.skipSpace()
        if (this.byte() === 0x5d) return this.pos++, items
        items.push(this.value(depth + 1))
      }
    }
    if (c === 0x28) {
      // A literal string: balanced parentheses, backslash escapes. Its content is never needed here.
      let open = 0
      for (;;) {
        const b = this.byte(this.pos++)
        if (b === 0x5c) this.pos++
        else if (b === 0x28) open++
        else if (b === 0x29 && --open === 0) return ''
      }
    }
    if (c === 0x3c) {
      while (this.byte(++this.pos) !== 0x3e);
      this.pos++
      return ''
    }
    if (c === 0x2f) {
      this.pos++
      return new Name(this.word().replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))))
    }
    if (!isRegular(c)) throw new NotSimple()
    const first = this.integerAt()
    if (first !== undefined) {
      // `n g R` is a reference; otherwise the integer stands alone.
      const after = this.pos
      try {
        this.skipSpace()
        const gen = this.integerAt()
        if (gen !== undefined) {
          this.skipSpace()
          if (this.byte() === 0x52 && !isRegular(this.byte(this.pos + 1))) return this.pos++, new Ref(first, gen)
        }
      } catch (error) {
        // The end of the file right after a number (startxref's) ends the look-ahead, not the parse.
        if (!(error instanceof NotSimple)) throw error
      }
      this.pos = after
      return first
    }
    const w = this.word()
    if (w === 'true' || w === 'false') return w === 'true'
    if (w === 'null') return null
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(w)) return Number(w)
    return new Keyword(w)
  }
  keyword(word: string): void {
    const v = this.value()
    if (!(v instanceof Keyword) || v.word !== word) throw new NotSimple()
  }
  integer(): number {
    const v = this.value()
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new NotSimple()
    return v
  }
}

interface PdfObject {
  offset: number
  gen: number
  value: Value
  stream?: { start: number; length: number }
}

const MAX_OBJECTS = 200_000
/** A page's content stream is a few hundred bytes in a scan; anything large is not one. */
const MAX_CONTENT_BYTES = 1024 * 1024
/** The operators that show text (Tj, TJ, ', "), found anywhere in the bytes: a conservative test. */
const TEXT_OPERATOR = /T[jJ]|['"]/

const nameOf = (v: Value | undefined) => (v instanceof Name ? v.name : undefined)

/**
 * The number of pages when every page of the PDF provably has no text (a scan), else undefined:
 * the caller then reads it with pdfjs. Only reads object headers, never a page image.
 */
export async function textlessPageCount(handle: FileHandle, size: number, signal?: AbortSignal): Promise<number | undefined> {
  try {
    return await count(handle, size, signal)
  } catch (error) {
    if (error instanceof NotSimple || error instanceof NeedMore) return undefined
    throw error
  }
}

async function count(handle: FileHandle, size: number, signal?: AbortSignal): Promise<number> {
  const read = async (pos: number, want: number) => {
    const buf = Buffer.allocUnsafe(Math.max(0, Math.min(want, size - pos)))
    const { bytesRead } = await handle.read(buf, 0, buf.length, pos)
    return new Lexer(buf.subarray(0, bytesRead), pos + bytesRead >= size)
  }
  /** Parses at `pos` from a small read, again from larger ones while that was not enough. */
  const at = async <T>(pos: number, parse: (lex: Lexer) => T): Promise<T> => {
    for (const want of [4 * 1024, 64 * 1024, 1024 * 1024]) {
      try {
        return parse(await read(pos, want))
      } catch (error) {
        if (!(error instanceof NeedMore)) throw error
      }
    }
    throw new NotSimple()
  }

  const head = await read(0, 16)
  if (head.buf.toString('latin1', 0, 5) !== '%PDF-') throw new NotSimple()

  // The end: `startxref <offset> %%EOF` with only white space after it (no update appended).
  const tailAt = Math.max(0, size - 1024)
  const tail = (await read(tailAt, 1024)).buf.toString('latin1')
  const end = /startxref[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+%%EOF[\0\t\n\f\r ]*$/.exec(tail)
  if (!end) throw new NotSimple()
  const xref = Number(end[1])
  if (xref >= tailAt + end.index) throw new NotSimple()

  // One xref table, then the trailer.
  const { listed, trailer } = await at(xref, (lex) => {
    lex.keyword('xref')
    const listed = new Map<number, { offset: number; gen: number }>()
    for (;;) {
      lex.skipSpace()
      if (lex.buf.toString('latin1', lex.pos, lex.pos + 7) === 'trailer') break
      const start = lex.integer()
      const n = lex.integer()
      for (let i = 0; i < n; i++) {
        const offset = lex.integer()
        const gen = lex.integer()
        const kind = lex.value()
        if (!(kind instanceof Keyword) || (kind.word !== 'n' && kind.word !== 'f')) throw new NotSimple()
        if (kind.word === 'n') {
          if (listed.has(start + i) || listed.size >= MAX_OBJECTS) throw new NotSimple()
          listed.set(start + i, { offset, gen })
        }
      }
    }
    lex.keyword('trailer')
    const trailer = lex.value()
    lex.keyword('startxref')
    return { listed, trailer }
  })
  // An encrypted file, or one updated incrementally: pdfjs decides.
  if (!(trailer instanceof Map) || trailer.has('Encrypt') || trailer.has('Prev') || trailer.has('XRefStm')) throw new NotSimple()

  /** A stream's /Length: a number, or a reference to one (written after the stream, as LibreOffice does). */
  const lengthOf = async (length: Value | undefined): Promise<number> => {
    if (length instanceof Ref) {
      const ref = length
      const entry = listed.get(ref.num)
      if (!entry || entry.gen !== ref.gen) throw new NotSimple()
      length = await at(entry.offset, (lex) => {
        if (lex.integer() !== ref.num || lex.integer() !== ref.gen) throw new NotSimple()
        lex.keyword('obj')
        const value = lex.value()
        lex.keyword('endobj')
        return value
      })
    }
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) throw new NotSimple()
    return length
  }

  // The objects, one after another from the header line to the xref table, each stream skipped by its length.
  const objects = new Map<number, PdfObject>()
  let next = await at(0, (lex) => (lex.skipSpace(), lex.pos))
  for (;;) {
    signal?.throwIfAborted()
    const pos = next
    const parsed = await at(pos, (lex) => {
      const offset = pos + lex.pos
      const first = lex.value()
      if (first instanceof Keyword && first.word === 'xref') return { xref: offset }
      if (typeof first !== 'number') throw new NotSimple()
      const gen = lex.integer()
      lex.keyword('obj')
      const value = lex.value()
      lex.skipSpace()
      if (lex.buf.toString('latin1', lex.pos, lex.pos + 6) === 'stream') {
        lex.pos += 6
        if (lex.buf[lex.pos] === 13) lex.pos++
        if (lex.buf[lex.pos] !== 10 || !(value instanceof Map)) throw new NotSimple()
        return { num: first, object: { offset, gen, value }, streamStart: pos + lex.pos + 1, end: -1 }
      }
      lex.keyword('endobj')
      lex.skipSpace()
      return { num: first, object: { offset, gen, value } as PdfObject, streamStart: -1, end: pos + lex.pos }
    })
    if ('xref' in parsed) {
      if (parsed.xref !== xref) throw new NotSimple()
      break
    }
    const { num, object } = parsed
    if (objects.has(num) || objects.size >= MAX_OBJECTS) throw new NotSimple()
    const dict = object.value instanceof Map ? object.value : undefined
    const type = nameOf(dict?.get('Type'))
    // Object streams hide objects from this reader; forms and fonts may carry text: pdfjs decides.
    if (type === 'ObjStm' || type === 'XRef' || type === 'Font' || nameOf(dict?.get('Subtype')) === 'Form') throw new NotSimple()
    objects.set(num, object)
    next = parsed.end
    if (parsed.streamStart >= 0) {
      const length = await lengthOf(dict!.get('Length'))
      object.stream = { start: parsed.streamStart, length }
      const streamEnd = parsed.streamStart + length
      if (streamEnd > xref) throw new NotSimple()
      next = await at(streamEnd, (lex) => {
        lex.skipSpace()
        lex.keyword('endstream')
        lex.keyword('endobj')
        lex.skipSpace()
        return streamEnd + lex.pos
      })
    }
  }
  // The xref table lists exactly the objects found, at their offsets: pdfjs reads the same objects.
  if (listed.size !== objects.size) throw new NotSimple()
  for (const [num, { offset, gen }] of listed) {
    const object = objects.get(num)
    if (!object || object.offset !== offset || object.gen !== gen) throw new NotSimple()
  }

  const resolve = (v: Value | undefined): PdfObject => {
    const object = v instanceof Ref ? objects.get(v.num) : undefined
    if (!object || object.gen !== (v as Ref).gen) throw new NotSimple()
    return object
  }
  const dictOf = (v: Value | undefined): Dict => {
    const { value } = resolve(v)
    if (!(value instanceof Map)) throw new NotSimple()
    return value
  }
  const catalog = dictOf(trailer.get('Root'))
  if (nameOf(catalog.get('Type')) !== 'Catalog') throw new NotSimple()

  // The page tree, each node's /Count true (pdfjs finds pages by it), leaves in order.
  const leaves: Dict[] = []
  const seen = new Set<number>()
  const walk = (ref: Value | undefined, depth: number): number => {
    if (!(ref instanceof Ref) || seen.has(ref.num) || depth > 64) throw new NotSimple()
    seen.add(ref.num)
    const node = dictOf(ref)
    const type = nameOf(node.get('Type'))
    if (type === 'Page') return leaves.push(node), 1
    const kids = node.get('Kids')
    if (type !== 'Pages' || !Array.isArray(kids)) throw new NotSimple()
    const n = kids.reduce<number>((sum, kid) => sum + walk(kid, depth + 1), 0)
    if (node.get('Count') !== n) throw new NotSimple()
    return n
  }
  const pages = walk(catalog.get('Pages'), 0)
  if (pages < 1) throw new NotSimple()

  for (const page of leaves) {
    const contents = page.get('Contents')
    const streams = contents === undefined ? [] : Array.isArray(contents) ? contents : [contents]
    for (const ref of streams) {
      signal?.throwIfAborted()
      const object = resolve(ref)
      const dict = object.value as Dict
      if (!object.stream || object.stream.length > MAX_CONTENT_BYTES || dict.has('DecodeParms')) throw new NotSimple()
      const filter = dict.get('Filter')
      const filters = filter === undefined ? [] : Array.isArray(filter) ? filter : [filter]
      if (filters.length > 1 || (filters.length === 1 && nameOf(filters[0]) !== 'FlateDecode')) throw new NotSimple()
      const raw = (await read(object.stream.start, object.stream.length)).buf
      if (raw.length !== object.stream.length) throw new NotSimple()
      let data: Buffer
      try {
        data = filters.length ? inflateSync(raw, { maxOutputLength: 16 * MAX_CONTENT_BYTES }) : raw
      } catch {
        throw new NotSimple()
      }
      if (TEXT_OPERATOR.test(data.toString('latin1'))) throw new NotSimple()
    }
  }
  return pages
}
