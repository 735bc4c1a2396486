import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { create as createFont, type Font } from 'fontkit';
import type { FontKey } from '../model/layout.js';
import { FONT_FILES, FONT_KEYS } from '../text/fontFiles.js';

/** The `fonts/` folder of the installed package (works from src/ under vitest and from dist/). */
export const FONTS_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));

export interface LoadedFonts {
  /** parsed fonts for measuring */
  fonts: Record<FontKey, Font>;
  /** the file bytes, handed to the painter so it embeds exactly what was measured */
  files: Record<FontKey, Buffer>;
}

let loaded: LoadedFonts | undefined;

/** Reads and parses every face once per process. */
export function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const fonts = {} as Record<FontKey, Font>;
  const files = {} as Record<FontKey, Buffer>;
  for (const key of FONT_KEYS) {
    const bytes = readFileSync(FONTS_DIR + FONT_FILES[key]);
    files[key] = bytes;
    fonts[key] = createFont(bytes);
  }
  loaded = { fonts, files };
  return loaded;
}
