import type { Font } from 'fontkit';
import type { FontKey } from '../model/layout.js';
import type { FaceTables } from './faceTables.js';
import { faceSegments, isInvisible } from './fallback.js';
import { shapeFast } from './fastShaper.js';
import type { FontMetrics } from './fontMetrics.js';

/**
 * FontMetrics over fontkit fonts. Widths are shaped per word exactly as pdfkit draws a run
 * (fontkit's default features, which include kern and liga): with the face's compiled tables
 * when they cover the text (`tables`; the painter draws those same glyphs), else by fontkit.
 * A character the face lacks is measured in its fallback face (text/fallback.ts), as the
 * painter draws it. Cached per (font, text) in font units so each distinct word is shaped once.
 */
export function fontkitMetrics(fonts: Record<FontKey, Font>, tables?: (key: FontKey) => FaceTables): FontMetrics {
  // fontkit's unitsPerEm is a getter that walks its tables: read it once per face
  const unitsPerEm = new Map<FontKey, number>();
  const scale = (key: FontKey, size: number) => {
    let units = unitsPerEm.get(key);
    if (units === undefined) unitsPerEm.set(key, (units = fonts[key].unitsPerEm));
    return size / units;
  };
  // per face, what its cmap answers for each character of the Basic Multilingual Plane: 0 not
  // asked yet, 1 a glyph, 2 none (64 KB a face); other planes are asked each time
  const covered = new Map<FontKey, Uint8Array>();
  const ask = (key: FontKey, code: number): boolean => Boolean(tables?.(key).glyphOf.has(code)) || fonts[key].hasGlyphForCodePoint(code);
  const hasGlyph = (key: FontKey, code: number): boolean => {
    if (code > 0xffff) return ask(key, code);
    let known = covered.get(key);
    if (!known) covered.set(key, (known = new Uint8Array(0x10000)));
    if (known[code] === 0) known[code] = ask(key, code) ? 1 : 2;
    return known[code] === 1;
  };
  /** one face's width of `text`, in its font units */
  const faceUnits = (text: string, key: FontKey): number => (tables && shapeFast(tables(key), text)?.advanceWidth) ?? fonts[key].layout(text).advanceWidth;
  const cache = new Map<FontKey, Map<string, number>>();
  /** the width of `text` in `key`'s font units, fallback segments converted to them */
  const units = (text: string, key: FontKey): number => {
    let widths = cache.get(key);
    if (!widths) cache.set(key, (widths = new Map()));
    let width = widths.get(text);
    if (width === undefined) {
      const segments = faceSegments(text, key, hasGlyph);
      width =
        segments.length === 1 && segments[0].text === text
          ? faceUnits(text, segments[0].font) * (scale(segments[0].font, 1) / scale(key, 1))
          : segments.reduce((sum, s) => sum + (faceUnits(s.text, s.font) * scale(s.font, 1)) / scale(key, 1), 0);
      widths.set(text, width);
    }
    return width;
  };
  return {
    width: (text, key, size) => (text === '' ? 0 : units(text, key) * scale(key, size)),
    ascender: (key, size) => fonts[key].ascent * scale(key, size),
    descender: (key, size) => -fonts[key].descent * scale(key, size),
    capHeight: (key, size) => fonts[key].capHeight * scale(key, size),
    hasGlyph,
    missingCharacters(text, key) {
      const missing: string[] = [];
      for (const char of text) {
        const code = char.codePointAt(0)!;
        // spaces and invisible characters are never drawn
        if (code === 0x20 || code === 0xa0 || isInvisible(code)) continue;
        if (!hasGlyph(key, code) && !missing.includes(char)) missing.push(char);
      }
      return missing;
    },
  };
}
