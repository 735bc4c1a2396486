import { describe, expect, it } from 'vitest';
import { distributeLines, type FlowUnit } from '../../src/flow/distributeLines.js';
import { seededRandom } from '../helpers/paragraphs.js';

/** Units for paragraphs of the given line counts, with the usual keep rules. */
function paragraphs(...lengths: number[]): FlowUnit[] {
  return lengths.flatMap((n) =>
    Array.from({ length: n }, (_, i) => ({ spaceBefore: 0, keepWithNext: n > 1 && i === 0, keepWithPrevious: n > 1 && i === n - 1 })),
  );
}
/** Brute force: can the units be cut into `columns` columns of at most `capacity` whose sizes differ by ≤ 1? */
function balancedBreaksExist(units: FlowUnit[], columns: number, capacity: number): boolean {
  const legal = (at: number) => !units[at - 1].keepWithNext && !units[at].keepWithPrevious;
  const search = (start: number, left: number, min: number, max: number): boolean => {
    if (left === 1) {
      const n = units.length - start;
      return n <= capacity && Math.max(max, n) - Math.min(min, n) <= 1;
    }
    for (let end = start; end <= Math.min(units.length, start + capacity); end++) {
      if (end > 0 && end < units.length && !legal(end)) continue;
      const n = end - start;
      if (Math.max(max, n) - Math.min(min, n) > 1) continue;
      if (search(end, left - 1, Math.min(min, n), Math.max(max, n))) return true;
    }
    return false;
  };
  return search(0, columns, Infinity, -Infinity);
}
const sizes = (columns: [number, number][]) => columns.map(([s, e]) => e - s);

describe('distributeLines', () => {
  it('balances 10 lines over 2 columns of 6 as 5 + 5', () => {
    const d = distributeLines(paragraphs(10), [6, 6]);
    expect(sizes(d.columns)).toEqual([5, 5]);
    expect(d.oversetFrom).toBe(10);
  });

  it('fills earlier columns first when the lines do not divide evenly', () => {
    expect(sizes(distributeLines(paragraphs(11), [6, 6]).columns)).toEqual([6, 5]);
  });

  it('moves a break to avoid a widow', () => {
    // paragraphs of 4 and 3 lines in columns of 5: a break after line 5 would leave the
    // last line of the second paragraph... and a break after line 6 widows it
    const d = distributeLines(paragraphs(4, 3), [5, 5]);
    const [first] = d.columns;
    expect(first[1]).not.toBe(6); // line 6 is the second paragraph's last line
    expect(first[1]).not.toBe(5); // line 5 is its first line: an orphan
  });

  it('reports what does not fit as overset', () => {
    const d = distributeLines(paragraphs(5, 5, 5), [4, 4]);
    expect(d.oversetFrom).toBeLessThan(15);
    expect(sizes(d.columns).reduce((a, b) => a + b)).toBe(d.oversetFrom);
  });

  it('drops the space above a subhead that opens a column', () => {
    const units = paragraphs(3);
    units.push({ spaceBefore: 1, keepWithNext: true, keepWithPrevious: false }, ...paragraphs(2));
    // 3 lines + subhead (1 + 1 space) + 2 lines = 7 grid lines; in columns of 3 the subhead opens column 2
    const d = distributeLines(units, [3, 3]);
    expect(d.columns).toEqual([
      [0, 3],
      [3, 6],
    ]);
  });

  it('keeps the rules on random paragraphs: no widow, no orphan, columns within one line', () => {
    const random = seededRandom(42);
    for (let n = 0; n < 200; n++) {
      const lengths = Array.from({ length: 2 + Math.floor(random() * 8) }, () => 1 + Math.floor(random() * 9));
      const units = paragraphs(...lengths);
      const columns = 2 + Math.floor(random() * 4);
      // at least 3: a 3-line paragraph cannot be split without a widow or an orphan
      const capacity = Math.max(3, Math.ceil(units.length / columns) + 1);
      const d = distributeLines(units, new Array(columns).fill(capacity));
      expect(d.oversetFrom).toBe(units.length);
      expect(d.forcedBreaks).toBe(0);
      for (const [start, end] of d.columns.slice(1)) {
        if (start === end || start === 0 || start === units.length) continue;
        expect(units[start].keepWithPrevious, 'widow at a column top').toBe(false);
        expect(units[start - 1].keepWithNext, 'orphan at a column foot').toBe(false);
      }
      // balanced: whenever some legal set of breaks gives columns within one line of each
      // other, the chosen one does too
      const used = sizes(d.columns);
      if (balancedBreaksExist(units, columns, capacity)) expect(Math.max(...used) - Math.min(...used)).toBeLessThanOrEqual(1);
    }
  });
});
