import { composeParagraph } from '../compose/composeParagraph.js';
import type { TextLine, TextRole } from '../model/layout.js';
import type { StyledParagraph } from '../style/story.js';
import type { TypesetContext } from './context.js';
import { placeLine } from './placeLines.js';

export interface SetBlock {
  lines: TextLine[];
  /** the block's height, a whole number of grid lines */
  bands: number;
}

/**
 * Sets a display paragraph (headline, deck, caption, byline) as a block that starts at the
 * top of a grid band and takes a whole number of bands, so what follows stays on the grid.
 */
export function setBlock(
  paragraph: StyledParagraph,
  x: number,
  top: number,
  measure: number,
  gridLeading: number,
  ctx: TypesetContext,
  role: TextRole = paragraph.role,
  story?: string,
): SetBlock {
  const composed = composeParagraph(paragraph, measure, ctx.metrics, ctx.hyphenatorFor(paragraph.lang), ctx.breakOptions);
  const leading = paragraph.leading;
  const lines = composed.lines.map((line, i) => placeLine(line, x, top + (i + 0.8) * leading, measure, leading, role, story));
  return { lines, bands: Math.ceil((composed.lines.length * leading) / gridLeading - 1e-9) };
}
