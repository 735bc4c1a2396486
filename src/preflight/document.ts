// Reading a PDF file's structure (ISO 32000-1 §7.5): the header, cross-reference tables and
// cross-reference streams (with /Prev chains of incremental updates and hybrid /XRefStm),
// object streams, and a repair pass that scans for `n g obj` when the cross-reference data is
// missing or wrong. Objects are parsed lazily and cached; stream data stays a view into the file.
import { DecodeBudget, decodeFilters } from './filters.js';
import { Lexer } from './lexer.js';
import { PdfDict, PdfKeyword, PdfRef, PdfStream, PdfSyntaxError, isName, nameOf, numberOf, type PdfValue } from './objects.js';

type XrefEntry = { type: 0 } | { type: 1; offset: number; gen: number } | { type: 2; stream: number; index: number };

export interface PageInfo {
  /** 1-based page number */
  number: number;
  dict: PdfDict;
  ref?: PdfRef;
  /** attributes found on the page or inherited from its /Parent Pages nodes */
  attr(key: string): PdfValue | undefined;
}

/** Attributes a page takes from its ancestors (§7.7.3.4), plus the boxes (see `attr`). */
const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate', 'TrimBox', 'BleedBox', 'ArtBox', 'UserUnit'];

/** Objects a document may have (a newspaper's PDF has tens of thousands): more is refused, not read. */
export const MAX_OBJECTS = 2_000_000;

export class PdfFile {
  readonly buf: Buffer;
  /** "1.3" etc., from the header */
  readonly headerVersion: string;
  /** where `%PDF-` starts (offsets in a file with junk in front are often relative to it) */
  private readonly headerOffset: number;
  trailer = new PdfDict();
  private entries = new Map<number, XrefEntry>();
  /** a cross-reference stream was read (PDF 1.5) */
  usesXrefStreams = false;
  /** some object lives in an object stream (PDF 1.5) */
  usesObjectStreams = false;
  /** the cross-reference data was unusable and objects were found by scanning */
  repaired = false;
  /** problems met while reading, reported as structure warnings */
  readonly problems: string[] = [];
  /** what the document's streams may still expand to (decompression bombs) */
  readonly budget = new DecodeBudget();

  private cache = new Map<number, PdfValue>();
  private inProgress = new Set<number>();
  private objStms = new Map<number, { lexerBuf: Uint8Array; offsets: Map<number, number>; first: number }>();
  private scanned: Map<number, number> | undefined;

  constructor(bytes: Uint8Array) {
    this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = this.buf.subarray(0, 1024).toString('latin1');
    const at = head.indexOf('%PDF-');
    if (at < 0) throw new PdfSyntaxError('no %PDF- header');
    this.headerOffset = at;
    const m = /^%PDF-(\d+\.\d+)/.exec(head.slice(at));
    this.headerVersion = m ? m[1] : '?';
    try {
      this.readXref();
    } catch (e) {
      this.problems.push(`cross-reference data unusable (${(e as Error).message}); objects recovered by scanning the file`);
      this.repair();
      return;
    }
    if (!(this.resolve(this.trailer.get('Root')) instanceof PdfDict)) {
      this.problems.push('cross-reference data does not lead to the document catalog; objects recovered by scanning the file');
      this.repair();
    }
  }

  /** The document catalog. */
  get catalog(): PdfDict | undefined {
    const root = this.resolve(this.trailer.get('Root'));
    return root instanceof PdfDict ? root : undefined;
  }

  /** Every object number the cross-reference data knows (in use). */
  objectNumbers(): number[] {
    const out: number[] = [];
    for (const [num, e] of this.entries) if (e.type !== 0) out.push(num);
    return out.sort((a, b) => a - b);
  }

  // ---------------------------------------------------------------- cross-reference data

  private readXref(): void {
    const tail = this.buf.subarray(Math.max(0, this.buf.length - 2048)).toString('latin1');
    const at = tail.lastIndexOf('startxref');
    if (at < 0) throw new PdfSyntaxError('no startxref');
    const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
    if (!m) throw new PdfSyntaxError('startxref without an offset');
    let offset: number | undefined = Number(m[1]);
    const seen = new Set<number>();
    let first = true;
    while (offset !== undefined && !seen.has(offset)) {
      seen.add(offset);
      const trailer = this.readXrefSection(offset);
      // the newest trailer wins; older ones only fill in what it lacks
      for (const [k, v] of trailer.map) if (first || (!this.trailer.has(k) && k !== 'Prev' && k !== 'XRefStm')) this.trailer.set(k, v);
      first = false;
      const prev = trailer.get('Prev');
      offset = typeof prev === 'number' ? prev : undefined;
    }
  }

  private setEntry(num: number, e: XrefEntry): void {
    if (this.entries.has(num)) return;
    if (this.entries.size >= MAX_OBJECTS) throw new PdfSyntaxError(`more than ${MAX_OBJECTS} objects: a parse bomb?`);
    this.entries.set(num, e);
  }

  /** Reads the table or stream at `offset`, records its entries and returns its trailer. */
  private readXrefSection(offset: number): PdfDict {
    for (const pos of [offset, offset + this.headerOffset]) {
      if (pos < 0 || pos >= this.buf.length) continue;
      const lx = new Lexer(this.buf, pos);
      if (lx.matchKeyword('xref')) return this.readXrefTable(lx);
      lx.pos = pos;
      const num = lx.readUint();
      const gen = lx.readUint();
      if (num >= 0 && gen >= 0 && lx.matchKeyword('obj')) return this.readXrefStream(pos, num);
    }
    throw new PdfSyntaxError('no cross-reference table or stream where startxref points', offset);
  }

  private readXrefTable(lx: Lexer): PdfDict {
    const found: Array<[number, XrefEntry]> = [];
    for (;;) {
      lx.skipWhite();
      if (lx.matchKeyword('trailer')) break;
      const start = lx.readUint();
      const count = lx.readUint();
      if (start < 0 || count < 0) throw new PdfSyntaxError('bad cross-reference subsection header', lx.pos);
      for (let i = 0; i < count; i++) {
        const off = lx.readUint();
        const gen = lx.readUint();
        lx.skipWhite();
        const kind = lx.buf[lx.pos];
        lx.pos++;
        if (off < 0 || gen < 0 || (kind !== 0x6e && kind !== 0x66)) throw new PdfSyntaxError('bad cross-reference entry', lx.pos);
        found.push([start + i, kind === 0x6e ? { type: 1, offset: off, gen } : { type: 0 }]);
      }
    }
    const trailer = lx.readObject();
    if (!(trailer instanceof PdfDict)) throw new PdfSyntaxError('trailer is not a dictionary', lx.pos);
    // a hybrid file: objects hidden from old readers are in the /XRefStm stream
    const xrefStm = trailer.get('XRefStm');
    if (typeof xrefStm === 'number') {
      try {
        const sl = new Lexer(this.buf, xrefStm);
        const num = sl.readUint();
        if (num >= 0 && sl.readUint() >= 0 && sl.matchKeyword('obj')) this.readXrefStream(xrefStm, num);
      } catch (e) {
        this.problems.push(`unreadable /XRefStm (${(e as Error).message})`);
      }
    }
    for (const [num, e] of found) {
      // object 0 is the head of the free list; an entry "n" for it is a miscounted subsection
      if (num === 0 && e.type === 1) throw new PdfSyntaxError('object 0 marked in use (subsection miscounted)');
      this.setEntry(num, e);
    }
    return trailer;
  }

  private readXrefStream(pos: number, num: number): PdfDict {
    const obj = this.parseObjectAt(pos, num);
    if (!(obj instanceof PdfStream) || !isName(obj.dict.get('Type'), 'XRef')) throw new PdfSyntaxError('startxref points to an object that is not a cross-reference stream', pos);
    this.usesXrefStreams = true;
    const d = obj.dict;
    const w = d.get('W');
    if (!Array.isArray(w) || w.length < 3 || !w.every((x) => typeof x === 'number')) throw new PdfSyntaxError('cross-reference stream without /W');
    const [w1, w2, w3] = w as number[];
    // fields of 0 to 8 bytes, rows of at least one: a row of none would repeat forever
    if (![w1, w2, w3].every((x) => Number.isInteger(x) && x >= 0 && x <= 8) || w1 + w2 + w3 === 0) throw new PdfSyntaxError(`cross-reference stream with bad /W [${w.join(' ')}]`);
    const size = numberOf(d.get('Size')) ?? 0;
    const index = d.get('Index');
    const ranges = Array.isArray(index) ? (index.filter((x) => typeof x === 'number') as number[]) : [0, size];
    const data = decodeFilters(obj.raw, d, (v) => this.resolve(v), this.budget);
    const rowLen = w1 + w2 + w3;
    let p = 0;
    const field = (width: number): number => {
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + data[p++];
      return v;
    };
    for (let r = 0; r + 1 < ranges.length; r += 2) {
      const start = ranges[r];
      const count = ranges[r + 1];
      for (let i = 0; i < count && p + rowLen <= data.length; i++) {
        const type = w1 === 0 ? 1 : field(w1);
        const f2 = field(w2);
        const f3 = field(w3);
        if (type === 0) this.setEntry(start + i, { type: 0 });
        else if (type === 1) this.setEntry(start + i, { type: 1, offset: f2, gen: f3 });
        else if (type === 2) {
          this.setEntry(start + i, { type: 2, stream: f2, index: f3 });
          this.usesObjectStreams = true;
        }
      }
    }
    return d;
  }

  /** Rebuilds the cross-reference data by scanning for `n g obj`, and finds the trailer. */
  private repair(): void {
    this.repaired = true;
    this.entries = new Map();
    this.cache.clear();
    this.trailer = new PdfDict();
    const scanned = this.scan();
    for (const [num, offset] of scanned) this.entries.set(num, { type: 1, offset, gen: 0 });
    // trailers, last one first
    const text = this.buf.toString('latin1');
    const trailers: number[] = [];
    for (const m of text.matchAll(/trailer\s*<</g)) trailers.push(m.index + 7);
    for (const at of trailers.reverse()) {
      try {
        const t = new Lexer(this.buf, at).readObject();
        if (t instanceof PdfDict) for (const [k, v] of t.map) if (!this.trailer.has(k)) this.trailer.set(k, v);
      } catch {
        // a damaged trailer: try the next
      }
    }
    // objects in object streams, and xref streams (their dictionaries are trailers)
    for (const num of [...scanned.keys()]) {
      const obj = this.getObject(num);
      if (!(obj instanceof PdfStream)) continue;
      const type = nameOf(obj.dict.get('Type'));
      if (type === 'ObjStm') {
        this.usesObjectStreams = true;
        try {
          const stm = this.objStm(num);
          let i = 0;
          for (const inner of stm.offsets.keys()) if (!this.entries.has(inner)) this.entries.set(inner, { type: 2, stream: num, index: i++ });
        } catch {
          // unreadable object stream
        }
      } else if (type === 'XRef') {
        this.usesXrefStreams = true;
        for (const key of ['Root', 'Info', 'ID', 'Encrypt']) if (!this.trailer.has(key) && obj.dict.has(key)) this.trailer.set(key, obj.dict.get(key)!);
      }
    }
    if (!(this.resolve(this.trailer.get('Root')) instanceof PdfDict)) {
      // last resort: any catalog
      for (const num of this.entries.keys()) {
        const obj = this.getObject(num);
        if (obj instanceof PdfDict && isName(obj.get('Type'), 'Catalog')) {
          this.trailer.set('Root', new PdfRef(num, 0));
          break;
        }
      }
    }
  }

  /** Offsets of every `n g obj` in the file (the last definition of a number wins). */
  private scan(): Map<number, number> {
    if (this.scanned) return this.scanned;
    const found = new Map<number, number>();
    const text = this.buf.toString('latin1');
    const re = /(?<![0-9])(\d{1,10})[ \t\r\n\f\0]+(\d{1,5})[ \t\r\n\f\0]+obj(?![A-Za-z0-9])/g;
    for (const m of text.matchAll(re)) found.set(Number(m[1]), m.index);
    this.scanned = found;
    return found;
  }

  // ---------------------------------------------------------------- objects

  /** Follows references (chains included) to the object; undefined stays undefined. */
  resolve(v: PdfValue | undefined): PdfValue | undefined {
    let hops = 0;
    while (v instanceof PdfRef && hops++ < 32) v = this.getObject(v.num);
    return v instanceof PdfRef ? null : v;
  }

  dict(v: PdfValue | undefined): PdfDict | undefined {
    const r = this.resolve(v);
    if (r instanceof PdfDict) return r;
    if (r instanceof PdfStream) return r.dict;
    return undefined;
  }

  /** A dictionary entry, resolved. */
  get(d: PdfDict | undefined, key: string): PdfValue | undefined {
    return d ? this.resolve(d.get(key)) : undefined;
  }

  getObject(num: number): PdfValue {
    const cached = this.cache.get(num);
    if (cached !== undefined) return cached;
    if (this.inProgress.has(num)) return null; // a loop, e.g. a /Length that refers to its own stream
    this.inProgress.add(num);
    let value: PdfValue = null;
    try {
      value = this.loadObject(num);
    } catch (e) {
      this.problems.push(`object ${num} unreadable (${(e as Error).message})`);
      value = null;
    } finally {
      this.inProgress.delete(num);
    }
    this.cache.set(num, value);
    return value;
  }

  private loadObject(num: number): PdfValue {
    const e = this.entries.get(num);
    if (!e || e.type === 0) return null;
    if (e.type === 2) {
      const stm = this.objStm(e.stream);
      const offset = stm.offsets.get(num);
      if (offset === undefined) return null;
      return new Lexer(stm.lexerBuf, stm.first + offset).readObject();
    }
    try {
      return this.parseObjectAt(e.offset, num);
    } catch (err) {
      // a wrong offset: look where the scan found the object
      const at = this.scan().get(num);
      if (at === undefined || at === e.offset) throw err;
      if (!this.repaired && !this.problems.some((p) => p.startsWith('wrong cross-reference offsets')))
        this.problems.push(`wrong cross-reference offsets (object ${num}); objects found by scanning`);
      return this.parseObjectAt(at, num);
    }
  }

  /** Parses `num gen obj … endobj` at `pos` (a stream included). */
  private parseObjectAt(pos: number, num: number): PdfValue {
    let lx = new Lexer(this.buf, pos);
    let n = lx.readUint();
    if (n !== num && this.headerOffset > 0) {
      lx = new Lexer(this.buf, pos + this.headerOffset);
      n = lx.readUint();
    }
    const gen = lx.readUint();
    if (n !== num || gen < 0 || !lx.matchKeyword('obj')) throw new PdfSyntaxError(`object ${num} not found where the cross-reference data says`, pos);
    const item = lx.readItem(true);
    if (item === undefined || (item instanceof PdfKeyword && item.word === 'endobj')) return null;
    if (item instanceof PdfKeyword) throw new PdfSyntaxError(`unexpected keyword "${item.word}" in object ${num}`, lx.pos);
    if (!(item instanceof PdfDict) || !lx.matchKeyword('stream')) return item;
    return this.readStreamData(lx, item, num);
  }

  private readStreamData(lx: Lexer, dict: PdfDict, num: number): PdfStream {
    const buf = this.buf;
    let start = lx.pos;
    if (buf[start] === 0x0d && buf[start + 1] === 0x0a) start += 2;
    else if (buf[start] === 0x0a || buf[start] === 0x0d) start += 1;
    const lenValue = dict.get('Length');
    const len = numberOf(lenValue instanceof PdfRef ? this.resolve(lenValue) : lenValue);
    if (len !== undefined && len >= 0 && start + len <= buf.length) {
      const after = new Lexer(buf, start + len);
      if (after.matchKeyword('endstream')) return new PdfStream(dict, buf.subarray(start, start + len), num);
    }
    // a missing or wrong /Length: the data runs to `endstream`
    const end = buf.indexOf('endstream', start, 'latin1');
    if (end < 0) throw new PdfSyntaxError(`stream in object ${num} has no endstream`, start);
    let stop = end;
    if (buf[stop - 1] === 0x0a) stop--;
    if (buf[stop - 1] === 0x0d) stop--;
    return new PdfStream(dict, buf.subarray(start, Math.max(start, stop)), num);
  }

  private objStm(num: number): { lexerBuf: Uint8Array; offsets: Map<number, number>; first: number } {
    const have = this.objStms.get(num);
    if (have) return have;
    const s = this.getObject(num);
    if (!(s instanceof PdfStream)) throw new PdfSyntaxError(`object stream ${num} missing`);
    const n = numberOf(this.resolve(s.dict.get('N'))) ?? 0;
    const first = numberOf(this.resolve(s.dict.get('First'))) ?? 0;
    const data = decodeFilters(s.raw, s.dict, (v) => this.resolve(v), this.budget);
    const lx = new Lexer(data, 0, Math.min(first, data.length));
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const objNum = lx.readUint();
      const off = lx.readUint();
      if (objNum < 0 || off < 0) break;
      offsets.set(objNum, off);
    }
    const entry = { lexerBuf: data, offsets, first };
    this.objStms.set(num, entry);
    return entry;
  }

  /** The decoded data of a stream. */
  decode(s: PdfStream): Uint8Array {
    return decodeFilters(s.raw, s.dict, (v) => this.resolve(v), this.budget);
  }

  // ---------------------------------------------------------------- pages

  /** The pages in order, walking the /Pages tree (loops and bad nodes skipped and reported). */
  pages(): PageInfo[] {
    const out: PageInfo[] = [];
    const root = this.catalog?.get('Pages');
    const seen = new Set<PdfDict>();
    const walk = (node: PdfValue | undefined, inherited: Map<string, PdfValue>, depth: number): void => {
      const ref = node instanceof PdfRef ? node : undefined;
      const d = this.dict(node);
      if (!d || seen.has(d) || depth > 64) {
        if (d && seen.has(d)) this.problems.push('the page tree has a loop');
        return;
      }
      seen.add(d);
      const here = new Map(inherited);
      for (const k of INHERITED) if (d.has(k)) here.set(k, d.get(k)!);
      const kids = this.resolve(d.get('Kids'));
      const type = nameOf(d.get('Type'));
      if (type === 'Pages' || (type !== 'Page' && Array.isArray(kids))) {
        if (Array.isArray(kids)) for (const kid of kids) walk(kid, here, depth + 1);
        return;
      }
      const number = out.length + 1;
      out.push({ number, dict: d, ref, attr: (key) => (d.has(key) ? d.get(key) : here.get(key)) });
    };
    walk(root, new Map(), 0);
    const count = numberOf(this.get(this.dict(root), 'Count'));
    if (count !== undefined && count !== out.length) this.problems.push(`the page tree's /Count says ${count} pages, its leaves are ${out.length}`);
    return out;
  }
}
