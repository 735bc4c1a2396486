import type { FontKey } from '../model/layout.js';

/**
 * How layout measures text. The real implementation shapes with fontkit on the same font
 * files (and the same default OpenType features: kerning, ligatures) that pdfkit embeds, so
 * a measured width is the printed width. Tests may use a fake with fixed widths.
 */
export interface FontMetrics {
  /** advance width of `text` set in `font` at `size` pt: each character measured by the face
   *  that draws it (text/fallback.ts), invisible characters not at all */
  width(text: string, font: FontKey, size: number): number;
  /** vertical metrics, in pt at `size` (descender is positive, below the baseline) */
  ascender(font: FontKey, size: number): number;
  descender(font: FontKey, size: number): number;
  capHeight(font: FontKey, size: number): number;
  /** whether `font` itself (not its fallback) has a glyph for the character */
  hasGlyph(font: FontKey, code: number): boolean;
  /** the characters of `text` that `font` has no glyph for, each once, in order */
  missingCharacters(text: string, font: FontKey): string[];
}
