// Minimal typings for the untyped libraries we use, limited to what Stonehand calls.

declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
  }
  /** a glyph as getGlyph gives it: with its outline in font units, y up (decoded when first read) */
  export interface OutlineGlyph {
    id: number;
    readonly path: { commands: PathCommand[] };
  }
  export interface PathCommand {
    command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
    args: number[];
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    capHeight: number;
    xHeight: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getGlyph(id: number): OutlineGlyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): Font;
  const fontkit: { create: typeof create };
  export default fontkit;
}

interface HyphenPatterns {
  hyphenateSync(text: string, options?: { hyphenChar?: string; minWordLength?: number; exceptions?: string[] }): string;
}
declare module 'hyphen/en-us/index.js' {
  const patterns: HyphenPatterns;
  export default patterns;
}
declare module 'hyphen/en-gb/index.js' {
  const patterns: HyphenPatterns;
  export default patterns;
}
declare module 'hyphen/*/index.js' {
  const patterns: HyphenPatterns;
  export default patterns;
}

declare module 'linebreak' {
  export interface Break {
    position: number;
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}
