// The contact sheet's geometry: rows, reading order, sizes, no overlap; and its numbers drawn.
import { describe, expect, it } from 'vitest';
import { GAP, LABEL_BAND, contactSheetLayout, contactSheetSvg } from '../../src/proof/contactSheet.js';
import type { GlyphSource } from '../../src/proof/glyphOutlines.js';

const tabloid = (n: number) => Array.from({ length: n }, (_, i) => ({ number: i + 1, width: 792, height: 1224 }));

describe('contactSheetLayout', () => {
  it('puts up to six pages side by side, in page order, at 20 ppi', () => {
    const sheet = contactSheetLayout(tabloid(6));
    expect(sheet.cells.map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sheet.cells.map((c) => [c.width, c.height])).toEqual(Array(6).fill([220, 340]));
    expect(sheet.cells.map((c) => c.x)).toEqual([0, 1, 2, 3, 4, 5].map((i) => GAP + i * (220 + GAP)));
    expect(new Set(sheet.cells.map((c) => c.y))).toEqual(new Set([GAP]));
    expect(sheet.width).toBe(GAP + 6 * (220 + GAP));
    expect(sheet.height).toBe(GAP + 340 + LABEL_BAND + GAP);
  });

  it('spreads more pages evenly over as few rows as hold them', () => {
    expect(rowsOf(contactSheetLayout(tabloid(7)))).toEqual([4, 3]);
    expect(rowsOf(contactSheetLayout(tabloid(13)))).toEqual([5, 5, 3]);
    expect(rowsOf(contactSheetLayout(tabloid(1)))).toEqual([1]);
  });

  it('keeps thumbnails and their number bands apart, inside the sheet', () => {
    const sheet = contactSheetLayout([...tabloid(5), { number: 6, width: 842, height: 1332 }, ...tabloid(5).map((p) => ({ ...p, number: p.number + 6 }))]);
    const boxes = sheet.cells.map((c) => ({ x: c.x, y: c.y, right: c.x + c.width, bottom: c.y + c.height + LABEL_BAND }));
    for (const [i, a] of boxes.entries()) {
      expect(a.x).toBeGreaterThanOrEqual(GAP);
      expect(a.right).toBeLessThanOrEqual(sheet.width - GAP);
      expect(a.bottom).toBeLessThanOrEqual(sheet.height - GAP);
      for (const b of boxes.slice(i + 1)) expect(a.right <= b.x || b.right <= a.x || a.bottom <= b.y || b.bottom <= a.y, `cells ${i} and ${boxes.indexOf(b)} overlap`).toBe(true);
    }
    // the broadsheet-sized page 6 widens its column and deepens its row
    expect(sheet.cells[5].width).toBe(234);
    expect(sheet.cells[6].y).toBe(GAP + 370 + LABEL_BAND + GAP);
  });

  it('refuses an empty edition', () => {
    expect(() => contactSheetLayout([])).toThrow('no pages');
  });
});

describe('contactSheetSvg', () => {
  const glyphs: GlyphSource = {
    unitsPerEm: () => 1000,
    shape: (_f, text) => [...text].map((c) => ({ id: c.codePointAt(0)!, xAdvance: 500, xOffset: 0, yOffset: 0 })),
    outline: () => [
      { command: 'moveTo', args: [0, 0] },
      { command: 'lineTo', args: [400, 0] },
      { command: 'lineTo', args: [400, 700] },
      { command: 'closePath', args: [] },
    ],
  };

  it('draws each thumbnail and centres its number beneath it', () => {
    const sheet = contactSheetLayout(tabloid(12));
    const thumbs = new Map(sheet.cells.map((c) => [c.page, Buffer.from(`png${c.page}`)]));
    const svg = contactSheetSvg(sheet, thumbs, glyphs);
    expect(svg.match(/<image /g)).toHaveLength(12);
    const cell = sheet.cells[11]; // "12": two glyphs of 9 px advance (size 18), 18 px wide in all
    const left = cell.x + (cell.width - 18) / 2;
    expect(svg).toContain(`<use xlink:href="#g0" transform="matrix(0.018 0 0 -0.018 ${left} ${cell.labelBaseline})"/><use xlink:href="#g1" transform="matrix(0.018 0 0 -0.018 ${left + 9} ${cell.labelBaseline})"/>`);
    expect(svg).toContain(`xlink:href="data:image/png;base64,${Buffer.from('png12').toString('base64')}"`);
  });

  it('refuses a page without its thumbnail', () => {
    expect(() => contactSheetSvg(contactSheetLayout(tabloid(2)), new Map([[1, Buffer.from('x')]]), glyphs)).toThrow('no thumbnail of page 2');
  });
});

function rowsOf(sheet: ReturnType<typeof contactSheetLayout>): number[] {
  const rows = new Map<number, number>();
  for (const c of sheet.cells) rows.set(c.y, (rows.get(c.y) ?? 0) + 1);
  return [...rows.values()];
}
