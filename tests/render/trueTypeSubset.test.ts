// Our TrueType subsetter must write exactly the bytes fontkit's TTFSubset writes, for every
// face, for plain glyphs, composite glyphs (whose components it pulls in) and .notdef.
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/io/loadFonts.js';
import { TrueTypeSubset } from '../../src/render/trueTypeSubset.js';
import { FONT_FILES, FONT_KEYS } from '../../src/text/fontFiles.js';

const { fonts } = loadFonts();
type FontkitSubset = { includeGlyph(id: number): number; encode(): Uint8Array };
const fontkitSubset = (key: (typeof FONT_KEYS)[number]) => (fonts[key] as unknown as { createSubset(): FontkitSubset }).createSubset();

/** Glyph ids of composite glyphs in a face (numberOfContours < 0), read through fontkit. */
function compositeGlyphs(key: (typeof FONT_KEYS)[number], limit: number): number[] {
  const font = fonts[key] as unknown as { numGlyphs: number; getGlyph(id: number): { _decode(): { numberOfContours: number } | null } };
  const found: number[] = [];
  for (let id = 1; id < font.numGlyphs && found.length < limit; id++) {
    if ((font.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0) found.push(id);
  }
  return found;
}

describe('TrueTypeSubset', () => {
  const text = 'Kishida’s “strong support” — café, naïve Škoda, Œuvre, 1,200 (3%) fiffl';
  for (const key of FONT_KEYS) {
    it(`writes fontkit's bytes for ${FONT_FILES[key]}`, () => {
      const composites = compositeGlyphs(key, 12);
      const shaped = fonts[key].layout(text).glyphs.map((g) => g.id);
      for (const ids of [[], shaped, composites, [...composites.slice(0, 3), ...shaped, ...composites.slice(3)]]) {
        const ours = new TrueTypeSubset(fonts[key]);
        const theirs = fontkitSubset(key);
        for (const id of ids) expect(ours.includeGlyph(id)).toBe(theirs.includeGlyph(id));
        expect(Buffer.from(ours.encode()).equals(Buffer.from(theirs.encode()))).toBe(true);
        expect(ours.glyphs.length).toBeGreaterThanOrEqual(new Set([0, ...ids]).size);
      }
    });
  }

  it('pulls in the components of composite glyphs and renumbers them', () => {
    const [composite] = compositeGlyphs('text', 1);
    expect(composite).toBeDefined();
    const subset = new TrueTypeSubset(fonts.text);
    subset.includeGlyph(composite);
    const file = subset.encode();
    expect(subset.glyphs.length).toBeGreaterThan(2); // .notdef, the composite and its components
    expect(file.subarray(0, 4).toString('latin1')).toBe('true');
  });
});
