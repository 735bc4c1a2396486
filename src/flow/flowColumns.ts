import type { LayoutItem, TextLine } from '../model/layout.js';
import type { BodyLine } from './bodyLines.js';
import type { TypesetContext } from './context.js';
import { distributeLines } from './distributeLines.js';
import { baselineOf, lineBox, type PageGeometry } from './geometry.js';
import { placeLine } from './placeLines.js';

/** A column of a module: its left edge, its first grid line and how many grid lines it holds. */
export interface ColumnSlot {
  x: number;
  top: number;
  capacity: number;
}

export interface ColumnFlow {
  items: LayoutItem[];
  /** lines that did not fit, in order */
  overset: BodyLine[];
  /** the last grid line each column's text reaches (its top - 1 when empty) */
  feet: number[];
}

/**
 * Flows lines into columns (a zero capacity skips the column), breaking them where the keep
 * rules allow and balancing the columns when everything fits. With `jump`, the last grid
 * line of the last column is kept for that line ("Continued on Page N").
 */
export function flowColumns(lines: BodyLine[], columns: ColumnSlot[], g: PageGeometry, story: string, ctx: TypesetContext, jump?: string): ColumnFlow {
  const L = g.grid.leading;
  const room = columns.map((c) => c.capacity);
  if (jump !== undefined) room[room.length - 1] -= 1;
  const units = lines.map((l) => l.unit);
  const distribution = distributeLines(units, room);
  const items: LayoutItem[] = [];
  const feet: number[] = [];
  distribution.columns.forEach(([start, end], column) => {
    let band = columns[column].top;
    for (let i = start; i < end; i++) {
      if (i > start) band += units[i].spaceBefore;
      const line = lines[i];
      items.push(placeLine(line.line, columns[column].x, baselineOf(g, band), g.columnWidth, L, line.role, line.story ?? story, line.position));
      band += 1;
    }
    feet.push(band - 1);
  });
  if (jump !== undefined) {
    const last = columns[columns.length - 1];
    items.push(jumpLine(jump, last.x, baselineOf(g, last.top + last.capacity - 1), g, story, ctx, 'right'));
  }
  return { items, overset: lines.slice(distribution.oversetFrom), feet };
}

/** A jump line ("Continued on Page 4", "Continued from Page 1"), set in the column measure. */
export function jumpLine(text: string, x: number, baseline: number, g: PageGeometry, story: string, ctx: TypesetContext, align: 'left' | 'right'): TextLine {
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
