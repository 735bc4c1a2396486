import { kerningOf, type FaceTables } from './faceTables.js';

/** A shaped run: glyphs with the characters each stands for, and their advances (font units). */
export interface ShapedRun {
  glyphs: number[];
  /** the code points each glyph stands for (several for a ligature) */
  codePoints: number[][];
  /** advance of each glyph, kerning included */
  advances: number[];
  advanceWidth: number;
}

/**
 * Shapes `text` with a face's compiled tables — glyph per character, ligatures in lookup
 * order, pair kerning — exactly as fontkit shapes it with the face's default features. Returns
 * undefined when the text has a character the tables do not cover; the caller then shapes it
 * with fontkit.
 */
export function shapeFast(tables: FaceTables, text: string): ShapedRun | undefined {
  const glyphs: number[] = [];
  const codePoints: number[][] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const glyph = tables.glyphOf.get(cp);
    if (glyph === undefined) return undefined;
    glyphs.push(glyph);
    codePoints.push([cp]);
  }
  for (const lookup of tables.ligatures) {
    for (let i = 0; i < glyphs.length; i++) {
      const candidates = lookup.get(glyphs[i]);
      if (!candidates) continue;
      for (const [components, ligature] of candidates) {
        if (i + components.length >= glyphs.length) continue; // runs past the end
        let matches = true;
        for (let k = 0; k < components.length; k++) {
          if (glyphs[i + 1 + k] !== components[k]) {
            matches = false;
            break;
          }
        }
        if (!matches) continue;
        const merged = codePoints.slice(i, i + 1 + components.length).flat();
        glyphs.splice(i, 1 + components.length, ligature);
        codePoints.splice(i, 1 + components.length, merged);
        break;
      }
    }
  }
  const advances = new Array<number>(glyphs.length);
  let advanceWidth = 0;
  for (let i = 0; i < glyphs.length; i++) {
    let advance = tables.advanceOf.get(glyphs[i])!;
    if (i + 1 < glyphs.length) advance += kerningOf(tables.kerning, glyphs[i], glyphs[i + 1]);
    advances[i] = advance;
    advanceWidth += advance;
  }
  return { glyphs, codePoints, advances, advanceWidth };
}
