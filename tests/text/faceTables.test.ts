// The compiled face tables and the fast shaper must shape exactly as fontkit does with the
// face's default features: same glyphs, same advances, kerning and ligatures included. Checked
// against fontkit itself, on every pair of characters and on real copy, for every face.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { faceTablesFor, loadFonts } from '../../src/io/loadFonts.js';
import type { FontKey } from '../../src/model/layout.js';
import { candidateCodePoints, compileFaceTables, faceTablesFromBytes, faceTablesToBytes, kerningOf, type FaceTables } from '../../src/text/faceTables.js';
import { shapeFast } from '../../src/text/fastShaper.js';
import { FALLBACK_FACES, FONT_FILES, FONT_KEYS, TABLE_KEYS } from '../../src/text/fontFiles.js';
import { fontkitMetrics } from '../../src/text/fontkitMetrics.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { fonts, tables } = loadFonts();

/** fontkit's shaping of `text`: glyph ids and advances (font units). */
function fontkitRun(font: Font, text: string) {
  const run = font.layout(text);
  return { glyphs: run.glyphs.map((g) => g.id), advances: run.positions.map((p) => p.xAdvance) };
}

function expectSameAsFontkit(key: FontKey, text: string) {
  const mine = shapeFast(tables(key), text);
  expect(mine, `${key} cannot shape ${JSON.stringify(text.slice(0, 40))}…`).toBeDefined();
  const theirs = fontkitRun(fonts[key], text);
  expect({ glyphs: mine!.glyphs, advances: mine!.advances }, `${key}: ${JSON.stringify(text.slice(0, 40))}…`).toEqual(theirs);
  expect(mine!.advanceWidth).toBe(theirs.advances.reduce((a, b) => a + b, 0));
}

/** A string in which `first` stands next to every character of `chars`, on both sides. */
const pairsWith = (first: string, chars: string[]) => chars.map((c) => first + c).join(first);

const CORE = [
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...' .,;:!?\'"()[]/&%$@#*-–—‘’“”…§°€£éèêëáàâäãåçíìîïñóòôöõøúùûüýÿæœßÉÀÇÖÜ\u00a0',
];

/** Every paragraph of the seed article and the test articles: real copy. */
function realCopy(): string[] {
  const files = [join(ROOT, 'content/2022-11-15/japan-us-alliance.md'), ...readdirSync(join(ROOT, 'tests/fixtures/articles')).map((f) => join(ROOT, 'tests/fixtures/articles', f))];
  return files.flatMap((f) => readFileSync(f, 'utf8').split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim())).filter((p) => p.length > 0);
}

describe('face tables shape as fontkit does', () => {
  for (const key of TABLE_KEYS) {
    it(`${key} (${FONT_FILES[key]}): every ordered pair of common characters, and real copy`, () => {
      for (const first of CORE) expectSameAsFontkit(key, pairsWith(first, CORE));
      for (const paragraph of realCopy()) {
        // copy may hold characters the tables leave to fontkit: compare what the tables shape
        if (shapeFast(tables(key), paragraph)) expectSameAsFontkit(key, paragraph);
      }
    });
  }

  it('the fallback faces have no tables: fontkit shapes every text in them', () => {
    for (const key of FALLBACK_FACES) {
      expect(tables(key).glyphOf.size).toBe(0);
      expect(shapeFast(tables(key), 'a')).toBeUndefined();
    }
  });

  it('the body face: every ordered pair of every character its tables cover', () => {
    const chars = [...tables('text').glyphOf.keys()].map((cp) => String.fromCodePoint(cp));
    expect(chars.length).toBeGreaterThan(400);
    for (const first of chars) expectSameAsFontkit('text', pairsWith(first, chars));
  });

  it('the seed article is shaped by the tables alone, in the body faces', () => {
    const seed = realCopy().slice(0, 12).join(' ');
    for (const key of ['text', 'textItalic', 'textBold'] as FontKey[]) expect(shapeFast(tables(key), seed)).toBeDefined();
  });
});

describe('ligatures and kerning', () => {
  it('sets ffi, fi, ff and fl as one glyph standing for their letters', () => {
    const run = shapeFast(tables('text'), 'office')!;
    expect(run.glyphs).toHaveLength(4); // o, ffi, c, e
    expect(run.codePoints[1]).toEqual([...'ffi'].map((c) => c.codePointAt(0)));
    for (const lig of ['fi', 'ff', 'fl']) expect(shapeFast(tables('text'), lig)!.glyphs).toHaveLength(1);
  });

  it('kerns T·o closer than T and o set apart', () => {
    const t = tables('text');
    const [T, o] = [t.glyphOf.get(0x54)!, t.glyphOf.get(0x6f)!];
    const kern = kerningOf(t.kerning, T, o);
    expect(kern).toBeLessThan(0);
    expect(shapeFast(t, 'To')!.advanceWidth).toBe(t.advanceOf.get(T)! + t.advanceOf.get(o)! + kern);
    expect(kerningOf(t.kerning, o, o)).toBe(0);
  });
});

describe('text the tables do not cover', () => {
  const uncovered = ['e\u0301', 'αβγ', '1\u20442', 'x\u0308y'];

  it('is not shaped by them (a combining mark, Greek, a fraction slash)', () => {
    for (const text of uncovered) expect(shapeFast(tables('text'), text), JSON.stringify(text)).toBeUndefined();
  });

  it('leaves the characters a face lacks to be found by fontkit: the same answer as fontkit alone', () => {
    const withTables = fontkitMetrics(fonts, tables);
    const fontkitOnly = fontkitMetrics(fonts);
    const text = 'Zelenskyy’s café — 1,200 € αβγ 中文 😀 ✓ e\u0301';
    for (const key of FONT_KEYS) expect(withTables.missingCharacters(text, key)).toEqual(fontkitOnly.missingCharacters(text, key));
    expect(withTables.missingCharacters(text, 'text')).toEqual(expect.arrayContaining(['中', '😀']));
    expect(withTables.missingCharacters('BALI — Prime Minister', 'text')).toEqual([]);
  });

  it('is measured by fontkit instead, to the same width fontkit gives (in the fallback face, for what the face lacks)', () => {
    const metrics = fontkitMetrics(fonts, tables);
    for (const text of uncovered) {
      // Newsreader has no Greek: Noto Serif sets (and measures) it
      const face = text === 'αβγ' ? 'serifFallback' : 'text';
      expect(metrics.hasGlyph('text', text.codePointAt(0)!)).toBe(face === 'text');
      const expected = (fonts[face].layout(text).advanceWidth * 10) / fonts[face].unitsPerEm;
      expect(metrics.width(text, 'text', 10)).toBeCloseTo(expected, 9);
    }
  });
});

describe('compiled tables on disk', () => {
  const compiled = (key: FontKey): FaceTables => compileFaceTables(fonts[key], candidateCodePoints(), FONT_FILES[key]);

  it('round-trip through their file form unchanged, wherever the bytes lie in memory', () => {
    const original = compiled('displayRegular');
    const bytes = faceTablesToBytes(original, 'sha');
    const unaligned = Buffer.concat([Buffer.from([0]), bytes]).subarray(1);
    for (const file of [bytes, unaligned]) {
      const { fontSha1, tables: back } = faceTablesFromBytes(file);
      expect(fontSha1).toBe('sha');
      expect(back.glyphOf).toEqual(original.glyphOf);
      expect(back.advanceOf).toEqual(original.advanceOf);
      expect(back.ligatures).toEqual(original.ligatures);
      expect([...back.kerning.keys]).toEqual([...original.kerning.keys]);
      expect([...back.kerning.values]).toEqual([...original.kerning.values]);
    }
    expect(() => faceTablesFromBytes(bytes.subarray(0, bytes.length - 2))).toThrow(/expected/);
    expect(original.kerning.keys.length).toBeGreaterThan(10_000);
  });

  it('the tables a build reads are those compiled from the font files in fonts/', () => {
    const onDisk = tables('text');
    const fresh = compiled('text');
    expect(onDisk.glyphOf).toEqual(fresh.glyphOf);
    expect([...onDisk.kerning.values]).toEqual([...fresh.kerning.values]);
  });

  it('are compiled from the font when none were written for it', () => {
    const bytes = loadFonts().files.displayRegular;
    const fromFont = faceTablesFor('no-such-face.ttf', bytes, fonts.displayRegular);
    expect(fromFont.glyphOf).toEqual(tables('displayRegular').glyphOf);
    expect([...fromFont.kerning.keys]).toEqual([...tables('displayRegular').kerning.keys]);
  });

  it('are compiled from the font when those on disk were compiled from other bytes', () => {
    const otherBytes = loadFonts().files.displayRegular;
    const fromFont = faceTablesFor(FONT_FILES.text, otherBytes, fonts.text);
    expect(fromFont.glyphOf).toEqual(tables('text').glyphOf);
    expect([...fromFont.kerning.values]).toEqual([...tables('text').kerning.values]);
  });
});
