// Balance: how a story's lines fit given column capacities, and making them fit better by
// setting single paragraphs a line looser or tighter (TeX's \looseness) or opening the byline
// gap, at the least typographic cost.
import { breakPrepared, type ComposedParagraph, type PreparedParagraph } from '../compose/composeParagraph.js';
import type { BreakOptions } from '../compose/breakLines.js';
import { type BodyLine, bodyLines } from './bodyLines.js';
import { distributeLines, type FlowUnit, heightOf } from './distributeLines.js';

/** How lines fit given column capacities. */
export interface Fit {
  /** lines that do not fit */
  overset: number;
  /** grid lines left empty at the columns' feet */
  underset: number;
  /** difference between the most and the least empty column, in grid lines */
  spread: number;
  /** column breaks that had to break a keep rule (widow, orphan, hyphen at the foot) */
  forcedBreaks: number;
}

export function fitOf(units: FlowUnit[], capacities: number[]): Fit {
  const d = distributeLines(units, capacities);
  const shortfalls = d.columns.map(([start, end], i) => capacities[i] - heightOf(units, start, end));
  const used = shortfalls.filter((_, i) => capacities[i] > 0);
  const overset = units.length - d.oversetFrom;
  return {
    overset,
    underset: overset > 0 ? 0 : shortfalls.reduce((a, b) => a + b, 0),
    spread: used.length > 0 ? Math.max(...used) - Math.min(...used) : 0,
    forcedBreaks: d.forcedBreaks,
  };
}

/** 0 for columns filled and balanced; grows with every line that is off. */
export function misfit(fit: Fit, columns: number): number {
  return fit.overset * 1000 + fit.forcedBreaks * 500 + Math.max(0, fit.spread - 1) * 100 + Math.max(0, fit.underset - (columns - 1)) * 10;
}

/** The fewest grid lines per column that take every unit in `columns` balanced columns, keeping the keep rules. */
export function rowsFor(units: FlowUnit[], columns: number): number {
  const fits = (rows: number) => {
    const fit = fitOf(units, new Array<number>(columns).fill(rows));
    return fit.overset === 0 && fit.forcedBreaks === 0;
  };
  // between the fewest the lines alone could take (a subhead's blank line above is dropped
  // when it opens a column) and the first count that fits, by bisection: more rows never fit worse
  let lo = Math.max(1, Math.ceil(units.length / columns)) - 1;
  let hi = Math.max(lo + 1, Math.ceil(heightOf(units, 0, units.length) / columns));
  for (let extra = 1; !fits(hi); extra *= 2) {
    lo = hi;
    hi += extra;
    if (extra > units.length) return hi;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fits(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** A story's copy as balancing sees it: the paragraphs prepared for breaking, and their default breaks. */
export interface BalanceInput {
  bylines: ComposedParagraph[];
  prepared: (index: number) => PreparedParagraph;
  composed: ComposedParagraph[];
}

export interface Balanced<P> {
  composed: ComposedParagraph[];
  lines: BodyLine[];
  plan: P;
}

/** Looseness variants tried per paragraph, and rounds of trying. */
const LOOSENESS_STEPS = [-1, 1];
const BALANCING_ROUNDS = 4;
/** What a second blank line under the byline costs, in demerits: less than a loose paragraph. */
const BYLINE_GAP_DEMERITS = 500_000;

/**
 * Plans the columns for the story's lines (`plan`, which reports its fit); when they do not
 * come out filled and balanced, tries single changes — the byline gap, or one paragraph a line
 * shorter or longer — keeping the one that helps most at the least typographic cost, for a
 * few rounds. `quick` re-fits a change in the current plan's columns, tried before `plan`.
 */
export function balanceLines<P extends { fit: Fit }>(
  copy: BalanceInput,
  columns: number,
  plan: (lines: BodyLine[]) => P,
  quick: (lines: BodyLine[], current: P) => P,
  breakOptions: Partial<BreakOptions> = {},
): Balanced<P> {
  // each paragraph prepared once for its variants (a long story's are made again on demand)
  const prepared = new Map<number, PreparedParagraph>();
  const preparedAt = (index: number) => {
    let p = prepared.get(index);
    if (!p) prepared.set(index, (p = copy.prepared(index)));
    return p;
  };
  const compose = (index: number, looseness: number) => breakPrepared(preparedAt(index), { ...breakOptions, looseness });
  let composed = copy.composed;
  let gap = 1;
  let lines = bodyLines(copy.bylines, composed, gap);
  let current = plan(lines);
  // a story far longer than its columns cannot be balanced here
  if (current.fit.overset > columns * 3) return { composed, lines, plan: current };
  const variants = new Map<string, ComposedParagraph>();
  type Trial = { score: number; composed: ComposedParagraph[]; gap: number; lines: BodyLine[]; plan: P };
  for (let round = 0; round < BALANCING_ROUNDS && misfit(current.fit, columns) > 0; round++) {
    const changes: { composed: ComposedParagraph[]; gap: number; cost: number }[] = [];
    if (gap === 1 && copy.bylines.length > 0) changes.push({ composed, gap: 2, cost: BYLINE_GAP_DEMERITS });
    composed.forEach((paragraph, index) => {
      for (const step of LOOSENESS_STEPS) {
        const key = `${index}:${step}`;
        let variant = variants.get(key);
        if (!variant) variants.set(key, (variant = compose(index, step)));
        if (variant.lines.length !== copy.composed[index].lines.length + step || variant.looseLines > copy.composed[index].looseLines) continue;
        if (variant === paragraph) continue;
        const changed = variant;
        changes.push({ composed: composed.map((c, i) => (i === index ? changed : c)), gap, cost: variant.demerits - paragraph.demerits });
      }
    });
    // fit first; among equal fits, the smallest loss of quality
    const judge = (change: (typeof changes)[number], planFor: (lines: BodyLine[]) => P): Trial => {
      const trialLines = bodyLines(copy.bylines, change.composed, change.gap);
      const trialPlan = planFor(trialLines);
      return { score: misfit(trialPlan.fit, columns) * 1e9 + change.cost, composed: change.composed, gap: change.gap, lines: trialLines, plan: trialPlan };
    };
    const better = (trials: Trial[]) => trials.reduce<Trial | undefined>((best, t) => (!best || t.score < best.score ? t : best), undefined);
    let chosen = better(changes.map((c) => judge(c, (l) => quick(l, current))));
    if (!chosen || misfit(chosen.plan.fit, columns) >= misfit(current.fit, columns)) chosen = better(changes.map((c) => judge(c, plan)));
    if (!chosen || misfit(chosen.plan.fit, columns) >= misfit(current.fit, columns)) break;
    ({ composed, gap, lines, plan: current } = chosen);
  }
  return { composed, lines, plan: current };
}
