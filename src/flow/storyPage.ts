import { breakPrepared, composeParagraph, type ComposedParagraph, prepareParagraph } from '../compose/composeParagraph.js';
import type { ComposedLine } from '../compose/setLines.js';
import type { GlyphRun, LayoutItem, LinePosition, PageLayout, Rect, StoryReport, TextLine } from '../model/layout.js';
import type { StyledParagraph, Story } from '../style/story.js';
import type { TypesetContext } from './context.js';
import { distributeLines, type FlowUnit, heightOf } from './distributeLines.js';
import { flowColumns } from './flowColumns.js';
import { bandTop, baselineOf, columnX, type PageGeometry, spanWidth } from './geometry.js';
import { setBlock } from './setBlock.js';

/** The photo as layout sees it: its pixel aspect (width / height), or null when the file is missing. */
export interface PhotoInfo {
  aspect: number | null;
}

/** Page furniture: the nameplate (page 1 only) and the folio. */
export interface PageFurniture {
  paper: string;
  /** e.g. "Tuesday, November 15, 2022" */
  dateText: string;
  editionLine?: string;
  nameplate: boolean;
}

/** A body line waiting to be placed, with the keep rules of its position in its paragraph. */
export interface BodyLine {
  line: ComposedLine;
  role: 'body' | 'subhead' | 'byline' | 'source';
  unit: FlowUnit;
  /** where the line sits in its body paragraph (absent for bylines) */
  position?: LinePosition;
}

export interface StoryPageResult {
  page: PageLayout;
  report: StoryReport;
  /** body lines that did not fit, in order (they jump to a later page) */
  overset: BodyLine[];
  /** words wider than a column that had to be broken (badly spaced lines are in the report) */
  brokenWords: string[];
}

/** The photo's frame may be cropped to between these multiples of its own aspect ratio. */
export const CROP_LIMIT = 1.5;
/** Aspect assumed for a missing photo (a landscape 3:2 news picture). */
export const DEFAULT_PHOTO_ASPECT = 1.5;
/** The smallest photo frame, in grid lines. */
const MIN_PHOTO_BANDS = 10;

/**
 * Lays out one story as a page module: nameplate (page 1), headline across the page, deck,
 * photo with credit and caption, then byline and body in columns on the baseline grid, and
 * the folio. The photo's height is the free variable: it is chosen so that the balanced
 * body reaches the foot of the module ("fill"), within the crop limits; what cannot be
 * absorbed is reported ("tell").
 */
export function layoutStoryPage(
  story: Story,
  pageNumber: number,
  furniture: PageFurniture,
  geometry: PageGeometry,
  photo: PhotoInfo | undefined,
  ctx: TypesetContext,
  options: { jumpTo?: number } = {},
): StoryPageResult {
  const g = geometry;
  const L = g.grid.leading;
  const items: LayoutItem[] = [];
  let band = 0;
  if (furniture.nameplate) {
    const nameplate = layoutNameplate(furniture, g, ctx);
    items.push(...nameplate.items);
    band = nameplate.bands;
  }
  items.push(...layoutFolio(furniture, pageNumber, g, ctx));
  const moduleEnd = g.grid.count - 2; // the last band holds the folio, the one above stays empty

  // headline across the module, copyfitted
  const headline = copyfitHeadline(story, g, ctx);
  const headBlock = setBlock(headline, g.typeArea.x, bandTop(g, band), g.typeArea.width, L, ctx, 'headline', story.slug);
  items.push(...headBlock.lines);
  band += headBlock.bands;
  if (story.deck) {
    const deck = setBlock(copyfitDeck(story.deck, g, ctx), g.typeArea.x, bandTop(g, band), g.typeArea.width, L, ctx, 'deck', story.slug);
    items.push(...deck.lines);
    band += deck.bands;
  }
  band += 1;

  // the body at the column measure; the photo frame and paragraph line counts are then
  // chosen together so that the columns fill the module
  const regionTop = band;
  const regionBands = moduleEnd - regionTop;
  const bylineParagraphs = story.bylines.map((p) => composeParagraph(p, g.columnWidth, ctx.metrics, ctx.hyphenatorFor(p.lang)));
  const { composed, units, plan } = fillModule(story, bylineParagraphs, (units) => planPhoto(story, photo, units, regionBands, g, ctx), g, ctx);

  // photo frame, credit and caption
  let photoFrame: Rect | undefined;
  if (story.photo && plan.span > 0) {
    const x = columnX(g, g.columns - plan.span);
    const width = spanWidth(g, plan.span);
    photoFrame = { x, y: bandTop(g, regionTop), width, height: plan.photoBands * L };
    if (photo?.aspect != null) {
      items.push({ type: 'image', story: story.slug, box: photoFrame, image: story.photo.path, ...(story.photo.focus ? { focus: story.photo.focus } : {}) });
    } else {
      items.push({ type: 'placeholder', story: story.slug, box: photoFrame, label: placeholderLabel(photoFrame, story.photo.file, ctx) });
    }
    let captionBand = regionTop + plan.photoBands;
    for (const block of [story.photo.credit, story.photo.caption]) {
      if (!block) continue;
      const set = setBlock(block, x, bandTop(g, captionBand), width, L, ctx, block.role, story.slug);
      items.push(...set.lines);
      captionBand += set.bands;
    }
  }

  // body into columns, beside and under the photo
  const tops = plan.capacities.map((capacity) => regionTop + regionBands - capacity);
  const flow = flowColumns(units, plan.capacities, tops, g, story.slug, ctx, options.jumpTo);
  items.push(...flow.items);
  const report: StoryReport = {
    slug: story.slug,
    page: pageNumber,
    oversetLines: flow.overset.length,
    undersetLines: flow.overset.length > 0 ? 0 : plan.fit.underset,
    columnSpread: flow.overset.length > 0 ? 0 : plan.fit.spread,
    bodyLines: units.filter((u) => u.role === 'body' || u.role === 'subhead').length,
    badLines: composed.reduce((s, c) => s + c.badLines, 0),
    words: story.words,
    continuedOn: [],
  };
  return {
    page: { number: pageNumber, width: g.width, height: g.height, typeArea: g.typeArea, grid: g.grid, items },
    report,
    overset: flow.overset,
    brokenWords: composed.flatMap((c) => c.brokenWords),
  };
}

/** Flattens byline and body paragraphs into lines with their keep rules. */
export function bodyLines(bylines: ComposedParagraph[], body: ComposedParagraph[], bylineGap = 1): BodyLine[] {
  const lines: BodyLine[] = [];
  bylines.forEach((p) => {
    for (const line of p.lines) {
      lines.push({ line, role: p.paragraph.role === 'source' ? 'source' : 'byline', unit: { spaceBefore: 0, keepWithNext: true, keepWithPrevious: false } });
    }
  });
  body.forEach((p, index) => {
    const many = p.lines.length > 1;
    p.lines.forEach((line, i) => {
      const space = i === 0 ? (index === 0 && bylines.length > 0 ? bylineGap : index > 0 ? p.paragraph.spaceBefore : 0) : 0;
      lines.push({
        line,
        position: { paragraph: index, line: i, lines: p.lines.length },
        role: p.paragraph.role === 'subhead' ? 'subhead' : 'body',
        unit: {
          spaceBefore: space,
          // orphan, hyphen at a column foot, subhead at a column foot
          keepWithNext: (many && i === 0) || line.hyphenated || p.paragraph.keepWithNext,
          // widow
          keepWithPrevious: many && i === p.lines.length - 1,
        },
      });
    });
  });
  return lines;
}

interface PhotoPlan {
  /** columns the photo spans (right-aligned), 0 for no photo */
  span: number;
  photoBands: number;
  /** grid lines available to the body in each column */
  capacities: number[];
  /** how the body fits those columns */
  fit: Fit;
}

/** How lines fit given column capacities. */
interface Fit {
  /** lines that do not fit */
  overset: number;
  /** grid lines left empty at the columns' feet */
  underset: number;
  /** difference between the most and the least empty column, in grid lines */
  spread: number;
  /** column breaks that had to break a keep rule (widow, orphan, hyphen at the foot) */
  forcedBreaks: number;
  /** grid lines of the columns a brief leaves empty (part of the underset) */
  unused: number;
}

/** 0 for a module filled with balanced columns; grows with every line that is off. */
function misfit(fit: Fit, columns: number): number {
  return fit.overset * 1000 + fit.forcedBreaks * 500 + Math.max(0, fit.spread - 1) * 100 + Math.max(0, fit.underset - fit.unused - (columns - 1)) * 10;
}

/** Looseness variants tried per paragraph, and rounds of trying, when balancing columns. */
const LOOSENESS_STEPS = [-1, 1];
const BALANCING_ROUNDS = 4;
/** A story with fewer lines than this per column is a brief, which may use fewer columns. */
const BRIEF_COLUMN_LINES = 8;
/** What a second blank line under the byline costs, in demerits: less than a loose paragraph. */
const BYLINE_GAP_DEMERITS = 500_000;

/**
 * Composes the body and plans the photo; when the columns do not come out filled and
 * balanced, tries setting single paragraphs one line longer or shorter (TeX's \looseness),
 * keeping the change that helps most at the least typographic cost, for a few rounds.
 */
function fillModule(
  story: Story,
  bylines: ComposedParagraph[],
  plan: (units: BodyLine[]) => PhotoPlan,
  g: PageGeometry,
  ctx: TypesetContext,
): { composed: ComposedParagraph[]; units: BodyLine[]; plan: PhotoPlan } {
  const prepared = story.body.map((p) => prepareParagraph(p, g.columnWidth, ctx.metrics, ctx.hyphenatorFor(p.lang)));
  const compose = (index: number, looseness: number) => breakPrepared(prepared[index], { ...ctx.breakOptions, looseness });
  let composed = story.body.map((_, index) => compose(index, 0));
  let gap = 1;
  let units = bodyLines(bylines, composed, gap);
  let current = plan(units);
  const columns = g.columns;
  // a story longer than the whole region cannot be balanced here: it jumps
  if (current.fit.overset > columns * 3) return { composed, units, plan: current };
  const variants = new Map<string, ComposedParagraph>();
  type Trial = { score: number; composed: ComposedParagraph[]; gap: number; units: BodyLine[]; plan: PhotoPlan };
  for (let round = 0; round < BALANCING_ROUNDS && misfit(current.fit, columns) > 0; round++) {
    // every single change: the byline gap, or one paragraph a line shorter or longer
    const changes: { composed: ComposedParagraph[]; gap: number; cost: number }[] = [];
    if (gap === 1 && bylines.length > 0) changes.push({ composed, gap: 2, cost: BYLINE_GAP_DEMERITS });
    story.body.forEach((_, index) => {
      for (const step of LOOSENESS_STEPS) {
        const key = `${index}:${step}`;
        let variant = variants.get(key);
        if (!variant) variants.set(key, (variant = compose(index, step)));
        if (variant.lines.length !== composed[index].lines.length + step || variant.looseLines > composed[index].looseLines) continue;
        const changed = variant;
        changes.push({ composed: composed.map((c, i) => (i === index ? changed : c)), gap, cost: variant.demerits - composed[index].demerits });
      }
    });
    // fit first; among equal fits, the smallest loss of quality
    const judge = (change: (typeof changes)[number], planFor: (units: BodyLine[]) => PhotoPlan): Trial => {
      const trialUnits = bodyLines(bylines, change.composed, change.gap);
      const trialPlan = planFor(trialUnits);
      return { score: misfit(trialPlan.fit, columns) * 1e9 + change.cost, composed: change.composed, gap: change.gap, units: trialUnits, plan: trialPlan };
    };
    const better = (trials: Trial[]) =>
      trials.reduce<Trial | undefined>((best, t) => (!best || t.score < best.score ? t : best), undefined);
    // cheaply first, in the columns the current photo leaves; re-planning the photo for every
    // change only when that finds nothing
    const keepPhoto = (trialUnits: BodyLine[]): PhotoPlan => ({ ...current, fit: fitOf(trialUnits.map((u) => u.unit), current.capacities) });
    let chosen = better(changes.map((c) => judge(c, keepPhoto)));
    if (!chosen || misfit(chosen.plan.fit, columns) >= misfit(current.fit, columns)) chosen = better(changes.map((c) => judge(c, plan)));
    if (!chosen || misfit(chosen.plan.fit, columns) >= misfit(current.fit, columns)) break;
    ({ composed, gap, units, plan: current } = chosen);
  }
  return { composed, units, plan: current };
}

/**
 * Chooses the photo's span and height so that the body fills its columns: columns beside the
 * photo run the full depth of the region, columns under it start below the caption.
 */
function planPhoto(story: Story, photo: PhotoInfo | undefined, units: BodyLine[], regionBands: number, g: PageGeometry, ctx: TypesetContext): PhotoPlan {
  const cols = g.columns;
  const flowUnits = units.map((u) => u.unit);
  const need = heightOf(flowUnits, 0, flowUnits.length);
  const noPhoto = (): PhotoPlan => {
    const chosen = fewerColumnsIfUnbalanced(flowUnits, new Array<number>(cols).fill(regionBands), fitOf(flowUnits, new Array<number>(cols).fill(regionBands)));
    return { span: 0, photoBands: 0, ...chosen };
  };
  if (!story.photo) return noPhoto();
  const natural = photo?.aspect ?? DEFAULT_PHOTO_ASPECT;
  const L = g.grid.leading;
  let best: (PhotoPlan & { cost: number }) | undefined;
  // at least three columns wide on a newspaper page; two of three on an office page
  for (let span = cols; span >= Math.max(1, Math.min(3, cols - 1)); span--) {
    const width = spanWidth(g, span);
    const captionBands = captionHeight(story, width, L, ctx) + 1;
    const full = cols - span;
    // the tallest and shortest frames the crop limits allow
    const maxBands = Math.min(Math.floor(width / (natural / CROP_LIMIT) / L), regionBands - captionBands - 3);
    const minBands = Math.max(MIN_PHOTO_BANDS, Math.ceil(width / (natural * CROP_LIMIT) / L));
    if (maxBands < minBands) continue;
    // the frame height that makes the body fill the region exactly, lowered while the keep
    // rules (widows, orphans, hyphens at a column foot) need a little more room
    const under = Math.ceil((need - full * regionBands) / span);
    let photoBands = Math.min(maxBands, Math.max(minBands, regionBands - captionBands - under));
    const capacitiesFor = (bands: number) => [...new Array(full).fill(regionBands), ...new Array(span).fill(regionBands - captionBands - bands)];
    // a story longer than the region even beside the smallest frame: no need to search
    const most = capacitiesFor(minBands).reduce((a, b) => a + b, 0);
    if (need > most + span) photoBands = minBands;
    let fit = fitOf(flowUnits, capacitiesFor(photoBands));
    while ((fit.overset > 0 || fit.forcedBreaks > 0) && photoBands > minBands) fit = fitOf(flowUnits, capacitiesFor(--photoBands));
    const chosen = fewerColumnsIfUnbalanced(flowUnits, capacitiesFor(photoBands), fit);
    // lines the frame could not absorb: any overset, and underset beyond one line per column
    const aspect = width / (photoBands * L);
    const cost = misfit(chosen.fit, span) * 1000 + Math.abs(Math.log(aspect / natural));
    if (!best || cost < best.cost) best = { span, photoBands, capacities: chosen.capacities, fit: chosen.fit, cost };
  }
  if (!best) {
    // the region is too shallow for any photo frame: give the body every column
    return noPhoto();
  }
  return { span: best.span, photoBands: best.photoBands, capacities: best.capacities, fit: best.fit };
}

function fitOf(units: FlowUnit[], capacities: number[]): Fit {
  const d = distributeLines(units, capacities);
  const shortfalls = d.columns.map(([start, end], i) => capacities[i] - heightOf(units, start, end));
  const used = shortfalls.filter((_, i) => capacities[i] > 0);
  const overset = units.length - d.oversetFrom;
  return {
    overset,
    underset: overset > 0 ? 0 : shortfalls.reduce((a, b) => a + b, 0),
    spread: used.length > 0 ? Math.max(...used) - Math.min(...used) : 0,
    forcedBreaks: d.forcedBreaks,
    unused: 0,
  };
}

/**
 * A story too short to balance across every column (a brief: its paragraphs cannot be cut
 * without widows or orphans) is set in fewer columns, from the left; the columns it leaves
 * empty count as underset, so the report still says how much is missing.
 */
function fewerColumnsIfUnbalanced(units: FlowUnit[], capacities: number[], fit: Fit): { capacities: number[]; fit: Fit } {
  let best = { capacities, fit };
  if (fit.overset > 0 || (fit.spread <= 1 && fit.forcedBreaks === 0)) return best;
  // only for briefs: a story with columns worth of text balances by other means
  const lines = capacities.reduce((a, b) => a + b, 0) - fit.underset;
  if (lines > capacities.length * BRIEF_COLUMN_LINES) return best;
  for (let used = capacities.length - 1; used >= 1; used--) {
    const fewer = capacities.map((c, i) => (i < used ? c : 0));
    const trial = fitOf(units, fewer);
    if (trial.overset > 0) break;
    const better = trial.forcedBreaks < best.fit.forcedBreaks || (trial.forcedBreaks === best.fit.forcedBreaks && trial.spread < best.fit.spread);
    const unused = capacities.slice(used).reduce((a, b) => a + b, 0);
    if (better) best = { capacities: fewer, fit: { ...trial, underset: trial.underset + unused, unused } };
    if (trial.spread <= 1 && trial.forcedBreaks === 0) break;
  }
  return best;
}

function captionHeight(story: Story, width: number, L: number, ctx: TypesetContext): number {
  let bands = 0;
  for (const block of [story.photo?.credit, story.photo?.caption]) {
    if (block) bands += setBlock(block, 0, 0, width, L, ctx).bands;
  }
  return bands;
}

/** The story's headline as a paragraph at `size` pt on `leading` (ragged, never hyphenated). */
export function headlineAt(story: Story, size: number, leading: number): StyledParagraph {
  return {
    role: 'headline',
    runs: [{ text: story.headline.text, font: story.headline.font, size }],
    align: 'ragged',
    leading,
    firstIndent: 0,
    leftIndent: 0,
    hyphenate: false,
    lang: 'en',
    spaceBefore: 0,
    keepWithNext: true,
  };
}

/** The headline at the largest size in the style's range that fits its allowed lines. */
function copyfitHeadline(story: Story, g: PageGeometry, ctx: TypesetContext): StyledParagraph {
  const h = story.headline;
  const make = (size: number) => headlineAt(story, size, size * h.leadingRatio);
  return make(largestFitting(make, h.minSize, h.maxSize, 1, h.maxLines, g.typeArea.width, ctx));
}

/** The deck at the largest size in the style's range that fits its allowed lines. */
function copyfitDeck(deck: StyledParagraph, g: PageGeometry, ctx: TypesetContext): StyledParagraph {
  const { minSize, maxSize, maxLines, leadingRatio } = ctx.theme.deck;
  const make = (size: number): StyledParagraph => ({
    ...deck,
    runs: deck.runs.map((run) => ({ ...run, size })),
    leading: size * leadingRatio,
  });
  return make(largestFitting(make, minSize, maxSize, 0.5, maxLines, g.typeArea.width, ctx));
}

/**
 * Copyfitting: the largest size on a `step` scale within [min, max] at which the text sets in
 * at most `maxLines` lines of `width`, found by bisection (a smaller size never needs more
 * lines); `min` when even that does not fit.
 */
function largestFitting(
  make: (size: number) => StyledParagraph,
  min: number,
  max: number,
  step: number,
  maxLines: number,
  width: number,
  ctx: TypesetContext,
): number {
  const fits = (size: number) => {
    const p = make(size);
    const composed = composeParagraph(p, width, ctx.metrics, ctx.hyphenatorFor(p.lang));
    return composed.lines.length <= maxLines && composed.lines.every((l) => !l.overfull);
  };
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

function layoutNameplate(f: PageFurniture, g: PageGeometry, ctx: TypesetContext): { items: LayoutItem[]; bands: number } {
  const { metrics, theme } = ctx;
  const L = g.grid.leading;
  const area = g.typeArea;
  const font = theme.nameplate.font;
  let size = theme.nameplate.size;
  while (metrics.width(f.paper, font, size) > area.width && size > 12) size -= 1;
  const nameWidth = metrics.width(f.paper, font, size);
  const nameBands = 6;
  const nameBaseline = bandTop(g, nameBands) - metrics.descender(font, size) - L * 0.25;
  const items: LayoutItem[] = [
    textLine('nameplate', [{ text: f.paper, font, size, x: area.x + (area.width - nameWidth) / 2, baseline: nameBaseline, width: nameWidth }], area.x, bandTop(g, 0), area.width, nameBands * L, nameBaseline),
  ];
  // the strip under the name: date on the left, edition line on the right, between rules
  const stripTop = bandTop(g, nameBands);
  const stripBands = 2;
  // the strip's caps sit in the middle of its two grid lines
  const stripBaseline = stripTop + stripBands * L / 2 + metrics.capHeight(theme.nameplateLine.font, theme.nameplateLine.size) / 2;
  const s = theme.nameplateLine;
  const date = f.dateText.toUpperCase();
  const runs: GlyphRun[] = [{ text: date, font: s.font, size: s.size, x: area.x, baseline: stripBaseline, width: metrics.width(date, s.font, s.size) }];
  if (f.editionLine) {
    const edition = f.editionLine.toUpperCase();
    const w = metrics.width(edition, s.font, s.size);
    runs.push({ text: edition, font: s.font, size: s.size, x: area.x + area.width - w, baseline: stripBaseline, width: w });
  }
  items.push(textLine('nameplateLine', runs, area.x, stripTop, area.width, stripBands * L, stripBaseline));
  items.push({ type: 'rule', x1: area.x, y1: stripTop, x2: area.x + area.width, y2: stripTop, thickness: 1.5 });
  items.push({ type: 'rule', x1: area.x, y1: stripTop + stripBands * L, x2: area.x + area.width, y2: stripTop + stripBands * L, thickness: 0.5 });
  return { items, bands: nameBands + stripBands + 1 };
}

export function layoutFolio(f: PageFurniture, pageNumber: number, g: PageGeometry, ctx: TypesetContext): LayoutItem[] {
  const { metrics, theme } = ctx;
  const area = g.typeArea;
  const line = g.grid.count - 1;
  const top = bandTop(g, line);
  const baseline = baselineOf(g, line);
  const { font, size } = theme.folio;
  const left = `${f.paper}  ·  ${f.dateText}`;
  const right = `Page ${pageNumber}`;
  const rightWidth = metrics.width(right, font, size);
  return [
    { type: 'rule', x1: area.x, y1: top, x2: area.x + area.width, y2: top, thickness: 0.5 },
    textLine(
      'folio',
      [
        { text: left, font, size, x: area.x, baseline, width: metrics.width(left, font, size) },
        { text: right, font, size, x: area.x + area.width - rightWidth, baseline, width: rightWidth },
      ],
      area.x,
      top,
      area.width,
      g.grid.leading,
      baseline,
    ),
  ];
}

function placeholderLabel(frame: Rect, file: string, ctx: TypesetContext): GlyphRun[] {
  const { metrics } = ctx;
  const centre = (text: string, font: GlyphRun['font'], size: number, baseline: number): GlyphRun => {
    const width = metrics.width(text, font, size);
    return { text, font, size, x: frame.x + (frame.width - width) / 2, baseline, width };
  };
  const mid = frame.y + frame.height / 2;
  return [centre('FPO', 'display', 36, mid), centre(`Photo missing: ${file}`, 'displayRegular', 10, mid + 18)];
}

function textLine(role: TextLine['role'], runs: GlyphRun[], x: number, y: number, width: number, height: number, baseline: number): TextLine {
  return { type: 'text', role, box: { x, y, width, height }, baseline, runs };
}
