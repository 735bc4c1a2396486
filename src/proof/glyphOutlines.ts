// The glyphs the proof painter draws: shaped and outlined from the very font objects and
// compiled tables layout measured with, the way the PDF painter has pdfkit shape them
// (render/fastShapingFont.ts): the same glyphs, advances and kerning, so a proof shows what the
// PDF prints. The one module of proof/ that reads fontkit.
import type { LoadedFonts } from '../io/loadFonts.js';
import type { FontKey } from '../model/layout.js';
import { fastShapingFont } from '../render/fastShapingFont.js';

/** One glyph of a shaped run, in font units. */
export interface ShapedGlyph {
  id: number;
  /** where the pen moves after the glyph (advance plus kerning) */
  xAdvance: number;
  /** the glyph's offset from the pen (combining marks) */
  xOffset: number;
  yOffset: number;
}

/** An outline command in font units (y up), as fontkit's Path gives it. */
export interface OutlineCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

/** What the painter asks of the faces: shaping, outlines, and the unit of both. */
export interface GlyphSource {
  unitsPerEm(font: FontKey): number;
  shape(font: FontKey, text: string): ShapedGlyph[];
  outline(font: FontKey, glyph: number): readonly OutlineCommand[];
}

interface FontkitRun {
  glyphs: { id: number }[];
  positions: { xAdvance: number; xOffset: number; yOffset: number }[];
}

/** The glyph source of the loaded faces; outlines are decoded once per glyph. */
export function fontGlyphs(fonts: LoadedFonts): GlyphSource {
  const shapers = new Map<FontKey, { layout(text: string): FontkitRun }>();
  const outlines = new Map<string, readonly OutlineCommand[]>();
  const shaper = (key: FontKey) => {
    let s = shapers.get(key);
    if (!s) shapers.set(key, (s = fastShapingFont(fonts.fonts[key], () => fonts.tables(key)) as unknown as { layout(text: string): FontkitRun }));
    return s;
  };
  return {
    unitsPerEm: (font) => fonts.fonts[font].unitsPerEm,
    shape(font, text) {
      // no features: what pdfkit's encode asks of the font, and what layout measured
      const run = shaper(font).layout(text);
      return run.glyphs.map((g, i) => ({ id: g.id, xAdvance: run.positions[i].xAdvance, xOffset: run.positions[i].xOffset, yOffset: run.positions[i].yOffset }));
    },
    outline(font, glyph) {
      const key = `${font}:${glyph}`;
      let commands = outlines.get(key);
      if (!commands) {
        const { path } = fonts.fonts[font].getGlyph(glyph);
        outlines.set(key, (commands = path.commands.map((c) => ({ command: c.command, args: [...c.args] }))));
      }
      return commands;
    },
  };
}
