// Body lines: a story's composed paragraphs as one sequence of lines, each with the keep rules
// of its place in its paragraph. What the column breaker and the jumps work on.
import type { ComposedParagraph } from '../compose/composeParagraph.js';
import type { ComposedLine } from '../compose/setLines.js';
import type { LinePosition } from '../model/layout.js';
import type { StyledParagraph } from '../style/story.js';
import type { FlowUnit } from './distributeLines.js';

/** A line waiting to be placed in a column, with the keep rules of its position. */
export interface BodyLine {
  line: ComposedLine;
  role: 'body' | 'subhead' | 'byline' | 'source' | 'headline';
  unit: FlowUnit;
  /** where the line sits in its body paragraph (absent for bylines and brief heads) */
  position?: LinePosition;
  /** the story the line belongs to, where lines of several stories share columns (briefs) */
  story?: string;
}

/**
 * Flattens byline and body paragraphs into lines with their keep rules: no orphan (a
 * paragraph's first line alone at a column foot), no widow (its last line alone at a column
 * top), no hyphen and no subhead at a column foot. `bylineGap` blank grid lines separate the
 * byline from the body.
 */
export function bodyLines(bylines: ComposedParagraph[], body: ComposedParagraph[], bylineGap = 1): BodyLine[] {
  const lines: BodyLine[] = [];
  for (const p of bylines) {
    for (const line of p.lines) {
      lines.push({ line, role: p.paragraph.role === 'source' ? 'source' : 'byline', unit: { spaceBefore: 0, keepWithNext: true, keepWithPrevious: false } });
    }
  }
  body.forEach((p, index) => {
    p.lines.forEach((line, i) => {
      lines.push({
        line,
        position: { paragraph: index, line: i, lines: p.lines.length },
        role: p.paragraph.role === 'subhead' ? 'subhead' : 'body',
        unit: bodyUnit(p.paragraph, index, i, p.lines.length, line.hyphenated, bylines.length > 0, bylineGap),
      });
    });
  });
  return lines;
}

/**
 * The space above and keep rules of line `i` (of `count`) of body paragraph `index`: what
 * bodyLines gives it, for a caller that knows the line's shape without its words.
 */
export function bodyUnit(paragraph: StyledParagraph, index: number, i: number, count: number, hyphenated: boolean, hasBylines: boolean, bylineGap = 1): FlowUnit {
  const many = count > 1;
  return {
    spaceBefore: i === 0 ? (index === 0 && hasBylines ? bylineGap : index > 0 ? paragraph.spaceBefore : 0) : 0,
    keepWithNext: (many && i === 0) || hyphenated || paragraph.keepWithNext,
    keepWithPrevious: many && i === count - 1,
  };
}
