// Balance: how lines fit given column capacities (fitOf, misfit), the fewest rows that take a
// story's lines in balanced columns (rowsFor, against brute force over every set of column
// breaks), and the looseness search (balanceLines) never losing a word or making a fit worse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balanceLines, fitOf, misfit, rowsFor } from '../../src/flow/balance.js';
import type { BodyLine } from '../../src/flow/bodyLines.js';
import { distributeLines, type FlowUnit, heightOf } from '../../src/flow/distributeLines.js';
import { copyOf, copyWords, fakeArticle, fakeContext, geometryOf, lineWords } from '../helpers/flowFixtures.js';

/** Units for paragraphs of the given line counts, with the usual keep rules (as bodyLines makes them). */
function paragraphs(...lengths: number[]): FlowUnit[] {
  return lengths.flatMap((n) => Array.from({ length: n }, (_, i) => ({ spaceBefore: 0, keepWithNext: n > 1 && i === 0, keepWithPrevious: n > 1 && i === n - 1 })));
}
const subhead: FlowUnit = { spaceBefore: 1, keepWithNext: true, keepWithPrevious: false };
const lines = (n: number) => paragraphs(...new Array<number>(n).fill(1));

const legal = (units: FlowUnit[], at: number) => at <= 0 || at >= units.length || (!units[at - 1].keepWithNext && !units[at].keepWithPrevious);

/**
 * Brute force: the fewest grid lines per column that take every unit in `columns` columns
 * with no keep rule broken — the least, over every legal set of column breaks, of the deepest
 * column (a column's first unit drops its space above).
 */
function bruteRows(units: FlowUnit[], columns: number): number {
  let best = Infinity;
  const search = (start: number, left: number, deepest: number) => {
    if (deepest >= best) return;
    if (left === 1) {
      best = Math.min(best, Math.max(deepest, heightOf(units, start, units.length)));
      return;
    }
    for (let end = start; end <= units.length; end++) if (legal(units, end)) search(end, left - 1, Math.max(deepest, heightOf(units, start, end)));
  };
  search(0, columns, 0);
  return best;
}

/**
 * Realistic units, as bodyLines makes them: an optional byline block (byline and source lines
 * kept with the next, a blank line under them), paragraphs of 1–8 lines (the first line kept
 * with the next, the last with the previous), hyphenated lines (at most two in a row, never a
 * paragraph's last), and optionally subheads (a blank line above, kept with the next).
 */
function storyUnits(withSubheads: boolean): fc.Arbitrary<FlowUnit[]> {
  const paragraph = fc.record({
    lines: fc.integer({ min: 1, max: 8 }),
    hyphens: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    subhead: withSubheads ? fc.boolean() : fc.constant(false),
  });
  return fc.record({ bylines: fc.integer({ min: 0, max: 2 }), paragraphs: fc.array(paragraph, { minLength: 1, maxLength: 5 }) }).map(({ bylines, paragraphs: ps }) => {
    const units: FlowUnit[] = Array.from({ length: bylines }, () => ({ spaceBefore: 0, keepWithNext: true, keepWithPrevious: false }));
    ps.forEach((p, index) => {
      if (p.subhead && index > 0) units.push({ ...subhead });
      let run = 0;
      for (let i = 0; i < p.lines; i++) {
        const last = i === p.lines - 1;
        const hyphenated = !last && p.hyphens[i] && run < 2;
        run = hyphenated ? run + 1 : 0;
        units.push({ spaceBefore: i === 0 && index === 0 && bylines > 0 ? 1 : 0, keepWithNext: (p.lines > 1 && i === 0) || hyphenated, keepWithPrevious: p.lines > 1 && last });
      }
    });
    return units;
  });
}

describe('fitOf', () => {
  it('10 single lines in two columns of 6: 5 + 5, 2 lines underset, no spread', () => {
    expect(fitOf(lines(10), [6, 6])).toEqual({ overset: 0, underset: 2, spread: 0, forcedBreaks: 0 });
  });

  it('11 single lines in two columns of 6: 6 + 5, 1 line underset, spread 1', () => {
    expect(fitOf(lines(11), [6, 6])).toEqual({ overset: 0, underset: 1, spread: 1, forcedBreaks: 0 });
  });

  it('12 single lines in two columns of 6: filled', () => {
    expect(fitOf(lines(12), [6, 6])).toEqual({ overset: 0, underset: 0, spread: 0, forcedBreaks: 0 });
  });

  it('15 single lines in two columns of 6: 3 overset, nothing underset', () => {
    expect(fitOf(lines(15), [6, 6])).toEqual({ overset: 3, underset: 0, spread: 0, forcedBreaks: 0 });
  });

  it('overset reports no underset, even with a column short: 5, 5, 5 lines in columns of 4', () => {
    // column 1 stops at 3 (a 4th would leave a widow), column 2 takes 4; 8 lines do not fit
    expect(distributeLines(paragraphs(5, 5, 5), [4, 4]).columns).toEqual([
      [0, 3],
      [3, 7],
    ]);
    expect(fitOf(paragraphs(5, 5, 5), [4, 4])).toEqual({ overset: 8, underset: 0, spread: 1, forcedBreaks: 0 });
  });

  it('a column of no capacity (under a photo) counts in neither spread nor underset', () => {
    expect(fitOf(lines(8), [0, 5, 5])).toEqual({ overset: 0, underset: 2, spread: 0, forcedBreaks: 0 });
    expect(fitOf(lines(9), [5, 0, 5])).toEqual({ overset: 0, underset: 1, spread: 1, forcedBreaks: 0 });
  });

  it('paragraphs of 4 and 3 lines in columns of 4: 4 + 3 (no widow, no orphan)', () => {
    // breaking after line 5 leaves the 3-line paragraph's first line as an orphan; after 6, a widow
    expect(fitOf(paragraphs(4, 3), [4, 4])).toEqual({ overset: 0, underset: 1, spread: 1, forcedBreaks: 0 });
    expect(distributeLines(paragraphs(4, 3), [4, 4]).columns).toEqual([
      [0, 4],
      [4, 7],
    ]);
  });

  it('a 3-line paragraph in columns of 2 must break a keep rule: one forced break', () => {
    expect(fitOf(paragraphs(3), [2, 2])).toEqual({ overset: 0, underset: 1, spread: 1, forcedBreaks: 1 });
  });

  it('a subhead opening a column drops its blank line: 3 + (subhead, 2) in columns of 3', () => {
    expect(fitOf([...lines(3), subhead, ...lines(2)], [3, 3])).toEqual({ overset: 0, underset: 0, spread: 0, forcedBreaks: 0 });
  });
});

describe('misfit', () => {
  it('is 0 for filled and balanced columns, and weighs overset above forced breaks above spread above underset', () => {
    const fit = { overset: 0, underset: 0, spread: 0, forcedBreaks: 0 };
    expect(misfit(fit, 3)).toBe(0);
    // up to a line short in each column but one, and a spread of one, is balance
    expect(misfit({ ...fit, underset: 2, spread: 1 }, 3)).toBe(0);
    expect(misfit({ ...fit, underset: 3, spread: 1 }, 3)).toBe(10);
    expect(misfit({ ...fit, spread: 2 }, 3)).toBe(100);
    expect(misfit({ ...fit, forcedBreaks: 1 }, 3)).toBe(500);
    expect(misfit({ ...fit, overset: 1 }, 3)).toBe(1000);
  });
});

describe('rowsFor against brute force', () => {
  it('hand-made cases', () => {
    expect(rowsFor(lines(10), 2)).toBe(5);
    expect(rowsFor(lines(11), 2)).toBe(6);
    // 4 + 3: no legal break evens them out
    expect(rowsFor(paragraphs(4, 3), 2)).toBe(4);
    // a 3-line paragraph cannot be broken: it needs a column of 3, however many columns
    expect(rowsFor(paragraphs(3), 3)).toBe(3);
    expect(bruteRows(paragraphs(3), 3)).toBe(3);
  });

  it('gives the fewest rows on random stories without subheads (1–5 columns)', () => {
    fc.assert(
      fc.property(storyUnits(false), fc.integer({ min: 1, max: 5 }), (units, columns) => {
        const rows = rowsFor(units, columns);
        expect(rows, `units ${JSON.stringify(units)} in ${columns}`).toBe(bruteRows(units, columns));
        // and at that many rows the column breaker places everything with no forced break
        const fit = fitOf(units, new Array<number>(columns).fill(rows));
        expect([fit.overset, fit.forcedBreaks]).toEqual([0, 0]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('is never fewer than the brute-force rows on random stories with subheads', () => {
    fc.assert(
      fc.property(storyUnits(true), fc.integer({ min: 1, max: 5 }), (units, columns) => {
        expect(rowsFor(units, columns)).toBeGreaterThanOrEqual(bruteRows(units, columns));
      }),
      { seed: 8, numRuns: 300 },
    );
  });

  // BUG (src/flow/balance.ts, rowsFor): the search starts at ceil(depth / columns) rows, with
  // depth counting the blank line above every subhead; but a subhead that opens a column drops
  // that line, so fewer rows can take everything. Three lines, a subhead and two lines (7 grid
  // lines in one column) set as 3 + (subhead, 2) in two columns of 3, yet rowsFor says 4 — the
  // module is planned a line deeper than its text, and the columns come out 2 lines short.
  it('gives the fewest rows when a subhead can open a column (3 lines, subhead, 2 lines in 2 columns: 3)', () => {
    const units = [...lines(3), subhead, ...lines(2)];
    expect(bruteRows(units, 2)).toBe(3);
    expect(fitOf(units, [3, 3]).overset).toBe(0);
    expect(rowsFor(units, 2)).toBe(3);
  });
});

describe('balanceLines', () => {
  const g = geometryOf();
  const ctx = fakeContext();

  it('never loses or repeats a word, and never leaves a worse fit than it was given', () => {
    const article = fakeArticle('balance', { lines: [3, 5, 2, 7, 4, 6, 3], bylines: ['Jane Doe'], source: 'The Ledger' });
    const copy = copyOf(article, 1, g, ctx);
    const words = copyWords(copy);
    for (let columns = 2; columns <= 4; columns++) {
      for (const rows of [Math.ceil(copy.depth / columns), Math.ceil(copy.depth / columns) + 1]) {
        const capacities = new Array<number>(columns).fill(rows);
        const plan = (ls: BodyLine[]) => ({ fit: fitOf(ls.map((l) => l.unit), capacities) });
        const before = misfit(plan(copy.lines).fit, columns);
        const balanced = balanceLines(copy, columns, plan, (ls) => plan(ls));
        expect(misfit(balanced.plan.fit, columns), `${columns} columns of ${rows}`).toBeLessThanOrEqual(before);
        expect(balanced.lines.flatMap((l) => (l.role === 'body' ? lineWords(l.line) : []))).toEqual(words);
        // the plan it returns is the fit of the lines it returns
        expect(balanced.plan.fit).toEqual(fitOf(balanced.lines.map((l) => l.unit), capacities));
      }
    }
  });

  it('opens the byline gap, or sets a paragraph a line looser, to fill columns one line short', () => {
    // byline, source, blank line and 30 body lines: 33 grid lines in 3 columns of 11
    const article = fakeArticle('gap', { lines: [6, 6, 6, 6, 6], bylines: ['Jane Doe'], source: 'The Ledger' });
    const copy = copyOf(article, 1, g, ctx);
    expect(copy.depth).toBe(33);
    const capacities = [12, 12, 12];
    const plan = (ls: BodyLine[]) => ({ fit: fitOf(ls.map((l) => l.unit), capacities) });
    expect(plan(copy.lines).fit.underset).toBe(3);
    const balanced = balanceLines(copy, 3, plan, (ls) => plan(ls));
    // 33 grid lines in 36: misfit is 0 from 2 lines short on; one change is enough
    expect(balanced.plan.fit.underset).toBe(2);
    expect(heightOf(balanced.lines.map((l) => l.unit), 0, balanced.lines.length)).toBe(34);
    expect(misfit(balanced.plan.fit, 3)).toBe(0);
  });
});
