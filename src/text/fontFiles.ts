import type { FontKey } from '../model/layout.js';

/**
 * Which file in `fonts/` each face of the style is. Text: Newsreader; display: Libre Franklin;
 * fallbacks (for what the house faces lack: Greek, Cyrillic, Vietnamese, Latin Extended-B,
 * general punctuation): Noto Serif and Noto Sans. The fallback order is in text/fallback.ts.
 */
export const FONT_FILES: Record<FontKey, string> = {
  text: 'Newsreader_400Regular.ttf',
  textItalic: 'Newsreader_400Regular_Italic.ttf',
  textBold: 'Newsreader_700Bold.ttf',
  textBoldItalic: 'Newsreader_700Bold_Italic.ttf',
  nameplate: 'Newsreader_800ExtraBold.ttf',
  display: 'LibreFranklin_700Bold.ttf',
  displayRegular: 'LibreFranklin_400Regular.ttf',
  displaySemiBold: 'LibreFranklin_600SemiBold.ttf',
  displayHeavy: 'LibreFranklin_800ExtraBold.ttf',
  serifFallback: 'NotoSerif_400Regular.ttf',
  serifFallbackItalic: 'NotoSerif_400Regular_Italic.ttf',
  serifFallbackBold: 'NotoSerif_700Bold.ttf',
  serifFallbackBoldItalic: 'NotoSerif_700Bold_Italic.ttf',
  sansFallback: 'NotoSans_400Regular.ttf',
  sansFallbackBold: 'NotoSans_700Bold.ttf',
};

export const FONT_KEYS = Object.keys(FONT_FILES) as FontKey[];

/**
 * The faces shaped with compiled tables (text/faceTables.ts): the house faces. The fallback
 * faces set a few characters each and are shaped by fontkit (their tables are empty).
 */
export const FALLBACK_FACES: ReadonlySet<FontKey> = new Set(['serifFallback', 'serifFallbackItalic', 'serifFallbackBold', 'serifFallbackBoldItalic', 'sansFallback', 'sansFallbackBold']);
export const TABLE_KEYS = FONT_KEYS.filter((key) => !FALLBACK_FACES.has(key));
