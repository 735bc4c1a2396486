import type { LayoutItem, PageLayout } from '../model/layout.js';
import type { StyledParagraph, Story } from '../style/story.js';
import type { TypesetContext } from './context.js';
import { flowColumns, jumpLine } from './flowColumns.js';
import { bandTop, baselineOf, type PageGeometry } from './geometry.js';
import { setBlock } from './setBlock.js';
import { type BodyLine, headlineAt, layoutFolio, type PageFurniture } from './storyPage.js';

/** The jump head's size range: one line across the page. */
const JUMP_HEAD = { min: 18, max: 36 };

export interface ContinuationResult {
  page: PageLayout;
  overset: BodyLine[];
}

/**
 * A page that takes the lines a story could not fit where it started: the headline again as a
 * one-line jump head, "Continued from Page N", then the lines in balanced columns.
 */
export function layoutContinuationPage(
  story: Story,
  lines: BodyLine[],
  pageNumber: number,
  fromPage: number,
  furniture: PageFurniture,
  g: PageGeometry,
  ctx: TypesetContext,
  jumpTo?: number,
): ContinuationResult {
  const L = g.grid.leading;
  const items: LayoutItem[] = [...layoutFolio(furniture, pageNumber, g, ctx)];
  const head = jumpHead(story, g, ctx);
  const block = setBlock(head, g.typeArea.x, bandTop(g, 0), g.typeArea.width, L, ctx, 'headline', story.slug);
  items.push(...block.lines);
  let band = block.bands;
  items.push(jumpLine(`Continued from Page ${fromPage}`, g.typeArea.x, baselineOf(g, band), g, story.slug, ctx, 'left'));
  band += 2;
  const regionBands = g.grid.count - 2 - band;
  const capacities = new Array<number>(g.columns).fill(regionBands);
  const flow = flowColumns(lines, capacities, new Array<number>(g.columns).fill(band), g, story.slug, ctx, jumpTo);
  items.push(...flow.items);
  return {
    page: { number: pageNumber, width: g.width, height: g.height, typeArea: g.typeArea, grid: g.grid, items },
    overset: flow.overset,
  };
}

/** The headline in one line, as large as fits within the jump head's range. */
function jumpHead(story: Story, g: PageGeometry, ctx: TypesetContext): StyledParagraph {
  const font = story.headline.font;
  let size = JUMP_HEAD.max;
  while (size > JUMP_HEAD.min && ctx.metrics.width(story.headline.text, font, size) > g.typeArea.width) size -= 1;
  return headlineAt(story, size, Math.ceil((size * 1.1) / g.grid.leading) * g.grid.leading);
}
