// Story copy: a story composed once at the column measure, with what makeup needs to know of
// it before deciding where it goes (its lines, how deep they run, whether it is a brief, its
// photo). Every column of a page has the same measure, so the lines never change with the module.
import type { Breakpoint } from '../compose/breakLines.js';
import { breakPrepared, type ComposedParagraph, composeParagraph, findBreaks, type PreparedParagraph, prepareParagraph, setBreaks } from '../compose/composeParagraph.js';
import type { ComposedLine } from '../compose/setLines.js';
import type { LinePosition } from '../model/layout.js';
import type { Story, StyledParagraph } from '../style/story.js';
import { type BodyLine, bodyLines, bodyUnit } from './bodyLines.js';
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
  /** body paragraph `index` prepared for breaking at the column measure, made again when asked for (balancing breaks it again) */
  prepared: (index: number) => PreparedParagraph;
  /**
   * the body's paragraphs broken at the column measure; a story longer than SET_ON_DEMAND_WORDS
   * keeps their breaks and sets a paragraph's words when its `lines` are asked for
   */
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
  const prepare = (p: StyledParagraph) => preparedOnce(p, measure, ctx);
  const prepareFirst = (p: StyledParagraph) => prepareParagraph(p, measure, ctx.metrics, ctx.hyphenatorFor(p.lang));
  let composed: ComposedParagraph[];
  let lines: BodyLine[];
  if (story.words > SET_ON_DEMAND_WORDS) {
    ({ composed, lines } = brokenOnDemand(story.body, bylines, prepareFirst, prepare, ctx));
  } else {
    composed = story.body.map((p) => breakPrepared(prepareFirst(p), ctx.breakOptions));
    lines = bodyLines(bylines, composed);
  }
  const prepared = (index: number) => prepare(story.body[index]);
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

/**
 * A story of more words than this (longer than any page holds) is composed in full once, for
 * makeup (its breaks, its lines and their keep rules), but keeps only the breaks: a paragraph's
 * words are set again when a page lays it out (the same lines), and let go after. A story of
 * 200,000 words held ~300 MB of items and placed words for the whole run. Shorter stories keep
 * their set lines (setting them again would cost an edition of 200 stories a tenth more time).
 * No story keeps its paragraphs' items: balancing prepares the few it tries again.
 */
export const SET_ON_DEMAND_WORDS = 5000;
/** Paragraphs of on-demand stories whose set lines are kept, the last asked for (a page's worth and more). */
const PARAGRAPHS_KEPT_SET = 128;
const keptSet = new Map<ParagraphOnDemand, ComposedLine[]>();

/** Paragraphs prepared again whose items are kept, the last asked for: balancing and setting a story's lines ask for the same paragraphs. */
const PARAGRAPHS_KEPT_PREPARED = 64;
const keptPrepared = new Map<StyledParagraph, { measure: number; ctx: TypesetContext; prepared: PreparedParagraph }>();

/** A body paragraph prepared at `measure` again, or as it was the last time, if that was lately. */
function preparedOnce(paragraph: StyledParagraph, measure: number, ctx: TypesetContext): PreparedParagraph {
  const known = keptPrepared.get(paragraph);
  if (known) keptPrepared.delete(paragraph); // most recently used last
  const prepared = known && known.measure === measure && known.ctx === ctx ? known.prepared : prepareParagraph(paragraph, measure, ctx.metrics, ctx.hyphenatorFor(paragraph.lang));
  if (!known && keptPrepared.size >= PARAGRAPHS_KEPT_PREPARED) keptPrepared.delete(keptPrepared.keys().next().value!);
  keptPrepared.set(paragraph, { measure, ctx, prepared });
  return prepared;
}

/** A paragraph broken at the column measure whose words are set when its lines are asked for. */
class ParagraphOnDemand implements ComposedParagraph {
  constructor(
    readonly paragraph: StyledParagraph,
    readonly text: string,
    readonly badLines: number,
    readonly looseLines: number,
    readonly demerits: number,
    readonly brokenWords: string[],
    private readonly breaks: Breakpoint[],
    private readonly set: (paragraph: ParagraphOnDemand, breaks: Breakpoint[]) => ComposedLine[],
  ) {}
  get lines(): ComposedLine[] {
    return this.set(this, this.breaks);
  }
}

/** A body line of an on-demand paragraph: its keep rules kept, its words set when asked for. */
class LineOnDemand implements BodyLine {
  readonly role: BodyLine['role'];
  constructor(
    private readonly paragraph: ParagraphOnDemand,
    private readonly index: number,
    readonly unit: BodyLine['unit'],
    readonly position: LinePosition,
  ) {
    this.role = paragraph.paragraph.role === 'subhead' ? 'subhead' : 'body';
  }
  get line(): ComposedLine {
    return this.paragraph.lines[this.index];
  }
}

/**
 * The body of a long story broken paragraph by paragraph, keeping of each its breaks and its
 * lines' keep rules (the same as bodyLines gives), not its items or placed words; the lines of
 * the last PARAGRAPHS_KEPT_SET paragraphs asked for (of any story) are kept set.
 */
function brokenOnDemand(
  body: StyledParagraph[],
  bylines: ComposedParagraph[],
  prepareFirst: (p: StyledParagraph) => PreparedParagraph,
  prepare: (p: StyledParagraph) => PreparedParagraph,
  ctx: TypesetContext,
): { composed: ComposedParagraph[]; lines: BodyLine[] } {
  const set = (paragraph: ParagraphOnDemand, breaks: Breakpoint[]) => {
    let lines = keptSet.get(paragraph);
    if (lines) {
      keptSet.delete(paragraph); // most recently used last
    } else {
      lines = setBreaks(prepare(paragraph.paragraph), breaks);
      if (keptSet.size >= PARAGRAPHS_KEPT_SET) keptSet.delete(keptSet.keys().next().value!);
    }
    keptSet.set(paragraph, lines);
    return lines;
  };
  // units interned: a long story has a few kinds of line and tens of thousands of lines
  const units = new Map<string, BodyLine['unit']>();
  const intern = (unit: BodyLine['unit']) => {
    const key = `${unit.spaceBefore}:${unit.keepWithNext}:${unit.keepWithPrevious}`;
    const known = units.get(key);
    if (known) return known;
    units.set(key, unit);
    return unit;
  };
  const lines: BodyLine[] = bodyLines(bylines, []);
  const composed = body.map((p, index) => {
    const prepared = prepareFirst(p);
    const { breaks, badLines, looseLines, demerits } = findBreaks(prepared, ctx.breakOptions);
    const paragraph = new ParagraphOnDemand(p, prepared.text, badLines, looseLines, demerits, prepared.brokenWords, breaks, set);
    breaks.forEach((brk, i) => {
      const end = prepared.items[brk.position];
      const hyphenated = end.type === 'penalty' && end.hyphen !== undefined;
      const unit = intern(bodyUnit(p, index, i, breaks.length, hyphenated, bylines.length > 0));
      lines.push(new LineOnDemand(paragraph, i, unit, { paragraph: index, line: i, lines: breaks.length }));
    });
    return paragraph;
  });
  return { composed, lines };
}
