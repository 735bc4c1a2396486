// The pure core: an edition and its measured assets in, page layouts out.
import type { Edition } from './model/article.js';
import { ContentError, type Warning } from './model/errors.js';
import type { EditionLayout, PageLayout, StoryReport } from './model/layout.js';
import type { TypesetContext } from './flow/context.js';
import { PAGE_FORMATS, pageGeometry } from './flow/geometry.js';
import { layoutContinuationPage } from './flow/continuationPage.js';
import { layoutStoryPage, type PageFurniture, type PhotoInfo } from './flow/storyPage.js';
import { styleArticle } from './style/styleArticle.js';
import type { Story } from './style/story.js';

export interface TypesetResult extends EditionLayout {
  warnings: Warning[];
}

/** "1 body line", "3 body lines" */
const lines = (n: number) => `${n} body line${n === 1 ? '' : 's'}`;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2022-11-15" → "Tuesday, November 15, 2022" (the edition's date, never the clock; no locale data). */
export function formatEditionDate(iso: string): string {
  const date = new Date(`${iso}T12:00:00Z`);
  return `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/**
 * Lays out every page of an edition. `photos` maps each photo's absolute path to what layout
 * needs of it (its aspect, or null when missing); photos are prepared after layout, at the
 * size of the frame chosen here.
 */
export function typesetEdition(edition: Edition, photos: Map<string, PhotoInfo>, ctx: TypesetContext): TypesetResult {
  const geometry = pageGeometry(PAGE_FORMATS[edition.format], ctx.theme.body.leading);
  const stories = orderStories(edition).map((article) => styleArticle(article, ctx.theme));
  const warnings: Warning[] = [];
  for (const story of stories) checkGlyphs(story, ctx);

  const storyPages: PageLayout[] = [];
  const continuationPages: PageLayout[] = [];
  const reports: StoryReport[] = [];
  const dateText = formatEditionDate(edition.date);
  // continuation pages follow the story pages, in story order
  let nextFreePage = stories.length + 1;
  stories.forEach((story, index) => {
    const pageNumber = index + 1;
    const furniture: PageFurniture = { paper: edition.paper, dateText, editionLine: edition.editionLine, nameplate: index === 0 };
    const photo = story.photo ? photos.get(story.photo.path) : undefined;
    let result = layoutStoryPage(story, pageNumber, furniture, geometry, photo, ctx);
    if (result.overset.length > 0) {
      // make room for the jump line and send the rest on
      result = layoutStoryPage(story, pageNumber, furniture, geometry, photo, ctx, { jumpTo: nextFreePage });
    }
    storyPages.push(result.page);
    const report = result.report;
    let overset = result.overset;
    let fromPage = pageNumber;
    while (overset.length > 0) {
      const continuation = nextFreePage++;
      const page = { ...furniture, nameplate: false };
      let cont = layoutContinuationPage(story, overset, continuation, fromPage, page, geometry, ctx);
      if (cont.overset.length > 0) cont = layoutContinuationPage(story, overset, continuation, fromPage, page, geometry, ctx, nextFreePage);
      if (cont.overset.length === overset.length) {
        nextFreePage--; // nothing fits on a page: stop, and report it
        break;
      }
      report.continuedOn.push(continuation);
      continuationPages.push(cont.page);
      overset = cont.overset;
      fromPage = continuation;
    }
    report.oversetLines = overset.length;
    reports.push(report);
    if (photo && photo.aspect == null) {
      warnings.push({ file: story.photo!.path, message: `photo not found; an FPO placeholder frame is drawn in its place (${story.slug})` });
    }
    if (report.badLines > 0) {
      warnings.push({ file: story.sourcePath, message: `${lines(report.badLines)} could not be spaced within the tolerance (overfull or very loose)` });
    }
    if (report.columnSpread > 1) {
      warnings.push({ file: story.sourcePath, message: `columns not balanced: their feet differ by ${report.columnSpread} lines on page ${pageNumber}` });
    }
    if (report.oversetLines > 0) {
      warnings.push({ file: story.sourcePath, message: `${lines(report.oversetLines)} overset: they fit on no page` });
    }
    for (const word of result.brokenWords) {
      warnings.push({ file: story.sourcePath, message: `the word "${word}" is wider than a column and was broken` });
    }
  });
  const pages = [...storyPages, ...continuationPages];
  return { pages, stories: reports, warnings };
}

/** Stories in page order: the page plan's order if there is one, else the loaded order. */
function orderStories(edition: Edition) {
  if (!edition.pages) return edition.articles;
  const bySlug = new Map(edition.articles.map((a) => [a.slug, a]));
  return edition.pages.flat().map((slug) => bySlug.get(slug)!);
}

/** A character the fonts cannot draw is an error naming the character and the article. */
function checkGlyphs(story: Story, ctx: TypesetContext) {
  const paragraphs = [...story.body, ...story.bylines, story.deck, story.photo?.caption, story.photo?.credit];
  const check = (text: string, font: Parameters<TypesetContext['metrics']['missingCharacters']>[1]) => {
    const missing = ctx.metrics.missingCharacters(text, font);
    if (missing.length > 0) {
      const names = missing.map((c) => `"${c}" (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ');
      throw new ContentError(story.sourcePath, `the font cannot draw ${names}`);
    }
  };
  check(story.headline.text, story.headline.font);
  for (const p of paragraphs) for (const run of p?.runs ?? []) check(run.text, run.font);
}
