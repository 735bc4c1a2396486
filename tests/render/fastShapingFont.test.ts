// The font pdfkit draws with lays plain text out with the compiled tables layout measured
// with, and is the fontkit font in every other respect.
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/io/loadFonts.js';
import { fastShapingFont } from '../../src/render/fastShapingFont.js';
import { shapeFast } from '../../src/text/fastShaper.js';
import { FONT_KEYS } from '../../src/text/fontFiles.js';

const { fonts, tables } = loadFonts();
type Run = { glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>; positions: Array<Record<string, number>>; advanceWidth: number };
const layoutOf = (font: unknown, text: string, features?: unknown) => (font as { layout(t: string, f?: unknown): Run }).layout(text, features);

describe('fastShapingFont', () => {
  const font = fastShapingFont(fonts.text, () => tables('text'));

  it('lays out plain text with the tables: the glyphs, advances and characters fontkit gives', () => {
    for (const text of ['office', 'To be, or not—to be.', 'Kishida’s “strong support”']) {
      const mine = layoutOf(font, text);
      const theirs = layoutOf(fonts.text, text);
      expect(mine.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints])).toEqual(theirs.glyphs.map((g) => [g.id, g.advanceWidth, g.codePoints]));
      expect(mine.positions).toEqual(theirs.positions.map((p) => ({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset })));
      expect(mine.advanceWidth).toBe(theirs.advanceWidth);
      expect(mine.advanceWidth).toBe(shapeFast(tables('text'), text)!.advanceWidth);
    }
  });

  it('hands text the tables do not cover, and explicit features, to fontkit', () => {
    const accented = layoutOf(font, 'cafe\u0301');
    expect(accented.glyphs.map((g) => g.id)).toEqual(layoutOf(fonts.text, 'cafe\u0301').glyphs.map((g) => g.id));
    const smallFeatures = layoutOf(font, '1/2', ['frac']);
    expect(smallFeatures.glyphs.map((g) => g.id)).toEqual(layoutOf(fonts.text, '1/2', ['frac']).glyphs.map((g) => g.id));
  });

  it('is the fontkit font in every other respect', () => {
    expect(font.unitsPerEm).toBe(fonts.text.unitsPerEm);
    expect(font.postscriptName).toBe(fonts.text.postscriptName);
    expect(font.ascent).toBe(fonts.text.ascent);
    expect(Object.getPrototypeOf(font)).toBe(fonts.text);
  });

  it("reads the post table's header as fontkit does, without decoding the glyph names", () => {
    type WithPost = { post: Record<string, number>; italicAngle: number };
    const read = (font: unknown) => font as WithPost;
    for (const key of ['text', 'textItalic', 'display'] as const) {
      const facade = read(fastShapingFont(fonts[key], () => tables(key)));
      const { version, italicAngle, underlinePosition, underlineThickness, isFixedPitch } = read(fonts[key]).post;
      expect(facade.post).toEqual({ version, italicAngle, underlinePosition, underlineThickness, isFixedPitch });
      expect(facade.italicAngle).toBe(read(fonts[key]).italicAngle);
    }
    expect(read(fastShapingFont(fonts.textItalic, () => tables('textItalic'))).italicAngle).toBeLessThan(0);
  });

  it('reads the PostScript name pdfkit names the embedded font by, as fontkit does, for every face', () => {
    for (const key of FONT_KEYS) {
      const name = (fastShapingFont(fonts[key], () => tables(key)) as unknown as { postscriptName: string }).postscriptName;
      expect(name).toBe((fonts[key] as unknown as { postscriptName: string }).postscriptName);
      expect(name).toMatch(/^(Newsreader|LibreFranklin|NotoSerif|NotoSans)-/);
    }
  });

  it('reads the tables only when it first lays text out', () => {
    let reads = 0;
    const lazy = fastShapingFont(fonts.text, () => (reads++, tables('text')));
    expect(reads).toBe(0);
    layoutOf(lazy, 'news');
    layoutOf(lazy, 'paper');
    expect(reads).toBe(1);
  });
});
