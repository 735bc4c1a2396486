import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeFilters } from '../../src/preflight/filters.js';
import { Lexer } from '../../src/preflight/lexer.js';
import { PdfDict, PdfName, PdfRef, PdfString, type PdfValue } from '../../src/preflight/objects.js';

function parse(src: string): PdfValue {
  return new Lexer(Buffer.from(src, 'latin1')).readObject();
}

function plain(v: PdfValue): unknown {
  if (v instanceof PdfName) return `/${v.name}`;
  if (v instanceof PdfString) return v.text();
  if (v instanceof PdfRef) return `${v.num} ${v.gen} R`;
  if (v instanceof PdfDict) return Object.fromEntries([...v.map].map(([k, x]) => [k, plain(x)]));
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

describe('the PDF object lexer', () => {
  it('reads numbers, booleans and null', () => {
    expect(plain(parse('[1 -2 +3 4. -.5 0.25 true false null]'))).toEqual([1, -2, 3, 4, -0.5, 0.25, true, false, null]);
  });

  it('decodes #xx escapes in names', () => {
    expect(plain(parse('/A#20B#2fC'))).toBe('/A B/C');
    expect(plain(parse('[/a/b#]'))).toEqual(['/a', '/b#']);
  });

  it('reads literal strings with escapes, nesting and line continuations', () => {
    expect(plain(parse('(a(b)c\\)\\n\\101\\0611)'))).toBe('a(b)c)\nA11');
    expect(plain(parse('(ab\\\ncd)'))).toBe('abcd');
    expect(plain(parse('(line\r\nend)'))).toBe('line\nend');
  });

  it('reads hex strings, odd length padded, white space ignored', () => {
    expect(plain(parse('<48 65 6c6C 6>'))).toBe('Hell`');
    expect(plain(parse('<FEFF00e9>'))).toBe('é');
  });

  it('reads dictionaries and references, comments skipped', () => {
    expect(plain(parse('<< /K [1 0 R 2 0 R 3] % a comment\n /D << /X 12 0 R >> /N 5 >>'))).toEqual({
      K: ['1 0 R', '2 0 R', 3],
      D: { X: '12 0 R' },
      N: 5,
    });
  });

  it('reads operators in content streams without taking "R" for a reference', () => {
    const lx = new Lexer(Buffer.from('0 0 1 RG 1 0 R', 'latin1'));
    const items: unknown[] = [];
    for (let it = lx.readItem(false); it !== undefined; it = lx.readItem(false)) items.push(String(it));
    expect(items).toEqual(['0', '0', '1', 'RG', '1', '0', 'R']);
  });
});

describe('stream filters', () => {
  it('undoes FlateDecode with a PNG predictor', () => {
    const rows = [
      [1, 0, 10],
      [1, 0, 20],
    ];
    // Sub on the first row, Up on the second
    const filtered = Buffer.from([1, 1, 255, 10, 2, 0, 0, 10]);
    const dict = new PdfDict();
    dict.set('Filter', new PdfName('FlateDecode'));
    const parms = new PdfDict();
    parms.set('Predictor', 12);
    parms.set('Columns', 3);
    dict.set('DecodeParms', parms);
    expect([...decodeFilters(deflateSync(filtered), dict, (v) => v)]).toEqual(rows.flat());
  });

  it('decodes ASCIIHex and ASCII85 chains', () => {
    const dict = new PdfDict();
    dict.set('Filter', [new PdfName('ASCIIHexDecode')]);
    expect(Buffer.from(decodeFilters(Buffer.from('48 69>'), dict, (v) => v)).toString()).toBe('Hi');
    const a85 = new PdfDict();
    a85.set('Filter', new PdfName('ASCII85Decode'));
    expect(Buffer.from(decodeFilters(Buffer.from('87cURD]i,"Ebo80~>'), a85, (v) => v)).toString()).toBe('Hello World!');
  });
});
