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
  const capacities = columns.map((c) => c.capacity);
  const jumpColumn = jump !== undefined ? jumpColumnOf(capacities) : -1;
  const room = jump !== undefined ? jumpRoom(capacities) : capacities;
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
    // right under the text it continues, in the last column that has text
    const slot = columns[jumpColumn];
    items.push(jumpLine(jump, slot.x, baselineOf(g, Math.min(slot.top + slot.capacity - 1, feet[jumpColumn] + 1)), g, story, ctx, 'right'));
  }
  return { items, overset: lines.slice(distribution.oversetFrom), feet };
}

/** The column a jump line goes in: the last that can hold a line of text above it. */
export function jumpColumnOf(capacities: number[]): number {
  for (let i = capacities.length - 1; i >= 0; i--) if (capacities[i] >= 2) return i;
  return capacities.length - 1;
}

/** The room for text in a jumping module's columns: none after the jump line's column, a line less in it. */
export function jumpRoom(capacities: number[]): number[] {
  const at = jumpColumnOf(capacities);
  return capacities.map((c, i) => (i < at ? c : i === at ? Math.max(0, c - 1) : 0));
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
