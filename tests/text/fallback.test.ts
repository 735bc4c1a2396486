// The fallback chain: coverage of the shipped faces per Unicode block (the glyph-coverage table
// the README points to), and runs split by the face that draws each character — with fake
// metrics, so the splits and widths can be worked out by hand.
import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/compose/composeParagraph.js';
import { bodyParagraph } from '../helpers/paragraphs.js';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { FontKey, GlyphRun } from '../../src/model/layout.js';
import { FALLBACK, faceChain, faceSegments, splitRun } from '../../src/text/fallback.js';
import { FONT_FILES, FONT_KEYS } from '../../src/text/fontFiles.js';
import type { FontMetrics } from '../../src/text/fontMetrics.js';
import { fontkitMetrics } from '../../src/text/fontkitMetrics.js';

/** Unicode blocks the shipped faces must cover together (assigned code points only). */
const BLOCKS: { name: string; from: number; to: number; required: boolean }[] = [
  { name: 'Basic Latin', from: 0x20, to: 0x7e, required: true },
  { name: 'Latin-1 Supplement', from: 0xa0, to: 0xff, required: true },
  { name: 'Latin Extended-A', from: 0x100, to: 0x17f, required: true },
  { name: 'Latin Extended-B', from: 0x180, to: 0x24f, required: true },
  { name: 'Greek and Coptic', from: 0x370, to: 0x3ff, required: true },
  { name: 'Cyrillic', from: 0x400, to: 0x4ff, required: true },
  { name: 'Latin Extended Additional (Vietnamese)', from: 0x1e00, to: 0x1eff, required: true },
  { name: 'General Punctuation', from: 0x2000, to: 0x206f, required: true },
  { name: 'CJK Unified Ideographs (first 256)', from: 0x4e00, to: 0x4eff, required: false },
];
/** Assigned code points of a block (Unicode 15, as Node's regular expressions know them). */
const assigned = (from: number, to: number) => {
  const out: number[] = [];
  for (let cp = from; cp <= to; cp++) if (!/\p{Cn}/u.test(String.fromCodePoint(cp))) out.push(cp);
  return out;
};
// Greek and Coptic: the Coptic letters (U+03E2–U+03EF) are not Greek; every face leaves them out
const COPTIC = new Set(Array.from({ length: 14 }, (_, i) => 0x3e2 + i));
// General Punctuation: the invisible format characters are never drawn (removed or honoured)
const FORMAT = (cp: number) => /\p{Cf}/u.test(String.fromCodePoint(cp));

describe('the shipped faces cover Latin Extended-A and -B, Greek, Cyrillic, Vietnamese and General Punctuation', () => {
  const { fonts, tables } = loadFonts();
  const metrics = fontkitMetrics(fonts, tables);

  it('per block × face (the glyph-coverage table), and every house face with its fallback covers every required block', () => {
    const table: string[] = [];
    const header = ['block', ...FONT_KEYS.map((k) => FONT_FILES[k].replace(/\.ttf$/, ''))];
    table.push(header.join(' | '));
    for (const block of BLOCKS) {
      const codes = assigned(block.from, block.to);
      const row = [`${block.name} (${codes.length})`];
      for (const key of FONT_KEYS) row.push(`${codes.filter((cp) => metrics.hasGlyph(key, cp)).length}/${codes.length}`);
      table.push(row.join(' | '));
      for (const key of Object.keys(FALLBACK) as FontKey[]) {
        const missing = codes.filter((cp) => !COPTIC.has(cp) && !FORMAT(cp) && !faceChain(key).some((face) => metrics.hasGlyph(face, cp)));
        if (block.required) expect(missing.map((cp) => cp.toString(16)), `${key} + fallback, ${block.name}`).toEqual([]);
        else expect(missing.length, `${block.name} is not covered`).toBe(codes.length);
      }
    }
    console.log(`glyph coverage of the shipped faces (assigned code points covered / assigned)\n${table.join('\n')}`);
  });

  it('every house face has a fallback of the same style, and fallback faces have none', () => {
    expect(FALLBACK.text).toBe('serifFallback');
    expect(FALLBACK.textItalic).toBe('serifFallbackItalic');
    expect(FALLBACK.textBold).toBe('serifFallbackBold');
    expect(FALLBACK.textBoldItalic).toBe('serifFallbackBoldItalic');
    expect(FALLBACK.displayRegular).toBe('sansFallback');
    expect(FALLBACK.display).toBe('sansFallbackBold');
    for (const key of FONT_KEYS) if (key.includes('Fallback')) expect(faceChain(key)).toEqual([key]);
    expect(FONT_FILES.serifFallbackItalic).toMatch(/^NotoSerif_.*Italic\.ttf$/);
    expect(FONT_FILES.sansFallbackBold).toMatch(/^NotoSans_700Bold\.ttf$/);
  });

  it('measures a mixed word as the sum of its segments, each in its own face', () => {
    const word = 'Zelenskyy–Зеленський';
    const latin = 'Zelenskyy–';
    const cyrillic = 'Зеленський';
    expect(faceSegments(word, 'text', metrics.hasGlyph)).toEqual([
      { text: latin, font: 'text' },
      { text: cyrillic, font: 'serifFallback' },
    ]);
    expect(metrics.width(word, 'text', 10)).toBeCloseTo(metrics.width(latin, 'text', 10) + metrics.width(cyrillic, 'serifFallback', 10), 9);
    expect(metrics.width(cyrillic, 'serifFallback', 10)).toBeGreaterThan(0);
  });
});

/** Fake metrics: every character 0.5 em, the "house" faces lack Greek and U+2015, the fallbacks have everything but emoji. */
function fakeFallbackMetrics(): FontMetrics {
  const house = (font: FontKey) => !font.includes('Fallback');
  return {
    width: (text, _font, size) => [...text.replace(/[\u00ad\u200b\u200c\u200d\u2060\ufeff]/g, '')].length * 0.5 * size,
    ascender: (_f, size) => 0.8 * size,
    descender: (_f, size) => 0.2 * size,
    capHeight: (_f, size) => 0.7 * size,
    hasGlyph: (font, code) => code < 0x1f000 && !(house(font) && ((code >= 0x370 && code <= 0x3ff) || code === 0x2015)),
    missingCharacters: () => [],
  };
}

describe('faceSegments and splitRun (fake metrics)', () => {
  const m = fakeFallbackMetrics();

  it('sets each character in the house face when it has it, else in the fallback; spaces stay with the face before them', () => {
    expect(faceSegments('Prime Minister Μητσοτάκης said', 'text', m.hasGlyph)).toEqual([
      { text: 'Prime Minister ', font: 'text' },
      { text: 'Μητσοτάκης ', font: 'serifFallback' },
      { text: 'said', font: 'text' },
    ]);
    expect(faceSegments('Σ ― x', 'display', m.hasGlyph)).toEqual([{ text: 'Σ ― ', font: 'sansFallbackBold' }, { text: 'x', font: 'display' }]);
    expect(faceSegments('βeta', 'textBoldItalic', m.hasGlyph)).toEqual([
      { text: 'β', font: 'serifFallbackBoldItalic' },
      { text: 'eta', font: 'textBoldItalic' },
    ]);
  });

  it('leaves out invisible characters (soft hyphen, zero-width space, joiners, BOM) and keeps text a face has in one segment', () => {
    expect(faceSegments('ex\u00adtra\u200bor\u200ddi\u200cna\u2060ry\ufeff', 'text', m.hasGlyph)).toEqual([{ text: 'extraordinary', font: 'text' }]);
    expect(faceSegments('plain', 'text', m.hasGlyph)).toEqual([{ text: 'plain', font: 'text' }]);
  });

  it('keeps a character no face has in the house face (the style stage replaced or refused it before)', () => {
    expect(faceSegments('a😀', 'text', m.hasGlyph)).toEqual([{ text: 'a😀', font: 'text' }]);
  });

  it('splits a placed run into runs end to end, each measured in its face at the run’s scale', () => {
    const run: GlyphRun = { text: 'ab γδ cd', font: 'text', size: 10, x: 100, baseline: 50, width: 40 * 1.02, scale: 1.02 };
    const runs = splitRun(run, m.hasGlyph, m.width);
    expect(runs.map((r) => [r.text, r.font])).toEqual([
      ['ab ', 'text'],
      ['γδ ', 'serifFallback'],
      ['cd', 'text'],
    ]);
    expect(runs.map((r) => r.x)).toEqual([100, 100 + 15 * 1.02, 100 + 30 * 1.02]);
    expect(runs.map((r) => r.width)).toEqual([15 * 1.02, 15 * 1.02, 10 * 1.02]);
    expect(runs.every((r) => r.baseline === 50 && r.size === 10 && r.scale === 1.02)).toBe(true);
    const end = runs.at(-1)!;
    expect(end.x + end.width).toBeCloseTo(run.x + run.width, 9);
  });

  it('returns a run its face covers as it is (the same object)', () => {
    const run: GlyphRun = { text: 'news', font: 'text', size: 9.5, x: 0, baseline: 0, width: 19 };
    expect(splitRun(run, m.hasGlyph, m.width)[0]).toBe(run);
  });

  it('hyphenates and breaks a word across a face change: each line’s runs split by face, the hyphen in the house face', () => {
    // "alphaβετα": Latin then Greek in one word, hyphenation points after "alpha" and "alphaβε"
    const paragraph = bodyParagraph('alphaβετα alphaβετα', { hyphenate: true, align: 'ragged' });
    const hyphenate = (word: string) => (word === 'alphaβετα' ? [5, 7] : []);
    // 10 pt, 5 pt a character: "alphaβε-" is 40 pt, "alphaβετα" 45 pt: the measure takes no whole word
    const composed = composeParagraph(paragraph, 42, m, hyphenate);
    expect(composed.lines.map((l) => l.runs.map((r) => r.text).join(' '))).toEqual(['alpha-', 'βετα', 'alphaβε-', 'τα']);
    const byFace = (line: number) => composed.lines[line].runs.flatMap((r) => splitRun({ ...r, baseline: 0 }, m.hasGlyph, m.width)).map((r) => [r.text, r.font, r.x, r.width]);
    // broken at the face change, and inside the Greek part: the hyphen in the house face
    expect(byFace(0)).toEqual([['alpha-', 'text', 0, 30]]);
    expect(byFace(1)).toEqual([['βετα', 'serifFallback', 0, 20]]);
    expect(byFace(2)).toEqual([
      ['alpha', 'text', 0, 25],
      ['βε', 'serifFallback', 25, 10],
      ['-', 'text', 35, 5],
    ]);
    expect(composed.lines[0].hyphenated).toBe(true);
  });
});
