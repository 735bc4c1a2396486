import type { FontKey } from '../model/layout.js';

/**
 * How layout measures text. The real implementation shapes with fontkit on the same font
 * files (and the same default OpenType features: kerning, ligatures) that pdfkit embeds, so
 * a measured width is the printed width. Tests may use a fake with fixed widths.
 */
export interface FontMetrics {
  /** advance width of `text` set in `font` at `size` pt */
  width(text: string, font: FontKey, size: number): number;
  /** vertical metrics, in pt at `size` (descender is positive, below the baseline) */
  ascender(font: FontKey, size: number): number;
  descender(font: FontKey, size: number): number;
  capHeight(font: FontKey, size: number): number;
  /** the characters of `text` that `font` has no glyph for, each once, in order */
  missingCharacters(text: string, font: FontKey): string[];
}
