// Page furniture with fake metrics: the nameplate on page 1 only, a running head on every other
// page (page number on the outer side: left on even pages, right on odd ones, with the section),
// the folio on the last grid line of every page; the module region the furniture leaves; and a
// page's cutoff rules (layoutPage).
import { describe, expect, it } from 'vitest';
import { layoutFurniture, moduleRegion } from '../../src/flow/furniture.js';
import { bandTop, baselineOf, columnX, spanWidth } from '../../src/flow/geometry.js';
import type { PagePlan } from '../../src/flow/makeup.js';
import { layoutPage } from '../../src/flow/page.js';
import type { LayoutItem, Rect, Rule, TextLine } from '../../src/model/layout.js';
import { fakeContext, geometryOf, gridLineOf, textItems } from '../helpers/flowFixtures.js';

const g = geometryOf('tabloid');
const ctx = fakeContext();
const area = g.typeArea;
const f = { paper: 'The Morning Ledger', dateText: 'Tuesday, March 12, 2024', editionLine: 'Late Edition' };
const runs = (line: TextLine) => line.runs.map((r) => r.text);
const rules = (items: LayoutItem[]) => items.filter((i): i is Rule => i.type === 'rule');
/** A text width in fake metrics: half the size per character. */
const w = (text: string, size: number) => [...text].length * 0.5 * size;
const boxOf = (item: LayoutItem): Rect =>
  item.type === 'rule' ? { x: Math.min(item.x1, item.x2), y: Math.min(item.y1, item.y2), width: Math.abs(item.x2 - item.x1), height: Math.abs(item.y2 - item.y1) } : item.box;

describe('moduleRegion', () => {
  it('leaves the modules the grid lines under the nameplate (9) or running head (2), down to the blank line above the folio', () => {
    expect(g.grid.count).toBe(104);
    expect(moduleRegion(1, g)).toEqual({ top: 9, foot: 102 });
    expect(moduleRegion(2, g)).toEqual({ top: 2, foot: 102 });
    expect(moduleRegion(17, g)).toEqual({ top: 2, foot: 102 });
    const broadsheet = geometryOf('broadsheet');
    // (22.75 × 72 − 72) / 11 = 142.4: 142 grid lines
    expect(broadsheet.grid.count).toBe(142);
    expect(moduleRegion(1, broadsheet)).toEqual({ top: 9, foot: 140 });
  });

  it('holds no furniture: every furniture item is above the region or below it, on every kind of page', () => {
    for (const page of [1, 2, 3]) {
      const region = moduleRegion(page, g);
      for (const item of layoutFurniture(f, page, 'News', g, ctx)) {
        const box = boxOf(item);
        const above = box.y + box.height <= bandTop(g, region.top) + 1e-6;
        const below = box.y >= bandTop(g, region.foot) - 1e-6;
        expect(above || below, `${item.type} ${JSON.stringify(box)} on page ${page}`).toBe(true);
        expect(box.x >= area.x - 1e-6 && box.x + box.width <= area.x + area.width + 1e-6).toBe(true);
      }
    }
  });
});

describe('page 1: the nameplate', () => {
  const items = layoutFurniture(f, 1, 'News', g, ctx);

  it('sets the paper’s name centred over the type area in its six grid lines, and no running head', () => {
    const names = textItems(items, ['nameplate']);
    expect(names).toHaveLength(1);
    expect(runs(names[0])).toEqual(['The Morning Ledger']);
    const run = names[0].runs[0];
    expect(run.size).toBe(64);
    expect(run.width).toBe(w('The Morning Ledger', 64));
    expect(run.x + run.width / 2).toBeCloseTo(area.x + area.width / 2, 9);
    expect(names[0].box).toEqual({ x: area.x, y: bandTop(g, 0), width: area.width, height: 6 * g.grid.leading });
    expect(run.baseline).toBeLessThan(bandTop(g, 6));
    expect(textItems(items, ['runningHead'])).toHaveLength(0);
  });

  it('sets the date (left) and edition line (right) in capitals between two rules under the name', () => {
    const strip = textItems(items, ['nameplateLine']);
    expect(strip.map(runs)).toEqual([['TUESDAY, MARCH 12, 2024', 'LATE EDITION']]);
    const [date, edition] = strip[0].runs;
    expect(date.x).toBe(area.x);
    expect(edition.x + edition.width).toBeCloseTo(area.x + area.width, 9);
    expect(strip[0].box.y).toBe(bandTop(g, 6));
    const ys = rules(items)
      .filter((r) => r.y1 === r.y2 && r.y1 < bandTop(g, 9))
      .map((r) => r.y1);
    expect(ys).toEqual([bandTop(g, 6), bandTop(g, 8)]);
  });

  it('without an edition line, sets the date alone', () => {
    const { editionLine: _, ...plain } = f;
    expect(textItems(layoutFurniture(plain, 1, undefined, g, ctx), ['nameplateLine']).map(runs)).toEqual([['TUESDAY, MARCH 12, 2024']]);
  });

  it('shrinks a long name to the type area’s width', () => {
    const paper = 'The Morning Ledger and Evening Telegraph Combined';
    const run = textItems(layoutFurniture({ ...f, paper }, 1, undefined, g, ctx), ['nameplate'])[0].runs[0];
    // 49 characters: 720 / 24.5 = 29.4 pt at most, in whole points from 64
    expect(run.size).toBe(29);
    expect(run.width).toBeLessThanOrEqual(area.width);
  });
});

describe('other pages: the running head', () => {
  it('on an even (left-hand) page: the number at the left edge, the section after it, paper and date at the right', () => {
    const items = layoutFurniture(f, 2, 'News', g, ctx);
    const head = textItems(items, ['runningHead']);
    expect(head).toHaveLength(1);
    expect(runs(head[0])).toEqual(['2', 'NEWS', 'The Morning Ledger  ·  Tuesday, March 12, 2024']);
    const [number, section, inner] = head[0].runs;
    expect(number.x).toBe(area.x);
    expect(number.size).toBe(ctx.theme.label.size + 2);
    expect(section.x).toBeCloseTo(area.x + w('2', 10) + 12, 9);
    expect(inner.x + inner.width).toBeCloseTo(area.x + area.width, 9);
    expect(gridLineOf(g, head[0].baseline)).toBe(0);
    // a rule under it, at the top of grid line 1
    expect(rules(items).some((r) => r.y1 === bandTop(g, 1) && r.y2 === bandTop(g, 1) && r.x1 === area.x && r.x2 === area.x + area.width)).toBe(true);
    expect(textItems(items, ['nameplate', 'nameplateLine'])).toHaveLength(0);
  });

  it('on an odd (right-hand) page: paper and date at the left, the section before the number, the number at the right edge', () => {
    const head = textItems(layoutFurniture(f, 13, 'Sports', g, ctx), ['runningHead'])[0];
    expect(runs(head)).toEqual(['The Morning Ledger  ·  Tuesday, March 12, 2024', 'SPORTS', '13']);
    const [inner, section, number] = head.runs;
    expect(inner.x).toBe(area.x);
    expect(number.x + number.width).toBeCloseTo(area.x + area.width, 9);
    expect(section.x + section.width).toBeCloseTo(number.x - 12, 9);
  });

  it('without a section: the number and the paper and date only', () => {
    expect(runs(textItems(layoutFurniture(f, 4, undefined, g, ctx), ['runningHead'])[0])).toEqual(['4', 'The Morning Ledger  ·  Tuesday, March 12, 2024']);
  });
});

describe('the folio', () => {
  it('stands on the last grid line of every page: paper and date at the left, "Page N" at the right, a rule above', () => {
    for (const page of [1, 2, 3, 10]) {
      const items = layoutFurniture(f, page, 'News', g, ctx);
      const folio = textItems(items, ['folio']);
      expect(folio, `page ${page}`).toHaveLength(1);
      expect(runs(folio[0])).toEqual(['The Morning Ledger  ·  Tuesday, March 12, 2024', `Page ${page}`]);
      expect(folio[0].baseline).toBe(baselineOf(g, g.grid.count - 1));
      expect(gridLineOf(g, folio[0].baseline)).toBe(103);
      const [left, right] = folio[0].runs;
      expect(left.x).toBe(area.x);
      expect(right.x + right.width).toBeCloseTo(area.x + area.width, 9);
      expect(rules(items).some((r) => r.y1 === bandTop(g, 103) && r.y2 === bandTop(g, 103))).toBe(true);
      // the folio's line is the type area's last
      expect(folio[0].box.y + folio[0].box.height).toBeCloseTo(area.y + area.height, 9);
    }
  });
});

describe('layoutPage', () => {
  const plan: PagePlan = {
    number: 3,
    modules: [],
    cutoffs: [
      { kind: 'across', band: 40, column: 0, columns: 5 },
      { kind: 'down', column: 2, top: 2, bands: 38 },
      { kind: 'across', band: 20, column: 2, columns: 3 },
    ],
    unusedBands: 0,
    score: 0,
    continuedFrom: new Map(),
  };
  const { page, reports } = layoutPage(plan, f, new Map(), g, ctx);

  it('draws the furniture of its page number and its cutoff rules: across the middle of a blank grid line, down the middle of a gutter', () => {
    expect(page.number).toBe(3);
    expect(page.typeArea).toEqual(g.typeArea);
    expect(reports).toEqual([]);
    expect(textItems(page.items, ['runningHead']).map(runs)).toEqual([['The Morning Ledger  ·  Tuesday, March 12, 2024', '3']]);
    const cutoffs = rules(page.items).filter((r) => r.thickness === 0.5 && !(r.y1 === r.y2 && r.y1 === bandTop(g, 103)));
    const L = g.grid.leading;
    expect(cutoffs).toEqual([
      { type: 'rule', x1: columnX(g, 0), y1: bandTop(g, 40) + L / 2, x2: columnX(g, 0) + spanWidth(g, 5), y2: bandTop(g, 40) + L / 2, thickness: 0.5 },
      { type: 'rule', x1: columnX(g, 2) - g.gutter / 2, y1: bandTop(g, 2), x2: columnX(g, 2) - g.gutter / 2, y2: bandTop(g, 40), thickness: 0.5 },
      { type: 'rule', x1: columnX(g, 2), y1: bandTop(g, 20) + L / 2, x2: columnX(g, 2) + spanWidth(g, 3), y2: bandTop(g, 20) + L / 2, thickness: 0.5 },
    ]);
  });
});
