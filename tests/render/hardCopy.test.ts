// Hard copies (render/hardCopy.ts): the page fitted to a paper, or tiled at its own size across
// several sheets. Pure geometry: sheet sizes, scale and printed body size, the tiles' windows
// (count, overlap, every part of the trim on some tile), marks and labels inside the sheet.
import { describe, expect, it } from 'vitest';
import { PAGE_FORMATS } from '../../src/flow/geometry.js';
import type { PageFormatName } from '../../src/model/article.js';
import {
  defaultPaper,
  hardCopy,
  hardCopyAdvice,
  labelExtent,
  type HardCopySheet,
  type Line,
  LABEL_BAND,
  MIN_PRINTED_BODY,
  PAPER_NAMES,
  PAPERS,
  PRINTER_EDGE,
  sheetLabel,
  TILE_MARGIN,
  TILE_OVERLAP,
} from '../../src/render/hardCopy.js';

const BODY = 9.5; // the house theme's body size
const FORMATS: PageFormatName[] = ['tabloid', 'berliner', 'broadsheet', 'letter', 'a4'];
const EPS = 0.01;

/** The part of the page a sheet shows, in the page's coordinates. */
function windowOf(sheet: HardCopySheet) {
  const clip = sheet.clip!;
  return { left: clip.x - sheet.x, top: clip.y - sheet.y, right: clip.x + clip.width - sheet.x, bottom: clip.y + clip.height - sheet.y };
}

const inPrintable = (sheet: HardCopySheet, x: number, y: number) =>
  x >= PRINTER_EDGE - EPS && x <= sheet.width - PRINTER_EDGE + EPS && y >= PRINTER_EDGE - EPS && y <= sheet.height - PRINTER_EDGE + EPS;

const allMarks = (sheet: HardCopySheet): Line[] => [...sheet.marks.crop, ...sheet.marks.cut, ...sheet.marks.align];

describe('fitting a page to a paper', () => {
  for (const format of FORMATS) {
    for (const paper of PAPER_NAMES) {
      it(`${format} on ${paper}: one sheet of the paper, the page whole and centred on it, body size = ${BODY} × scale`, () => {
        const { width, height } = PAGE_FORMATS[format];
        const copy = hardCopy(width, height, paper, { tile: false, bodySize: BODY });
        expect(copy.sheets).toHaveLength(1);
        const [sheet] = copy.sheets;
        const size = PAPERS[paper];
        expect([sheet.width, sheet.height]).toEqual(copy.landscape ? [size.height, size.width] : [size.width, size.height]);
        expect(sheet.scale).toBe(copy.scale);
        expect(copy.scale).toBeLessThanOrEqual(1);
        expect(copy.printedBody).toBeCloseTo(BODY * copy.scale, 3);
        expect(copy.readable).toBe(copy.printedBody >= MIN_PRINTED_BODY);
        // the page's corners on the sheet; centred horizontally
        const right = sheet.x + width * sheet.scale;
        const bottom = sheet.y + height * sheet.scale;
        expect(sheet.x).toBeGreaterThanOrEqual(-EPS);
        expect(right).toBeLessThanOrEqual(sheet.width + EPS);
        expect(sheet.x).toBeCloseTo(sheet.width - right, 2);
        if (copy.mode === 'fit') {
          // scaled into the printable area, below the label band, touching it on one side
          expect(inPrintable(sheet, sheet.x, sheet.y) && inPrintable(sheet, right, bottom)).toBe(true);
          expect(sheet.y).toBeGreaterThanOrEqual(PRINTER_EDGE + LABEL_BAND - EPS);
          expect(Math.min(sheet.x - PRINTER_EDGE, sheet.height - PRINTER_EDGE - bottom)).toBeCloseTo(0, 2);
          expect(copy.scale).toBeLessThan(1);
        } else {
          // at its own size: it fits the sheet
          expect(copy.scale).toBe(1);
          expect(bottom).toBeLessThanOrEqual(sheet.height + EPS);
          expect(sheet.y).toBeCloseTo(sheet.height - bottom, 2);
        }
        // the other orientation would not print it larger
        const [otherW, otherH] = [sheet.height, sheet.width];
        const fitsOther = width <= otherW + 0.5 && height <= otherH + 0.5;
        const otherScale = fitsOther ? 1 : Math.min((otherW - 2 * PRINTER_EDGE) / width, (otherH - 2 * PRINTER_EDGE - LABEL_BAND) / height);
        expect(otherScale).toBeLessThanOrEqual(copy.scale + 1e-6);
        // the label, where there is one: in the printable area, above the page
        if (sheet.label) {
          const extent = labelExtent(sheet.label);
          expect(inPrintable(sheet, sheet.label.left, extent.top) && inPrintable(sheet, sheet.label.right, extent.bottom)).toBe(true);
          expect(extent.bottom).toBeLessThanOrEqual(sheet.y + EPS);
        }
        expect(allMarks(sheet)).toEqual([]);
      });
    }
  }

  it('prints the body at the sizes the README states, readable from 8 pt', () => {
    const body = (format: PageFormatName, paper: (typeof PAPER_NAMES)[number]) => {
      const { width, height } = PAGE_FORMATS[format];
      const copy = hardCopy(width, height, paper, { tile: false, bodySize: BODY });
      return [copy.mode, Number(copy.printedBody.toFixed(1)), copy.readable];
    };
    expect(body('tabloid', 'letter')).toEqual(['fit', 5.8, false]);
    expect(body('tabloid', 'a4')).toEqual(['fit', 6.2, false]);
    expect(body('tabloid', 'tabloid')).toEqual(['actual size', 9.5, true]);
    expect(body('tabloid', 'a3')).toEqual(['fit', 8.9, true]);
    expect(body('berliner', 'letter')).toEqual(['fit', 5.3, false]);
    expect(body('berliner', 'a4')).toEqual(['fit', 5.7, false]);
    expect(body('berliner', 'tabloid')).toEqual(['fit', 8.0, true]);
    expect(body('berliner', 'a3')).toEqual(['fit', 8.1, true]);
    expect(body('broadsheet', 'letter')).toEqual(['fit', 4.3, false]);
    expect(body('broadsheet', 'tabloid')).toEqual(['fit', 6.8, false]);
    expect(body('broadsheet', 'a3')).toEqual(['fit', 6.6, false]);
    expect(body('letter', 'letter')).toEqual(['actual size', 9.5, true]);
    expect(body('a4', 'a4')).toEqual(['actual size', 9.5, true]);
    expect(body('a4', 'letter')).toEqual(['fit', 8.4, true]);
    expect(body('letter', 'a4')).toEqual(['fit', 8.7, true]);
  });

  it('a page the size of the sheet has no room for a label; a smaller one centred with room gets one', () => {
    const letter = PAGE_FORMATS.letter;
    expect(hardCopy(letter.width, letter.height, 'letter', { tile: false, bodySize: BODY }).sheets[0].label).toBeUndefined();
    const onA3 = hardCopy(letter.width, letter.height, 'a3', { tile: false, bodySize: BODY });
    expect(onA3.mode).toBe('actual size');
    expect(onA3.sheets[0].label).toBeDefined();
  });

  it('the default paper is A4 for an A4 page, letter otherwise', () => {
    expect(defaultPaper(PAGE_FORMATS.a4.width, PAGE_FORMATS.a4.height)).toBe('a4');
    for (const format of ['letter', 'tabloid', 'berliner', 'broadsheet'] as const) expect(defaultPaper(PAGE_FORMATS[format].width, PAGE_FORMATS[format].height)).toBe('letter');
  });
});

describe('tiling a page at its own size', () => {
  for (const format of FORMATS) {
    for (const paper of PAPER_NAMES) {
      it(`${format} on ${paper}: the fewest sheets, overlapping by 12 mm, covering the trim, marks and label inside the sheet`, () => {
        const { width, height } = PAGE_FORMATS[format];
        const copy = hardCopy(width, height, paper, { tile: true, bodySize: BODY });
        expect(copy.mode).toBe('tile');
        expect(copy.scale).toBe(1);
        expect(copy.printedBody).toBe(BODY);
        expect(copy.sheets).toHaveLength(copy.rows * copy.columns);
        // reading order: row by row
        expect(copy.sheets.map((s) => [s.row, s.column])).toEqual(
          Array.from({ length: copy.rows * copy.columns }, (_, i) => [Math.floor(i / copy.columns) + 1, (i % copy.columns) + 1]),
        );
        const windows = copy.sheets.map(windowOf);
        const sheet = copy.sheets[0];
        const windowW = sheet.width - 2 * TILE_MARGIN;
        const windowH = sheet.height - 2 * TILE_MARGIN;
        // the fewest: one column (row) fewer would not reach across the page
        const reach = (n: number, w: number) => n * w - (n - 1) * TILE_OVERLAP;
        expect(reach(copy.columns, windowW)).toBeGreaterThanOrEqual(width - EPS);
        expect(reach(copy.rows, windowH)).toBeGreaterThanOrEqual(height - EPS);
        if (copy.columns > 1) expect(reach(copy.columns - 1, windowW)).toBeLessThan(width);
        if (copy.rows > 1) expect(reach(copy.rows - 1, windowH)).toBeLessThan(height);
        // and the other orientation would take no fewer sheets
        const count = (page: number, w: number) => (page <= w + 0.5 ? 1 : Math.ceil((page - TILE_OVERLAP) / (w - TILE_OVERLAP)));
        expect(count(width, windowH) * count(height, windowW)).toBeGreaterThanOrEqual(copy.sheets.length);
        for (const s of copy.sheets) {
          expect([s.width, s.height]).toEqual([sheet.width, sheet.height]);
          expect(s.scale).toBe(1);
          expect(s.clip).toEqual({ x: TILE_MARGIN, y: TILE_MARGIN, width: windowW, height: windowH });
        }
        // neighbours overlap by exactly TILE_OVERLAP
        for (const [i, w] of windows.entries()) {
          const s = copy.sheets[i];
          if (s.column < copy.columns) expect(w.right - windows[i + 1].left).toBeCloseTo(TILE_OVERLAP, 3);
          if (s.row < copy.rows) expect(w.bottom - windows[i + copy.columns].top).toBeCloseTo(TILE_OVERLAP, 3);
        }
        // every part of the trim is on some tile: a point every 6 pt, and the trim's edges
        const xs = [...Array.from({ length: Math.floor(width / 6) + 1 }, (_, i) => i * 6), width];
        const ys = [...Array.from({ length: Math.floor(height / 6) + 1 }, (_, i) => i * 6), height];
        const uncovered: [number, number][] = [];
        for (const x of xs) for (const y of ys) if (!windows.some((w) => x >= w.left - EPS && x <= w.right + EPS && y >= w.top - EPS && y <= w.bottom + EPS)) uncovered.push([x, y]);
        expect(uncovered).toEqual([]);
        // the grid is centred on the page
        expect(-windows[0].left).toBeCloseTo(windows.at(-1)!.right - width, 2);
        expect(-windows[0].top).toBeCloseTo(windows.at(-1)!.bottom - height, 2);

        // crop marks: two at each trim corner, 8 in all, outside the trim, each on one sheet
        const crop = copy.sheets.flatMap((s) => s.marks.crop.map((m) => ({ m, s })));
        expect(crop).toHaveLength(8);
        for (const { m, s } of crop) {
          const trim = { left: s.x, top: s.y, right: s.x + width, bottom: s.y + height };
          const inside = (x: number, y: number) => x > trim.left + EPS && x < trim.right - EPS && y > trim.top + EPS && y < trim.bottom - EPS;
          expect(inside(m.x1, m.y1) || inside(m.x2, m.y2)).toBe(false);
          // on the extension of a trim edge
          expect([trim.left, trim.right].some((x) => Math.abs(m.x1 - x) < EPS && Math.abs(m.x2 - x) < EPS) || [trim.top, trim.bottom].some((y) => Math.abs(m.y1 - y) < EPS && Math.abs(m.y2 - y) < EPS)).toBe(true);
        }
        for (const s of copy.sheets) {
          // cut marks where a neighbour is to the left or above, alignment marks where one is to the right or below
          expect(s.marks.cut).toHaveLength((s.column > 1 ? 2 : 0) + (s.row > 1 ? 2 : 0));
          expect(s.marks.align).toHaveLength((s.column < copy.columns ? 2 : 0) + (s.row < copy.rows ? 2 : 0));
          // cut and alignment marks in the margins, outside the window
          for (const m of [...s.marks.cut, ...s.marks.align]) {
            const inWindow = (x: number, y: number) => x > TILE_MARGIN + EPS && x < TILE_MARGIN + windowW - EPS && y > TILE_MARGIN + EPS && y < TILE_MARGIN + windowH - EPS;
            expect(inWindow(m.x1, m.y1) || inWindow(m.x2, m.y2)).toBe(false);
          }
          // every mark inside the sheet, clear of the printer's edge
          for (const m of allMarks(s)) expect(inPrintable(s, m.x1, m.y1) && inPrintable(s, m.x2, m.y2), JSON.stringify(m)).toBe(true);
          // the label: inside the printable area, in the head margin, clear of every mark
          const label = s.label!;
          const extent = labelExtent(label);
          expect(label.right - label.left).toBeGreaterThan(200);
          expect(inPrintable(s, label.left, extent.top) && inPrintable(s, label.right, extent.bottom)).toBe(true);
          expect(extent.bottom).toBeLessThanOrEqual(TILE_MARGIN);
          for (const m of allMarks(s)) {
            const crosses = Math.max(m.x1, m.x2) >= label.left && Math.min(m.x1, m.x2) <= label.right && Math.max(m.y1, m.y2) >= extent.top && Math.min(m.y1, m.y2) <= extent.bottom;
            expect(crosses, `mark ${JSON.stringify(m)} crosses the label`).toBe(false);
          }
        }
      });
    }
  }

  it('takes the sheets the README states', () => {
    const grid = (format: PageFormatName, paper: (typeof PAPER_NAMES)[number]) => {
      const copy = hardCopy(PAGE_FORMATS[format].width, PAGE_FORMATS[format].height, paper, { tile: true, bodySize: BODY });
      return `${copy.rows}×${copy.columns}${copy.landscape ? ' landscape' : ''}`;
    };
    expect(grid('tabloid', 'letter')).toBe('2×2');
    expect(grid('tabloid', 'a4')).toBe('2×2');
    expect(grid('tabloid', 'a3')).toBe('2×1 landscape');
    expect(grid('berliner', 'letter')).toBe('2×2');
    expect(grid('berliner', 'a4')).toBe('2×2');
    expect(grid('berliner', 'tabloid')).toBe('2×1 landscape');
    expect(grid('berliner', 'a3')).toBe('2×1 landscape');
    expect(grid('broadsheet', 'letter')).toBe('3×2');
    expect(grid('broadsheet', 'a4')).toBe('3×2');
    expect(grid('broadsheet', 'tabloid')).toBe('3×1 landscape');
    expect(grid('broadsheet', 'a3')).toBe('3×1 landscape');
  });
});

describe('labels and advice', () => {
  it('labels each sheet with the paper, date, page and tile or scale', () => {
    const { width, height } = PAGE_FORMATS.tabloid;
    const info = { paper: 'The Morning Ledger', date: '2024-03-12', page: 3, pageCount: 6 };
    const tiles = hardCopy(width, height, 'letter', { tile: true, bodySize: BODY });
    expect(tiles.sheets.map((s) => sheetLabel(info, tiles, s))).toEqual([
      'The Morning Ledger · 2024-03-12 · page 3 of 6 · tile r1/c1 of 2×2 (12 mm overlap) · letter',
      'The Morning Ledger · 2024-03-12 · page 3 of 6 · tile r1/c2 of 2×2 (12 mm overlap) · letter',
      'The Morning Ledger · 2024-03-12 · page 3 of 6 · tile r2/c1 of 2×2 (12 mm overlap) · letter',
      'The Morning Ledger · 2024-03-12 · page 3 of 6 · tile r2/c2 of 2×2 (12 mm overlap) · letter',
    ]);
    const fit = hardCopy(width, height, 'a3', { tile: false, bodySize: BODY });
    expect(sheetLabel(info, fit, fit.sheets[0])).toBe('The Morning Ledger · 2024-03-12 · page 3 of 6 · 93 % (body 8.9 pt) · a3');
  });

  it('says the printed body size and suggests --tile and the papers the page is readable on', () => {
    const { width, height } = PAGE_FORMATS.tabloid;
    expect(hardCopyAdvice(width, height, 'tabloid', BODY)).toEqual({ readable: true, printedBody: 9.5 });
    const advice = hardCopyAdvice(width, height, 'letter', BODY, 'a tabloid');
    expect(advice.readable).toBe(false);
    expect(advice.message).toBe(
      'fitted to letter paper, a tabloid page prints its body type at 5.8 pt (61 %), below the 8 pt a hard copy is read at: ' +
        'print it at actual size with --tile (4 letter sheets a page, 2×2), or fit it to larger paper: --paper tabloid (9.5 pt) or --paper a3 (8.9 pt)',
    );
    // no paper prints a broadsheet page readable whole: --tile only
    const broadsheet = hardCopyAdvice(PAGE_FORMATS.broadsheet.width, PAGE_FORMATS.broadsheet.height, 'a3', BODY, 'a broadsheet');
    expect(broadsheet.message).toMatch(/at 6\.6 pt .*--tile \(3 a3 sheets a page, 3×1\)$/);
  });
});
