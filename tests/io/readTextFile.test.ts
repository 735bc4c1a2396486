// Text decoding: UTF-8, UTF-16 with a BOM, Windows-1252 with a warning, neither refused with
// the byte offset, binary by magic number or by share of control characters, stray control
// characters removed with one counted warning.
import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from '../../src/io/readTextFile.js';
import { ContentError, type Warning } from '../../src/model/errors.js';

const FILE = 'story.md';

function decode(bytes: Uint8Array | string, keepControls?: string): { text: string; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const b = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const text = decodeText(b, FILE, { onWarning: (w) => warnings.push(w), keepControls });
  return { text, warnings };
}

function refusal(bytes: Uint8Array | string): string {
  try {
    decode(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).file).toBe(FILE);
    return (error as ContentError).problem;
  }
  throw new Error('expected a refusal');
}

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM, CRLF as LF, without a warning', () => {
    expect(decode('Caf\u00e9 \u201cquoted\u201d\r\nnext')).toEqual({ text: 'Caf\u00e9 \u201cquoted\u201d\nnext', warnings: [] });
    expect(decode('\ufeffBOM text').text).toBe('BOM text');
  });

  it('reads UTF-16 with a BOM, both byte orders', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Stra\u00dfe \u2014 ok', 'utf16le')]);
    expect(decode(le)).toEqual({ text: 'Stra\u00dfe \u2014 ok', warnings: [] });
    const be = Buffer.from(le.subarray(2)).swap16();
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).text).toBe('Stra\u00dfe \u2014 ok');
  });

  it('reads Windows-1252 (invalid as UTF-8) with one warning giving the first non-UTF-8 byte', () => {
    // "Café “quoted” — 5 €" in cp1252
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x97, 0x20, 0x35, 0x20, 0x80]);
    const { text, warnings } = decode(bytes);
    expect(text).toBe('Café “quoted” — 5 €');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual({ code: 'read-as-windows-1252', file: FILE, message: expect.stringMatching(/not UTF-8 \(byte 0xE9 at offset 3\); read as Windows-1252/) });
  });

  it('refuses bytes that are neither UTF-8 nor Windows-1252, with the offsets', () => {
    // 0xE9 breaks UTF-8 at 2; 0x81 is undefined in cp1252, at 5
    const problem = refusal(Buffer.from([0x41, 0x42, 0xe9, 0x43, 0x44, 0x81, 0x45]));
    expect(problem).toMatch(/not UTF-8 \(byte 0xE9 at offset 2\) and not Windows-1252 \(byte 0x81 at offset 5/);
  });

  it('finds where UTF-8 breaks: bad lead, truncated sequence, overlong, surrogate', () => {
    expect(firstInvalidUtf8(Buffer.from('héllo', 'utf8'))).toBeUndefined();
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xff]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe2, 0x82]))).toBe(2);
    expect(firstInvalidUtf8(Buffer.from([0xc0, 0xaf]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toBe(1);
  });

  it.each([
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], /JPEG/],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00], /PNG/],
    ['PDF', [...Buffer.from('%PDF-1.7\nsome text that is printable')], /PDF/],
    ['zip', [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00], /zip/],
    ['gzip', [0x1f, 0x8b, 0x08, 0x00], /gzip/],
  ])('refuses a %s file by its magic number', (_name, bytes, what) => {
    const problem = refusal(Buffer.from(bytes as number[]));
    expect(problem).toMatch(/binary file/);
    expect(problem).toMatch(what as RegExp);
  });

  it('refuses mostly-control bytes as binary, and says when it is UTF-16 without a BOM', () => {
    const noise = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7) % 32));
    expect(refusal(noise)).toMatch(/binary file.*control characters/);
    expect(refusal(Buffer.from('Plain words here', 'utf16le'))).toMatch(/UTF-16 without a byte-order mark/);
  });

  it('removes stray control characters (C0, DEL, C1, NUL) from valid text with ONE warning counting them', () => {
    const { text, warnings } = decode('Head\u0000line\nA\u0007 body\u000bwith\u007f a C1\u0085and\ttab\fform feed.\n' + 'x'.repeat(300));
    // vertical tab and NEL stand between words: they leave a space
    expect(text).toBe('Headline\nA body with a C1 and\ttab\fform feed.\n' + 'x'.repeat(300));
    expect(warnings).toEqual([{ code: 'control-characters-removed', file: FILE, line: 1, column: 5, message: expect.stringMatching(/^5 stray control characters removed \(U\+0000, U\+0007, U\+000B, U\+007F, U\+0085\)$/) }]);
  });

  it('NUL padding at the end is removed as strays, not taken for binary', () => {
    const { text, warnings } = decode(Buffer.concat([Buffer.from('Short wire item.\n'), Buffer.alloc(2000)]));
    expect(text).toBe('Short wire item.\n');
    expect(warnings[0].message).toMatch(/^2000 stray control characters removed \(U\+0000\)/);
    expect(refusal(Buffer.concat([Buffer.alloc(100), Buffer.from('text after NULs')]))).toMatch(/binary/);
  });

  it('keeps the control characters its caller asks for (IPTC 7901 framing for the wire importer)', () => {
    const { text, warnings } = decode('\u0001header\u0002Headline\n\nBody text here.\u0003\u0004' + ' filler'.repeat(20), '\u0001\u0002\u0003\u0004');
    expect(text.startsWith('\u0001header\u0002Headline')).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('refuses an empty or white-space-only file', () => {
    expect(refusal('')).toMatch(/empty/);
    expect(refusal(' \n\t\n')).toMatch(/empty/);
    expect(refusal('\u0000')).toMatch(/binary|empty/);
  });
});

describe('decodeText: XML that declares its encoding', () => {
  const latin1Xml = (encoding: string) =>
    Buffer.concat([Buffer.from(`<?xml version="1.0" encoding="${encoding}"?>\n<nitf><p>Caf`, 'latin1'), Buffer.from([0xe9]), Buffer.from('</p></nitf>\n', 'latin1')]);

  it('reads declared ISO-8859-1 / Windows-1252 as such, without a warning', () => {
    for (const enc of ['ISO-8859-1', 'windows-1252']) expect(decode(latin1Xml(enc))).toEqual({ text: expect.stringContaining('<p>Café</p>'), warnings: [] });
  });

  it('refuses a declared encoding it does not read, naming it', () => {
    expect(refusal(latin1Xml('Shift_JIS'))).toMatch(/declares the encoding "shift_jis", which is not read/);
  });

  it('UTF-8 text is read as UTF-8 whatever the declaration; a false UTF-8 declaration falls back to cp1252 with a warning', () => {
    expect(decode(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>é</a>', 'utf8')).text).toContain('<a>é</a>');
    const { text, warnings } = decode(latin1Xml('UTF-8'));
    expect(text).toContain('Café');
    expect(warnings[0].message).toMatch(/read as Windows-1252/);
  });
});
