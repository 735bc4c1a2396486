import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { create as createFont, type Font } from 'fontkit';
import type { FontKey } from '../model/layout.js';
import { candidateCodePoints, compileFaceTables, emptyFaceTables, faceTablesFromBytes, type FaceTables } from '../text/faceTables.js';
import { FALLBACK_FACES, FONT_FILES, FONT_KEYS } from '../text/fontFiles.js';
import { packageRoot } from './packageRoot.js';

/** The `fonts/` folder of the installed package (works from src/ under vitest and from dist/). */
export const fontsDir = (): string => `${packageRoot()}fonts/`;

/** Where `npm run build` puts each face's compiled tables (tools/compileFaceTables.ts). */
export const faceTablesFile = (fontFile: string): string => `${packageRoot()}dist/face-tables/${fontFile}.tables`;

export interface LoadedFonts {
  /** parsed fonts for measuring */
  fonts: Record<FontKey, Font>;
  /** the file bytes, handed to the painter so it embeds exactly what was measured */
  files: Record<FontKey, Buffer>;
  /** each face's compiled shaping tables (read with the fonts, so layout does no I/O) */
  tables(key: FontKey): FaceTables;
}

let loaded: LoadedFonts | undefined;

export const sha1 = (bytes: Buffer): string => createHash('sha1').update(bytes).digest('hex');

/**
 * A face's tables: those `npm run build` compiled, when they were compiled from these very
 * bytes; otherwise compiled now from the font (a few hundred milliseconds per face).
 */
export function faceTablesFor(fontFile: string, bytes: Buffer, font: Font): FaceTables {
  let file: Buffer | undefined;
  try {
    file = readFileSync(faceTablesFile(fontFile));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (file) {
    const compiled = faceTablesFromBytes(file);
    if (compiled.fontSha1 === sha1(bytes)) return compiled.tables;
  }
  return compileFaceTables(font, candidateCodePoints(), fontFile);
}

/** Reads and parses every face, and its compiled tables, once per process. */
export function loadFonts(): LoadedFonts {
  if (loaded) return loaded;
  const fonts = {} as Record<FontKey, Font>;
  const files = {} as Record<FontKey, Buffer>;
  for (const key of FONT_KEYS) {
    const bytes = readFileSync(fontsDir() + FONT_FILES[key]);
    files[key] = bytes;
    fonts[key] = createFont(bytes);
  }
  // the fallback faces are shaped by fontkit: they set the few characters the house faces lack
  const tables = new Map<FontKey, FaceTables>(
    FONT_KEYS.map((key) => [key, FALLBACK_FACES.has(key) ? emptyFaceTables(fonts[key].unitsPerEm) : faceTablesFor(FONT_FILES[key], files[key], fonts[key])]),
  );
  loaded = { fonts, files, tables: (key) => tables.get(key)! };
  return loaded;
}
