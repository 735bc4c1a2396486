// The contact sheet: every proofed page small on one image, in reading order (left to right,
// then down), each numbered beneath. The geometry is pure (contactSheetLayout); the painter
// (contactSheetSvg) draws the page images it is given where the geometry says.
import type { GlyphRun } from '../model/layout.js';
import type { GlyphSource } from './glyphOutlines.js';
import { GlyphDefs, svgDocument, textSvg } from './svgPainter.js';

/** Thumbnails' resolution (pixels per inch of the page): a tabloid page is 220 × 340 px. */
export const THUMB_PPI = 20;
/** At most this many pages side by side. */
export const MAX_COLUMNS = 6;
/** Around the sheet and between thumbnails, px. */
export const GAP = 24;
/** The band under a thumbnail that holds its number, px; the number's size. */
export const LABEL_BAND = 30;
export const LABEL_SIZE = 18;
/** The face of the page numbers. */
const LABEL_FONT = 'displaySemiBold';

export interface ContactCell {
  /** the page's number in the edition */
  page: number;
  /** the thumbnail, px from the sheet's top-left */
  x: number;
  y: number;
  width: number;
  height: number;
  /** the number's baseline, px (centred under the thumbnail by the painter) */
  labelBaseline: number;
}

export interface ContactSheetLayout {
  width: number;
  height: number;
  cells: ContactCell[];
}

/**
 * Where each page goes: thumbnails at THUMB_PPI (rounded up to whole pixels), in rows of at
 * most MAX_COLUMNS, as few rows as that allows and the pages spread evenly over them (7 pages:
 * 4 + 3, not 6 + 1); each row as high as its tallest page, each column as wide as its widest.
 */
export function contactSheetLayout(pages: readonly { number: number; width: number; height: number }[], thumbPpi = THUMB_PPI): ContactSheetLayout {
  if (pages.length === 0) throw new RangeError('contactSheetLayout: no pages');
  const rows = Math.ceil(pages.length / MAX_COLUMNS);
  const columns = Math.ceil(pages.length / rows);
  const size = pages.map((p) => ({ width: Math.ceil((p.width * thumbPpi) / 72 - 1e-9), height: Math.ceil((p.height * thumbPpi) / 72 - 1e-9) }));
  const columnWidth = Array.from({ length: columns }, (_, c) => Math.max(...size.filter((_, i) => i % columns === c).map((s) => s.width)));
  const rowHeight = Array.from({ length: rows }, (_, r) => Math.max(...size.filter((_, i) => Math.floor(i / columns) === r).map((s) => s.height)));
  const columnX = columnWidth.map((_, c) => GAP + columnWidth.slice(0, c).reduce((sum, w) => sum + w + GAP, 0));
  const rowY = rowHeight.map((_, r) => GAP + rowHeight.slice(0, r).reduce((sum, h) => sum + h + LABEL_BAND + GAP, 0));
  const cells = pages.map((page, i) => {
    const [c, r] = [i % columns, Math.floor(i / columns)];
    return {
      page: page.number,
      x: columnX[c],
      y: rowY[r],
      width: size[i].width,
      height: size[i].height,
      labelBaseline: rowY[r] + rowHeight[r] + Math.round(LABEL_BAND * 0.8),
    };
  });
  return {
    width: columnX[columns - 1] + columnWidth[columns - 1] + GAP,
    height: rowY[rows - 1] + rowHeight[rows - 1] + LABEL_BAND + GAP,
    cells,
  };
}

/**
 * The contact sheet as SVG (1 unit = 1 px): a light grey ground, each page's thumbnail (PNG
 * bytes at the cell's size, by page number) in a thin frame, its number centred beneath.
 */
export function contactSheetSvg(layout: ContactSheetLayout, thumbnails: Map<number, Buffer>, glyphs: GlyphSource): string {
  const defs = new GlyphDefs(glyphs);
  const parts: string[] = [];
  for (const cell of layout.cells) {
    const png = thumbnails.get(cell.page);
    if (!png) throw new Error(`contactSheetSvg: no thumbnail of page ${cell.page}`);
    parts.push(`<rect x="${cell.x - 1}" y="${cell.y - 1}" width="${cell.width + 2}" height="${cell.height + 2}" fill="#808080"/>`);
    parts.push(`<image x="${cell.x}" y="${cell.y}" width="${cell.width}" height="${cell.height}" preserveAspectRatio="none" xlink:href="data:image/png;base64,${png.toString('base64')}"/>`);
    const text = String(cell.page);
    const em = LABEL_SIZE / glyphs.unitsPerEm(LABEL_FONT);
    const width = glyphs.shape(LABEL_FONT, text).reduce((sum, g) => sum + g.xAdvance * em, 0);
    const run: GlyphRun = { text, font: LABEL_FONT, size: LABEL_SIZE, x: cell.x + (cell.width - width) / 2, baseline: cell.labelBaseline, width };
    parts.push(textSvg([run], '#000000', defs));
  }
  return svgDocument({ pixelWidth: layout.width, pixelHeight: layout.height, width: String(layout.width), height: String(layout.height) }, defs, '#e6e6e6', parts);
}
