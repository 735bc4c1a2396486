import type { Font } from 'fontkit';
import type { FaceTables } from '../text/faceTables.js';
import { shapeFast } from '../text/fastShaper.js';
import { fontFileBytes, fontkitPostscriptName, fontkitPostTable, fontkitSubset, tableDirectory } from '../text/fontkitAdapter.js';
import { TrueTypeSubset } from './trueTypeSubset.js';

/** What pdfkit reads of a fontkit glyph run when it encodes text. */
interface PdfkitRun {
  glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
  positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }>;
  advanceWidth: number;
}

/**
 * The fontkit font pdfkit is given: the same object in every respect (tables and metrics come
 * from `font` through the prototype chain), except that plain text is laid out with the face's
 * compiled tables — the glyphs and advances layout measured with — instead of fontkit's
 * GSUB/GPOS processing, and that what fontkit does slowly on a cold start (the post table, the
 * PostScript name, the subset) is done directly, to the same result. Text the tables do not cover, or with explicit
 * features, is laid out by fontkit itself.
 */
export function fastShapingFont(font: Font, tablesOf: () => FaceTables): Font {
  let tables: FaceTables | undefined; // asked for on first use: a page sets only some of the faces
  const layout = (text: string, features?: unknown): PdfkitRun => {
    tables ??= tablesOf();
    const run = features === undefined ? shapeFast(tables, text) : undefined;
    if (!run) return (font.layout as (text: string, features?: unknown) => PdfkitRun)(text, features);
    return {
      glyphs: run.glyphs.map((id, i) => ({ id, advanceWidth: tables!.advanceOf.get(id)!, codePoints: run.codePoints[i] })),
      positions: run.advances.map((xAdvance) => ({ xAdvance, yAdvance: 0, xOffset: 0, yOffset: 0 })),
      advanceWidth: run.advanceWidth,
    };
  };
  let post: PostHeader | undefined;
  let postscriptName: string | undefined;
  return Object.create(font, {
    layout: { value: layout },
    // pdfkit names the embedded font by it; fontkit would decode the whole name table
    postscriptName: { get: () => (postscriptName ??= postscriptNameOf(font)) },
    // pdfkit reads only post's header (isFixedPitch; italicAngle through fontkit's getter);
    // fontkit would decode the whole table, every glyph name included
    post: { get: () => (post ??= postHeader(font)) },
    // the same subset fontkit makes, made without decoding glyph outlines (TrueType faces)
    createSubset: { value: () => (isTrueType(font) ? new TrueTypeSubset(font) : fontkitSubset(font)) },
  }) as Font;
}

/**
 * The font's PostScript name (name ID 6) from its Windows (Unicode) or Macintosh record, read
 * straight from the name table; fontkit's own reading when the table has neither.
 */
function postscriptNameOf(font: Font): string {
  const entry = tableDirectory(font).name;
  if (entry && entry.length >= 6) {
    const file = fontFileBytes(font);
    const bytes = Buffer.from(file.buffer, file.byteOffset + entry.offset, entry.length);
    const count = bytes.readUInt16BE(2);
    const strings = bytes.readUInt16BE(4);
    let mac: string | undefined;
    for (let i = 0; i < count && 6 + i * 12 + 12 <= bytes.length; i++) {
      const r = 6 + i * 12;
      if (bytes.readUInt16BE(r + 6) !== 6) continue;
      const [platform, length, offset] = [bytes.readUInt16BE(r), bytes.readUInt16BE(r + 8), bytes.readUInt16BE(r + 10)];
      const text = bytes.subarray(strings + offset, strings + offset + length);
      if (platform === 3) return Buffer.from(text).swap16().toString('utf16le');
      if (platform === 1) mac ??= text.toString('latin1');
    }
    if (mac !== undefined) return mac;
  }
  return fontkitPostscriptName(font);
}

const isTrueType = (font: Font) => Boolean(tableDirectory(font).glyf);

/** The fixed fields at the start of a font's `post` table. */
interface PostHeader {
  version: number;
  italicAngle: number;
  underlinePosition: number;
  underlineThickness: number;
  isFixedPitch: number;
}

function postHeader(font: Font): PostHeader {
  const entry = tableDirectory(font).post;
  if (!entry || entry.length < 16) return fontkitPostTable<PostHeader>(font);
  const file = fontFileBytes(font);
  const view = new DataView(file.buffer, file.byteOffset + entry.offset, 16);
  return {
    version: view.getInt32(0) / 65536,
    italicAngle: view.getInt32(4) / 65536,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
  };
}
