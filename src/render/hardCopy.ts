// Hard copies (the office profile): how a page goes onto office paper (`--paper`). Either the
// whole page on one sheet — at its own size when it fits, else scaled down to the printable
// area — or, with `--tile`, the page at its own size across a grid of sheets that overlap, with
// crop marks at the trim's corners and cut and alignment marks at the seams, to be taped
// together. Pure geometry, no pdfkit: the painter draws what these functions say.
//
// Unlike sheet.ts (PDF boxes, y up), everything here is in pdfkit's page space, as layout's:
// points, origin at the top-left corner of the sheet, y down.
import { round3 } from './sheet.js';

export type PaperName = 'letter' | 'a4' | 'tabloid' | 'a3';

export const PAPER_NAMES: PaperName[] = ['letter', 'a4', 'tabloid', 'a3'];

/** The sheets, portrait (points). */
export const PAPERS: Record<PaperName, { width: number; height: number }> = {
  letter: { width: 612, height: 792 },
  a4: { width: 595.276, height: 841.89 },
  tabloid: { width: 792, height: 1224 },
  a3: { width: 841.89, height: 1190.551 },
};

/** Nothing is printed closer than this to a sheet's edge: office printers leave 3–6.35 mm of it blank. */
export const PRINTER_EDGE = 18;
/** The band below the printer's edge at the head of a fitted sheet, for its label. */
export const LABEL_BAND = 12;
/** Font size of a sheet's label. */
export const LABEL_SIZE = 6.5;
/** The margin around a tile's window on every side: room for its marks and label, clear of the printer's edge. */
export const TILE_MARGIN = 36;
/** How far neighbouring tiles overlap: 12 mm of the page is on both, to lay one over the other. */
export const TILE_OVERLAP = round3((12 / 25.4) * 72);
/** The smallest printed body size a hard copy is read at: below it, fitting the page to the sheet is not enough. */
export const MIN_PRINTED_BODY = 8;
/** Distance between the point a mark refers to and the start of the mark. */
export const MARK_GAP = 3;
/** Length of a hard copy's marks. */
export const MARK_LENGTH = 12;
/** Stroke width of a hard copy's marks. */
export const HARD_COPY_MARK_WEIGHT = 0.25;

/** A rectangle, y down. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A straight line from (x1, y1) to (x2, y2), y down. */
export interface Line {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Where a sheet's label goes: centred between `left` and `right` on `baseline`, shrunk to fit. */
export interface LabelPlace {
  left: number;
  right: number;
  baseline: number;
  size: number;
}

/** One sheet of a hard copy: its size, how the page is placed on it and what else is drawn on it. */
export interface HardCopySheet {
  width: number;
  height: number;
  /** the page is drawn at (x + scale·px, y + scale·py) */
  scale: number;
  x: number;
  y: number;
  /** the part of the sheet the page shows through (a tile's window); undefined: the whole page shows */
  clip?: Rect;
  /** 1-based place in the grid of tiles (1, 1 for a page on one sheet) */
  row: number;
  column: number;
  /** crop marks at the trim's corners; cut marks and alignment marks at the seams between tiles */
  marks: { crop: Line[]; cut: Line[]; align: Line[] };
  /** undefined when the sheet has no room for one (a page the size of the sheet) */
  label?: LabelPlace;
}

/** How a page is printed on a paper: its sheets, in reading order (row by row). */
export interface HardCopy {
  paper: PaperName;
  /** `actual size`: the page fits the sheet as it is; `fit`: scaled down to the printable area; `tile`: at its own size on a grid of sheets */
  mode: 'actual size' | 'fit' | 'tile';
  landscape: boolean;
  scale: number;
  /** the body size as printed: the theme's body size × scale */
  printedBody: number;
  /** printedBody ≥ MIN_PRINTED_BODY */
  readable: boolean;
  rows: number;
  columns: number;
  sheets: HardCopySheet[];
}

const SLACK = 0.5;

/**
 * The sheets of a `width` × `height` page printed on `paper`, with body type of `bodySize`:
 * - without `tile`: one sheet, portrait or landscape, whichever prints the page larger. A page
 *   that fits the sheet is printed at its own size, centred; a larger one is scaled down
 *   uniformly to the printable area (inside PRINTER_EDGE, below the label band), centred.
 * - with `tile`: the page at its own size on a grid of sheets (the orientation that takes fewer
 *   sheets; portrait on a tie), each showing a window of the sheet less TILE_MARGIN on every side;
 *   neighbouring windows overlap by TILE_OVERLAP and the grid is centred on the page.
 */
export function hardCopy(width: number, height: number, paper: PaperName, options: { tile: boolean; bodySize: number }): HardCopy {
  const sheet = PAPERS[paper];
  const { bodySize } = options;
  if (options.tile) {
    const portrait = tileGrid(width, height, sheet.width, sheet.height);
    const landscape = tileGrid(width, height, sheet.height, sheet.width);
    const useLandscape = landscape.rows * landscape.columns < portrait.rows * portrait.columns;
    const grid = useLandscape ? landscape : portrait;
    const [sheetW, sheetH] = useLandscape ? [sheet.height, sheet.width] : [sheet.width, sheet.height];
    const sheets: HardCopySheet[] = [];
    for (let r = 0; r < grid.rows; r++) {
      for (let c = 0; c < grid.columns; c++) sheets.push(tileSheet(width, height, sheetW, sheetH, grid, r, c));
    }
    return { paper, mode: 'tile', landscape: useLandscape, scale: 1, printedBody: bodySize, readable: true, rows: grid.rows, columns: grid.columns, sheets };
  }
  const portrait = fitOnSheet(width, height, sheet.width, sheet.height);
  const landscape = fitOnSheet(width, height, sheet.height, sheet.width);
  const useLandscape = landscape.scale > portrait.scale + 1e-9;
  const fitted = useLandscape ? landscape : portrait;
  const printedBody = round3(bodySize * fitted.sheet.scale);
  return {
    paper,
    mode: fitted.scale === 1 ? 'actual size' : 'fit',
    landscape: useLandscape,
    scale: fitted.sheet.scale,
    printedBody,
    readable: printedBody >= MIN_PRINTED_BODY - 1e-9,
    rows: 1,
    columns: 1,
    sheets: [fitted.sheet],
  };
}

/** The page on one `sheetW` × `sheetH` sheet: at its own size if it fits the sheet, else scaled to the printable area. */
function fitOnSheet(width: number, height: number, sheetW: number, sheetH: number): { scale: number; sheet: HardCopySheet } {
  const labelTop = PRINTER_EDGE + LABEL_BAND;
  const noMarks = { crop: [], cut: [], align: [] };
  if (width <= sheetW + SLACK && height <= sheetH + SLACK) {
    const x = round3((sheetW - width) / 2);
    const y = round3((sheetH - height) / 2);
    // a label only where the sheet's head has room for it above the page
    const label = y >= labelTop ? labelPlace(PRINTER_EDGE, sheetW - PRINTER_EDGE, labelTop) : undefined;
    return { scale: 1, sheet: { width: sheetW, height: sheetH, scale: 1, x, y, row: 1, column: 1, marks: noMarks, ...(label ? { label } : {}) } };
  }
  const areaW = sheetW - 2 * PRINTER_EDGE;
  const areaH = sheetH - labelTop - PRINTER_EDGE;
  const scale = round6(Math.min(areaW / width, areaH / height));
  const x = round3(PRINTER_EDGE + (areaW - width * scale) / 2);
  const y = round3(labelTop + (areaH - height * scale) / 2);
  const label = labelPlace(PRINTER_EDGE, sheetW - PRINTER_EDGE, labelTop);
  return { scale, sheet: { width: sheetW, height: sheetH, scale, x, y, row: 1, column: 1, marks: noMarks, label } };
}

interface TileGrid {
  rows: number;
  columns: number;
  /** the page's coordinates of the first window's top-left corner (≤ 0: the grid is centred on the page) */
  left: number;
  top: number;
  /** window size */
  width: number;
  height: number;
}

/** How many `sheetW` × `sheetH` sheets a page takes at its own size, and where the grid of windows lies on it. */
function tileGrid(width: number, height: number, sheetW: number, sheetH: number): TileGrid {
  const windowW = sheetW - 2 * TILE_MARGIN;
  const windowH = sheetH - 2 * TILE_MARGIN;
  const count = (page: number, window: number) => (page <= window + SLACK ? 1 : Math.ceil((page - TILE_OVERLAP) / (window - TILE_OVERLAP) - 1e-9));
  const columns = count(width, windowW);
  const rows = count(height, windowH);
  // the grid reaches beyond the page by `extra`: half of it on each side
  const extraX = columns * windowW - (columns - 1) * TILE_OVERLAP - width;
  const extraY = rows * windowH - (rows - 1) * TILE_OVERLAP - height;
  return { rows, columns, left: round3(-extraX / 2), top: round3(-extraY / 2), width: round3(windowW), height: round3(windowH) };
}

/** Tile (r, c) of the grid, 0-based: its window of the page, the page placed behind it, its marks and label. */
function tileSheet(width: number, height: number, sheetW: number, sheetH: number, grid: TileGrid, r: number, c: number): HardCopySheet {
  const M = TILE_MARGIN;
  const step = { x: grid.width - TILE_OVERLAP, y: grid.height - TILE_OVERLAP };
  // the window's top-left corner in the page's coordinates
  const windowX = grid.left + c * step.x;
  const windowY = grid.top + r * step.y;
  const x = round3(M - windowX);
  const y = round3(M - windowY);
  const clip: Rect = { x: M, y: M, width: grid.width, height: grid.height };
  const right = M + grid.width;
  const bottom = M + grid.height;
  const start = MARK_GAP;
  const end = MARK_GAP + MARK_LENGTH;

  // crop marks: at each trim corner this window shows, on the extensions of the trim's edges, pointing away from the page
  const crop: Line[] = [];
  for (const [px, dx] of [
    [0, -1],
    [width, 1],
  ] as const) {
    for (const [py, dy] of [
      [0, -1],
      [height, 1],
    ] as const) {
      const sx = round3(x + px);
      const sy = round3(y + py);
      if (sx < M - SLACK || sx > right + SLACK || sy < M - SLACK || sy > bottom + SLACK) continue;
      crop.push({ x1: round3(sx + dx * start), y1: sy, x2: round3(sx + dx * end), y2: sy });
      crop.push({ x1: sx, y1: round3(sy + dy * start), x2: sx, y2: round3(sy + dy * end) });
    }
  }
  // in the margins, on the extension of a line across the window: above and below a vertical line, left and right of a horizontal one
  const across = {
    vertical: (at: number): Line[] => [
      { x1: at, y1: M - start, x2: at, y2: M - end },
      { x1: at, y1: bottom + start, x2: at, y2: bottom + end },
    ],
    horizontal: (at: number): Line[] => [
      { x1: M - start, y1: at, x2: M - end, y2: at },
      { x1: right + start, y1: at, x2: right + end, y2: at },
    ],
  };
  // cut marks: a tile with a neighbour to its left (above) is cut along its window's left (top) edge …
  const cut: Line[] = [...(c > 0 ? across.vertical(M) : []), ...(r > 0 ? across.horizontal(M) : [])];
  // … and laid on the neighbour so that the cut edge meets these marks, TILE_OVERLAP inside the neighbour's window
  const align: Line[] = [
    ...(c < grid.columns - 1 ? across.vertical(round3(right - TILE_OVERLAP)) : []),
    ...(r < grid.rows - 1 ? across.horizontal(round3(bottom - TILE_OVERLAP)) : []),
  ];
  const marks = { crop, cut, align };
  return { width: sheetW, height: sheetH, scale: 1, x, y, clip, row: r + 1, column: c + 1, marks, label: tileLabelPlace(sheetW, [...crop, ...cut, ...align]) };
}

/** The label's place in a band whose foot is `foot`: its baseline a quarter of the size above the foot (room for descenders). */
function labelPlace(left: number, right: number, foot: number): LabelPlace {
  return { left: round3(left), right: round3(right), baseline: round3(foot - LABEL_SIZE / 4 - 1), size: LABEL_SIZE };
}

/** The vertical extent of a label's glyphs: from a cap height above the baseline to a descender below it. */
export function labelExtent(place: LabelPlace): { top: number; bottom: number } {
  return { top: round3(place.baseline - place.size * 0.8), bottom: round3(place.baseline + place.size * 0.25) };
}

/**
 * A tile's label: in its head margin, in the widest stretch the marks leave free (a clear gap
 * of 6 pt on each side), between the printer's edges.
 */
function tileLabelPlace(sheetW: number, marks: Line[]): LabelPlace {
  const place = labelPlace(PRINTER_EDGE, sheetW - PRINTER_EDGE, TILE_MARGIN);
  const { top, bottom } = labelExtent(place);
  const gap = 6;
  const blocked = marks
    .filter((m) => Math.max(m.y1, m.y2) >= top - gap && Math.min(m.y1, m.y2) <= bottom + gap)
    .map((m) => [Math.min(m.x1, m.x2) - gap, Math.max(m.x1, m.x2) + gap] as const)
    .sort((a, b) => a[0] - b[0]);
  let best = { left: place.left, right: place.left };
  let from = place.left;
  for (const [a, b] of [...blocked, [place.right, place.right] as const]) {
    const to = Math.min(a, place.right);
    if (to - from > best.right - best.left) best = { left: from, right: to };
    from = Math.max(from, b);
  }
  return { ...place, left: round3(best.left), right: round3(best.right) };
}

/** What a sheet's label says: the paper, its date, the page, and the tile or the scale. */
export function sheetLabel(info: { paper: string; date: string; page: number; pageCount: number }, copy: HardCopy, sheet: HardCopySheet): string {
  const where =
    copy.mode === 'tile'
      ? `tile r${sheet.row}/c${sheet.column} of ${copy.rows}×${copy.columns} (${TILE_OVERLAP_MM} mm overlap)`
      : copy.mode === 'fit'
        ? `${Math.round(copy.scale * 100)} % (body ${copy.printedBody.toFixed(1)} pt)`
        : 'actual size';
  return `${info.paper} · ${info.date} · page ${info.page} of ${info.pageCount} · ${where} · ${copy.paper}`;
}

const TILE_OVERLAP_MM = 12;

/**
 * Whether a page's hard copy on `paper` is readable, and if not, what to say: the printed body
 * size, the tiles --tile would take, and the papers the page would be readable on.
 */
export function hardCopyAdvice(
  width: number,
  height: number,
  paper: PaperName,
  bodySize: number,
  pageName = 'the',
): { readable: boolean; printedBody: number; message?: string } {
  const copy = hardCopy(width, height, paper, { tile: false, bodySize });
  if (copy.readable) return { readable: true, printedBody: copy.printedBody };
  const tiles = hardCopy(width, height, paper, { tile: true, bodySize });
  const larger = PAPER_NAMES.map((name) => ({ name, copy: hardCopy(width, height, name, { tile: false, bodySize }) })).filter((p) => p.copy.readable);
  const instead = larger.length > 0 ? `, or fit it to larger paper: ${larger.map((p) => `--paper ${p.name} (${p.copy.printedBody.toFixed(1)} pt)`).join(' or ')}` : '';
  return {
    readable: false,
    printedBody: copy.printedBody,
    message:
      `fitted to ${paper} paper, ${pageName} page prints its body type at ${copy.printedBody.toFixed(1)} pt (${Math.round(copy.scale * 100)} %), ` +
      `below the ${MIN_PRINTED_BODY} pt a hard copy is read at: print it at actual size with --tile ` +
      `(${tiles.rows * tiles.columns} ${paper} sheets a page, ${tiles.rows}×${tiles.columns})${instead}`,
  };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The paper a page is printed on when none is asked for: A4 for a page that fits A4 but not
 * letter (an A4 edition), else letter.
 */
export function defaultPaper(width: number, height: number): PaperName {
  const fits = (sheet: { width: number; height: number }) => width <= sheet.width + SLACK && height <= sheet.height + SLACK;
  return !fits(PAPERS.letter) && fits(PAPERS.a4) ? 'a4' : 'letter';
}
