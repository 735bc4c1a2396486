import type { PageFormatName } from '../model/article.js';
import type { BaselineGrid, Rect } from '../model/layout.js';

const MM = 72 / 25.4;
const INCH = 72;

/** A trim size with its newspaper defaults: margins (pt), columns and gutter. */
export interface PageFormat {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  columns: number;
  gutter: number;
}

export const PAGE_FORMATS: Record<PageFormatName, PageFormat> = {
  tabloid: { width: 11 * INCH, height: 17 * INCH, margin: { top: 36, right: 36, bottom: 36, left: 36 }, columns: 5, gutter: 12 },
  berliner: { width: 315 * MM, height: 470 * MM, margin: { top: 36, right: 36, bottom: 36, left: 36 }, columns: 6, gutter: 12 },
  broadsheet: { width: 12 * INCH, height: 22.75 * INCH, margin: { top: 36, right: 36, bottom: 36, left: 36 }, columns: 6, gutter: 12 },
  letter: { width: 8.5 * INCH, height: 11 * INCH, margin: { top: 36, right: 36, bottom: 36, left: 36 }, columns: 3, gutter: 12 },
  a4: { width: 210 * MM, height: 297 * MM, margin: { top: 36, right: 36, bottom: 36, left: 36 }, columns: 3, gutter: 12 },
};

/** Where a grid line's baseline sits within its band, as a fraction of the leading above the band's foot. */
const BASELINE_FROM_FOOT = 0.2;

export interface PageGeometry {
  width: number;
  height: number;
  typeArea: Rect;
  columns: number;
  gutter: number;
  columnWidth: number;
  grid: BaselineGrid;
}

/**
 * The page's type area and baseline grid. The type area's height is a whole number of grid
 * lines (what is left over goes to the bottom margin), so every block sized in grid lines
 * ends exactly at its foot.
 */
export function pageGeometry(format: PageFormat, leading: number): PageGeometry {
  const { margin } = format;
  const width = format.width - margin.left - margin.right;
  const count = Math.floor((format.height - margin.top - margin.bottom) / leading);
  const typeArea = { x: margin.left, y: margin.top, width, height: count * leading };
  return {
    width: format.width,
    height: format.height,
    typeArea,
    columns: format.columns,
    gutter: format.gutter,
    columnWidth: (width - (format.columns - 1) * format.gutter) / format.columns,
    grid: { first: typeArea.y + leading * (1 - BASELINE_FROM_FOOT), leading, count },
  };
}

/** Top of grid band `line` (0-based). */
export const bandTop = (g: PageGeometry, line: number) => g.typeArea.y + line * g.grid.leading;
/** Baseline of grid line `line` (0-based). */
export const baselineOf = (g: PageGeometry, line: number) => g.grid.first + line * g.grid.leading;
/** Left edge of column `column` (0-based). */
export const columnX = (g: PageGeometry, column: number) => g.typeArea.x + column * (g.columnWidth + g.gutter);
/** Width of `span` columns with the gutters between them. */
export const spanWidth = (g: PageGeometry, span: number) => span * g.columnWidth + (span - 1) * g.gutter;
/** The box of a line whose baseline and leading are given: 80 % of the leading above the baseline. */
export const lineBox = (x: number, width: number, baseline: number, leading: number): Rect => ({
  x,
  y: baseline - leading * (1 - BASELINE_FROM_FOOT),
  width,
  height: leading,
});
