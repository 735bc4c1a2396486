import type { LayoutItem, TextLine } from '../model/layout.js';
import type { TypesetContext } from './context.js';
import { distributeLines } from './distributeLines.js';
import { baselineOf, columnX, lineBox, type PageGeometry } from './geometry.js';
import { placeLine } from './placeLines.js';
import type { BodyLine } from './storyPage.js';

export interface ColumnFlow {
  items: LayoutItem[];
  /** lines that did not fit, in order */
  overset: BodyLine[];
}

/**
 * Flows body lines into the page's columns: column i has `capacities[i]` grid lines starting
 * at band `tops[i]` (a zero capacity skips the column). With `jumpTo`, the last grid line of
 * the last column is kept for the "Continued on Page N" line.
 */
export function flowColumns(
  lines: BodyLine[],
  capacities: number[],
  tops: number[],
  g: PageGeometry,
  story: string,
  ctx: TypesetContext,
  jumpTo?: number,
): ColumnFlow {
  const L = g.grid.leading;
  const room = [...capacities];
  if (jumpTo !== undefined) room[room.length - 1] -= 1;
  const units = lines.map((l) => l.unit);
  const distribution = distributeLines(units, room);
  const items: LayoutItem[] = [];
  distribution.columns.forEach(([start, end], column) => {
    let band = tops[column];
    for (let i = start; i < end; i++) {
      if (i > start) band += units[i].spaceBefore;
      items.push(placeLine(lines[i].line, columnX(g, column), baselineOf(g, band), g.columnWidth, L, lines[i].role, story, lines[i].position));
      band += 1;
    }
  });
  if (jumpTo !== undefined) {
    const last = capacities.length - 1;
    items.push(jumpLine(`Continued on Page ${jumpTo}`, columnX(g, last), baselineOf(g, tops[last] + capacities[last] - 1), g, story, ctx, 'right'));
  }
  return { items, overset: lines.slice(distribution.oversetFrom) };
}

/** A jump line ("Continued on Page 4", "Continued from Page 1"), set in the column measure. */
export function jumpLine(
  text: string,
  x: number,
  baseline: number,
  g: PageGeometry,
  story: string,
  ctx: TypesetContext,
  align: 'left' | 'right',
): TextLine {
  const { font, size } = ctx.theme.jump;
  const width = ctx.metrics.width(text, font, size);
  const runX = align === 'right' ? x + g.columnWidth - width : x;
  return {
    type: 'text',
    role: 'jump',
    story,
    box: lineBox(x, g.columnWidth, baseline, g.grid.leading),
    baseline,
    runs: [{ text, font, size, x: runX, baseline, width }],
  };
}
