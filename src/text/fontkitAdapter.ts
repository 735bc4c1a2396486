// The one module that reads fontkit's internals: what fontkit 2.0.4 (pinned exactly in
// package.json) keeps on a Font object beyond its typed API. An upgrade that moves any of it
// fails here, with a message naming what is gone (tests/text/fontkitAdapter.test.ts checks
// every reader on the faces in fonts/), not as wrong widths or a broken PDF somewhere else.
//
// Read (fontkit's src/TTFFont.js):
// - `font.stream.buffer`, the font file's bytes, and `font.directory.tables`, its table
//   directory (tag → offset and length in the file): the subsetter and the name/post readers
//   copy straight from the file;
// - `font.GDEF`, `font.GSUB`, `font.GPOS`, the decoded OpenType layout tables (fontkit's lazy
//   table getters): the shaping tables are compiled from them;
// - `font.getGlyph(id)`, `font.post`, `font.postscriptName` and `font.createSubset()`, fontkit's
//   own readings, untyped in src/types/vendor.d.ts.
import type { Font } from 'fontkit';

/** A table's place in the font file. */
export interface TableEntry {
  offset: number;
  length: number;
}

interface FontInternals {
  stream?: { buffer?: Uint8Array };
  directory?: { tables?: Record<string, TableEntry | undefined> };
  getGlyph?: (id: number) => { advanceWidth: number };
  createSubset?: () => unknown;
}

const internals = (font: Font) => font as unknown as FontInternals;

/** The error for a fontkit that no longer has what Stonehand reads. */
function changed(what: string): Error {
  return new Error(`fontkit internals changed: ${what} (Stonehand reads those of fontkit 2.0.4, pinned in package.json; see src/text/fontkitAdapter.ts)`);
}

/** The font file's bytes, as fontkit holds them. */
export function fontFileBytes(font: Font): Uint8Array {
  const bytes = internals(font).stream?.buffer;
  if (!(bytes instanceof Uint8Array)) throw changed('font.stream.buffer is not the font file');
  return bytes;
}

/** The font's table directory: each table's offset and length in the file. */
export function tableDirectory(font: Font): Record<string, TableEntry | undefined> {
  const tables = internals(font).directory?.tables;
  if (typeof tables !== 'object' || tables === null) throw changed('font.directory.tables is missing');
  return tables;
}

/** A decoded OpenType layout table (GDEF, GSUB or GPOS), or undefined when the face has none. */
export function layoutTable<T>(font: Font, tag: 'GDEF' | 'GSUB' | 'GPOS'): T | undefined {
  if (!tableDirectory(font)[tag]) return undefined;
  // fontkit defines a getter per table the file has, decoding it on first use
  const table = (font as unknown as Record<string, T | undefined>)[tag];
  if (typeof table !== 'object' || table === null) throw changed(`font.${tag} does not decode the ${tag} table the font has`);
  return table;
}

/** A glyph's advance width in font units. */
export function glyphAdvance(font: Font, id: number): number {
  const getGlyph = internals(font).getGlyph;
  if (typeof getGlyph !== 'function') throw changed('font.getGlyph is not a function');
  return getGlyph.call(font, id).advanceWidth;
}

/** fontkit's own reading of the PostScript name (it decodes the whole name table). */
export function fontkitPostscriptName(font: Font): string {
  return font.postscriptName;
}

/** fontkit's own reading of the post table (it decodes every glyph name). */
export function fontkitPostTable<T>(font: Font): T {
  return (font as unknown as { post: T }).post;
}

/** fontkit's own subset of the font (for faces that are not TrueType). */
export function fontkitSubset(font: Font): unknown {
  const createSubset = internals(font).createSubset;
  if (typeof createSubset !== 'function') throw changed('font.createSubset is not a function');
  return createSubset.call(font);
}
