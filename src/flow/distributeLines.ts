// Column breaking: which body lines go into which column.

/** What the column breaker needs to know of one body line. */
export interface FlowUnit {
  /** empty grid lines above this line, dropped when it opens a column (subheads) */
  spaceBefore: number;
  /** a column must not end after this line (first line of a paragraph = orphan, hyphenated
   *  line, subhead) */
  keepWithNext: boolean;
  /** a column must not start with this line (last line of a paragraph = widow) */
  keepWithPrevious: boolean;
}

export interface Distribution {
  /** for each column, [start, end) indices into the units */
  columns: [number, number][];
  /** index of the first unit that did not fit (units.length when all fit) */
  oversetFrom: number;
  /** column breaks that had to break a keep rule because nothing else fit */
  forcedBreaks: number;
}

/** Grid lines that units [start, end) take when they open a column. */
export function heightOf(units: FlowUnit[], start: number, end: number): number {
  let height = 0;
  for (let i = start; i < end; i++) height += 1 + (i > start ? units[i].spaceBefore : 0);
  return height;
}

const breakAllowed = (units: FlowUnit[], at: number) =>
  at <= 0 || at >= units.length || (!units[at - 1].keepWithNext && !units[at].keepWithPrevious);

/**
 * Distributes lines into columns of the given capacities (in grid lines), in order. When
 * everything fits, picks the column breaks that keep the keep rules (no widows, orphans or
 * hyphens at a column foot) and leave the columns' feet as even as possible (least sum of
 * squared shortfalls; on a tie the earlier columns are the fuller). When it does not fit, fills the columns and reports the overset.
 */
export function distributeLines(units: FlowUnit[], capacities: number[]): Distribution {
  const n = units.length;
  const k = capacities.length;
  // every line takes a grid line at least: more lines than the columns hold cannot all fit, and
  // the columns are filled as they would be after the search below (a long story's rest, tens
  // of thousands of lines, is not searched through on every page it jumps from)
  if (n > capacities.reduce((sum, c) => sum + c, 0)) return fillGreedily(units, capacities);
  // best[i][j]: least cost of setting units [0, j) in columns [0, i) with column i-1 ending at j
  const width = n + 1;
  const best = new Float64Array((k + 1) * width).fill(Infinity);
  const from = new Int32Array((k + 1) * width).fill(-1);
  best[0] = 0;
  for (let i = 0; i < k; i++) {
    for (let start = 0; start <= n; start++) {
      const here = best[i * width + start];
      if (here === Infinity) continue;
      let height = 0;
      for (let end = start; end <= n; end++) {
        if (end > start) height += 1 + (end - 1 > start ? units[end - 1].spaceBefore : 0);
        if (height > capacities[i]) break;
        if (end < n && !breakAllowed(units, end)) continue;
        if (end > start && start > 0 && !breakAllowed(units, start)) continue;
        const shortfall = capacities[i] - height;
        // the tiny second term breaks ties in favour of fuller leading columns
        const cost = here + shortfall * shortfall + shortfall * (k - i) * 1e-3;
        if (cost < best[(i + 1) * width + end]) {
          best[(i + 1) * width + end] = cost;
          from[(i + 1) * width + end] = start;
        }
      }
    }
  }
  if (best[k * width + n] < Infinity) {
    const columns: [number, number][] = [];
    let end = n;
    for (let i = k; i > 0; i--) {
      const start = from[i * width + end];
      columns.unshift([start, end]);
      end = start;
    }
    return { columns, oversetFrom: n, forcedBreaks: 0 };
  }
  return fillGreedily(units, capacities);
}

/** Fills each column as full as the keep rules allow; what is left over is overset. */
function fillGreedily(units: FlowUnit[], capacities: number[]): Distribution {
  const columns: [number, number][] = [];
  let start = 0;
  let forcedBreaks = 0;
  for (const capacity of capacities) {
    let end = start;
    while (end < units.length && heightOf(units, start, end + 1) <= capacity) end++;
    let allowed = end;
    while (allowed > start && allowed < units.length && !breakAllowed(units, allowed)) allowed--;
    if (allowed === start && end > start) {
      allowed = end; // no legal break fits: break anyway, and say so
      forcedBreaks++;
    }
    columns.push([start, allowed]);
    start = allowed;
  }
  return { columns, oversetFrom: start, forcedBreaks };
}
