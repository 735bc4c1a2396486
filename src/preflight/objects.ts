// The PDF object model as the preflight parser reads it (ISO 32000-1 §7.3): just enough to
// walk a file's structure. Numbers, booleans and null are plain JS values, arrays are arrays.

/** A name object; `name` is the decoded name (after #xx escapes), bytes as latin1 chars. */
export class PdfName {
  constructor(readonly name: string) {}
  toString(): string {
    return `/${this.name}`;
  }
}

/** A string object (literal or hex), kept as its bytes. */
export class PdfString {
  constructor(readonly bytes: Uint8Array) {}

  /** The string as text: UTF-16BE or UTF-8 with a byte-order mark, else PDFDocEncoding ≈ latin1. */
  text(): string {
    const b = this.bytes;
    if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b[i] << 8) | b[i + 1]);
      return out;
    }
    if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return Buffer.from(b.subarray(3)).toString('utf8');
    return Buffer.from(b).toString('latin1');
  }

  toString(): string {
    return `(${this.text()})`;
  }
}

/** An indirect reference `num gen R`. */
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
  toString(): string {
    return `${this.num} ${this.gen} R`;
  }
}

/** A dictionary; keys are names without the slash. */
export class PdfDict {
  readonly map = new Map<string, PdfValue>();
  get(key: string): PdfValue | undefined {
    return this.map.get(key);
  }
  has(key: string): boolean {
    return this.map.has(key);
  }
  set(key: string, value: PdfValue): void {
    this.map.set(key, value);
  }
}

/** A stream: its dictionary and its raw (still encoded) data, a view into the file. */
export class PdfStream {
  constructor(
    readonly dict: PdfDict,
    readonly raw: Uint8Array,
    /** the object number it was read from (streams are always indirect) */
    readonly objNum: number,
  ) {}
}

/** A bare keyword: an operator in a content stream, or `obj`, `endobj`, `stream`… in a file. */
export class PdfKeyword {
  constructor(readonly word: string) {}
  toString(): string {
    return this.word;
  }
}

export type PdfValue = null | boolean | number | PdfName | PdfString | PdfRef | PdfDict | PdfStream | PdfValue[];

/** Thrown by the lexer and the file reader when bytes do not make a PDF object. */
export class PdfSyntaxError extends Error {
  constructor(message: string, readonly offset?: number) {
    super(offset === undefined ? message : `${message} at byte ${offset}`);
    this.name = 'PdfSyntaxError';
  }
}

export function isName(v: PdfValue | undefined, name?: string): v is PdfName {
  return v instanceof PdfName && (name === undefined || v.name === name);
}

export function nameOf(v: PdfValue | undefined): string | undefined {
  return v instanceof PdfName ? v.name : undefined;
}

export function numberOf(v: PdfValue | undefined): number | undefined {
  return typeof v === 'number' ? v : undefined;
}
