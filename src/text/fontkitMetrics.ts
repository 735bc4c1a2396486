import type { Font } from 'fontkit';
import type { FontKey } from '../model/layout.js';
import type { FaceTables } from './faceTables.js';
import { shapeFast } from './fastShaper.js';
import type { FontMetrics } from './fontMetrics.js';

/**
 * FontMetrics over fontkit fonts. Widths are shaped per word exactly as pdfkit draws a run
 * (fontkit's default features, which include kern and liga): with the face's compiled tables
 * when they cover the text (`tables`; the painter draws those same glyphs), else by fontkit.
 * Cached per (font, text) in font units so each distinct word is shaped once.
 */
export function fontkitMetrics(fonts: Record<FontKey, Font>, tables?: (key: FontKey) => FaceTables): FontMetrics {
  const cache = new Map<FontKey, Map<string, number>>();
  const unitsWidth = (text: string, key: FontKey): number => {
    let widths = cache.get(key);
    if (!widths) cache.set(key, (widths = new Map()));
    let units = widths.get(text);
    if (units === undefined) {
      units = (tables && shapeFast(tables(key), text)?.advanceWidth) ?? fonts[key].layout(text).advanceWidth;
      widths.set(text, units);
    }
    return units;
  };
  // fontkit's unitsPerEm is a getter that walks its tables: read it once per face
  const unitsPerEm = new Map<FontKey, number>();
  const scale = (key: FontKey, size: number) => {
    let units = unitsPerEm.get(key);
    if (units === undefined) unitsPerEm.set(key, (units = fonts[key].unitsPerEm));
    return size / units;
  };
  return {
    width: (text, key, size) => (text === '' ? 0 : unitsWidth(text, key) * scale(key, size)),
    ascender: (key, size) => fonts[key].ascent * scale(key, size),
    descender: (key, size) => -fonts[key].descent * scale(key, size),
    capHeight: (key, size) => fonts[key].capHeight * scale(key, size),
    missingCharacters(text, key) {
      const missing: string[] = [];
      for (const char of text) {
        const code = char.codePointAt(0)!;
        // soft hyphens and line separators are never drawn
        if (code === 0xad || code === 0x20 || code === 0xa0) continue;
        // the compiled tables know most characters; fontkit's cmap answers for the rest
        if (tables?.(key).glyphOf.has(code)) continue;
        if (!fonts[key].hasGlyphForCodePoint(code) && !missing.includes(char)) missing.push(char);
      }
      return missing;
    },
  };
}
