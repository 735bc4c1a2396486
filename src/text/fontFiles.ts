import type { FontKey } from '../model/layout.js';

/** Which file in `fonts/` each face of the style is. Text: Newsreader; display: Libre Franklin. */
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
};

export const FONT_KEYS = Object.keys(FONT_FILES) as FontKey[];
