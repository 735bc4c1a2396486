import { INVISIBLE } from '../../src/text/fallback.js';
import type { FontMetrics } from '../../src/text/fontMetrics.js';

/**
 * A monospaced fake: every character (space included) is `advance` × size wide, so expected
 * line breaks can be worked out by hand (invisible characters have no width). Bold faces are
 * no wider.
 */
export function fixedMetrics(advance = 0.5): FontMetrics {
  return {
    width: (text, _font, size) => [...text.replace(INVISIBLE, '')].length * advance * size,
    ascender: (_f, size) => 0.8 * size,
    descender: (_f, size) => 0.2 * size,
    capHeight: (_f, size) => 0.7 * size,
    hasGlyph: (_font, code) => code !== 0x1f600,
    missingCharacters: (text) => [...new Set([...text].filter((c) => c === '\u{1F600}'))],
  };
}
