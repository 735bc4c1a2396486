// Page makeup: which stories go on each page, in which module shapes. Pages are made up in
// order. For each page a search (dynamic programming over the page's grid lines, memoised on
// what is left to place) chooses, among the tilings of the page by modules that the house's
// page patterns allow, the one with the least cost: fill (every column reaching the foot),
// story order, jumps, photo crop and size, headline hierarchy, briefs. It is exact but for one
// economy: a flexible module that does not end a stack or a tier tries only a few heights of
// its range (PREFERRED_HEIGHTS), the module under it any. A story that does not fit the room
// it gets jumps to a later page; its continuation is placed, whole, on a page that can take it.
//
// The page patterns: the page is a stack of tiers, each across the full width. A tier is one
// module, or an anchor module with a stack of one or two modules beside it, whose heads never
// share a line with the anchor's: the stack's heads stand lower (under a photo set above a head,
// or under the label of a column of briefs), or, beside an anchor whose photo stands above its
// head, one module's head stands level with that photo.
import { ContentError } from '../model/errors.js';
import type { TypesetContext } from './context.js';
import type { HeadLevel } from './copyfit.js';
import { moduleRegion } from './furniture.js';
import { frameLimits, MIN_PHOTO_BANDS } from './photoPlan.js';
import type { PageGeometry } from './geometry.js';
import {
  balanceStoryModule,
  briefsShapes,
  captionBands,
  continuationJump,
  continuationShapes,
  type Fill,
  type GridArea,
  type ModulePlan,
  type ModuleShape,
  storyBlocks,
  storyModuleJump,
  storyShapes,
} from './module.js';
import type { StoryCopy } from './storyCopy.js';

/** A continuation waiting to be placed: the story's lines from `from` on, jumped from page `fromPage`. */
export interface PendingContinuation {
  copy: StoryCopy;
  from: number;
  fromPage: number;
}

/** A rule between modules: across the blank grid line between stacked modules, or down the gutter between side-by-side ones. */
export type Cutoff = { kind: 'across'; band: number; column: number; columns: number } | { kind: 'down'; column: number; top: number; bands: number };

export interface PagePlan {
  number: number;
  modules: ModulePlan[];
  cutoffs: Cutoff[];
  /** grid lines of the region left empty at the foot of the page, in every column */
  unusedBands: number;
  /** the search's cost of the page (lower is better) */
  score: number;
  /** the continuation modules' origins: the page each continued part jumped from */
  continuedFrom: Map<ModulePlan, number>;
}

export interface MakeupResult {
  pages: PagePlan[];
  /** stories the page plan named for a page that could not take them, moved on */
  moved: { slug: string; planned: number; page: number }[];
}

/** What each fault costs, in the search's units (a grid line left empty in one column costs 1). */
export const COSTS = {
  /** a grid line left empty across the page's foot, per column */
  unusedLine: 40,
  /** a line short of a module's foot in one column */
  underset: 1.5,
  /** a story moved to the next page, plus `deferTop` / (1 + its rank): the first stories in line belong in front */
  defer: 30,
  deferTop: 150,
  /** a story moved on while later ones take its place on the page */
  inversion: 60,
  /** the edition's lead moved off the front page */
  deferLead: 100000,
  /** a planned story moved off its page */
  deferPlanned: 5000,
  /** a brief left for a later page, plus `briefBehind` for each story placed here that came after it in line (at most `briefBehindMost`) */
  deferBrief: 4,
  briefBehind: 3,
  briefBehindMost: 150,
  /** a continuation left for a later page (it jumps further from where it started) */
  deferContinuation: 200,
  /** a jump */
  jump: 45,
  /** per line under 40 set before a jump */
  shortJump: 1,
  /** per unit of |ln(frame aspect / photo aspect)| */
  crop: 30,
  /** per column a photo is narrower than its module would show it (the front page's lead: `narrowLeadPhoto`) */
  narrowPhoto: 10,
  narrowLeadPhoto: 40,
  /** per blank grid line under a label beyond the one that belongs there, per column */
  padding: 12,
  /** per grid line the front page's lead is shallower than half the page */
  shallowLead: 2,
  /** a tier of one module across the page (the search prefers a story beside a stack to a pile of full-width strips) */
  fullWidth: 6,
  /** a story that is not a brief in a single column */
  narrowStory: 40,
  /** briefs more than two columns wide, per column */
  wideBriefs: 15,
  /** briefs at the top of a page */
  briefsOnTop: 40,
  /** a column of briefs: its label (one column of briefs takes them better than two) */
  briefsLabel: 25,
  /** a second column of briefs on a page */
  secondBriefs: 150,
  /** per grid line a story's columns are shallower than SHORT_LEGS (a story across too many columns) */
  shortLegs: 4,
  /** per grid line a story's columns run deeper than LONG_LEGS */
  longLegs: 1.5,
  /** per line under 30 continued after a jump */
  shortRest: 2,
  /** per line continued after a jump (a reader follows a jump reluctantly) */
  continuedLine: 0.15,
  /** per line a jumping story is shorter than SHORT_STORY */
  shortStoryJump: 0.5,
  /** a jump whose rest is longer than an inside page holds (it will have to jump again) */
  secondJump: 400,
  /** a jump, or a story moved on, when what is left would all fit on this page: it would make a page of its own */
  needlessPage: 1500,
};

/** A story of fewer lines than this should not need to jump. */
const SHORT_STORY = 200;
/** Columns of text shallower than this many grid lines read as a strip, not a story. */
const SHORT_LEGS = 10;
/** Columns of text deeper than this many grid lines read as a long gray leg. */
const LONG_LEGS = 50;

/** How many stories, briefs and continuations the search looks ahead to on one page. */
const STORY_WINDOW = { least: 4, most: 6 };
const BRIEF_WINDOW = 6;
const MOST_BRIEFS_IN_A_COLUMN = 5;
/** The most modules stacked beside an anchor. */
const MOST_IN_A_STACK = 2;
/** Heights of a flexible shape tried where another module fills the rest. */
const PREFERRED_HEIGHTS = 6;
/** The most blank grid lines under a briefs label (to clear a neighbour's head). */
const MAX_LABEL_PADDING = 8;

interface Queue {
  stories: StoryCopy[];
  briefs: StoryCopy[];
  pending: PendingContinuation[];
}

/**
 * Makes up every page of the edition. `order` is the stories in priority order; `plan` (the
 * edition's page plan, as slugs per page) puts the stories it names on their pages.
 */
export function makeUpEdition(order: StoryCopy[], plan: string[][] | undefined, g: PageGeometry, ctx: TypesetContext): MakeupResult {
  const pages: PagePlan[] = [];
  const moved: MakeupResult['moved'] = [];
  const queue: Queue = { stories: order.filter((c) => !c.brief), briefs: order.filter((c) => c.brief), pending: [] };
  const options: OptionsCache = new Map();
  const briefBySlug = new Map(order.filter((c) => c.brief).map((c) => [c.story.slug, c]));
  const queueBrief = (slug: string) => briefBySlug.get(slug)!;
  const planned = plan?.map((slugs) => new Set(slugs));
  const plannedPage = new Map<string, number>();
  planned?.forEach((slugs, p) => slugs.forEach((slug) => plannedPage.set(slug, p + 1)));
  while (queue.stories.length + queue.briefs.length + queue.pending.length > 0) {
    const number = pages.length + 1;
    // with a plan, a page takes its own stories (and any moved from earlier pages), then nothing else
    const onPage = (c: StoryCopy) => !planned || (plannedPage.get(c.story.slug) ?? Infinity) <= number || number > planned.length;
    const stories = planned ? queue.stories.filter(onPage) : storyWindow(queue.stories, g);
    const briefs = queue.briefs.filter(onPage).slice(0, planned ? undefined : BRIEF_WINDOW);
    const lastContent = stories.length === queue.stories.length && briefs.length === queue.briefs.length;
    const mustPlace = Boolean(planned && number <= planned.length);
    let page = makeUpPage(number, { stories, briefs, pending: queue.pending }, mustPlace, lastContent, false, options, g, ctx);
    // at the end of the edition, a little left over would make a page of its own: try the page
    // again keeping everything here, and take it if it leaves less over
    const little = moduleRegion(number + 1, g);
    const over = leftAfter(page, { stories, briefs, pending: queue.pending });
    if (lastContent && over > 0 && over < ((little.foot - little.top) * g.columns) / 2) {
      const again = makeUpPage(number, { stories, briefs, pending: queue.pending }, mustPlace, lastContent, true, options, g, ctx);
      if (leftAfter(again, { stories, briefs, pending: queue.pending }) < leftAfter(page, { stories, briefs, pending: queue.pending })) page = again;
    }
    pages.push(page);
    // what the page took leaves the queue; what jumped waits for a later page
    const placed = new Set<StoryCopy>();
    for (const module of page.modules) {
      if (module.kind === 'story') placed.add(module.copy);
      if (module.kind === 'briefs') module.copies.forEach((c) => placed.add(c));
    }
    // what is placed needs measuring no more
    for (const module of page.modules) {
      if (module.kind === 'story') options.delete(`s:${module.copy.story.slug}`);
      if (module.kind === 'continuation') options.delete(`c:${module.copy.story.slug}:${module.from}`);
    }
    for (const key of options.keys()) if (key.startsWith('b:') && key.slice(2).split(',').some((slug) => placed.has(queueBrief(slug)))) options.delete(key);
    const continuedHere = (p: PendingContinuation) => page.modules.some((m) => m.kind === 'continuation' && m.copy === p.copy && m.from === p.from);
    queue.pending = queue.pending.filter((p) => !continuedHere(p));
    queue.stories = queue.stories.filter((c) => !placed.has(c));
    queue.briefs = queue.briefs.filter((c) => !placed.has(c));
    for (const module of page.modules) {
      if (module.kind !== 'briefs' && module.jump) queue.pending.push({ copy: module.copy, from: module.jump.lines, fromPage: number });
    }
    if (page.modules.length === 0) {
      const first = queue.pending[0]?.copy ?? queue.stories[0] ?? queue.briefs[0];
      throw new ContentError(first.story.sourcePath, whyNoPage(first, number, g, ctx));
    }
    if (planned && number <= planned.length) {
      for (const c of [...stories, ...briefs]) {
        if (!placed.has(c)) moved.push({ slug: c.story.slug, planned: number, page: number + 1 });
      }
    }
  }
  return { pages, moved };
}

// ---------------------------------------------------------------------------------------------
// One page

/** A module chosen by the search, relative to its tier: columns from `column`, rows from `row`. */
interface Placed {
  fill: Fill;
  column: number;
  columns: number;
  row: number;
  height: number;
}

/** The rest of a page from some grid line down: its cost and its tiers, linked. */
interface Solution {
  cost: number;
  /** the first tier, at grid line `top` of the region */
  tier?: Tier;
  top: number;
  next?: Solution;
  /** pointers after this solution: stories, briefs and continuations taken so far */
  end: Ends;
}

/** Rows [first, end) of heads. */
type Rows = [number, number][];

/** Pointers into the page's stories, briefs and continuations: what is taken before them. */
type Ends = [number, number, number];

/** Whether a tier stands at the top of the page or lower down. */
type TierLevel = 'top' | 'below';

/** The row of the first head among `heads` (a stack's heads run down the page); Infinity for none. */
const firstHead = (heads: Rows) => (heads.length > 0 ? heads[0][0] : Infinity);

/** A stack of modules filling a column run exactly: its first module, then the rest (a blank grid line below); its cost and the row of its highest head. */
interface StackEntry {
  cost: number;
  earliest: number;
  first: { fill: Fill; height: number };
  rest: StackEntry | undefined;
  end: Ends;
}

/** A stack's modules, placed one under another `w` columns wide. */
/**
 * Why a story fits no page, for the message: what of it is deeper than a page even across the
 * whole width (head and deck, or the photo's caption and credit), with what to do about it.
 */
function whyNoPage(copy: StoryCopy, number: number, g: PageGeometry, ctx: TypesetContext): string {
  // the lead on the front page, under the nameplate, with the lead's large head; any other on an inside page
  const lead = copy.rank === 0 && number === 1;
  const region = moduleRegion(lead ? 1 : Math.max(2, number), g);
  const room = region.foot - region.top;
  const blocks = storyBlocks(copy, g.columns, lead ? 'lead' : 'below', g, ctx);
  const needs = (what: string, lines: number) => `does not fit on a page: ${what} need ${lines} grid lines even across all ${g.columns} columns, and a page has ${room} for stories`;
  if (blocks.bands + 1 > room) return `${needs(copy.story.deck ? 'its headline and deck' : 'its headline alone would', blocks.bands)}; shorten ${copy.story.deck ? 'them' : 'it'}`;
  if (copy.photo) {
    const caption = Math.min(...Array.from({ length: g.columns }, (_, i) => captionBands(copy, i + 1, g, ctx)));
    if (caption + blocks.bands + MIN_PHOTO_BANDS > room) return `${needs("its photo's caption and credit", caption)} with the headline (${blocks.bands} lines) and the smallest frame (${MIN_PHOTO_BANDS} lines); shorten the caption`;
    // a photo far taller than wide: even its shallowest frame (cropped as far as allowed) is deeper than a page
    const spans = Array.from({ length: g.columns }, (_, i) => i + 1).flatMap((span) => {
      const limits = frameLimits(copy.photo!, span, g, ctx.photoPpi);
      return limits ? [{ span, need: limits.minBands + captionBands(copy, span, g, ctx) + blocks.bands }] : [];
    });
    const least = spans.sort((a, b) => a.need - b.need)[0];
    const px = copy.photo.pixels;
    if (least && px) {
      const frame = least.need - blocks.bands - captionBands(copy, least.span, g, ctx);
      const what = `its photo (${px.width} × ${px.height} px) needs a frame of at least ${frame} grid lines ${least.span} column${least.span === 1 ? '' : 's'} wide, cropped as far as allowed, and with its caption and the headline ${least.need} lines`;
      // deeper than a page outright, or too deep for a page once the module's other rules are kept
      return `does not fit on a page: ${what}; a page has ${room} for stories${least.need > room ? '' : ', and its text must start beside or under it'}: crop the photo${caption > 2 ? ' or shorten the caption' : ''}`;
    }
  }
  return `does not fit on a page: with its headline and deck (${blocks.bands} grid lines across the page) it needs more than the ${room} a page has for stories`;
}

function stackModules(entry: StackEntry, w: number): Placed[] {
  const modules: Placed[] = [];
  let row = 0;
  for (let e: StackEntry | undefined = entry; e; e = e.rest) {
    modules.push({ fill: e.first.fill, column: 0, columns: w, row, height: e.first.height });
    row += e.first.height + 1;
  }
  return modules;
}

/** A tier across the page: one module, or an anchor and a stack split at column `split`. */
interface Tier {
  height: number;
  cost: number;
  end: Ends;
  modules: () => Placed[];
  split?: number;
  /** it holds a column of briefs */
  briefs: boolean;
}

/**
 * The stories a page may choose from: the next in line, as many as hold about a page and a
 * half of text (short stories come many to a page), at least STORY_WINDOW.least.
 */
function storyWindow(queue: StoryCopy[], g: PageGeometry): StoryCopy[] {
  const enough = 1.5 * g.grid.count * g.columns;
  let depth = 0;
  let n = 0;
  while (n < queue.length && n < STORY_WINDOW.most && (n < STORY_WINDOW.least || depth < enough)) depth += queue[n++].depth;
  return queue.slice(0, n);
}

/** A module: one shape of one item at one height, what it costs, and how far it moves the pointers. */
type Option = { fill: Fill; height: number; cost: number; step: Ends };

/** The options of one item — a story, a continuation or a run of briefs — at one width. */
interface ItemOptions {
  byHeight: Option[][];
  /** a few heights spread over its range, with its cheapest: for modules that do not end a stack */
  preferred: Option[];
}

/** What the makeup search measures of an item at a width, kept from page to page until it is placed: by item, then width and level. */
type OptionsCache = Map<string, Map<string, ItemOptions>>;

/** The lines `page` leaves of the queue for later pages: stories, briefs and continuations it does not place, and the rest of its jumps. */
function leftAfter(page: PagePlan, queue: Queue): number {
  const placed = new Set(page.modules.flatMap((m) => (m.kind === 'briefs' ? m.copies : m.kind === 'story' ? [m.copy] : [])));
  const continued = new Set(page.modules.flatMap((m) => (m.kind === 'continuation' ? [`${m.copy.story.slug}:${m.from}`] : [])));
  let lines = 0;
  for (const c of [...queue.stories, ...queue.briefs]) if (!placed.has(c)) lines += c.lines.length;
  for (const p of queue.pending) if (!continued.has(`${p.copy.story.slug}:${p.from}`)) lines += p.copy.lines.length - p.from;
  for (const m of page.modules) if (m.kind !== 'briefs' && m.jump) lines += m.copy.lines.length - m.jump.lines;
  return lines;
}

function makeUpPage(number: number, queue: Queue, mustPlace: boolean, lastContent: boolean, keepAll: boolean, shared: OptionsCache, g: PageGeometry, ctx: TypesetContext): PagePlan {
  const region = moduleRegion(number, g);
  const H = region.foot - region.top;
  const C = g.columns;
  const { stories, briefs, pending } = queue;
  const nS = stories.length;
  const nB = briefs.length;
  const nP = pending.length;
  // when what is left of the edition would fit on this page, nothing should start another
  const fitsHere =
    lastContent &&
    [...stories, ...briefs].reduce((sum, c) => sum + c.depth + 6 * Math.min(3, C), 0) + pending.reduce((sum, p) => sum + p.copy.depth - p.from + 3 * C, 0) <= H * C;
  const needless = fitsHere || keepAll ? COSTS.needlessPage : 0;
  // the most lines a continuation can set on an inside page, under its jump head
  const inside = moduleRegion(2, g);
  const wholePage = (inside.foot - inside.top - 6) * C;

  /** What moving the stories from the `j`th on (and the briefs from the `k`th, the continuations from the `c`th) to a later page costs. */
  const deferStory = (j: number) =>
    needless + (mustPlace ? COSTS.deferPlanned : number === 1 && stories[j].rank === 0 ? COSTS.deferLead : COSTS.defer + COSTS.deferTop / (1 + stories[j].rank));
  /**
   * A brief waits another page: dearer the further the stories in line have passed it (a brief
   * runs about when the stories of its priority do), and dearest when no story is left.
   */
  const deferBrief = (i: number, j: number) => {
    const next = j < nS ? stories[j].rank : Infinity;
    return COSTS.deferBrief + Math.min(COSTS.briefBehindMost, Math.max(0, next - briefs[i].rank) * COSTS.briefBehind);
  };
  /** A continuation waits another page: dearer the longer it has waited. */
  const deferContinuation = (c: number) => COSTS.deferContinuation * (number - pending[c].fromPage);
  const leftOver = (j: number, k: number, c: number) => {
    let cost = 0;
    for (let i = k; i < nB; i++) cost += needless + (mustPlace ? COSTS.deferPlanned : deferBrief(i, j));
    for (let i = c; i < nP; i++) cost += deferContinuation(i);
    for (let i = j; i < nS; i++) cost += deferStory(i);
    return cost;
  };

  /** A story's head level in a tier: the front page's lead, the top of a page, or lower. */
  const headLevelOf = (level: TierLevel, copy: StoryCopy): HeadLevel => (level === 'top' && number === 1 && copy.rank === 0 ? 'lead' : level);
  // on the front page every other head stays smaller than the lead's, at whatever width the lead is set
  const lead = number === 1 && stories[0]?.rank === 0 ? stories[0] : undefined;
  const frontCap = lead ? Math.min(storyBlocks(lead, C, 'lead', g, ctx).head.size, storyBlocks(lead, C - 1, 'lead', g, ctx).head.size) - 4 : Infinity;
  const capOf = (level: HeadLevel) => (level === 'lead' ? Infinity : frontCap);
  // the shapes of an item at a width (measured when its options are not kept already)
  const storyShapesAt = (j: number, w: number, level: HeadLevel) => storyShapes(stories[j], w, level, true, g, ctx, capOf(level));
  const continuationShapesAt = (c: number, w: number) => {
    const p = pending[c];
    // only a continuation longer than a whole page may jump again
    const tooLong = continuationShapes(p.copy, p.from, C, false, g, ctx)[0].lo > H;
    return continuationShapes(p.copy, p.from, w, tooLong, g, ctx);
  };
  const briefsShapesAt = (k: number, m: number, w: number) => briefsShapes(briefs.slice(k, k + m), w, MAX_LABEL_PADDING);

  /** The cost of one module's fill. */
  const costOf = (fill: Fill, columns: number, level: HeadLevel): number => {
    // up to a line short in each column is balance; more is blank space
    const balanced = Math.min(fill.underset, columns - 1);
    let cost = balanced * COSTS.underset + (fill.underset - balanced) * COSTS.unusedLine + fill.crop * COSTS.crop + fill.padding * COSTS.padding * columns;
    if (fill.photoSpan !== undefined) {
      // a photo as wide as its module shows it (most of the lead's width), as far as its pixels allow
      const wanted = Math.min(fill.widestPhoto ?? columns, level === 'lead' ? Math.max(1, columns - 1) : Math.ceil(columns * 0.6));
      cost += Math.max(0, wanted - fill.photoSpan) * (level === 'lead' ? COSTS.narrowLeadPhoto : COSTS.narrowPhoto);
    }
    if (fill.jumpLines !== undefined) {
      const lines = fill.jumpLines;
      const rest = fill.jumpRest!;
      cost += COSTS.jump + needless + Math.max(0, 40 - lines) * COSTS.shortJump + Math.max(0, 30 - rest) * COSTS.shortRest + rest * COSTS.continuedLine;
      // a short story is better kept whole; a rest no page can take would jump again
      cost += Math.max(0, SHORT_STORY - lines - rest) * COSTS.shortStoryJump;
      if (rest > wholePage) cost += COSTS.secondJump;
    }
    if (fill.kind !== 'briefs') cost += Math.max(0, fill.legs - LONG_LEGS) * COSTS.longLegs + Math.max(0, SHORT_LEGS - fill.legs) * COSTS.shortLegs;
    if (fill.kind === 'briefs') cost += COSTS.briefsLabel;
    if (fill.kind === 'story' && columns === 1) cost += COSTS.narrowStory;
    if (fill.kind === 'briefs') cost += Math.max(0, columns - 2) * COSTS.wideBriefs;
    return cost;
  };

  // kept across pages (keyed by the items themselves, the page's depth and what a jump costs here)
  const itemMemo = shared;
  const itemOptions = (item: string, shapes: () => ModuleShape[], w: number, level: HeadLevel, step: Ends): ItemOptions => {
    const key = `${w}:${level}:${H}:${needless}:${frontCap}`;
    let forItem = itemMemo.get(item);
    if (!forItem) itemMemo.set(item, (forItem = new Map()));
    const known = forItem.get(key);
    if (known) return known;
    const byHeight: Option[][] = [];
    const cheapest: Option[] = [];
    for (const shape of shapes()) {
      for (let h = Math.max(1, shape.lo); h <= Math.min(H, shape.hi); h++) {
        const fill = shape.at(h);
        if (!fill) continue;
        const option = { fill, height: h, cost: costOf(fill, w, level), step };
        (byHeight[h] ??= []).push(option);
        if (!cheapest[h] || option.cost < cheapest[h].cost) cheapest[h] = option;
      }
    }
    for (const list of byHeight) list?.sort((x, y) => x.cost - y.cost);
    const options = { byHeight, preferred: spread(cheapest.filter((o) => o !== undefined)) };
    forItem.set(key, options);
    return options;
  };
  /** The items at the pointers, `w` columns wide: the next story, the next continuation, the next briefs. */
  const itemsMemo = new Map<number, ItemOptions[]>();
  const itemsAt = ([j, k, c]: Ends, w: number, level: TierLevel): ItemOptions[] => {
    const key = ((((j * (nB + 1) + k) * (nP + 1) + c) * (C + 1) + w) << 1) | (level === 'top' ? 1 : 0);
    const known = itemsMemo.get(key);
    if (known) return known;
    const items: ItemOptions[] = [];
    if (j < nS) {
      const headLevel = headLevelOf(level, stories[j]);
      items.push(itemOptions(`s:${stories[j].story.slug}`, () => storyShapesAt(j, w, headLevel), w, headLevel, [1, 0, 0]));
    }
    if (c < nP) items.push(itemOptions(`c:${pending[c].copy.story.slug}:${pending[c].from}`, () => continuationShapesAt(c, w), w, 'below', [0, 0, 1]));
    for (let m = 1; m <= Math.min(MOST_BRIEFS_IN_A_COLUMN, nB - k); m++) {
      items.push(itemOptions(`b:${briefs.slice(k, k + m).map((b) => b.story.slug).join(',')}`, () => briefsShapesAt(k, m, w), w, 'below', [0, m, 0]));
    }
    itemsMemo.set(key, items);
    return items;
  };
  // pointers are few (stories × briefs × continuations in reach): one array each, shared
  const interned: Ends[] = [];
  const endsOf = (j: number, k: number, c: number): Ends => {
    const i = (j * (nB + 1) + k) * (nP + 1) + c;
    return (interned[i] ??= [j, k, c]);
  };
  const advance = (at: Ends, step: Ends): Ends => endsOf(at[0] + step[0], at[1] + step[1], at[2] + step[2]);

  /** A stack entry: its first module, then (a blank grid line below) the rest of the stack. */
  const entryOf = (first: Option, at: Ends, rest: StackEntry | undefined, cost: number, earliest: number): StackEntry => ({
    cost,
    earliest,
    first,
    rest,
    end: rest ? rest.end : advance(at, first.step),
  });

  // stacks: a run of `w` columns filled exactly `h` deep, one or two modules (a blank grid line
  // with a cutoff rule between them); for each run, the cheapest stacks by how low their first
  // head stands (a Pareto front), so that one search serves every anchor beside
  const frontMemo = new Map<number, StackEntry[]>();
  const front = (w: number, h: number, at: Ends, level: TierLevel, depth = 1): StackEntry[] => {
    const [j, k, c] = at;
    const key = (((((w * (H + 1) + h) * (nS + 1) + j) * (nB + 1) + k) * (nP + 1) + c) * 2 + (level === 'top' ? 1 : 0)) * 4 + depth;
    const known = frontMemo.get(key);
    if (known) return known;
    const items = itemsAt(at, w, level);
    // the front, kept as it grows: lower first heads only where they cost less (few entries)
    const kept: StackEntry[] = [];
    const better = (cost: number, earliest: number) => {
      for (const e of kept) if (e.earliest >= earliest && e.cost <= cost) return false;
      return true;
    };
    const keep = (entry: StackEntry) => {
      for (let i = kept.length - 1; i >= 0; i--) if (kept[i].earliest <= entry.earliest && kept[i].cost >= entry.cost) kept.splice(i, 1);
      kept.push(entry);
    };
    for (const item of items) {
      for (const option of item.byHeight[h] ?? []) {
        const earliest = firstHead(option.fill.heads);
        if (better(option.cost, earliest)) keep(entryOf(option, at, undefined, option.cost, earliest));
      }
    }
    if (depth < MOST_IN_A_STACK) {
      for (const item of items) {
        for (const first of item.preferred) {
          if (first.height + 2 > h) break;
          const below = first.height + 1;
          const head = firstHead(first.fill.heads);
          for (const rest of front(w, h - below, advance(at, first.step), 'below', depth + 1)) {
            if (first.fill.kind === 'briefs' && rest.first.fill.kind === 'briefs') continue; // one column of briefs, not two
            const cost = first.cost + rest.cost;
            const earliest = Math.min(head, below + rest.earliest);
            if (better(cost, earliest)) keep(entryOf(first, at, rest, cost, earliest));
          }
        }
      }
    }
    kept.sort((x, y) => y.earliest - x.earliest);
    frontMemo.set(key, kept);
    return kept;
  };
  /** The cheapest single module `h` deep whose one head ends by row `until` (beside a photo). */
  const besidePhoto = (w: number, h: number, at: Ends, level: TierLevel, until: number): StackEntry | null => {
    let best: Option | undefined;
    for (const item of itemsAt(at, w, level)) {
      // each item's options of a height come cheapest first
      for (const option of item.byHeight[h] ?? []) {
        const heads = option.fill.heads;
        if (heads.length !== 1 || heads[0][1] > until) continue;
        if (!best || option.cost < best.cost) best = option;
        break;
      }
    }
    return best ? entryOf(best, at, undefined, best.cost, best.fill.heads[0][0]) : null;
  };
  /** The cheapest stack whose heads all stand at row `lowest` or lower. */
  const stackBelow = (w: number, h: number, at: Ends, level: TierLevel, lowest: number): StackEntry | null => {
    let best: StackEntry | null = null;
    for (const entry of front(w, h, at, level)) if (entry.earliest >= lowest && (!best || entry.cost < best.cost)) best = entry;
    return best;
  };

  /** The stack beside an anchor `a` columns wide, and what the two cost together; undefined when none fits. */
  const besideAnchor = (anchor: Option, at: Ends, a: number, level: TierLevel, mustOpen: boolean): { side: StackEntry; cost: number } | undefined => {
    if (mustOpen && !opensPage(anchor, at, a)) return undefined;
    // briefs go beside a story, in the stack: never two columns of briefs side by side
    if (anchor.fill.kind === 'briefs') return undefined;
    const heads = anchor.fill.heads;
    const after = advance(at, anchor.step);
    // the stack's heads stand below the anchor's head; or, beside a photo set above the
    // anchor's head, one module's head stands beside the photo
    let side = stackBelow(C - a, anchor.height, after, level, heads.length > 0 ? heads[heads.length - 1][1] : 0);
    if (heads.length === 1 && heads[0][0] > 0) {
      const beside = besidePhoto(C - a, anchor.height, after, level, heads[0][0]);
      if (beside && (!side || beside.cost < side.cost)) side = beside;
    }
    if (!side) return undefined;
    const briefsOnTop = level === 'top' && side.first.fill.kind === 'briefs' ? COSTS.briefsOnTop : 0;
    return { side, cost: anchor.cost + side.cost + briefsOnTop + (mustOpen ? leadDepthCost(anchor.height) : 0) };
  };
  /** An anchor and the stack beside it as a tier: a narrow column of briefs runs down the left of the page, as a rail; other stacks on the right. */
  const splitTier = (anchor: Option, a: number, side: StackEntry, cost: number): Tier => {
    const rail = side.first.fill.kind === 'briefs' && C - a <= 2;
    const anchorColumn = rail ? C - a : 0;
    const stackColumn = rail ? 0 : a;
    return {
      height: anchor.height,
      cost,
      end: side.end,
      modules: () => [{ fill: anchor.fill, column: anchorColumn, columns: a, row: 0, height: anchor.height }, ...stackModules(side, C - a).map((p) => ({ ...p, column: stackColumn }))],
      split: rail ? C - a : a,
      briefs: side.first.fill.kind === 'briefs' || side.rest?.first.fill.kind === 'briefs',
    };
  };

  /** Every tier the items at the pointers can make at the top of the page or lower down, the best per height and pointers after it. */
  const tierMemo = new Map<number, Tier[]>();
  const tiersAt = (at: Ends, level: TierLevel, mustOpen: boolean): Tier[] => {
    const key = ((((at[0] * (nB + 1) + at[1]) * (nP + 1) + at[2]) * 2 + (level === 'top' ? 1 : 0)) << 1) | (mustOpen ? 1 : 0);
    const known = tierMemo.get(key);
    if (known) return known;
    // the cheapest tier for each height and pointers after it
    const best = new Map<number, Tier>();
    const idOf = (height: number, [j2, k2, c2]: Ends) => (((height * (nS + 1) + j2) * (nB + 1) + k2) * (nP + 1) + c2);
    const keep = (tier: Tier | undefined) => {
      if (!tier) return;
      const id = idOf(tier.height, tier.end);
      const old = best.get(id);
      if (!old || tier.cost < old.cost) best.set(id, tier);
    };
    // one module across the page
    for (const item of itemsAt(at, C, level)) {
      for (const list of item.byHeight) {
        for (const option of list ?? []) {
          if (mustOpen && !opensPage(option, at, C)) continue;
          const onTop = level === 'top' && option.fill.kind === 'briefs' ? COSTS.briefsOnTop : 0;
          const cost = option.cost + onTop + COSTS.fullWidth + (mustOpen ? leadDepthCost(option.height) : 0);
          const end = advance(at, option.step);
          const old = best.get(idOf(option.height, end));
          if (old && old.cost <= cost) continue;
          keep({
            height: option.height,
            cost,
            end,
            modules: () => [{ fill: option.fill, column: 0, columns: C, row: 0, height: option.height }],
            briefs: option.fill.kind === 'briefs',
          });
        }
      }
    }
    // an anchor and a stack beside it
    for (let a = 1; a < C; a++) {
      for (const item of itemsAt(at, a, level)) {
        for (const anchor of item.preferred) {
          const beside = besideAnchor(anchor, at, a, level, mustOpen);
          if (!beside) continue;
          const old = best.get(idOf(anchor.height, beside.side.end));
          if (!old || beside.cost < old.cost) keep(splitTier(anchor, a, beside.side, beside.cost));
        }
      }
    }
    // cheapest first: the search stops at the first tier dearer than the best page found
    const tiers = [...best.values()].sort((x, y) => x.cost - y.cost);
    tierMemo.set(key, tiers);
    return tiers;
  };

  /** The front page opens with the edition's lead, all columns but one wide at least. */
  let leadRule = true;
  const opensPage = (option: Option, at: Ends, columns: number) => option.fill.kind === 'story' && at[0] === 0 && option.step[0] === 1 && columns >= C - 1;
  /** The front page's lead should take at least half the page. */
  const leadDepthCost = (height: number) => Math.max(0, H / 2 - height) * COSTS.shallowLead * C;

  // the page: tiers from grid line b down
  const memo = new Map<number, Solution>();
  // `briefsHere`: the page has a column of briefs already (a second is dearer: one takes them better)
  const solve = (b: number, j: number, k: number, c: number, briefsHere = false): Solution => {
    const key = (((b * (nS + 1) + j) * (nB + 1) + k) * (nP + 1) + c) * 2 + (briefsHere ? 1 : 0);
    const known = memo.get(key);
    if (known) return known;
    const at = endsOf(j, k, c);
    // the best so far, in plain variables (an object is made once, at the end): to begin with,
    // end the page here and let what is left move on
    let bestCost = (H - b) * C * COSTS.unusedLine + leftOver(j, k, c);
    let bestTier: Tier | undefined;
    let bestTop = b;
    let bestNext: Solution | undefined;
    let bestEnd = at;
    const take = (cost: number, rest: Solution) => {
      bestCost = cost;
      bestTier = rest.tier;
      bestTop = rest.top;
      bestNext = rest.next;
      bestEnd = rest.end;
    };
    const Hr = H - b;
    const level: TierLevel = b === 0 ? 'top' : 'below';
    const mustOpen = leadRule && number === 1 && b === 0 && stories[0]?.rank === 0 && j === 0;
    const consider = (tier: Tier) => {
      const cost = tier.cost + (briefsHere && tier.briefs ? COSTS.secondBriefs : 0);
      if (cost >= bestCost) return;
      const next = b + tier.height + 1;
      const end = tier.end;
      // the page ends with this tier when no other fits under it (a line left is left empty)
      const rest = next >= H ? undefined : solve(next, end[0], end[1], end[2], briefsHere || tier.briefs);
      const total = cost + (rest ? rest.cost : (H - b - tier.height) * C * COSTS.unusedLine + leftOver(end[0], end[1], end[2]));
      if (total < bestCost) {
        bestCost = total;
        bestTier = tier;
        bestTop = b;
        bestNext = rest;
        bestEnd = rest ? rest.end : end;
      }
    };

    // skip a story: it moves to the next page
    if (j < nS && !mustOpen) {
      // the stories after it on this page go ahead of it: an inversion of the order
      const rest = solve(b, j + 1, k, c, briefsHere);
      const cost = rest.cost + deferStory(j) + (rest.end[0] > j + 1 ? COSTS.inversion : 0);
      if (cost < bestCost) take(cost, rest);
    }
    // leave a continuation for a later page, so that those after it can be placed here
    if (c < nP && !mustOpen) {
      const rest = solve(b, j, k, c + 1, briefsHere);
      const cost = rest.cost + deferContinuation(c);
      if (cost < bestCost) take(cost, rest);
    }
    // every cost is positive: a tier dearer than the best page found cannot lead to a better one
    for (const tier of tiersAt(at, level, mustOpen)) {
      if (tier.cost >= bestCost) break;
      if (tier.height <= Hr) consider(tier);
    }
    // a side-by-side tier that ends the page: its anchor at exactly the height left
    for (let a = 1; a < C; a++) {
      for (const item of itemsAt(at, a, level)) {
        const anchors = item.byHeight[Hr];
        if (!anchors) continue;
        for (const anchor of anchors) {
          if (anchor.cost >= bestCost) break;
          const beside = besideAnchor(anchor, at, a, level, mustOpen);
          if (beside && beside.cost < bestCost) consider(splitTier(anchor, a, beside.side, beside.cost));
        }
      }
    }
    const best: Solution = { cost: bestCost, tier: bestTier, top: bestTop, next: bestNext, end: bestEnd };
    memo.set(key, best);
    return best;
  };

  let solution = solve(0, 0, 0, 0);
  if (!solution.tier && leadRule) {
    // nothing the lead can be makes a page at the width the rule asks: let it be narrower
    leadRule = false;
    memo.clear();
    tierMemo.clear();
    solution = solve(0, 0, 0, 0);
  }
  return pagePlanOf(number, solution, region.top, H, pending, g, ctx);
}

/** A few heights of a shape's options: its ends, its cheapest, and some spread between. */
function spread<T extends { height: number; cost: number }>(options: T[]): T[] {
  if (options.length <= PREFERRED_HEIGHTS) return options;
  const picked = new Set<T>([options[0], options[options.length - 1]]);
  picked.add(options.reduce((a, b) => (b.cost < a.cost ? b : a)));
  for (let i = 1; i < PREFERRED_HEIGHTS - 2; i++) picked.add(options[Math.round((i * (options.length - 1)) / (PREFERRED_HEIGHTS - 2))]);
  return [...picked];
}

/** The page's modules in their areas, cutoff rules between them, and the exact jumps. */
function pagePlanOf(number: number, solution: Solution, regionTop: number, H: number, pending: PendingContinuation[], g: PageGeometry, ctx: TypesetContext): PagePlan {
  const modules: ModulePlan[] = [];
  const cutoffs: Cutoff[] = [];
  const continuedFrom = new Map<ModulePlan, number>();
  let bottom = 0;
  for (let s: Solution | undefined = solution; s?.tier; s = s.next) {
    const tier = s.tier;
    const top = regionTop + s.top;
    if (s.top > 0) cutoffs.push({ kind: 'across', band: top - 1, column: 0, columns: g.columns });
    if (tier.split !== undefined) cutoffs.push({ kind: 'down', column: tier.split, top, bands: tier.height });
    for (const placed of tier.modules()) {
      const area: GridArea = { column: placed.column, columns: placed.columns, top: top + placed.row, bands: placed.height };
      if (placed.row > 0) cutoffs.push({ kind: 'across', band: area.top - 1, column: placed.column, columns: placed.columns });
      let plan = placed.fill.make(placed.fill, area);
      // a module makeup measured as fitting whose lines do not all fit once balanced (the keep
      // rules beside a photo can cost a line or two): it jumps rather than lose them
      if (plan.kind === 'story' && !plan.jump && balanceStoryModule(plan, g, ctx).fit.overset > 0) plan = { ...plan, jump: { lines: -1 } };
      // the exact place a jumping module stops: the rest waits for a later page
      if (plan.kind === 'story' && plan.jump) plan = { ...plan, jump: { lines: storyModuleJump(plan, g, ctx) } };
      if (plan.kind === 'continuation' && plan.jump) plan = { ...plan, jump: { lines: continuationJump(plan, g, ctx) } };
      if (plan.kind === 'continuation') {
        const from = pending.find((p) => p.copy === plan.copy && p.from === (plan as { from: number }).from);
        if (from) continuedFrom.set(plan, from.fromPage);
      }
      modules.push(plan);
    }
    bottom = s.top + tier.height;
  }
  return { number, modules, cutoffs, unusedBands: H - bottom, score: Math.round(solution.cost * 10) / 10, continuedFrom };
}
