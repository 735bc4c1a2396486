// Story copy: a story composed once at the column measure, with what makeup needs to know of
// it before deciding where it goes (its lines, how deep they run, whether it is a brief, its
// photo). Every column of a page has the same measure, so the lines never change with the module.
import { breakPrepared, type ComposedParagraph, composeParagraph, type PreparedParagraph, prepareParagraph } from '../compose/composeParagraph.js';
import type { Story } from '../style/story.js';
import { type BodyLine, bodyLines } from './bodyLines.js';
import type { TypesetContext } from './context.js';
import { headlineAt } from './copyfit.js';
import { type FlowUnit, heightOf } from './distributeLines.js';
import type { PageGeometry } from './geometry.js';
import { type PhotoInfo, type PhotoSpec, photoSpec } from './photoPlan.js';

export interface StoryCopy {
  story: Story;
  /** the story's place in the edition's order (0 = the lead) */
  rank: number;
  bylines: ComposedParagraph[];
  prepared: PreparedParagraph[];
  /** the body's paragraphs broken at the column measure */
  composed: ComposedParagraph[];
  /** byline and body lines with their keep rules, in order */
  lines: BodyLine[];
  units: FlowUnit[];
  /** grid lines the lines take in one column */
  depth: number;
  /** a short story without a photo (not the lead), set in a column of briefs */
  brief: boolean;
  photo?: PhotoSpec;
  /** a brief's head, composed at the column measure */
  briefHead?: ComposedParagraph;
  /** results of measuring the story at a width, kept for the makeup search */
  memo: Map<string, unknown>;
}

/** A story whose lines fit this many grid lines of one column, and that has no photo and no deck, is a brief. */
export const BRIEF_DEPTH = 24;

/** Composes a story's byline and body at the column measure, and measures it. */
export function prepareCopy(story: Story, rank: number, photos: Map<string, PhotoInfo>, g: PageGeometry, ctx: TypesetContext): StoryCopy {
  const measure = g.columnWidth;
  const bylines = story.bylines.map((p) => composeParagraph(p, measure, ctx.metrics, ctx.hyphenatorFor(p.lang), ctx.breakOptions));
  const prepared = story.body.map((p) => prepareParagraph(p, measure, ctx.metrics, ctx.hyphenatorFor(p.lang)));
  const composed = prepared.map((p) => breakPrepared(p, ctx.breakOptions));
  const lines = bodyLines(bylines, composed);
  const units = lines.map((l) => l.unit);
  const depth = heightOf(units, 0, units.length);
  // the edition's lead leads, however short
  // (a brief is set as a small head and its text: a deck would have no place in it)
  const brief = rank > 0 && !story.photo && !story.deck && depth <= BRIEF_DEPTH;
  const copy: StoryCopy = { story, rank, bylines, prepared, composed, lines, units, depth, brief, memo: new Map() };
  if (story.photo) copy.photo = photoSpec(story.photo.path, photos.get(story.photo.path));
  if (brief) {
    const { font, size } = ctx.theme.briefHead;
    const head = headlineAt(story.headline.text, font, size, g.grid.leading, story.lang);
    copy.briefHead = composeParagraph(head, measure, ctx.metrics, ctx.hyphenatorFor(story.lang), ctx.breakOptions);
  }
  return copy;
}

/** Measures once per story and key: the makeup search asks the same questions many times. */
export function remember<T>(copy: StoryCopy, key: string, compute: () => T): T {
  if (copy.memo.has(key)) return copy.memo.get(key) as T;
  const value = compute();
  copy.memo.set(key, value);
  return value;
}
