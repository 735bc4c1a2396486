import type { FontKey } from '../model/layout.js';
import type { Alignment } from '../style/story.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import { type Breakpoint, firstHang, rightHangAt } from './breakLines.js';
import { INFINITY_PENALTY, type Item, type Piece } from './items.js';

/** A run placed within its line: x is relative to the line's left edge. */
export interface SetRun {
  text: string;
  font: FontKey;
  size: number;
  x: number;
  /** advance width as set (after any expansion) */
  width: number;
  /** horizontal glyph scaling from font expansion (absent = 1) */
  scale?: number;
}

/** A line of a paragraph with its words placed, ready for the flow to put on a page. */
export interface ComposedLine {
  runs: SetRun[];
  /** the measure the line was set to */
  width: number;
  /** the adjustment ratio actually applied to its spaces */
  ratio: number;
  /** the line ends with a hyphen the hyphenator inserted (or forced into a long word) */
  hyphenated: boolean;
  /** the line's material is wider than its measure */
  overfull: boolean;
  /** the line breaks inside a word (at a hyphen, a dash or in a URL): the next line continues it */
  midWord: boolean;
  /** first / last line of its paragraph */
  first: boolean;
  last: boolean;
  /** paragraph text offsets of the words on the line, [start, end) per word */
  sources: [number, number][];
  /** how far punctuation hangs past the measure's left and right edges (optical margins), pt */
  hang: [number, number];
}

/**
 * Places the words of each line given the chosen breaks. Fragments of one word that stay
 * on the same line are merged and shaped as one run, and the spaces are recomputed from the
 * exact widths, so justified lines meet the right edge to the hundredth of a point.
 */
export function setLines(
  items: Item[],
  breaks: Breakpoint[],
  lineWidths: number[],
  align: Alignment,
  leftIndent: number,
  metrics: FontMetrics,
  expansion = 0,
): ComposedLine[] {
  const lines: ComposedLine[] = [];
  let start = 0;
  breaks.forEach((brk, lineIndex) => {
    while (start < brk.position && items[start].type !== 'box') start++;
    const target = lineWidths[Math.min(lineIndex, lineWidths.length - 1)];
    const isLast = lineIndex === breaks.length - 1;
    const endItem = items[brk.position];
    const hyphen = endItem.type === 'penalty' && endItem.hyphen ? endItem.hyphen : undefined;

    // gather words (runs of boxes with no glue between) and the glue between them
    const words: { pieces: Piece[]; sources: [number, number][] }[] = [];
    const glues: { width: number; stretch: number; shrink: number; least: number }[] = [];
    let current: { pieces: Piece[]; sources: [number, number][] } | null = null;
    for (let i = start; i < brk.position; i++) {
      const item = items[i];
      if (item.type === 'box') {
        if (!current) {
          current = { pieces: [], sources: [] };
          words.push(current);
        }
        current.pieces.push(...item.pieces);
        if (item.source[1] > item.source[0]) current.sources.push(item.source);
        if (item.pieces.length === 0) current.pieces.push({ text: '', font: 'text', size: item.width }); // indent box
      } else if (item.type === 'glue') {
        if (current) glues.push({ width: item.width, stretch: item.stretch, shrink: item.shrink, least: item.least ?? 0 });
        current = null;
      }
    }
    // glue after the last word is not part of the line
    glues.length = Math.max(0, words.length - 1);
    if (hyphen && words.length > 0) words[words.length - 1].pieces.push(hyphen);

    const shaped = words.map((word) => shapeWord(word.pieces, metrics));
    // optical margins: the measure widens by what hangs out at either edge
    const hang: [number, number] = align === 'justify' ? [firstHang(items, start), rightHangAt(items, brk.position)] : [0, 0];
    const measure = target + hang[0] + hang[1];
    const { ratio, scale: plannedScale } = justification(shaped, glues, measure, align === 'justify' && !isLast, expansion);
    let scale = plannedScale;
    let spaceWidth = (g: { width: number; stretch: number; shrink: number; least: number }) => g.width + (ratio >= 0 ? ratio * g.stretch : ratio * g.shrink);
    // a line shrunk to the limit may still come out a little wide: its words were measured in
    // fragments (hyphenation points) and are shaped whole, kerned across them (found by fuzzing:
    // a line of one long word 0.3 pt past its column)
    const overrun = () => shaped.reduce((s, w) => s + w.width * plannedScale, 0) + glues.reduce((s, g) => s + spaceWidth(g), 0) > measure + 0.01;
    if (ratio < 0 && (glues.some((g) => g.width + ratio * g.shrink < g.least) || overrun())) {
      // spaces no narrower than their least: the glyphs narrow a little more (at most 1.5 %
      // beyond the expansion) so that the line keeps its measure
      spaceWidth = (g) => Math.max(g.least, g.width + ratio * g.shrink);
      const boxes = shaped.reduce((s, w) => s + w.width, 0);
      const spaces = glues.reduce((s, g) => s + spaceWidth(g), 0);
      if (boxes > 0) scale = Math.max(plannedScale - 0.015, Math.min(plannedScale, (measure - spaces) / boxes));
    }
    const setWidth = shaped.reduce((s, w) => s + w.width * scale, 0) + glues.reduce((s, g) => s + spaceWidth(g), 0);
    let x = leftIndent - hang[0];
    if (align === 'center') x += (target - setWidth) / 2;
    if (align === 'right') x += target - setWidth;

    const runs: SetRun[] = [];
    shaped.forEach((word, i) => {
      for (const run of word.runs) {
        // a literal of one shape (not a spread of `run` with fields written over): V8 gives
        // spread copies whose fields change representation a hidden class each, ~17 MB of
        // classes for a 48-page edition's set lines
        const set: SetRun = { text: run.text, font: run.font, size: run.size, x: x + run.x * scale, width: run.width * scale };
        if (scale !== 1) set.scale = scale;
        runs.push(set);
      }
      x += word.width * scale + (i < glues.length ? spaceWidth(glues[i]) : 0);
    });
    lines.push({
      runs: runs.filter((r) => r.text !== ''),
      width: target,
      ratio,
      hyphenated: hyphen !== undefined,
      midWord: endItem.type === 'penalty' && endItem.penalty > -INFINITY_PENALTY,
      overfull: setWidth > measure + 0.01,
      first: lineIndex === 0,
      last: isLast,
      sources: words.flatMap((w) => w.sources),
      hang,
    });
    start = brk.position + 1;
  });
  return lines;
}

/**
 * How a line is justified: the glue ratio and the glyph scale. Glue and glyphs share one
 * adjustment ratio (as in breakLines) up to the expansion limit; past it the glyphs stay at
 * the limit and the spaces take the rest. Lines that are not justified only shrink.
 */
function justification(
  words: { width: number }[],
  glues: { width: number; stretch: number; shrink: number }[],
  target: number,
  justify: boolean,
  expansion: number,
): { ratio: number; scale: number } {
  const boxes = words.reduce((s, w) => s + w.width, 0);
  const natural = boxes + glues.reduce((s, g) => s + g.width, 0);
  const stretch = glues.reduce((s, g) => s + g.stretch, 0);
  const shrink = glues.reduce((s, g) => s + g.shrink, 0);
  if (natural > target) {
    const total = shrink + expansion * boxes;
    const ratio = total > 0 ? Math.max(-1, (target - natural) / total) : 0;
    return { ratio, scale: 1 + ratio * expansion };
  }
  if (!justify || natural === target) return { ratio: 0, scale: 1 };
  const total = stretch + expansion * boxes;
  if (total <= 0) return { ratio: 0, scale: 1 };
  const ratio = (target - natural) / total;
  if (ratio <= 1 || stretch === 0) {
    const r = Math.min(ratio, 1);
    return { ratio: stretch === 0 ? 0 : ratio, scale: 1 + r * expansion };
  }
  // glyphs at their widest; the spaces take what is left
  const scale = 1 + expansion;
  return { ratio: (target - natural - expansion * boxes) / stretch, scale };
}

/** Merges a word's pieces into runs of one font and shapes each run as a whole. */
function shapeWord(pieces: Piece[], metrics: FontMetrics): { width: number; runs: SetRun[] } {
  const runs: SetRun[] = [];
  let x = 0;
  for (const piece of pieces) {
    const previous = runs[runs.length - 1];
    if (piece.text === '' && piece.size > 0) {
      x += piece.size; // an indent box carries its width in `size`
      continue;
    }
    if (previous && previous.font === piece.font && previous.size === piece.size) {
      previous.text += piece.text;
      x -= previous.width;
      previous.width = metrics.width(previous.text, previous.font, previous.size);
      x += previous.width;
    } else {
      const width = metrics.width(piece.text, piece.font, piece.size);
      runs.push({ text: piece.text, font: piece.font, size: piece.size, x, width });
      x += width;
    }
  }
  return { width: x, runs };
}
