// The fallback chain: a character the house face has no glyph for is set in the fallback face
// of the same weight and style (Noto Serif for Newsreader, Noto Sans for Libre Franklin),
// measured and drawn by that face. Pure: coverage comes from the caller (FontMetrics.hasGlyph).
import type { FontKey, GlyphRun } from '../model/layout.js';

/** Each house face's fallback, matched by weight and style. Fallback faces have none. */
export const FALLBACK: Partial<Record<FontKey, FontKey>> = {
  text: 'serifFallback',
  textItalic: 'serifFallbackItalic',
  textBold: 'serifFallbackBold',
  textBoldItalic: 'serifFallbackBoldItalic',
  nameplate: 'serifFallbackBold',
  displayRegular: 'sansFallback',
  displaySemiBold: 'sansFallbackBold',
  display: 'sansFallbackBold',
  displayHeavy: 'sansFallbackBold',
};

/** The faces tried for a character set in `font`, in order. */
export const faceChain = (font: FontKey): FontKey[] => {
  const fallback = FALLBACK[font];
  return fallback ? [font, fallback] : [font];
};

/**
 * Characters that are never drawn: the soft hyphen (a hyphenation point, drawn as a hyphen
 * only when a line breaks there), zero-width space (a break opportunity), word joiner and
 * zero-width no-break space (no break), zero-width (non-)joiners. Line breaking honours them in
 * the text; the runs that are drawn and measured leave them out.
 */
export const INVISIBLE = /[\u00ad\u200b\u200c\u200d\u2060\ufeff]/gu;
export const isInvisible = (code: number): boolean =>
  code === 0xad || code === 0x200b || code === 0x200c || code === 0x200d || code === 0x2060 || code === 0xfeff;

/**
 * What a newsroom sets for a character no face has: look-alikes, each reported with a warning.
 * U+2011 becomes a hyphen followed by a word joiner, so that it still does not break.
 */
export const LOOKALIKES: ReadonlyMap<number, string> = new Map([
  [0x2015, '\u2014'], // horizontal bar → em dash
  [0x2011, '-\u2060'], // non-breaking hyphen → hyphen that does not break
  [0x2012, '\u2013'], // figure dash → en dash
  [0x2010, '-'], // hyphen → hyphen-minus
  [0x2212, '-'], // minus sign → hyphen-minus
  [0x2e3a, '\u2014\u2014'], // two-em dash
  [0x2e3b, '\u2014\u2014\u2014'], // three-em dash
  [0xfe58, '\u2014'], // small em dash
  [0xfe63, '-'], // small hyphen-minus
  [0x3000, ' '], // ideographic space
  [0x301d, '\u201c'], // reversed double prime quotation mark → “
  [0x301e, '\u201d'], // double prime quotation mark → ”
  [0xff02, '"'],
  [0xff07, "'"],
  ...Array.from({ length: 0xff5e - 0xff01 + 1 }, (_, i): [number, string] => [0xff01 + i, String.fromCharCode(0x21 + i)]), // full-width ASCII
]);

export interface FaceSegment {
  text: string;
  font: FontKey;
}

/**
 * Splits `text` set in `font` into segments each drawn by one face: every character in the
 * first face of the chain that has its glyph (a character no face has stays in `font`; the
 * style stage has replaced or refused those). Spaces and combining marks stay with the face
 * of the character before them when it has them; invisible characters are left out.
 */
export function faceSegments(text: string, font: FontKey, hasGlyph: (font: FontKey, code: number) => boolean): FaceSegment[] {
  if (isPlain(text, font, hasGlyph)) return [{ text, font }];
  const fallback = FALLBACK[font];
  const segments: FaceSegment[] = [];
  let current: FaceSegment | undefined;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (isInvisible(code)) continue;
    let face: FontKey = font;
    if (fallback !== undefined) {
      // a space or combining mark after a character set in the fallback stays with it
      const sticky = current !== undefined && current.font !== font && (code === 0x20 || /\p{M}/u.test(char)) && hasGlyph(current.font, code);
      if (sticky) face = current!.font;
      else if (!hasGlyph(font, code) && hasGlyph(fallback, code)) face = fallback;
    }
    if (current && current.font === face) current.text += char;
    else segments.push((current = { text: char, font: face }));
  }
  return segments;
}

/** Whether `font` draws every character of `text` itself and none is invisible (the common case, checked fast). */
function isPlain(text: string, font: FontKey, hasGlyph: (font: FontKey, code: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) return false; // astral characters: the slow path
    if (isInvisible(code) || (code !== 0x20 && !hasGlyph(font, code))) return false;
  }
  return true;
}

/**
 * `faceSegments` of text that has not been through the style stage (the press slug line): a
 * character no face of the chain has is first replaced by its look-alike, if it has one.
 */
export function drawableSegments(text: string, font: FontKey, hasGlyph: (font: FontKey, code: number) => boolean): FaceSegment[] {
  let replaced = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const drawable = code === 0x20 || isInvisible(code) || faceChain(font).some((face) => hasGlyph(face, code));
    replaced += drawable ? char : (LOOKALIKES.get(code) ?? char);
  }
  return faceSegments(replaced, font, hasGlyph);
}

/**
 * A placed run split into one run per face: each segment measured by its own face (kerning
 * and ligatures within it), at the run's horizontal scale, laid end to end from the run's x.
 */
export function splitRun(run: GlyphRun, hasGlyph: (font: FontKey, code: number) => boolean, width: (text: string, font: FontKey, size: number) => number): GlyphRun[] {
  if (isPlain(run.text, run.font, hasGlyph)) return [run];
  const segments = faceSegments(run.text, run.font, hasGlyph);
  const scale = run.scale ?? 1;
  const runs: GlyphRun[] = [];
  let x = run.x;
  for (const segment of segments) {
    const w = width(segment.text, segment.font, run.size) * scale;
    runs.push({ ...run, text: segment.text, font: segment.font, x, width: w });
    x += w;
  }
  return runs;
}

/** "U+2015" */
export const codeOf = (char: string): string => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
