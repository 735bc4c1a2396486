// Module: a story laid out in a rectangle of the page grid (a run of columns × a run of grid
// lines). Headline across the module, deck, photo with credit and caption, byline and body in
// the module's columns, balanced; or the continuation of a story that jumped; or a column of
// briefs. A module knows nothing of pages: it is given its area and, when it jumps, the words
// of its jump line.
//
// Two halves: the shapes a story can take at a width (what the makeup search weighs), and the
// layout of one chosen module (what the painter draws). Both measure through the same
// functions, so a module fills at the height makeup planned.
import type { ComposedParagraph } from '../compose/composeParagraph.js';
import type { GlyphRun, LayoutItem, Rect, Rule } from '../model/layout.js';
import { balanceLines, type Fit, fitOf, misfit, rowsFor } from './balance.js';
import type { BodyLine } from './bodyLines.js';
import type { TypesetContext } from './context.js';
import { copyfitDeck, copyfitHeadline, copyfitJumpHead, type FittedHead, type HeadLevel, headRange } from './copyfit.js';
import { distributeLines, type FlowUnit, heightOf } from './distributeLines.js';
import { type ColumnSlot, flowColumns, jumpColumnOf, jumpLine, jumpRoom } from './flowColumns.js';
import { bandTop, baselineOf, columnX, type PageGeometry, spanWidth } from './geometry.js';
import { cropOf, frameLimits, frameResolution, type PhotoSpec, widestSpan } from './photoPlan.js';
import { textLine } from './placeLines.js';
import { setBlock } from './setBlock.js';
import { remember, type StoryCopy } from './storyCopy.js';

/** A rectangle of the page grid: columns [column, column + columns), grid lines [top, top + bands). */
export interface GridArea {
  column: number;
  columns: number;
  top: number;
  bands: number;
}

/** A story's first (or only) part: head, deck, photo, byline and body. */
export interface StoryModule {
  kind: 'story';
  copy: StoryCopy;
  area: GridArea;
  level: HeadLevel;
  /** the largest its head may be, pt (on the front page: smaller than the lead's) */
  headCap?: number;
  /** the photo: columns it spans (at the module's right), frame height, and whether it stands above the head */
  photo?: { span: number; bands: number; above: boolean };
  /** body lines set here when the story jumps; the rest continue on a later page */
  jump?: { lines: number };
}

/** The lines of a story that jumped, from line `from` on, under a jump head. */
export interface ContinuationModule {
  kind: 'continuation';
  copy: StoryCopy;
  area: GridArea;
  from: number;
  /** when even a page cannot take the rest: lines set here before it jumps again */
  jump?: { lines: number };
}

/** A column (or row) of briefs under a label, each a small head, its byline and its text. */
export interface BriefsModule {
  kind: 'briefs';
  copies: StoryCopy[];
  area: GridArea;
  /** grid lines above the first brief: the label and the space under it */
  labelBands: number;
  /** blank grid lines between briefs */
  gap: number;
}

export type ModulePlan = StoryModule | ContinuationModule | BriefsModule;

/** The fewest lines a story sets before it jumps, and the fewest worth continuing. */
export const MIN_LINES_BEFORE_JUMP = 6;
export const MIN_LINES_AFTER_JUMP = 12;
/** Body lines under a photo that spans every column of its module. */
const MIN_LINES_UNDER_PHOTO = 3;
/** Grid lines of text a jumping module's columns run at least, so that its breaks keep the keep rules. */
const MIN_JUMP_LEGS = 4;

// ---------------------------------------------------------------------------------------------
// Measuring a story at a width

/** Head and deck of a story at a width: what they are and the grid lines they take, with the blank line under them. */
export interface StoryBlocks {
  head: FittedHead;
  deck?: FittedHead;
  bands: number;
}

export function storyBlocks(copy: StoryCopy, columns: number, level: HeadLevel, g: PageGeometry, ctx: TypesetContext, headCap = Infinity): StoryBlocks {
  return remember(copy, `blocks:${columns}:${level}:${headCap}`, () => {
    const width = spanWidth(g, columns);
    const range = headRange(width, copy.depth, level, ctx);
    const maxSize = Math.min(range.maxSize, headCap);
    const head = copyfitHeadline(copy.story, width, { ...range, maxSize, minSize: Math.min(range.minSize, maxSize) }, ctx);
    const deck = copy.story.deck ? copyfitDeck(copy.story.deck, width, ctx) : undefined;
    return { head, deck, bands: head.bands + (deck?.bands ?? 0) + 1 };
  });
}

/** Grid lines of the credit and caption under a photo `span` columns wide, with the blank line under them. */
export function captionBands(copy: StoryCopy, span: number, g: PageGeometry, ctx: TypesetContext): number {
  return remember(copy, `caption:${span}`, () => {
    let bands = 1;
    for (const block of [copy.story.photo?.credit, copy.story.photo?.caption]) {
      if (block) bands += setBlock(block, 0, 0, spanWidth(g, span), g.grid.leading, ctx).bands;
    }
    return bands;
  });
}

/** The fewest grid lines per column for the story's lines [from, end) in `columns` balanced columns. */
export function bodyRows(copy: StoryCopy, columns: number, from = 0): number {
  return remember(copy, `rows:${columns}:${from}`, () => {
    // deeper than any page: the fewest the lines alone take is answer enough (no page will try it)
    const least = Math.ceil((copy.units.length - from) / columns);
    return least > DEEPER_THAN_ANY_PAGE ? least : rowsFor(copy.units.slice(from), columns);
  });
}

/** More grid lines than any page format has (a broadsheet page has about 150). */
const DEEPER_THAN_ANY_PAGE = 400;

/** The jump head over a continuation `columns` wide. */
function jumpHeadOf(copy: StoryCopy, columns: number, g: PageGeometry, ctx: TypesetContext): FittedHead {
  return remember(copy, `jumpHead:${columns}`, () => copyfitJumpHead(copy.story, spanWidth(g, columns), ctx));
}

/** Grid lines above a continuation's text: its jump head, the "Continued from" line and a blank line. */
export function continuationBands(copy: StoryCopy, columns: number, g: PageGeometry, ctx: TypesetContext): number {
  return jumpHeadOf(copy, columns, g, ctx).bands + 2;
}

/**
 * The body's columns in a story module: columns beside the photo run the body's full depth,
 * columns under it start below its caption. Relative to the body's first grid line.
 */
function bodyColumns(columns: number, bodyBands: number, photo?: { span: number; bands: number; caption: number }): { capacity: number; top: number }[] {
  return Array.from({ length: columns }, (_, i) => {
    const under = photo && i >= columns - photo.span ? photo.bands + photo.caption : 0;
    return { capacity: Math.max(0, bodyBands - under), top: under };
  });
}

/** How many of `units` a jumping module sets before its jump line, given its columns' capacities. */
export function linesBeforeJump(units: FlowUnit[], capacities: number[]): number {
  return distributeLines(units, jumpRoom(capacities)).oversetFrom;
}

// ---------------------------------------------------------------------------------------------
// Shapes: how an item can fill a rectangle of a given width (for the makeup search)

/**
 * What makeup weighs of a module filling a rectangle at one height. The search makes many of
 * them: plain fields, and the module built only for the chosen ones (`make`, one per shape).
 */
export interface Fill {
  kind: ModulePlan['kind'];
  /** grid lines left empty at the feet of its columns */
  underset: number;
  /** how far the photo's frame is cropped from the photo's shape (|ln| of the aspect ratios) */
  crop: number;
  /** the photo's span and frame (grid lines), the widest span its pixels allow at the target resolution */
  photoSpan?: number;
  frame?: number;
  widestPhoto?: number;
  /** the photo prints below the target resolution (too small even for one column) */
  photoBelowTarget?: boolean;
  /** when it jumps: lines set before the jump, and lines continued elsewhere (estimates) */
  jumpLines?: number;
  jumpRest?: number;
  /** rows of its heads, relative to the module's top: [first, end) each */
  heads: [number, number][];
  /** grid lines of blank space above its first brief, beyond the label's own line and the one under it */
  padding: number;
  /** grid lines of its deepest column of text */
  legs: number;
  /** the module this fill stands for, in `area` */
  make: (fill: Fill, area: GridArea) => ModulePlan;
}

/** One way to set an item at a width: the heights (grid lines) at which it may fill a rectangle. */
export interface ModuleShape {
  lo: number;
  hi: number;
  at(height: number): Fill | undefined;
}

/** The ways a story's first part can fill a rectangle `columns` wide. */
export function storyShapes(copy: StoryCopy, columns: number, level: HeadLevel, canJump: boolean, g: PageGeometry, ctx: TypesetContext, headCap = Infinity): ModuleShape[] {
  const blocks = storyBlocks(copy, columns, level, g, ctx, headCap);
  const depth = copy.depth;
  const shapes: ModuleShape[] = [];
  // the module a fill stands for: with its photo's frame (inside the columns or above the head), jumping or not
  const story =
    (above: boolean | undefined) =>
    (fill: Fill, area: GridArea): StoryModule => ({
      kind: 'story',
      copy,
      area,
      level,
      ...(headCap !== Infinity ? { headCap } : {}),
      ...(above !== undefined ? { photo: { span: fill.photoSpan!, bands: fill.frame!, above } } : {}),
      ...(fill.jumpLines !== undefined ? { jump: { lines: -1 } } : {}),
    });
  const plain = story(undefined);
  const inside = story(false);
  const aboveTheHead = story(true);
  /** lines before the jump for a capacity (the keep rules may cost a line a column at a break), or -1 when it would not jump */
  const jumpLines = (capacity: number): number => {
    const lines = capacity - 1 - columns;
    return lines >= MIN_LINES_BEFORE_JUMP && depth - lines >= MIN_LINES_AFTER_JUMP && capacity - 1 < depth ? lines : -1;
  };
  const head: [number, number][] = [[0, blocks.head.bands]];

  if (!copy.photo) {
    const rows = bodyRows(copy, columns);
    const height = blocks.bands + rows;
    shapes.push({
      lo: height,
      hi: height,
      at: (h) => (h === height ? { kind: 'story', underset: rows * columns - depth, crop: 0, heads: head, padding: 0, legs: rows, make: plain } : undefined),
    });
    if (canJump && !copy.brief) {
      shapes.push({
        lo: blocks.bands + MIN_JUMP_LEGS,
        hi: height - 1,
        at: (h) => {
          if (h - blocks.bands < MIN_JUMP_LEGS) return undefined;
          const lines = jumpLines(columns * (h - blocks.bands));
          if (lines < 0) return undefined;
          return { kind: 'story', underset: 0, crop: 0, jumpLines: lines, jumpRest: depth - lines, heads: head, padding: 0, legs: h - blocks.bands, make: plain };
        },
      });
    }
    return shapes;
  }

  const photo = copy.photo;
  const widestPhoto = Math.max(1, widestSpan(photo, g, ctx.photoPpi));
  for (let span = Math.min(columns, g.columns); span >= 1; span--) {
    const limits = frameLimits(photo, span, g, ctx.photoPpi);
    if (!limits) continue;
    const caption = captionBands(copy, span, g, ctx);
    const width = spanWidth(g, span);
    const crop = (bands: number) => cropOf(photo, width, bands * g.grid.leading);
    const belowTarget = limits.belowTarget;
    const minUnder = span === columns ? MIN_LINES_UNDER_PHOTO : 0;

    // the photo inside the body's columns, under the head
    const insideFrame = (h: number, jump: boolean): number | undefined => {
      const body = h - blocks.bands;
      if (jump && body < MIN_JUMP_LEGS) return undefined;
      let lo = limits.minBands;
      let hi = Math.min(limits.maxBands, body - caption - minUnder);
      if (!jump) {
        // the frame that makes the columns fill: capacity within [depth, depth + columns - 1];
        // failing that, the tallest frame that leaves room for every line (the rest is underset)
        const full = columns * body - span * caption;
        hi = Math.min(hi, Math.floor((full - depth) / span));
        const filling = Math.max(lo, Math.ceil((full - depth - (columns - 1)) / span));
        if (filling <= hi) lo = filling;
        else return lo > hi ? undefined : hi;
      }
      return lo > hi ? undefined : Math.min(hi, Math.max(lo, limits.naturalBands));
    };
    const insideCapacity = (h: number, f: number) => columns * (h - blocks.bands) - span * (f + caption);
    shapes.push({
      lo: blocks.bands + caption + limits.minBands + minUnder,
      hi: blocks.bands + caption + limits.maxBands + Math.ceil(depth / columns) + 1,
      at: (h) => {
        const f = insideFrame(h, false);
        if (f === undefined) return undefined;
        return { kind: 'story', underset: insideCapacity(h, f) - depth, crop: crop(f), photoSpan: span, frame: f, widestPhoto, photoBelowTarget: belowTarget, heads: head, padding: 0, legs: h - blocks.bands, make: inside };
      },
    });
    if (canJump) {
      shapes.push({
        lo: blocks.bands + caption + limits.minBands + minUnder,
        hi: blocks.bands + caption + limits.maxBands + Math.ceil(depth / columns),
        at: (h) => {
          const f = insideFrame(h, true);
          if (f === undefined) return undefined;
          const lines = jumpLines(insideCapacity(h, f));
          if (lines < 0) return undefined;
          return { kind: 'story', underset: 0, crop: crop(f), photoSpan: span, frame: f, widestPhoto, photoBelowTarget: belowTarget, jumpLines: lines, jumpRest: depth - lines, heads: head, padding: 0, legs: h - blocks.bands, make: inside };
        },
      });
    }

    // the photo across the whole module, above the head
    if (span !== columns) continue;
    const fixed = caption + blocks.bands;
    const rows = bodyRows(copy, columns);
    const aboveHead = (f: number): [number, number][] => [[f + caption, f + caption + blocks.head.bands]];
    shapes.push({
      lo: fixed + limits.minBands + rows,
      hi: fixed + limits.maxBands + rows + 3,
      at: (h) => {
        // the frame that leaves the body its rows; a frame at its tallest leaves more (underset)
        const f = Math.min(limits.maxBands, h - fixed - rows);
        if (f < limits.minBands) return undefined;
        const bodyRows = h - fixed - f;
        return { kind: 'story', underset: bodyRows * columns - depth, crop: crop(f), photoSpan: span, frame: f, widestPhoto, photoBelowTarget: belowTarget, heads: aboveHead(f), padding: 0, legs: bodyRows, make: aboveTheHead };
      },
    });
    if (canJump) {
      shapes.push({
        lo: fixed + limits.minBands + MIN_JUMP_LEGS,
        hi: fixed + limits.maxBands + rows,
        at: (h) => {
          const f = Math.min(limits.maxBands, h - fixed - MIN_JUMP_LEGS, Math.max(limits.minBands, limits.naturalBands));
          if (f < limits.minBands) return undefined;
          const lines = jumpLines(columns * (h - fixed - f));
          if (lines < 0) return undefined;
          return { kind: 'story', underset: 0, crop: crop(f), photoSpan: span, frame: f, widestPhoto, photoBelowTarget: belowTarget, jumpLines: lines, jumpRest: depth - lines, heads: aboveHead(f), padding: 0, legs: h - fixed - f, make: aboveTheHead };
        },
      });
    }
  }
  return shapes;
}

/** The ways a continuation (the story's lines from `from` on) can fill a rectangle `columns` wide. */
export function continuationShapes(copy: StoryCopy, from: number, columns: number, canJump: boolean, g: PageGeometry, ctx: TypesetContext): ModuleShape[] {
  const fixed = continuationBands(copy, columns, g, ctx);
  const rows = bodyRows(copy, columns, from);
  const depth = heightOf(copy.units, from, copy.units.length);
  const head: [number, number][] = [[0, jumpHeadOf(copy, columns, g, ctx).bands]];
  const height = fixed + rows;
  const make = (fill: Fill, area: GridArea): ContinuationModule => ({ kind: 'continuation', copy, area, from, ...(fill.jumpLines !== undefined ? { jump: { lines: -1 } } : {}) });
  const shapes: ModuleShape[] = [
    {
      lo: height,
      hi: height,
      at: (h) => (h === height ? { kind: 'continuation', underset: rows * columns - depth, crop: 0, heads: head, padding: 0, legs: rows, make } : undefined),
    },
  ];
  if (canJump) {
    // only for a rest no page can hold: it continues however little is left
    shapes.push({
      lo: fixed + 2,
      hi: height - 1,
      at: (h) => {
        const lines = columns * (h - fixed) - 1 - Math.ceil(columns / 2);
        const rest = depth - lines;
        if (lines < MIN_LINES_BEFORE_JUMP || rest < 1) return undefined;
        return { kind: 'continuation', underset: 0, crop: 0, jumpLines: lines, jumpRest: rest, heads: head, padding: 0, legs: h - fixed, make };
      },
    });
  }
  return shapes;
}

/** The lines of a column of briefs, and the rows their heads stand on once flowed into `columns` columns. */
function briefsFlow(copies: StoryCopy[], gap: number): BodyLine[] {
  const lines: BodyLine[] = [];
  copies.forEach((copy, index) => {
    const slug = copy.story.slug;
    copy.briefHead!.lines.forEach((line, i) => {
      lines.push({ line, role: 'headline', story: slug, unit: { spaceBefore: i === 0 && index > 0 ? gap : 0, keepWithNext: true, keepWithPrevious: false } });
    });
    // the byline right under the head, the body after the usual blank line
    for (const body of copy.lines) lines.push({ ...body, line: body.line, story: slug }); // `line` is set on demand: a getter a spread does not copy
  });
  return lines;
}

/**
 * Rows (relative to the first brief) of each brief head once the lines are distributed into
 * columns of `rows`; undefined when heads in two columns would stand on the same line.
 */
function briefHeadRows(lines: BodyLine[], columns: number, rows: number): [number, number][] | undefined {
  const units = lines.map((l) => l.unit);
  const d = distributeLines(units, new Array<number>(columns).fill(rows));
  const heads: [number, number][] = [];
  const taken = new Set<number>();
  for (const [start, end] of d.columns) {
    let row = 0;
    const here: number[] = [];
    for (let i = start; i < end; i++) {
      if (i > start) row += units[i].spaceBefore;
      if (lines[i].role === 'headline') {
        heads.push([row, row + 1]);
        here.push(row);
      }
      row += 1;
    }
    for (const r of here) if (taken.has(r)) return undefined;
    for (const r of here) taken.add(r);
  }
  return heads.sort((a, b) => a[0] - b[0]);
}

/** The label's line and the blank line under it. */
export const LABEL_BANDS = 2;

/**
 * A column of briefs `columns` wide: its heights for the label's padding (0 to `maxPadding`
 * extra blank lines under the label, which lets the first brief's head clear a neighbour's).
 */
export function briefsShapes(copies: StoryCopy[], columns: number, maxPadding: number): ModuleShape[] {
  return [1, 2].flatMap((gap) => {
    const lines = briefsFlow(copies, gap);
    const units = lines.map((l) => l.unit);
    const depth = heightOf(units, 0, units.length);
    const rows = rowsFor(units, columns);
    // brief heads side by side on one line would bump: no such shape
    const heads = briefHeadRows(lines, columns, rows);
    if (!heads) return [];
    const base = LABEL_BANDS + rows;
    const make = (fill: Fill, area: GridArea): BriefsModule => ({ kind: 'briefs', copies, area, labelBands: LABEL_BANDS + fill.padding, gap });
    return {
      lo: base,
      hi: base + maxPadding,
      at: (h: number): Fill | undefined => {
        const padding = h - base;
        if (padding < 0 || padding > maxPadding) return undefined;
        const labelBands = LABEL_BANDS + padding;
        return {
          kind: 'briefs',
          underset: rows * columns - depth + (gap - 1) * (copies.length - 1),
          crop: 0,
          heads: heads.map(([a, b]): [number, number] => [a + labelBands, b + labelBands]),
          padding,
          legs: rows,
          make,
        };
      },
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Layout of one module

/** What a module could not absorb, per story. */
export interface ModuleReport {
  slug: string;
  /** grid lines left empty at the feet of the module's columns */
  underset: number;
  /** how many grid lines the columns' feet differ by */
  spread: number;
  /** lines that did not fit (0 unless the module was planned too small) */
  overset: number;
  badLines: number;
  brokenWords: string[];
  /** the photo's frame, and its effective resolution (null for a missing photo) */
  photo?: { ppi: number | null; span: number; belowTarget: boolean };
}

export interface ModuleLayout {
  items: LayoutItem[];
  reports: ModuleReport[];
  /** where a jumping module stopped: the index of the first line continued elsewhere */
  next?: number;
}

/** The words of the lines that point across pages: "Continued on Page 4", "Continued from Page 1". */
export interface JumpWords {
  to?: string;
  from?: string;
}

/** Lays out one module in its area. */
export function layoutModule(plan: ModulePlan, g: PageGeometry, ctx: TypesetContext, words: JumpWords = {}): ModuleLayout {
  switch (plan.kind) {
    case 'story':
      return layoutStoryModule(plan, g, ctx, words.to);
    case 'continuation':
      return layoutContinuation(plan, g, ctx, words);
    case 'briefs':
      return layoutBriefs(plan, g, ctx);
  }
}

/** A photo's frame in a story module: columns spanned and grid lines tall. */
interface Frame {
  span: number;
  bands: number;
}

/** The columns of a story module, in page grid lines, with its photo in `frame`. */
function storyModuleColumns(plan: StoryModule, frame: Frame | undefined, g: PageGeometry, ctx: TypesetContext): { slots: ColumnSlot[]; bodyTop: number; headTop: number } {
  const { copy, area, level } = plan;
  const blocks = storyBlocks(copy, area.columns, level, g, ctx, plan.headCap);
  const photo = plan.photo;
  const caption = photo && frame ? captionBands(copy, frame.span, g, ctx) : 0;
  const headTop = area.top + (photo?.above && frame ? frame.bands + caption : 0);
  const bodyTop = headTop + blocks.bands;
  const bodyBands = area.top + area.bands - bodyTop;
  const inside = photo && frame && !photo.above ? { span: frame.span, bands: frame.bands, caption } : undefined;
  const slots = bodyColumns(area.columns, bodyBands, inside).map((c, i) => ({ x: columnX(g, area.column + i), top: bodyTop + c.top, capacity: c.capacity }));
  return { slots, bodyTop, headTop };
}

const plannedFrame = (plan: StoryModule): Frame | undefined => (plan.photo ? { span: plan.photo.span, bands: plan.photo.bands } : undefined);

/** Body lines a planned story module sets before its jump (the rest continue on a later page). */
export function storyModuleJump(plan: StoryModule, g: PageGeometry, ctx: TypesetContext): number {
  const { slots } = storyModuleColumns(plan, plannedFrame(plan), g, ctx);
  return linesBeforeJump(plan.copy.units, slots.map((s) => s.capacity));
}

/** Body lines a planned continuation sets before it jumps again. */
export function continuationJump(plan: ContinuationModule, g: PageGeometry, ctx: TypesetContext): number {
  const slots = continuationColumns(plan, g, ctx);
  return plan.from + linesBeforeJump(plan.copy.units.slice(plan.from), slots.map((s) => s.capacity));
}

function layoutStoryModule(plan: StoryModule, g: PageGeometry, ctx: TypesetContext, jumpTo: string | undefined): ModuleLayout {
  const { copy, area, level } = plan;
  const story = copy.story;
  const slug = story.slug;
  const L = g.grid.leading;
  const x = columnX(g, area.column);
  const width = spanWidth(g, area.columns);
  const blocks = storyBlocks(copy, area.columns, level, g, ctx, plan.headCap);
  const items: LayoutItem[] = [];
  const photo = plan.photo;

  // the body: a jumping module sets what its columns hold; another balances its columns
  let frame = plannedFrame(plan);
  let lines: BodyLine[];
  let fit: Fit | undefined;
  let composed: ComposedParagraph[] = copy.composed;
  let next: number | undefined;
  if (plan.jump) {
    next = storyModuleJump(plan, g, ctx);
    lines = copy.lines.slice(0, next);
  } else {
    ({ lines, composed, frame, fit } = balanceStoryModule(plan, g, ctx));
  }
  const { slots, bodyTop, headTop } = storyModuleColumns(plan, frame, g, ctx);

  // head and deck across the module
  const head = setBlock(blocks.head.paragraph, x, bandTop(g, headTop), width, L, ctx, 'headline', slug);
  items.push(...head.lines);
  if (blocks.deck) items.push(...setBlock(blocks.deck.paragraph, x, bandTop(g, headTop + blocks.head.bands), width, L, ctx, 'deck', slug).lines);

  // photo, credit and caption
  let photoReport: ModuleReport['photo'];
  if (photo && frame && story.photo && copy.photo) {
    const px = photo.above ? x : columnX(g, area.column + area.columns - frame.span);
    const pw = spanWidth(g, frame.span);
    const top = photo.above ? area.top : bodyTop;
    const box: Rect = { x: px, y: bandTop(g, top), width: pw, height: frame.bands * L };
    items.push(...photoItems(copy.photo, story.photo.file, box, slug, story.photo.focus, ctx));
    let band = top + frame.bands;
    for (const block of [story.photo.credit, story.photo.caption]) {
      if (!block) continue;
      const set = setBlock(block, px, bandTop(g, band), pw, L, ctx, block.role, slug);
      items.push(...set.lines);
      band += set.bands;
    }
    const limits = frameLimits(copy.photo, frame.span, g, ctx.photoPpi);
    photoReport = { ppi: frameResolution(copy.photo, pw, frame.bands * L), span: frame.span, belowTarget: limits?.belowTarget ?? false };
  }

  const flow = flowColumns(lines, slots, g, slug, ctx, plan.jump ? (jumpTo ?? 'Continued on Page ?') : undefined);
  items.push(...flow.items, ...columnRules(slots, area, flow.feet, g));
  const report = reportOf(slug, slots, flow.feet, fit, flow.overset.length, composed, plan.jump !== undefined);
  if (photoReport) report.photo = photoReport;
  return { items, reports: [report], ...(next !== undefined ? { next } : {}) };
}

const balancedModules = new WeakMap<StoryModule, BalancedModule>();

/** A story module's lines balanced in its columns, and the photo's frame they were balanced with. */
export interface BalancedModule {
  lines: BodyLine[];
  composed: ComposedParagraph[];
  frame: Frame | undefined;
  fit: Fit;
}

/**
 * Balances a (not jumping) story module's lines in its columns, free to give a photo inside
 * the columns another span or height (the head stays put), and to set paragraphs a line
 * looser or tighter. Makeup asks first (to be sure everything fits), layout then.
 */
export function balanceStoryModule(plan: StoryModule, g: PageGeometry, ctx: TypesetContext): BalancedModule {
  const known = balancedModules.get(plan);
  if (known) return known;
  const photo = plan.photo;
  const frames = photo && !photo.above ? framesNear(plan, g, ctx) : [plannedFrame(plan)];
  const planFor = (candidate: BodyLine[]) => {
    let best: { frame: Frame | undefined; fit: Fit; capacities: number[] } | undefined;
    for (const f of frames) {
      const capacities = storyModuleColumns(plan, f, g, ctx).slots.map((s) => s.capacity);
      const trial = fitOf(candidate.map((l) => l.unit), capacities);
      if (!best || misfitOf(trial, plan.area.columns) < misfitOf(best.fit, plan.area.columns)) best = { frame: f, fit: trial, capacities };
    }
    return best!;
  };
  const balanced = balanceLines(plan.copy, plan.area.columns, planFor, (candidate, current) => ({ ...current, fit: fitOf(candidate.map((l) => l.unit), current.capacities) }), ctx.breakOptions);
  const result = { lines: balanced.lines, composed: balanced.composed, frame: balanced.plan.frame, fit: balanced.plan.fit };
  balancedModules.set(plan, result);
  return result;
}

/**
 * Frames a photo inside a module's columns may take when balancing: the planned one first,
 * then heights near it, then the other spans its pixels allow near their natural height.
 */
function framesNear(plan: StoryModule, g: PageGeometry, ctx: TypesetContext): Frame[] {
  const photo = plan.copy.photo!;
  const planned = plan.photo!;
  const frames: Frame[] = [{ span: planned.span, bands: planned.bands }];
  const blocks = storyBlocks(plan.copy, plan.area.columns, plan.level, g, ctx, plan.headCap);
  const body = plan.area.bands - blocks.bands;
  for (let span = plan.area.columns; span >= 1; span--) {
    const limits = frameLimits(photo, span, g, ctx.photoPpi);
    if (!limits) continue;
    const room = body - captionBands(plan.copy, span, g, ctx) - (span === plan.area.columns ? MIN_LINES_UNDER_PHOTO : 0);
    const centre = span === planned.span ? planned.bands : limits.naturalBands;
    for (let d = 0; d <= 4; d++) {
      for (const bands of d === 0 ? [centre] : [centre - d, centre + d]) {
        if (bands < limits.minBands || bands > Math.min(limits.maxBands, room)) continue;
        if (span === planned.span && bands === planned.bands) continue;
        frames.push({ span, bands });
      }
    }
  }
  return frames;
}

/** The balancer's misfit, and among equal misfits the fuller columns. */
const misfitOf = (fit: Fit, columns: number) => misfit(fit, columns) + fit.underset * 0.1;

function continuationColumns(plan: ContinuationModule, g: PageGeometry, ctx: TypesetContext): ColumnSlot[] {
  const { copy, area } = plan;
  const top = area.top + continuationBands(copy, area.columns, g, ctx);
  return Array.from({ length: area.columns }, (_, i) => ({ x: columnX(g, area.column + i), top, capacity: area.top + area.bands - top }));
}

function layoutContinuation(plan: ContinuationModule, g: PageGeometry, ctx: TypesetContext, words: JumpWords): ModuleLayout {
  const { copy, area } = plan;
  const slug = copy.story.slug;
  const x = columnX(g, area.column);
  const head = jumpHeadOf(copy, area.columns, g, ctx);
  const items: LayoutItem[] = [...setBlock(head.paragraph, x, bandTop(g, area.top), spanWidth(g, area.columns), g.grid.leading, ctx, 'headline', slug).lines];
  items.push(jumpLine(words.from ?? 'Continued', x, baselineOf(g, area.top + head.bands), g, slug, ctx, 'left'));
  const slots = continuationColumns(plan, g, ctx);
  const next = plan.jump ? continuationJump(plan, g, ctx) : undefined;
  const lines = copy.lines.slice(plan.from, next);
  const flow = flowColumns(lines, slots, g, slug, ctx, plan.jump ? (words.to ?? 'Continued on Page ?') : undefined);
  items.push(...flow.items, ...columnRules(slots, area, flow.feet, g));
  const fit = plan.jump ? undefined : fitOf(lines.map((l) => l.unit), slots.map((s) => s.capacity));
  const report = reportOf(slug, slots, flow.feet, fit, flow.overset.length, [], plan.jump !== undefined);
  return { items, reports: [report], ...(next !== undefined ? { next } : {}) };
}

function layoutBriefs(plan: BriefsModule, g: PageGeometry, ctx: TypesetContext): ModuleLayout {
  const { area } = plan;
  const x = columnX(g, area.column);
  const { font, size } = ctx.theme.label;
  const label = 'IN BRIEF';
  const baseline = baselineOf(g, area.top);
  const items: LayoutItem[] = [
    { type: 'rule', x1: x, y1: bandTop(g, area.top) + 1, x2: x + spanWidth(g, area.columns), y2: bandTop(g, area.top) + 1, thickness: 1.5 },
    textLine('label', [{ text: label, font, size, x, baseline, width: ctx.metrics.width(label, font, size) }], x, bandTop(g, area.top), g.columnWidth, g.grid.leading, baseline),
  ];
  const top = area.top + plan.labelBands;
  const slots = Array.from({ length: area.columns }, (_, i) => ({ x: columnX(g, area.column + i), top, capacity: area.top + area.bands - top }));
  const lines = briefsFlow(plan.copies, plan.gap);
  const flow = flowColumns(lines, slots, g, plan.copies[0].story.slug, ctx);
  items.push(...flow.items, ...columnRules(slots, area, flow.feet, g));
  const fit = fitOf(lines.map((l) => l.unit), slots.map((s) => s.capacity));
  const reports = plan.copies.map((copy, i) => ({
    ...reportOf(copy.story.slug, slots, flow.feet, i === 0 ? fit : undefined, i === plan.copies.length - 1 ? flow.overset.length : 0, copy.composed, false),
    ...(i > 0 ? { underset: 0, spread: 0 } : {}),
  }));
  return { items, reports };
}

function reportOf(slug: string, slots: ColumnSlot[], feet: number[], fit: Fit | undefined, overset: number, composed: ComposedParagraph[], jumps: boolean): ModuleReport {
  // the grid lines each column leaves empty at its foot (a jumping module's jump line takes one)
  const jumpAt = jumps ? jumpColumnOf(slots.map((s) => s.capacity)) : -1;
  const used = slots.map((s, i) => ({ capacity: s.capacity, empty: s.top + s.capacity - 1 - feet[i] - (i === jumpAt ? 1 : 0) })).filter((c) => c.capacity > 0);
  const empties = used.map((c) => Math.max(0, c.empty));
  return {
    slug,
    underset: jumps ? empties.reduce((a, b) => a + b, 0) : (fit?.underset ?? empties.reduce((a, b) => a + b, 0)),
    spread: empties.length === 0 ? 0 : Math.max(...empties) - Math.min(...empties),
    overset,
    badLines: composed.reduce((s, c) => s + c.badLines, 0),
    brokenWords: composed.flatMap((c) => c.brokenWords),
  };
}

/** Hairlines between a module's columns of text, from the lower of the two column tops to the module's foot. */
function columnRules(slots: ColumnSlot[], area: GridArea, feet: number[], g: PageGeometry): Rule[] {
  const rules: Rule[] = [];
  const foot = bandTop(g, area.top + area.bands);
  for (let i = 0; i + 1 < slots.length; i++) {
    const [a, b] = [slots[i], slots[i + 1]];
    if (a.capacity <= 0 || b.capacity <= 0 || feet[i] < a.top || feet[i + 1] < b.top) continue;
    const x = a.x + g.columnWidth + g.gutter / 2;
    rules.push({ type: 'rule', x1: x, y1: bandTop(g, Math.max(a.top, b.top)) + 2, x2: x, y2: foot - 2, thickness: 0.25 });
  }
  return rules;
}

/** A photo's frame: the image, or a marked placeholder ("FPO") when the file is missing. */
function photoItems(photo: PhotoSpec, file: string, box: Rect, story: string, focus: { x: number; y: number } | undefined, ctx: TypesetContext): LayoutItem[] {
  if (photo.pixels) return [{ type: 'image', story, box, image: photo.path, ...(focus ? { focus } : {}) }];
  return [{ type: 'placeholder', story, box, label: placeholderLabel(box, file, ctx) }];
}

function placeholderLabel(frame: Rect, file: string, ctx: TypesetContext): GlyphRun[] {
  const { metrics } = ctx;
  const runs: GlyphRun[] = [];
  const centre = (text: string, font: GlyphRun['font'], size: number, baseline: number) => {
    let s = size;
    while (s > 5 && metrics.width(text, font, s) > frame.width - 8) s -= 0.5;
    const width = metrics.width(text, font, s);
    runs.push({ text, font, size: s, x: frame.x + (frame.width - width) / 2, baseline, width });
  };
  const mid = frame.y + frame.height / 2;
  centre('FPO', 'display', Math.min(36, frame.height / 2), mid);
  if (frame.height >= 40) centre(`Photo missing: ${file}`, 'displayRegular', 10, Math.min(mid + 18, frame.y + frame.height - 4));
  return runs;
}
