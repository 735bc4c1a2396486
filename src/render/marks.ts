// Printer's marks of the press sheet: crop marks and the slug line. Pure geometry in PDF user
// space (points, origin bottom-left of the MediaBox, y up); the painter draws exactly these.
import { BLEED, type Box } from './sheet.js';

/** A straight line from (x1, y1) to (x2, y2). */
export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Stroke width of the crop marks. */
export const MARK_WEIGHT = 0.25;
/** Length of each crop mark. */
export const MARK_LENGTH = 18;
/** Extra distance between the bleed and the start of a mark, so the mark's stroke never touches the bleed. */
export const MARK_CLEARANCE = 1;

/**
 * The eight crop marks of a trim box: at each corner, one short line on the extension of each
 * trim edge, starting `bleed` + MARK_CLEARANCE points away from the corner and pointing away from
 * the page. No mark enters the bleed area (nor, a fortiori, the trim).
 */
export function cropMarks(trim: Box, bleed = BLEED, length = MARK_LENGTH): Segment[] {
  const start = bleed + MARK_CLEARANCE;
  const end = start + length;
  const marks: Segment[] = [];
  for (const [y, dy] of [
    [trim.top, 1],
    [trim.bottom, -1],
  ] as const) {
    for (const [x, dx] of [
      [trim.left, -1],
      [trim.right, 1],
    ] as const) {
      // along the horizontal trim edge, outwards to the side
      marks.push({ x1: r(x + dx * start), y1: y, x2: r(x + dx * end), y2: y });
      // along the vertical trim edge, outwards above or below
      marks.push({ x1: x, y1: r(y + dy * start), x2: x, y2: r(y + dy * end) });
    }
  }
  return marks;
}

/** Where the slug line goes: below the bleed, clear of the crop marks, inside the media. */
export interface SlugPlacement {
  /** left end of the text */
  x: number;
  /** baseline, PDF user space (y up) */
  baseline: number;
  /** the text must not be wider than this */
  maxWidth: number;
  /** font size */
  size: number;
}

/** Font size of the slug line. */
export const SLUG_SIZE = 6;

/**
 * The slug line sits under the bottom edge of the sheet's bleed, in the middle of the band the
 * crop marks run through, and between the two bottom vertical marks with a clear gap on each side.
 */
export function slugPlacement(trim: Box, bleed = BLEED, length = MARK_LENGTH): SlugPlacement {
  const start = bleed + MARK_CLEARANCE;
  const gap = 12;
  // baseline in the middle of the mark band, lowered by a third of the size (cap height ~ 0.7 em)
  const baseline = r(trim.bottom - (start + length / 2) - SLUG_SIZE / 3);
  return { x: trim.left + gap, baseline, maxWidth: r(trim.right - trim.left - 2 * gap), size: SLUG_SIZE };
}

function r(value: number): number {
  return Math.round(value * 1000) / 1000;
}
