import type { ComposedLine } from '../compose/setLines.js';
import type { GlyphRun, LinePosition, TextLine, TextRole } from '../model/layout.js';
import { lineBox } from './geometry.js';

/** Puts a composed line on the page: its measure starts at x, its baseline at `baseline`. */
export function placeLine(
  line: ComposedLine,
  x: number,
  baseline: number,
  measure: number,
  leading: number,
  role: TextRole,
  story?: string,
  position?: LinePosition,
): TextLine {
  const runs: GlyphRun[] = line.runs.map((run) => ({
    text: run.text,
    font: run.font,
    size: run.size,
    x: x + run.x,
    baseline,
    width: run.width,
    ...(run.scale !== undefined ? { scale: run.scale } : {}),
  }));
  return {
    type: 'text',
    role,
    ...(story !== undefined ? { story } : {}),
    box: lineBox(x, measure, baseline, leading),
    baseline,
    runs,
    ...(line.hyphenated ? { hyphenated: true } : {}),
    ...(line.midWord ? { midWord: true } : {}),
    ...(line.hang[0] > 0 || line.hang[1] > 0 ? { hang: line.hang } : {}),
    ...(position ? { position } : {}),
  };
}

/** A line of runs already placed (furniture, labels): its box and baseline as given. */
export function textLine(role: TextLine['role'], runs: GlyphRun[], x: number, y: number, width: number, height: number, baseline: number, story?: string): TextLine {
  return { type: 'text', role, ...(story !== undefined ? { story } : {}), box: { x, y, width, height }, baseline, runs };
}
