import type { StyledParagraph } from '../style/story.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import { type BreakOptions, type BreakResult, type Breakpoint, breakLines } from './breakLines.js';
import { type Hyphenator } from './hyphenate.js';
import type { Item } from './items.js';
import { paragraphItems } from './paragraphItems.js';
import { type ComposedLine, setLines } from './setLines.js';

export interface ComposedParagraph {
  paragraph: StyledParagraph;
  /** the normalised paragraph text that line sources index into */
  text: string;
  lines: ComposedLine[];
  /** lines beyond the second pass's tolerance, or overfull */
  badLines: number;
  /** lines looser than the first pass allows */
  looseLines: number;
  /** total demerits of the breaks: the paragraph's typographic cost */
  demerits: number;
  /** words wider than the measure that had to be broken */
  brokenWords: string[];
}

/** A paragraph turned into items for a measure, ready to be broken (more than once). */
export interface PreparedParagraph {
  paragraph: StyledParagraph;
  text: string;
  items: Item[];
  widths: number[];
  brokenWords: string[];
  metrics: FontMetrics;
}

/** Items of a paragraph for a measure (`measure`: one width, or one per line, the last repeating). */
export function prepareParagraph(paragraph: StyledParagraph, measure: number | number[], metrics: FontMetrics, hyphenate: Hyphenator): PreparedParagraph {
  const widths = (typeof measure === 'number' ? [measure] : measure).map((w) => w - paragraph.leftIndent);
  const { text, items, brokenWords } = paragraphItems(paragraph, metrics, hyphenate, Math.min(...widths));
  return { paragraph, text, items, widths, brokenWords, metrics };
}

/** Breaks a prepared paragraph into lines and places their words. */
export function breakPrepared(prepared: PreparedParagraph, options: Partial<BreakOptions> = {}): ComposedParagraph {
  const { breaks, badLines, looseLines, demerits } = findBreaks(prepared, options);
  const lines = setBreaks(prepared, breaks);
  return { paragraph: prepared.paragraph, text: prepared.text, lines, badLines, looseLines, demerits, brokenWords: prepared.brokenWords };
}

const expansionOf = (paragraph: StyledParagraph) => (paragraph.align === 'justify' ? (paragraph.expansion ?? 0) : 0);

/** Where a prepared paragraph breaks (the first half of breakPrepared). */
export function findBreaks(prepared: PreparedParagraph, options: Partial<BreakOptions> = {}): BreakResult {
  return breakLines(prepared.items, prepared.widths, { ...options, expansion: expansionOf(prepared.paragraph) });
}

/** A prepared paragraph's lines at `breaks`, their words placed (the second half of breakPrepared). */
export function setBreaks(prepared: PreparedParagraph, breaks: Breakpoint[]): ComposedLine[] {
  const { paragraph, items, widths, metrics } = prepared;
  return setLines(items, breaks, widths, paragraph.align, paragraph.leftIndent, metrics, expansionOf(paragraph));
}

/**
 * The paragraph composer: items, breaks, placed lines. `measure` is the width of every
 * line, or one width per line (the last repeats) for text running beside something.
 */
export function composeParagraph(
  paragraph: StyledParagraph,
  measure: number | number[],
  metrics: FontMetrics,
  hyphenate: Hyphenator,
  options: Partial<BreakOptions> = {},
): ComposedParagraph {
  return breakPrepared(prepareParagraph(paragraph, measure, metrics, hyphenate), options);
}
