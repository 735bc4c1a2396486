// Every character must print: set in the house face or its fallback (text/fallback.ts), else
// replaced by the look-alike a newsroom would set (with a warning), else refused with an error
// naming the character, its U+ code and where it is (file:line:col).
import { ContentError, type Warning } from '../model/errors.js';
import type { FontKey } from '../model/layout.js';
import { codeOf, faceChain, isInvisible, LOOKALIKES } from '../text/fallback.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import type { StyledParagraph, Story } from './story.js';
import type { Theme } from './theme.js';

/** The text of a source file, to say where a character is (undefined: the file alone is named). */
export type SourceText = (file: string) => string | undefined;

/**
 * `file:line:col` of the first `char` in the file's text (lines and columns from 1, in
 * characters); where the file writes it as an escape instead (YAML "\U0001F600" or "\u4E2D",
 * XML and HTML "&#x1F600;" or "&#128512;"), of that escape.
 */
export function locate(file: string, char: string, sourceText?: SourceText): string {
  const at = locateChar(file, char, sourceText);
  return at ? `${file}:${at.line}:${at.column}` : file;
}

/** Line and column of the first `char` in the file's text (see locate), or undefined where it cannot be found. */
export function locateChar(file: string, char: string, sourceText?: SourceText): { line: number; column: number } | undefined {
  const text = sourceText?.(file);
  if (text === undefined) return undefined;
  const at = firstOf(text, [char, ...escapesOf(char)]);
  if (at < 0) return undefined;
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1 };
}

/** The ways a source file may write `char` as an escape. */
function escapesOf(char: string): string[] {
  const code = char.codePointAt(0)!;
  const hex = code.toString(16);
  const forms = [`&#x${hex};`, `&#X${hex};`, `&#${code};`, `\\U${hex.padStart(8, '0')}`, `\\u{${hex}}`];
  if (code <= 0xff) forms.push(`\\x${hex.padStart(2, '0')}`);
  if (code <= 0xffff) forms.push(`\\u${hex.padStart(4, '0')}`);
  else forms.push(`\\u${char.charCodeAt(0).toString(16)}\\u${char.charCodeAt(1).toString(16)}`);
  return forms;
}

/** The first place in `text` where any of `needles` stands (case-insensitive for escapes' hex digits), or -1. */
function firstOf(text: string, needles: string[]): number {
  const lower = text.toLowerCase();
  let first = -1;
  needles.forEach((needle, i) => {
    const at = i === 0 ? text.indexOf(needle) : lower.indexOf(needle.toLowerCase());
    if (at >= 0 && (first < 0 || at < first)) first = at;
  });
  return first;
}

/** Replaces or refuses the characters of texts that no face can draw, warning once per file and character. */
export class GlyphResolver {
  readonly warnings: Warning[] = [];
  private readonly warned = new Set<string>();
  /** per set of faces, the characters already found drawable */
  private readonly good = new Map<string, Set<number>>();

  constructor(
    private readonly metrics: FontMetrics,
    private readonly sourceText?: SourceText,
  ) {}

  /** `text` as it can be drawn in every one of `fonts` (the faces it is set in) */
  resolve(text: string, fonts: FontKey[], file: string): string {
    const key = fonts.join();
    let good = this.good.get(key);
    if (!good) this.good.set(key, (good = new Set()));
    let out: string | undefined;
    let index = 0;
    for (const char of text) {
      if (!good.has(char.codePointAt(0)!) && !this.drawable(char, fonts, good)) {
        const lookalike = LOOKALIKES.get(char.codePointAt(0)!);
        const at = locateChar(file, char, this.sourceText);
        if (lookalike === undefined || ![...lookalike].every((c) => this.drawable(c, fonts, good))) {
          throw new ContentError(file, `no font can draw "${char}" (${codeOf(char)}); the faces in fonts/ cover Latin, Greek, Cyrillic and Vietnamese (see README, "Adding a face")`, at);
        }
        const key = `${file}\u0000${char}`;
        if (!this.warned.has(key)) {
          this.warned.add(key);
          const shown = lookalike.replace(/\u2060/g, '');
          this.warnings.push({ code: 'glyph-substituted', file, ...at, message: `no font has "${char}" (${codeOf(char)}): set as "${shown}" (${[...shown].map(codeOf).join(' ')}) wherever it occurs in this file` });
        }
        out ??= text.slice(0, index);
        out += lookalike;
      } else if (out !== undefined) out += char;
      index += char.length;
    }
    return out ?? text;
  }

  private drawable(char: string, fonts: FontKey[], good: Set<number>): boolean {
    const code = char.codePointAt(0)!;
    // spaces and separators are never drawn as glyphs
    const ok = /\s/u.test(char) || isInvisible(code) || fonts.every((font) => faceChain(font).some((face) => this.metrics.hasGlyph(face, code)));
    if (ok) good.add(code);
    return ok;
  }
}

/** A story whose every text can be drawn in the faces it is set in. */
export function resolveStoryGlyphs(story: Story, theme: Theme, resolver: GlyphResolver): Story {
  const file = story.sourcePath;
  const paragraph = <P extends StyledParagraph | undefined>(p: P): P =>
    (p === undefined ? p : { ...p, runs: p.runs.map((run) => ({ ...run, text: resolver.resolve(run.text, [run.font], file) })) }) as P;
  return {
    ...story,
    headline: { ...story.headline, text: resolver.resolve(story.headline.text, [story.headline.font, theme.briefHead.font], file) },
    jumpHead: resolver.resolve(story.jumpHead, [theme.jumpHead.font], file),
    deck: paragraph(story.deck),
    bylines: story.bylines.map(paragraph),
    body: story.body.map(paragraph),
    ...(story.photo ? { photo: { ...story.photo, caption: paragraph(story.photo.caption), credit: paragraph(story.photo.credit) } } : {}),
  };
}
