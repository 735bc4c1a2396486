// Copyfitting display type: the headline, deck and jump head of a module at the largest size
// in their range that fits the lines allowed. Heads get smaller with the module's width and
// down the page; the front page's lead has the largest range.
import { composeParagraph } from '../compose/composeParagraph.js';
import type { StyledParagraph, Story } from '../style/story.js';
import type { TypesetContext } from './context.js';
import { setBlock } from './setBlock.js';

/** Where a module's head stands: the front page's lead, the top of a page, or lower down. */
export type HeadLevel = 'lead' | 'top' | 'below';

export interface HeadRange {
  minSize: number;
  maxSize: number;
  maxLines: number;
}

/**
 * The size range of a head `width` pt wide over a story of `depth` lines (set in one column):
 * proportional to the width (a five-column head on a tabloid is about 60 pt, a one-column head
 * about 16) and to the story's length (a short story gets a smaller head), scaled down below
 * the top of the page. The front page's lead keeps the house style's own range.
 */
export function headRange(width: number, depth: number, level: HeadLevel, ctx: TypesetContext): HeadRange {
  const h = ctx.theme.headline;
  if (level === 'lead') return { minSize: h.minSize, maxSize: h.maxSize, maxLines: h.maxLines };
  const heads = ctx.theme.heads;
  const scale = level === 'top' ? 1 : heads.belowTop;
  const byLength = heads.minSize + depth * heads.perLine;
  const maxSize = Math.round(Math.min(heads.maxSize, byLength, Math.max(heads.minSize, width * heads.perPoint)) * scale);
  const minSize = Math.max(heads.floor, Math.round(maxSize * heads.minRatio));
  const maxLines = width >= 400 ? 2 : width >= 250 ? 3 : 4;
  return { minSize, maxSize, maxLines };
}

/** The story's headline as a paragraph at `size` pt on `leading` (ragged, never hyphenated). */
export function headlineAt(text: string, font: StyledParagraph['runs'][number]['font'], size: number, leading: number, lang = 'en'): StyledParagraph {
  return {
    role: 'headline',
    runs: [{ text, font, size }],
    align: 'ragged',
    leading,
    firstIndent: 0,
    leftIndent: 0,
    hyphenate: false,
    lang,
    spaceBefore: 0,
    keepWithNext: true,
  };
}

/** A head copyfitted to `width`: the paragraph to set and the grid lines it takes. */
export interface FittedHead {
  paragraph: StyledParagraph;
  size: number;
  bands: number;
}

/** The story's headline at the largest size in `range` that fits its lines at `width`. */
export function copyfitHeadline(story: Story, width: number, range: HeadRange, ctx: TypesetContext): FittedHead {
  const h = story.headline;
  const make = (size: number) => headlineAt(h.text, h.font, size, size * h.leadingRatio);
  let size = largestFitting(make, range.minSize, range.maxSize, 1, range.maxLines, width, ctx);
  // a headline with a word wider than the module even at the range's smallest size goes on
  // down to the house's floor for heads (to the size where its words fit, and its lines if
  // they can), rather than stand broken many lines deep at a size meant for a few
  // — and so does one so long that at that size it would stand more than twice its lines deep
  const floor = Math.min(range.minSize, ctx.theme.heads.floor);
  if (size === range.minSize && floor < size && (hasWordTooWide(make(size), width, ctx) || !fitsLines(make(size), range.maxLines * 2, width, ctx))) {
    // the largest size whose words all fit and whose lines do (or at most twice as many); else
    // the floor, where it takes the fewest lines
    const whole = (n: number) => !hasWordTooWide(make(n), width, ctx);
    size =
      largestWhere(floor, range.minSize, (n) => whole(n) && fitsLines(make(n), range.maxLines, width, ctx)) ??
      largestWhere(floor, range.minSize, (n) => whole(n) && fitsLines(make(n), range.maxLines * 2, width, ctx)) ??
      floor;
  }
  return fitted(make(size), size, width, ctx);
}

/** The deck at the largest size in the theme's range for `width` that fits its lines. */
export function copyfitDeck(deck: StyledParagraph, width: number, ctx: TypesetContext): FittedHead {
  const d = ctx.theme.deck;
  const maxSize = Math.min(d.maxSize, Math.max(d.floor, Math.round(width * d.perPoint * 2) / 2));
  const minSize = Math.max(d.floor, Math.min(d.minSize, maxSize));
  const maxLines = width >= 400 ? d.maxLines : d.maxLines + 1;
  const make = (size: number): StyledParagraph => ({ ...deck, runs: deck.runs.map((run) => ({ ...run, size })), leading: size * d.leadingRatio });
  const size = largestFitting(make, minSize, maxSize, 0.5, maxLines, width, ctx);
  return fitted(make(size), size, width, ctx);
}

/** A jump head: the story's jump words (or the start of its headline) on one line. */
export function copyfitJumpHead(story: Story, width: number, ctx: TypesetContext): FittedHead {
  const { minSize, maxSize, font } = ctx.theme.jumpHead;
  const text = story.jumpHead;
  let size = Math.min(maxSize, Math.max(minSize, Math.round(width * ctx.theme.heads.perPoint * 0.5)));
  while (size > minSize && ctx.metrics.width(text, font, size) > width) size -= 1;
  const paragraph = headlineAt(text, font, size, Math.ceil((size * 1.1) / ctx.theme.body.leading) * ctx.theme.body.leading);
  return fitted(paragraph, size, width, ctx);
}

function fitted(paragraph: StyledParagraph, size: number, width: number, ctx: TypesetContext): FittedHead {
  return { paragraph, size, bands: setBlock(paragraph, 0, 0, width, ctx.theme.body.leading, ctx).bands };
}

/** The largest whole size in [min, max] for which `ok` holds, `ok` holding for every size below one where it does; undefined when none. */
function largestWhere(min: number, max: number, ok: (size: number) => boolean): number | undefined {
  if (!ok(min)) return undefined;
  let lo = min;
  let hi = max + 1; // lo holds, hi does not (or is past the range)
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The paragraph has a word wider than `width` (broken by force, or a line overfull). */
function hasWordTooWide(p: StyledParagraph, width: number, ctx: TypesetContext): boolean {
  const composed = composeParagraph(p, width, ctx.metrics, ctx.hyphenatorFor(p.lang));
  return composed.brokenWords.length > 0 || composed.lines.some((l) => l.overfull);
}

/** The paragraph sets in at most `maxLines` lines of `width`, none overfull. */
function fitsLines(p: StyledParagraph, maxLines: number, width: number, ctx: TypesetContext): boolean {
  const composed = composeParagraph(p, width, ctx.metrics, ctx.hyphenatorFor(p.lang));
  return composed.lines.length <= maxLines && composed.lines.every((l) => !l.overfull);
}

/**
 * The largest size on a `step` scale within [min, max] at which the text sets in at most
 * `maxLines` lines of `width`, found by bisection (a smaller size never needs more lines);
 * `min` when even that does not fit.
 */
export function largestFitting(
  make: (size: number) => StyledParagraph,
  min: number,
  max: number,
  step: number,
  maxLines: number,
  width: number,
  ctx: TypesetContext,
): number {
  const fits = (size: number) => fitsLines(make(size), maxLines, width, ctx);
  let lo = 0; // index on the scale of a size known to fit (or min)
  let hi = Math.round((max - min) / step);
  if (fits(max)) return max;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(min + mid * step)) lo = mid;
    else hi = mid;
  }
  return min + lo * step;
}
