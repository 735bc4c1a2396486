// How a line's glyph runs become PDF text objects: the painter's one mechanical translation.
// Layout places every word as its own run and leaves the word spaces as gaps between them; the
// PDF gets a real space glyph (U+0020) in each gap, so that text extractors read the words as
// they are set instead of guessing word breaks from distances. Nothing moves: the space's
// advance is adjusted (by the painter's TJ adjustment) to end exactly where the next run begins.
import type { FontKey, GlyphRun } from '../model/layout.js';

/** Runs further apart than this (pt) have a word space between them; closer ones touch. */
export const GAP_EPSILON = 0.01;

/** A run of text within a text object, to begin at `x`. */
export interface TextSpan {
  text: string;
  /** where the span's first glyph is drawn (pt, page space, like GlyphRun.x) */
  x: number;
  /** a space glyph follows the span's glyphs, its advance stretched or shrunk to end here (pt): the next run's x */
  spaceTo?: number;
  /**
   * the text a reader gets for the span's glyphs (an ActualText span, archive profile): the whole
   * word for the piece before a line-end hyphen, nothing for the piece after it
   */
  actualText?: string;
}

/** Consecutive runs of one face, size and horizontal scale on one baseline: one PDF text object, one TJ array. */
export interface TextObject {
  font: FontKey;
  size: number;
  /** horizontal glyph scale (1 = none) */
  scale: number;
  baseline: number;
  spans: TextSpan[];
}

/**
 * Groups `runs` (in drawing order) into text objects and marks the word spaces: after a run
 * that the next run on its baseline begins more than GAP_EPSILON past, a space glyph fills the
 * gap — inside the text object when the next run has the same face, size and scale, at the
 * end of the run's own text object when it does not. Runs that touch get no space, nor does a
 * run that already ends in white space or precedes one that begins with it. Empty runs draw
 * nothing and are left out.
 */
export function textObjects(runs: readonly GlyphRun[]): TextObject[] {
  const drawn = runs.filter((run) => run.text !== '');
  const objects: TextObject[] = [];
  let current: TextObject | undefined;
  drawn.forEach((run, i) => {
    const scale = run.scale ?? 1;
    if (!current || current.font !== run.font || current.size !== run.size || current.scale !== scale || current.baseline !== run.baseline) {
      current = { font: run.font, size: run.size, scale, baseline: run.baseline, spans: [] };
      objects.push(current);
    }
    const span: TextSpan = { text: run.text, x: run.x };
    const next = drawn[i + 1];
    if (next && next.baseline === run.baseline && next.x > run.x + run.width + GAP_EPSILON && !/\s$/u.test(run.text) && !/^\s/u.test(next.text)) {
      span.spaceTo = next.x;
    }
    current.spans.push(span);
  });
  return objects;
}
