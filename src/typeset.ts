// The pure core: an edition and its measured assets in, page layouts out.
import type { Article, Edition } from './model/article.js';
import { ContentError, type Warning } from './model/errors.js';
import type { EditionLayout, ModuleSummary, PageLayout, PageReport, StoryReport } from './model/layout.js';
import type { TypesetContext } from './flow/context.js';
import { PAGE_FORMATS, pageGeometry } from './flow/geometry.js';
import { brokenDisplayWords } from './flow/brokenDisplayWords.js';
import { furnitureMisfit } from './flow/furniture.js';
import { continuationPages, resolveJumps } from './flow/jumps.js';
import { makeUpEdition, type PagePlan } from './flow/makeup.js';
import type { ModulePlan, ModuleReport } from './flow/module.js';
import { layoutPage } from './flow/page.js';
import type { PhotoInfo } from './flow/photoPlan.js';
import { prepareCopy, type StoryCopy } from './flow/storyCopy.js';
import { patternsOf } from './compose/hyphenate.js';
import { GlyphResolver, resolveStoryGlyphs } from './style/glyphs.js';
import { curlQuotes } from './style/quotes.js';
import { plainLine, styleArticle } from './style/styleArticle.js';
import type { Story } from './style/story.js';

export interface TypesetResult extends EditionLayout {
  warnings: Warning[];
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * "2022-11-15" → "Tuesday, November 15, 2022" (the edition's date, never the clock): in English
 * without locale data; in another language as Intl formats it ("Dienstag, 15. November 2022").
 */
export function formatEditionDate(iso: string, lang = 'en'): string {
  const date = new Date(`${iso}T12:00:00Z`);
  if (!/^en\b/i.test(lang)) {
    try {
      return new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(date);
    } catch {
      // a tag Intl does not know: the English date line
    }
  }
  return `${WEEKDAYS[date.getUTCDay()]}, ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}, ${date.getUTCFullYear()}`;
}

/**
 * Lays out every page of an edition. `photos` maps each photo's absolute path to what layout
 * needs of it (its pixel size, or null when missing); photos are prepared after layout, at the
 * size of the frame chosen here.
 */
export function typesetEdition(edition: Edition, photos: Map<string, PhotoInfo>, ctx: TypesetContext): TypesetResult {
  const typeset = typesetPages(edition, photos, ctx);
  const pages = [...typeset.pages];
  return { pages, ...typeset.finish() };
}

/** An edition made up and being laid out page by page. */
export interface TypesetPages {
  /** how many pages the edition has (known once made up, before any is laid out) */
  pageCount: number;
  /** the words of the edition's stories */
  words: number;
  /** the pages, laid out one at a time as they are asked for, in order; none is kept */
  pages: Iterable<PageLayout>;
  /** the reports, once every page has been laid out */
  finish(): Omit<TypesetResult, 'pages'>;
}

/**
 * typesetEdition page by page: the stories are composed and made up into page plans (what
 * goes where: small), then each page is laid out when it is asked for and forgotten once
 * handed on, so that a long edition is never held whole, only its reports.
 */
export function typesetPages(edition: Edition, photos: Map<string, PhotoInfo>, ctx: TypesetContext): TypesetPages {
  const geometry = pageGeometry(PAGE_FORMATS[edition.format], ctx.theme.body.leading);
  const { order, warnings } = storyOrder(edition);
  // every character drawable: in the house face or its fallback, else a look-alike (warned), else an error
  const glyphs = new GlyphResolver(ctx.metrics, ctx.sourceText);
  const { theme } = ctx;
  const editionLang = edition.lang ?? 'en';
  const stories = order.map((article) => resolveStoryGlyphs(styleArticle(article, theme), theme, glyphs));
  const paper = glyphs.resolve(curlQuotes([plainLine(edition.paper)], editionLang)[0], [theme.nameplate.font, theme.folio.font], settingsFile(edition));
  const editionLine = edition.editionLine === undefined ? undefined : glyphs.resolve(curlQuotes([plainLine(edition.editionLine)], editionLang)[0], [theme.nameplateLine.font], settingsFile(edition));
  warnings.push(...glyphs.warnings);
  // a language without hyphenation patterns is set without hyphenation, said once
  const unhyphenated = new Set<string>();
  for (const story of stories) {
    if (patternsOf(story.lang) !== undefined || unhyphenated.has(story.lang.toLowerCase())) continue;
    unhyphenated.add(story.lang.toLowerCase());
    warnings.push({ code: 'no-hyphenation-patterns', file: story.sourcePath, message: `lang "${story.lang}": no hyphenation patterns for this language; its stories are set without hyphenation` });
  }
  const copies = stories.map((story, rank) => prepareCopy(story, rank, photos, geometry, ctx));
  const makeup = makeUpEdition(copies, edition.pages, geometry, ctx);
  const jumps = resolveJumps(makeup.pages);
  const furniture = { paper, dateText: formatEditionDate(edition.date, editionLang), editionLine, lang: editionLang };
  const misfit = furnitureMisfit(furniture, geometry, ctx);
  if (misfit) throw new ContentError(settingsFile(edition), misfit);
  // per page, what its modules could not absorb: all the reports need of a laid-out page
  const laid: LaidOut[] = [];
  // display words broken by force, found on each page as it is laid out (the page is not kept)
  const broken: ReturnType<typeof brokenDisplayWords> = [];
  function* pages(): Generator<PageLayout> {
    if (laid.length > 0) throw new Error('typeset: the pages are laid out once');
    for (const plan of makeup.pages) {
      const { page, reports } = layoutPage(plan, furniture, jumps, geometry, ctx);
      laid.push({ plan, reports });
      broken.push(...brokenDisplayWords([page]));
      yield page;
    }
  }
  const finish = () => {
    if (laid.length !== makeup.pages.length) throw new Error(`typeset: ${laid.length} of ${makeup.pages.length} pages laid out`);
    return reportsOf(stories, copies, makeup, laid, broken, warnings, geometry, ctx);
  };
  return { pageCount: makeup.pages.length, words: stories.reduce((sum, s) => sum + s.words, 0), pages: pages(), finish };
}

type LaidOut = { plan: PagePlan; reports: { module: ModulePlan; reports: ModuleReport[] }[] };

/** The per-story and per-page reports and the warnings of an edition whose pages are all laid out. */
function reportsOf(
  stories: Story[],
  copies: StoryCopy[],
  makeup: ReturnType<typeof makeUpEdition>,
  laid: LaidOut[],
  broken: ReturnType<typeof brokenDisplayWords>,
  warnings: Warning[],
  geometry: ReturnType<typeof pageGeometry>,
  ctx: TypesetContext,
): Omit<TypesetResult, 'pages'> {
  for (const m of makeup.moved) {
    const copy = copies.find((c) => c.story.slug === m.slug)!;
    warnings.push({ code: 'moved-off-planned-page', file: copy.story.sourcePath, message: `does not fit page ${m.planned} of the page plan: moved to page ${m.page}` });
  }
  const stats = storyReports(copies, laid, makeup.pages);
  for (const story of stories) {
    const report = stats.get(story.slug)!;
    if (story.photo && report.photo?.ppi === null) {
      warnings.push({ code: 'photo-missing', file: story.photo.path, message: `photo not found; an FPO placeholder frame is drawn in its place (${story.slug})` });
    }
    if (story.photo && report.photo?.belowTarget) {
      warnings.push({
        code: 'photo-low-resolution',
        file: story.photo.path,
        message: `photo too small for one column at ${ctx.photoPpi} ppi: it runs one column wide at ${Math.round(report.photo.ppi ?? 0)} ppi (${story.slug})`,
      });
    }
    if (report.continuedOn.length > 1) {
      warnings.push({ code: 'jumps-more-than-once', file: story.sourcePath, message: `is longer than its first page and a whole page more: it jumps ${report.continuedOn.length} times (pages ${report.continuedOn.join(', ')})` });
    }
    if (report.oversetLines > 0) {
      warnings.push({ code: 'overset', file: story.sourcePath, message: `${report.oversetLines} body line${report.oversetLines === 1 ? '' : 's'} overset: they fit on no page` });
    }
  }
  for (const { reports } of laid.flatMap((p) => p.reports)) {
    for (const r of reports) {
      for (const word of r.brokenWords) {
        warnings.push({ code: 'word-broken', file: stories.find((s) => s.slug === r.slug)!.sourcePath, message: `the word "${word}" is wider than a column and was broken` });
      }
    }
  }
  for (const b of broken) {
    warnings.push({ code: 'word-broken', file: stories.find((s) => s.slug === b.story)!.sourcePath, message: `the word "${b.word}" of the ${b.role} is wider than its measure at the smallest size and was broken` });
  }
  const makeupReports: PageReport[] = laid.map(({ plan, reports }) => ({
    page: plan.number,
    modules: plan.modules.map(summaryOf),
    unusedLines: plan.unusedBands * geometry.columns + reports.reduce((sum, r) => sum + r.reports.reduce((s, x) => s + x.underset, 0), 0),
    score: plan.score,
  }));
  return { stories: stories.map((s) => stats.get(s.slug)!), makeup: makeupReports, warnings };
}

/**
 * Stories in placing order: the page plan's, page by page, when there is one (stories it does
 * not name follow, with a warning); else the loaded order (front-matter priority, then file
 * name).
 */
function storyOrder(edition: Edition): { order: Article[]; warnings: Warning[] } {
  if (!edition.pages) return { order: edition.articles, warnings: [] };
  const bySlug = new Map(edition.articles.map((a) => [a.slug, a]));
  const planned = edition.pages.flat();
  const named = new Set(planned);
  const unplanned = edition.articles.filter((a) => !named.has(a.slug));
  const warnings = unplanned.map((a) => ({ code: 'not-in-page-plan', file: a.sourcePath, message: `is not in the page plan of edition.yaml: placed after the planned pages` }));
  return { order: [...planned.map((slug) => bySlug.get(slug)!), ...unplanned], warnings };
}

function summaryOf(module: ModulePlan): ModuleSummary {
  const stories = module.kind === 'briefs' ? module.copies.map((c) => c.story.slug) : [module.copy.story.slug];
  const { column, columns, top, bands } = module.area;
  return { kind: module.kind, stories, column: column + 1, columns, line: top + 1, lines: bands };
}

/** Per story: where it starts and continues, and what its modules could not absorb. */
function storyReports(copies: StoryCopy[], laid: { plan: PagePlan; reports: { module: ModulePlan; reports: ModuleReport[] }[] }[], plans: PagePlan[]): Map<string, StoryReport> {
  const continued = continuationPages(plans);
  const reports = new Map<string, StoryReport>();
  for (const { story, lines } of copies) {
    reports.set(story.slug, {
      slug: story.slug,
      page: 0,
      oversetLines: 0,
      continuedOn: continued.get(story.slug) ?? [],
      undersetLines: 0,
      columnSpread: 0,
      bodyLines: lines.filter((l) => l.role === 'body' || l.role === 'subhead').length,
      badLines: 0,
      words: story.words,
    });
  }
  for (const { plan, reports: modules } of laid) {
    for (const { module, reports: moduleReports } of modules) {
      for (const r of moduleReports) {
        const report = reports.get(r.slug)!;
        const first = module.kind !== 'continuation';
        if (first) {
          report.page = plan.number;
          report.undersetLines = r.underset;
          report.columnSpread = r.spread;
          report.badLines = r.badLines;
          if (r.photo) report.photo = r.photo;
        }
        report.oversetLines += r.overset;
      }
    }
  }
  return reports;
}

/** The file the edition's settings (paper, edition line, lang) were read from. */
function settingsFile(edition: Edition): string {
  return /\.(md|markdown|txt)$/i.test(edition.sourcePath) ? edition.sourcePath : `${edition.sourcePath.replace(/\/+$/, '')}/edition.yaml`;
}
