// A byte-level tokenizer and object parser for PDF syntax (ISO 32000-1 §7.2–7.3): numbers,
// names with #xx escapes, literal strings (escapes, nesting) and hex strings, arrays,
// dictionaries, indirect references `n g R`, and bare keywords (content stream operators).
import { PdfDict, PdfKeyword, PdfName, PdfRef, PdfString, PdfSyntaxError, type PdfValue } from './objects.js';

/** 0 regular, 1 white space, 2 delimiter */
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const MAX_DEPTH = 256;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

export function isWhite(c: number): boolean {
  return CLASS[c] === 1;
}

export function isRegular(c: number): boolean {
  return CLASS[c] === 0;
}

/** Names and keywords are interned: a content stream repeats the same few thousands of times. */
const nameCache = new Map<string, PdfName>();
function makeName(s: string): PdfName {
  let n = nameCache.get(s);
  if (!n) {
    n = new PdfName(s);
    if (nameCache.size < 10_000) nameCache.set(s, n);
  }
  return n;
}
const keywordCache = new Map<string, PdfKeyword>();
function makeKeyword(s: string): PdfKeyword {
  let k = keywordCache.get(s);
  if (!k) {
    k = new PdfKeyword(s);
    if (keywordCache.size < 1_000) keywordCache.set(s, k);
  }
  return k;
}

const shortKeywords = new Map<number, PdfKeyword>();

/** What `lite` reading returns for strings and arrays whose contents nobody needs. */
const SKIPPED_STRING = new PdfString(new Uint8Array(0));
const SKIPPED_ARRAY: PdfValue[] = Object.freeze([]) as unknown as PdfValue[];

export class Lexer {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    pos = 0,
    readonly end = buf.length,
  ) {
    this.pos = pos;
  }

  get atEnd(): boolean {
    this.skipWhite();
    return this.pos >= this.end;
  }

  /** Skips white space and comments. */
  skipWhite(): void {
    const buf = this.buf;
    let p = this.pos;
    while (p < this.end) {
      const c = buf[p];
      if (CLASS[c] === 1) p++;
      else if (c === 0x25) {
        // % comment to end of line
        while (p < this.end && buf[p] !== 0x0a && buf[p] !== 0x0d) p++;
      } else break;
    }
    this.pos = p;
  }

  /** Reads a regular-character run (a keyword or number text) without interpreting it. */
  readRegular(): string {
    const start = this.pos;
    let p = start;
    while (p < this.end && CLASS[this.buf[p]] === 0) p++;
    this.pos = p;
    return latin1(this.buf, start, p);
  }

  /** Reads an unsigned integer at the current position (after white space), or returns -1. */
  readUint(): number {
    this.skipWhite();
    let p = this.pos;
    let v = 0;
    let digits = 0;
    while (p < this.end) {
      const c = this.buf[p];
      if (c < 0x30 || c > 0x39) break;
      v = v * 10 + (c - 0x30);
      p++;
      digits++;
    }
    if (digits === 0 || (p < this.end && CLASS[this.buf[p]] === 0)) return -1;
    this.pos = p;
    return v;
  }

  /** True if the next token is exactly `word` (consumed if so). */
  matchKeyword(word: string): boolean {
    this.skipWhite();
    const p = this.pos;
    if (p + word.length > this.end) return false;
    for (let i = 0; i < word.length; i++) if (this.buf[p + i] !== word.charCodeAt(i)) return false;
    const after = p + word.length;
    if (after < this.end && CLASS[this.buf[after]] === 0) return false;
    this.pos = after;
    return true;
  }

  /** Reads one object; throws on a keyword or the end of input. */
  readObject(refs = true): PdfValue {
    const v = this.readItem(refs, 0);
    if (v instanceof PdfKeyword) throw new PdfSyntaxError(`unexpected keyword "${v.word}"`, this.pos);
    if (v === undefined) throw new PdfSyntaxError('unexpected end of data', this.pos);
    return v;
  }

  /**
   * Reads an object or a bare keyword; `undefined` at the end of input. With `refs`, an
   * integer followed by an integer and `R` is read as an indirect reference (never in
   * content streams, where `R` is no operator anyway). With `lite`, strings and arrays are
   * skipped over and come back empty (content streams: text and dash arrays are not needed).
   */
  readItem(refs: boolean, depth = 0, lite = false): PdfValue | PdfKeyword | undefined {
    this.skipWhite();
    if (this.pos >= this.end) return undefined;
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('objects nested too deeply', this.pos);
    const buf = this.buf;
    const c = buf[this.pos];
    switch (c) {
      case 0x2f: // /
        return this.readName();
      case 0x28: // (
        if (lite) {
          this.skipLiteralString();
          return SKIPPED_STRING;
        }
        return this.readLiteralString();
      case 0x3c: // <
        if (buf[this.pos + 1] === 0x3c) return this.readDict(refs, depth);
        if (lite) {
          const close = buf.indexOf(0x3e, this.pos);
          if (close < 0 || close >= this.end) throw new PdfSyntaxError('unterminated hex string', this.pos);
          this.pos = close + 1;
          return SKIPPED_STRING;
        }
        return this.readHexString();
      case 0x5b: {
        // [
        this.pos++;
        const arr: PdfValue[] = lite ? SKIPPED_ARRAY : [];
        for (;;) {
          this.skipWhite();
          if (this.pos >= this.end) throw new PdfSyntaxError('unterminated array', this.pos);
          if (buf[this.pos] === 0x5d) {
            this.pos++;
            return arr;
          }
          const v = this.readItem(refs, depth + 1, lite);
          if (v instanceof PdfKeyword) {
            // tolerate stray keywords inside arrays, except ones that end an object
            if (v.word === 'endobj' || v.word === 'stream' || v.word === 'obj') throw new PdfSyntaxError('unterminated array', this.pos);
            continue;
          }
          if (v === undefined) throw new PdfSyntaxError('unterminated array', this.pos);
          if (!lite) arr.push(v);
        }
      }
      case 0x5d: // ] or > or ) out of place: skip it
      case 0x3e:
      case 0x29:
      case 0x7b:
      case 0x7d:
        this.pos++;
        return new PdfKeyword(String.fromCharCode(c));
    }
    // a number or a keyword
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      const n = this.readNumber();
      if (refs && Number.isInteger(n) && n >= 0) {
        const save = this.pos;
        const gen = this.readUint();
        if (gen >= 0 && this.matchKeyword('R')) return new PdfRef(n, gen);
        this.pos = save;
      }
      return n;
    }
    const word = this.readRegular();
    if (word === '') {
      // a byte that is neither: skip it
      this.pos++;
      return new PdfKeyword(String.fromCharCode(c));
    }
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return makeKeyword(word);
  }

  private readNumber(): number {
    const buf = this.buf;
    let p = this.pos;
    let sign = 1;
    // signs, possibly doubled ("--1" is seen in the wild)
    while (p < this.end && (buf[p] === 0x2d || buf[p] === 0x2b)) {
      if (buf[p] === 0x2d) sign = -sign;
      p++;
    }
    let int = 0;
    let frac = 0;
    let scale = 1;
    let dot = false;
    while (p < this.end) {
      const ch = buf[p];
      if (ch >= 0x30 && ch <= 0x39) {
        if (dot) {
          scale /= 10;
          frac += (ch - 0x30) * scale;
        } else int = int * 10 + (ch - 0x30);
      } else if (ch === 0x2e && !dot) dot = true;
      else if (ch === 0x2d || ch === 0x2b) {
        // "1-" or "0.5-2": junk inside a number token, ignored like other readers do
      } else break;
      p++;
    }
    // anything else glued to the number (e.g. "12abc") is dropped
    while (p < this.end && CLASS[buf[p]] === 0) p++;
    this.pos = p;
    return sign * (int + frac);
  }

  readName(): PdfName {
    const buf = this.buf;
    let p = this.pos + 1; // after '/'
    let s = '';
    let runStart = p;
    while (p < this.end) {
      const c = buf[p];
      if (CLASS[c] !== 0) break;
      if (c === 0x23) {
        const h1 = hexValue(buf[p + 1]);
        const h2 = p + 2 < this.end ? hexValue(buf[p + 2]) : -1;
        if (h1 >= 0 && h2 >= 0) {
          s += latin1(buf, runStart, p) + String.fromCharCode(h1 * 16 + h2);
          p += 3;
          runStart = p;
          continue;
        }
      }
      p++;
    }
    s += latin1(buf, runStart, p);
    this.pos = p;
    return makeName(s);
  }

  /**
   * `readItem(false, 0, true)` for content streams, with fast paths for what they are made
   * of: numbers and short operators.
   */
  readContentItem(): PdfValue | PdfKeyword | undefined {
    this.skipWhite();
    const buf = this.buf;
    const p = this.pos;
    if (p >= this.end) return undefined;
    const c = buf[p];
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0x2b) return this.readNumber();
    if (CLASS[c] === 0) {
      // a keyword: operators of up to three bytes are looked up by their bytes
      let q = p;
      let code = 0;
      while (q < this.end && CLASS[buf[q]] === 0 && q - p < 4) code = code * 256 + buf[q++];
      if (q - p <= 3 && (q >= this.end || CLASS[buf[q]] !== 0)) {
        let k = shortKeywords.get(code);
        if (!k) {
          k = makeKeyword(latin1(buf, p, q));
          if (shortKeywords.size < 4096) shortKeywords.set(code, k);
        }
        this.pos = q;
        return k;
      }
    }
    return this.readItem(false, 0, true);
  }

  /** Moves past a literal string without decoding it. */
  skipLiteralString(): void {
    const buf = this.buf;
    let depth = 0;
    for (let p = this.pos; p < this.end; p++) {
      const c = buf[p];
      if (c === 0x5c) p++;
      else if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) {
        this.pos = p + 1;
        return;
      }
    }
    throw new PdfSyntaxError('unterminated string', this.pos);
  }

  readLiteralString(): PdfString {
    const buf = this.buf;
    // the common case: no escapes, nesting or CR — copy the bytes as they are
    for (let q = this.pos + 1; q < this.end; q++) {
      const c = buf[q];
      if (c === 0x29) {
        const s = new PdfString(buf.slice(this.pos + 1, q));
        this.pos = q + 1;
        return s;
      }
      if (c === 0x5c || c === 0x28 || c === 0x0d) break;
    }
    let p = this.pos + 1;
    const out: number[] = [];
    let depth = 1;
    while (p < this.end) {
      const c = buf[p++];
      if (c === 0x28) {
        depth++;
        out.push(c);
      } else if (c === 0x29) {
        if (--depth === 0) break;
        out.push(c);
      } else if (c === 0x5c) {
        if (p >= this.end) break;
        const e = buf[p++];
        switch (e) {
          case 0x6e:
            out.push(10);
            break;
          case 0x72:
            out.push(13);
            break;
          case 0x74:
            out.push(9);
            break;
          case 0x62:
            out.push(8);
            break;
          case 0x66:
            out.push(12);
            break;
          case 0x0d: // line continuation
            if (buf[p] === 0x0a) p++;
            break;
          case 0x0a:
            break;
          default:
            if (e >= 0x30 && e <= 0x37) {
              let v = e - 0x30;
              for (let k = 0; k < 2 && p < this.end && buf[p] >= 0x30 && buf[p] <= 0x37; k++) v = v * 8 + (buf[p++] - 0x30);
              out.push(v & 0xff);
            } else out.push(e); // \( \) \\ and unknown escapes: the character itself
        }
      } else if (c === 0x0d) {
        // an end of line inside a string reads as \n
        if (buf[p] === 0x0a) p++;
        out.push(10);
      } else out.push(c);
    }
    if (depth !== 0) throw new PdfSyntaxError('unterminated string', this.pos);
    this.pos = p;
    return new PdfString(Uint8Array.from(out));
  }

  readHexString(): PdfString {
    const buf = this.buf;
    let p = this.pos + 1;
    const out: number[] = [];
    let hi = -1;
    for (;;) {
      if (p >= this.end) throw new PdfSyntaxError('unterminated hex string', this.pos);
      const c = buf[p++];
      if (c === 0x3e) break;
      const v = hexValue(c);
      if (v < 0) continue; // white space (and junk) ignored
      if (hi < 0) hi = v;
      else {
        out.push(hi * 16 + v);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi * 16);
    this.pos = p;
    return new PdfString(Uint8Array.from(out));
  }

  readDict(refs: boolean, depth: number): PdfDict {
    this.pos += 2; // <<
    const dict = new PdfDict();
    const buf = this.buf;
    for (;;) {
      this.skipWhite();
      if (this.pos >= this.end) throw new PdfSyntaxError('unterminated dictionary', this.pos);
      const c = buf[this.pos];
      if (c === 0x3e && buf[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return dict;
      }
      if (c !== 0x2f) {
        // not a key: skip the stray token (a damaged dictionary) unless it ends the object
        const junk = this.readItem(refs, depth + 1);
        if (junk instanceof PdfKeyword && (junk.word === 'endobj' || junk.word === 'stream' || junk.word === 'obj'))
          throw new PdfSyntaxError('unterminated dictionary', this.pos);
        continue;
      }
      const key = this.readName().name;
      this.skipWhite();
      if (buf[this.pos] === 0x3e && buf[this.pos + 1] === 0x3e) {
        dict.set(key, null);
        continue;
      }
      const v = this.readItem(refs, depth + 1);
      if (v === undefined) throw new PdfSyntaxError('unterminated dictionary', this.pos);
      if (v instanceof PdfKeyword) {
        if (v.word === 'endobj' || v.word === 'stream' || v.word === 'obj') throw new PdfSyntaxError('unterminated dictionary', this.pos);
        continue;
      }
      dict.set(key, v);
    }
  }
}

export function latin1(buf: Uint8Array, start: number, end: number): string {
  if (end - start < 64) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]);
    return s;
  }
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('latin1');
}
