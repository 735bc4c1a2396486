// Knuth & Plass, "Breaking Paragraphs into Lines" (1981): total-fit line breaking.
import { type Item, INFINITY_PENALTY } from './items.js';

export interface BreakOptions {
  /** largest adjustment ratio a line may have in the first pass (TeX's \tolerance as a ratio) */
  tolerance: number;
  /** tolerance of the second pass, tried when the first finds no feasible breaks */
  secondTolerance: number;
  /** TeX's \linepenalty */
  linePenalty: number;
  /** added when two consecutive lines end in hyphens (TeX's \doublehyphendemerits) */
  doubleHyphenDemerits: number;
  /** added when adjacent lines differ by more than one fitness class (TeX's \adjdemerits) */
  fitnessDemerits: number;
  /** hard limit on hyphenated line ends in a row */
  maxConsecutiveHyphens: number;
  /** how far glyphs may be widened or narrowed to justify a line, as a fraction of their
   *  width (pdfTeX's font expansion; 0.02 = ±2 %). Boxes then stretch and shrink too. */
  expansion: number;
  /** TeX's \looseness: ask for this many more (or fewer) lines than the optimum, if the
   *  tolerance allows; used to balance columns */
  looseness: number;
}

export const DEFAULT_BREAK_OPTIONS: BreakOptions = {
  tolerance: 1.6,
  secondTolerance: 4,
  linePenalty: 10,
  doubleHyphenDemerits: 10000,
  fitnessDemerits: 10000,
  maxConsecutiveHyphens: 2,
  expansion: 0,
  looseness: 0,
};

export interface Breakpoint {
  /** index of the item the line ends at (a glue or penalty; the last one is the final penalty) */
  position: number;
  /** the line's adjustment ratio: > 0 stretched, < 0 shrunk, < -1 overfull */
  ratio: number;
  /** whether the break is at a flagged (hyphen) penalty */
  flagged: boolean;
}

export interface BreakResult {
  breaks: Breakpoint[];
  /** total demerits of the chosen breaks (lower is better) */
  demerits: number;
  /** lines that could not be set within the second pass's tolerance, or overfull */
  badLines: number;
  /** lines looser than the first pass's tolerance (the optimum avoids them when it can) */
  looseLines: number;
}

interface Node {
  position: number;
  line: number;
  fitness: number;
  width: number;
  stretch: number;
  shrink: number;
  /** running total of box widths (for font expansion) */
  boxes: number;
  /** how far the first character of the line after this break may hang into the margin */
  hangLeft: number;
  demerits: number;
  hyphenRun: number;
  ratio: number;
  flagged: boolean;
  previous: Node | null;
}

/**
 * Chooses the breaks of a paragraph that minimise the total demerits. `lineWidths[i]` is the
 * width of line i; the last entry applies to every line after it. Falls back to a looser
 * second pass and finally to an emergency pass that accepts overfull lines, so it always
 * returns breaks; lines outside the tolerance are counted in `badLines`.
 */
export function breakLines(items: Item[], lineWidths: number[], options: Partial<BreakOptions> = {}): BreakResult {
  const opts = { ...DEFAULT_BREAK_OPTIONS, ...options };
  // a looser or tighter paragraph is sought among looser lines than the optimum needs
  const first = opts.looseness !== 0 ? opts.secondTolerance : opts.tolerance;
  return (
    tryBreaking(items, lineWidths, opts, first, false) ??
    tryBreaking(items, lineWidths, opts, opts.secondTolerance, false) ??
    tryBreaking(items, lineWidths, opts, opts.secondTolerance, true)!
  );
}

/** The price of a hyphen beyond the limit in a row (emergency pass only): above a hundred lines at the worst badness, so a third hyphen is taken only where the alternative is a line wider than its column. */
const EXCESS_HYPHEN_DEMERITS = 1e14;

function tryBreaking(items: Item[], lineWidths: number[], opts: BreakOptions, tolerance: number, emergency: boolean): BreakResult | null {
  const widthOfLine = (line: number) => lineWidths[Math.min(line, lineWidths.length - 1)];
  const active: Node[] = [
    { position: -1, line: 0, fitness: 1, width: 0, stretch: 0, shrink: 0, boxes: 0, hangLeft: firstHang(items, 0), demerits: 0, hyphenRun: 0, ratio: 0, flagged: false, previous: null },
  ];
  let sumWidth = 0;
  let sumBoxes = 0;
  const e = opts.expansion;
  let sumStretch = 0;
  let sumShrink = 0;

  for (let b = 0; b < items.length; b++) {
    const item = items[b];
    let legal = false;
    if (item.type === 'box') {
      sumWidth += item.width;
      sumBoxes += item.width;
    } else if (item.type === 'glue') {
      legal = b > 0 && items[b - 1].type === 'box';
    } else {
      legal = item.penalty < INFINITY_PENALTY;
    }
    if (legal && !considerBreak(b)) return null;
    if (item.type === 'glue') {
      sumWidth += item.width;
      sumStretch += item.stretch;
      sumShrink += item.shrink;
    }
  }

  function considerBreak(b: number): boolean {
    const item = items[b];
    const penalty = item.type === 'penalty' ? item.penalty : 0;
    const flagged = item.type === 'penalty' && item.flagged;
    const breakWidth = item.type === 'penalty' ? item.width : 0;
    const forced = penalty <= -INFINITY_PENALTY;

    // best new node per (fitness class, hyphen run) so the hyphen limit stays exact
    // (allocated only when a candidate turns up: most breakpoints have none)
    let candidates: Map<number, Node> | null = null;
    let kept = 0;
    let lastDeactivated: Node | null = null;
    let lastDeactivatedRatio = 0;
    const hangRight = rightHangAt(items, b);
    // indexed loops and no temporary objects: this is the innermost loop of composition, and a
    // cold process runs it in V8's interpreter, where every iterator step allocates
    const count = active.length;
    for (let i = 0; i < count; i++) {
      const a = active[i];
      // protruding punctuation at either edge does not count against the measure
      const natural = sumWidth - a.width + breakWidth - a.hangLeft - hangRight;
      const target = widthOfLine(a.line);
      let ratio: number;
      if (natural < target) {
        const stretch = sumStretch - a.stretch + e * (sumBoxes - a.boxes);
        ratio = stretch > 0 ? (target - natural) / stretch : Infinity;
      } else if (natural > target) {
        const shrink = sumShrink - a.shrink + e * (sumBoxes - a.boxes + breakWidth);
        ratio = shrink > 0 ? (target - natural) / shrink : -Infinity;
      } else {
        ratio = 0;
      }
      const deactivate = ratio < -1 || forced;
      if (!deactivate) active[kept++] = a;
      else if (ratio < -1) {
        lastDeactivated = a;
        lastDeactivatedRatio = ratio;
      }

      if (ratio >= -1 && ratio <= tolerance) {
        addCandidate(a, ratio, penalty, flagged, false);
      } else if (emergency && ratio > tolerance) {
        // underfull (or a lone word with nothing to stretch): allowed, at a high price
        addCandidate(a, ratio, penalty, flagged, false);
      }
    }
    if (emergency && (candidates as Map<number, Node> | null) === null && kept === 0 && lastDeactivated) {
      // nothing fits: accept an overfull line rather than lose the paragraph (TeX's artificial demerits)
      addCandidate(lastDeactivated, lastDeactivatedRatio, penalty, flagged, true);
    }
    active.length = kept;
    const found = candidates as Map<number, Node> | null; // set inside addCandidate
    if (found !== null) {
      const after = totalsAfter(items, b, sumWidth, sumStretch, sumShrink);
      const hangLeft = firstHang(items, b + 1);
      found.forEach((node) => {
        node.width = after.width;
        node.stretch = after.stretch;
        node.shrink = after.shrink;
        node.boxes = sumBoxes;
        node.hangLeft = hangLeft;
        active.push(node);
      });
    }
    return active.length > 0;

    function addCandidate(a: Node, ratio: number, p: number, isFlagged: boolean, artificial: boolean) {
      const hyphenRun = isFlagged ? a.hyphenRun + 1 : 0;
      // the limit on hyphens in a row gives way only in the emergency pass, at a price: a
      // third hyphen is better than a line wider than its column (a long word whose pieces
      // between hyphenation points each fit, but no two together)
      const tooManyHyphens = hyphenRun > opts.maxConsecutiveHyphens;
      if (tooManyHyphens && !artificial && !emergency) return;
      const badness = artificial ? 1e6 : Math.min(1e6, 100 * Math.abs(ratio) ** 3);
      let demerits = (opts.linePenalty + badness) ** 2;
      if (p >= 0) demerits += p * p;
      else if (p > -INFINITY_PENALTY) demerits -= p * p;
      if (isFlagged && a.flagged) demerits += opts.doubleHyphenDemerits;
      if (tooManyHyphens && !artificial) demerits += EXCESS_HYPHEN_DEMERITS;
      const fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
      if (a.position >= 0 && Math.abs(fitness - a.fitness) > 1) demerits += opts.fitnessDemerits;
      demerits += a.demerits;
      // with looseness, paths of different line counts must not replace each other
      const key = (opts.looseness !== 0 ? (a.line + 1) * 64 : 0) + fitness * 16 + Math.min(hyphenRun, 15);
      candidates ??= new Map<number, Node>();
      const existing = candidates.get(key);
      if (!existing || demerits < existing.demerits) {
        candidates.set(key, {
          position: b,
          line: a.line + 1,
          fitness,
          width: 0,
          stretch: 0,
          shrink: 0,
          boxes: 0,
          hangLeft: 0,
          demerits,
          hyphenRun,
          ratio,
          flagged: isFlagged,
          previous: a,
        });
      }
    }
  }

  const finals = active.filter((node) => node.position === items.length - 1);
  let best: Node | null = null;
  for (const node of finals) if (!best || node.demerits < best.demerits) best = node;
  if (!best) return null;
  if (opts.looseness !== 0) {
    // the line count nearest the optimum + looseness, then the fewest demerits
    const wanted = best.line + opts.looseness;
    const distance = (n: Node) => Math.abs(n.line - wanted);
    for (const node of finals) {
      if (distance(node) < distance(best) || (distance(node) === distance(best) && node.demerits < best.demerits)) best = node;
    }
  }
  const breaks: Breakpoint[] = [];
  let badLines = 0;
  let looseLines = 0;
  for (let node: Node | null = best; node && node.position >= 0; node = node.previous) {
    breaks.push({ position: node.position, ratio: node.ratio, flagged: node.flagged });
    const isLast = node.position === items.length - 1;
    // judged against the first pass's tolerance whichever pass found the breaks
    if (node.ratio < -1 || (!isLast && node.ratio > opts.secondTolerance)) badLines++;
    if (!isLast && node.ratio > opts.tolerance) looseLines++;
  }
  breaks.reverse();
  return { breaks, demerits: best.demerits, badLines, looseLines };
}

/** The left protrusion of the first box from item `from` on (0 if a forced break comes first). */
export function firstHang(items: Item[], from: number): number {
  for (let i = from; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'box') return item.hangLeft ?? 0;
    if (item.type === 'penalty' && item.penalty <= -INFINITY_PENALTY) return 0;
  }
  return 0;
}

/** The right protrusion of a line ending at break b: its hyphen, or the last box before b. */
export function rightHangAt(items: Item[], b: number): number {
  const item = items[b];
  if (item.type === 'penalty') {
    if (item.penalty <= -INFINITY_PENALTY) return 0; // the last line is not justified
    if (item.hyphen) return item.hangRight ?? 0;
  }
  for (let i = b - 1; i >= 0; i--) {
    const before = items[i];
    if (before.type === 'box') return before.hangRight ?? 0;
    if (before.type === 'glue') return 0;
  }
  return 0;
}

/** Running totals at the start of the line after a break at b: discardable items are skipped. */
function totalsAfter(items: Item[], b: number, width: number, stretch: number, shrink: number) {
  for (let i = b; i < items.length; i++) {
    const item = items[i];
    if (item.type === 'box') break;
    if (item.type === 'penalty' && item.penalty <= -INFINITY_PENALTY && i > b) break;
    if (item.type === 'glue') {
      width += item.width;
      stretch += item.stretch;
      shrink += item.shrink;
    }
  }
  return { width, stretch, shrink };
}
