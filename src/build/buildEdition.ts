// The build: the edges (reading sources, fonts and photos; writing the PDF) around the pure
// core `typesetEdition` and the painter.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { hyphenatorFor } from '../compose/hyphenate.js';
import type { Hyphenator } from '../compose/hyphenate.js';
import { loadEdition } from '../io/loadEdition.js';
import { loadFonts } from '../io/loadFonts.js';
import { fillPhotoText } from '../io/photoMetadata.js';
import { PhotoMissing, preparePhoto, readPhotoSize, type PhotoRequest } from '../io/preparePhoto.js';
import { checkNoOtherSource, recordSource } from '../io/outputSources.js';
import { decodeText } from '../io/readTextFile.js';
import { openStreamOutput } from '../io/streamOutput.js';
import { missingFolders, openAtomicFile, outputError } from '../io/writeFileAtomic.js';
import type { Edition, PageFormatName } from '../model/article.js';
import { ContentError, WarningsAsErrors, type Warning } from '../model/errors.js';
import type { ImageBox, PageLayout, PageReport, StoryReport } from '../model/layout.js';
import type { TypesetContext } from '../flow/context.js';
import type { PhotoInfo } from '../flow/photoPlan.js';
import { selectPages, type PageRange } from './pageRanges.js';
import { PAGE_FORMATS } from '../flow/geometry.js';
import { defaultPaper, hardCopyAdvice, type PaperName } from '../render/hardCopy.js';
import { openPdf, type PdfPainter } from '../render/pdfPainter.js';
import { stonehandVersion } from '../io/packageRoot.js';
import { INK_LIMIT, PHOTO_TARGET_PPI, PROFILES, type PrintCondition, type ProfileName } from '../render/profiles.js';
import { HOUSE_THEME } from '../style/theme.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import { fontkitMetrics } from '../text/fontkitMetrics.js';
import { typesetPages, type TypesetPages } from '../typeset.js';

export interface BuildOptions {
  outDir: string;
  profile: ProfileName;
  strict: boolean;
  /** colour pages: press photos in CMYK within the condition's ink limit instead of greyscale */
  colour?: boolean;
  format?: PageFormatName;
  /** the printing condition of the press PDF's output intent (default newsprint) */
  condition?: PrintCondition;
  /**
   * false: the PDF is written whole or not at all but left in the system's cache, for a caller
   * that flushes it to disk with other files at once (the archive: syncTree); default true
   */
  durable?: boolean;
  /**
   * where the PDF goes instead of OUT/<date>/<name>.pdf: a file path (`-o FILE`), or a stream
   * (standard output) that gets the bytes only once the build has succeeded; not with `split`
   */
  output?: string | NodeJS.WritableStream;
  /** the source's bytes when it was read from standard input (`source` then only names it, see STDIN_NAME) */
  stdin?: Uint8Array;
  /** aborts the build between pages (`build --watch` stopped by Ctrl-C): nothing is written, the signal's reason is thrown */
  signal?: AbortSignal;
  /** told of each page written as it is laid out, with the metrics that measured it (the archive's ALTO); the page is not kept */
  onPage?: (page: PageLayout, metrics: FontMetrics) => void;
  /** write only these pages (--pages); the whole edition is made up all the same, so jumps name the real pages */
  pages?: readonly PageRange[];
  /** one PDF per page written (--split), `<paper-slug>-<date>-p<NN>.pdf` */
  split?: boolean;
  /** the office profile's paper (default: A4 for an A4 page, else letter); other profiles ignore it */
  paper?: PaperName;
  /** the office profile: the page at its own size across several sheets (hardCopy.ts) */
  tile?: boolean;
}

export interface BuildReport {
  /** every file written, in page order (none when the PDF went to a stream) */
  files: string[];
  /** the pages of the edition */
  pages: number;
  /** the pages written (all of them unless --pages chose some) */
  pagesWritten: number[];
  format: PageFormatName;
  profile: ProfileName;
  stories: StoryReport[];
  /** per page: its modules (story, columns, grid lines), unused grid lines and the makeup score */
  makeup: PageReport[];
  warnings: Warning[];
  /** what the build filled in on its own, not problems (a caption or credit from the photo's metadata) */
  notes: Warning[];
}

/** "The Morning Ledger" → "the-morning-ledger"; letters of other scripts are kept ("Η Καθημερινή" → "η-καθημερινη") */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The measuring context of the house style, on the fonts in `fonts/`; photos are framed to
 * print at `photoPpi` or better.
 */
export function houseContext(photoPpi = PHOTO_TARGET_PPI.newsprint): TypesetContext {
  const hyphenators = new Map<string, Hyphenator>();
  const fonts = loadFonts();
  return {
    metrics: fontkitMetrics(fonts.fonts, fonts.tables),
    theme: HOUSE_THEME,
    photoPpi,
    // read only when a character no face can draw must be located (file:line:col)
    sourceText: (file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    hyphenatorFor: (lang) => {
      let h = hyphenators.get(lang);
      if (!h) hyphenators.set(lang, (h = hyphenatorFor(lang)));
      return h;
    },
  };
}

/**
 * What layout needs of each photo of the edition, by absolute path: its pixel size (read from
 * the file's header), or null when the file is missing — an error when `strict`.
 */
export async function photoInfos(edition: Edition, strict = false): Promise<Map<string, PhotoInfo>> {
  const photos = new Map<string, PhotoInfo>();
  for (const article of edition.articles) {
    if (!article.photo) continue;
    const path = resolve(dirname(article.sourcePath), article.photo.file);
    try {
      photos.set(path, { pixels: await readPhotoSize(path) });
    } catch (error) {
      if (!(error instanceof PhotoMissing)) throw error;
      if (strict) throw new WarningsAsErrors([{ code: 'photo-missing', file: article.sourcePath, message: `photo not found: ${article.photo.file}` }]);
      photos.set(path, { pixels: null });
    }
  }
  return photos;
}

/** An edition read and made up, its pages ready to be laid out one by one (`typeset.pages`). */
export interface EditionInLayout {
  edition: Edition;
  /** the measuring context layout uses (photos framed at the profile's resolution) */
  ctx: TypesetContext;
  typeset: TypesetPages;
  /** what reading the sources warned of */
  readWarnings: Warning[];
  /** what the build filled in on its own (a caption or credit from the photo's metadata) */
  notes: Warning[];
}

/**
 * The part of a build before painting, shared by every painter (the PDF here, the PNG proofs
 * in proof/): reads the edition, fills photo text, reads the photos' sizes and makes up the
 * pages for the profile's photo resolution. Nothing is written.
 */
export async function layOutEdition(source: string, options: Pick<BuildOptions, 'profile' | 'strict' | 'format' | 'condition' | 'stdin'>): Promise<EditionInLayout> {
  const readWarnings: Warning[] = [];
  const readNotes: Warning[] = [];
  const edition = await loadEdition(source, { onWarning: (w) => readWarnings.push(w), onNote: (n) => readNotes.push(n), stdin: options.stdin });
  if (options.format) edition.format = options.format;
  // a photo's own caption and credit fill what the article leaves empty
  const notes = [...readNotes, ...(await fillPhotoText(edition))];

  const photos = await photoInfos(edition, options.strict);

  // photos are framed to print at the profile's resolution: the press condition's, or the office's
  const ctx = houseContext(photoPpiFor(options.profile, options.condition ?? 'newsprint'));
  if (options.stdin !== undefined) {
    // a character no face can draw is located in standard input's text as in a file's
    const readFile = ctx.sourceText;
    const stdin = options.stdin;
    ctx.sourceText = (file) => (file === source ? decodeText(stdin, source) : readFile?.(file));
  }
  const typeset = typesetPages(edition, photos, ctx);
  return { edition, ctx, typeset, readWarnings, notes };
}

/**
 * How a photo is prepared for a frame: at the frame's size, at the resolution it was framed
 * for; for the press, with newsprint's sharpening and dot-gain curve (CMYK with `colour`).
 */
export function photoRequest(item: ImageBox, photoPpi: number, options: Pick<BuildOptions, 'profile' | 'condition' | 'colour'>): PhotoRequest {
  const condition = options.condition ?? 'newsprint';
  const forPress = options.profile === 'press';
  return {
    path: item.image,
    widthPt: item.box.width,
    heightPt: item.box.height,
    targetPpi: photoPpi,
    colour: forPress && options.colour ? 'cmyk' : PROFILES[options.profile].photoColour,
    inkLimit: INK_LIMIT[condition],
    newsprint: forPress && condition === 'newsprint',
    focus: item.focus,
  };
}

/**
 * The warnings of a laid-out edition: reading's, layout's, then each photo's from its
 * preparation (in page order), except a photo too small for one column, which layout already
 * reported with its resolution.
 */
export function editionWarnings(edition: Edition, layout: { warnings: Warning[]; stories: StoryReport[] }, readWarnings: Warning[], photoWarnings: { image: string; warnings: Warning[] }[]): Warning[] {
  const warnings: Warning[] = [...readWarnings, ...layout.warnings];
  const reportedLow = new Set(edition.articles.flatMap((a) => (a.photo && layout.stories.find((s) => s.slug === a.slug)?.photo?.belowTarget ? [resolve(dirname(a.sourcePath), a.photo.file)] : [])));
  for (const { image, warnings: found } of photoWarnings) if (!reportedLow.has(image)) warnings.push(...found);
  return warnings;
}

/** How far a build is: pages painted of those it writes (the edition's unless --pages chose some), and the words it sets. */
export interface BuildProgress {
  pages: number;
  pageCount: number;
  words: number;
}

/**
 * Builds one edition (folder, article or wire copy) into a PDF; nothing is written on error.
 * The pages are laid out, their photos prepared and the pages painted one after another, a few
 * pages ahead at most (PAGES_AHEAD): the edition is never held whole, only its reports.
 * `onProgress` is told as each page is painted.
 */
export async function buildEdition(source: string, options: BuildOptions, onProgress?: (progress: BuildProgress) => void): Promise<BuildReport> {
  if (options.split && options.output !== undefined) throw new Error('buildEdition: one output (-o) or one file per page (split), not both');
  // a file in the way of --out (or -o's folder) is said before the work, not after
  if (typeof options.output !== 'object') await missingFolders(options.output === undefined ? options.outDir : dirname(options.output));
  const { edition, ctx, typeset, readWarnings, notes } = await layOutEdition(source, options);
  const profile = PROFILES[options.profile];
  const condition = options.condition ?? 'newsprint';

  // photos are prepared at the size of the frame they were given, at the resolution they were
  // framed for; for the press, with newsprint's sharpening and dot-gain curve. A photo is
  // prepared once, for its first frame; its bytes are kept until its page is painted.
  const images = new Map<string, Buffer>();
  const prepareAtMost = limiter(PHOTOS_AT_ONCE);
  // per photo, in page order: its warnings (once, for its first frame)
  const photoWarnings: { image: string; warnings: Warning[] }[] = [];
  const firstFrames = new Map<string, ImageBox>();
  const prepareFrame = async (item: ImageBox, found?: { image: string; warnings: Warning[] }) => {
    const prepared = await prepareAtMost(() => preparePhoto(photoRequest(item, ctx.photoPpi, options)));
    images.set(item.image, prepared.image.data);
    if (found) found.warnings = prepared.warnings;
  };

  // the pages written (--pages: some of them; the whole edition is made up all the same, so
  // that jumps name the real pages) and the files they go to (--split: one per page)
  const written = selectedPages(options.pages, typeset.pageCount, source);
  const whole = written.length === typeset.pageCount;
  const digits = Math.max(2, String(typeset.pageCount).length);
  // -o FILE (or standard output, '-') names the one PDF; else it goes to OUT/<date>/ by its name
  const toStream = typeof options.output === 'object' ? options.output : undefined;
  const targets: { file: string; pages: number[] }[] = options.output !== undefined
    ? [{ file: toStream ? '-' : (options.output as string), pages: written }]
    : options.split
    ? written.map((n) => ({ file: join(options.outDir, edition.date, outputName(edition, options.profile, pagesPart([n], digits))), pages: [n] }))
    : [{ file: join(options.outDir, edition.date, outputName(edition, options.profile, whole ? undefined : pagesPart(written, digits))), pages: written }];
  const targetOf = new Map(targets.flatMap((t) => t.pages.map((n) => [n, t] as const)));
  onProgress?.({ pages: 0, pageCount: written.length, words: typeset.words });

  // a hard copy the paper prints too small to read is said before any page is painted (an error with --strict)
  const sheetWarnings: Warning[] = [];
  const hardCopySettings = options.profile === 'office' ? officeSettings(edition, options, ctx.theme.body.size) : undefined;
  if (hardCopySettings && !hardCopySettings.tile) {
    const { width, height } = PAGE_FORMATS[edition.format];
    const advice = hardCopyAdvice(width, height, hardCopySettings.paper, hardCopySettings.bodySize, `a ${edition.format}`);
    if (!advice.readable) {
      const warning: Warning = { code: 'hard-copy-too-small', file: edition.sourcePath, message: `office profile: ${advice.message}` };
      if (options.strict) throw new WarningsAsErrors([warning]);
      sheetWarnings.push(warning);
    }
  }

  // a single article's PDF is never written over one of a different story that happens to have
  // the same name (an edition's PDF is named by its paper and date: it is the edition's own);
  // a file named with -o, or standard input's, is the user's choice
  const single = isSingleArticle(edition) && options.output === undefined && options.stdin === undefined;
  if (single) for (const target of targets) await checkNoOtherSource(target.file, source);

  // each PDF goes to its file as it is painted, a page at a time (never whole in memory): a
  // temporary file beside it, renamed over it once the whole build has succeeded, removed
  // otherwise. With --split a file is opened when its page comes and finished after it, and all
  // are renamed together at the end: a failed build leaves none of them.
  const settings = {
    fonts: loadFonts(),
    images,
    profile,
    condition,
    meta: {
      title: `${edition.paper}, ${edition.date}`,
      author: edition.paper,
      subject: edition.articles.map((a) => a.headline).join(' · '),
      keywords: edition.articles.map((a) => a.slug).join(', '),
      date: edition.date,
    },
    archive: {
      lang: edition.lang ?? 'en',
      version: stonehandVersion(),
      stories: edition.articles.map((a) => ({ slug: a.slug, headline: a.headline, bylines: a.bylines, caption: a.photo?.caption })),
    },
    ...(hardCopySettings ? { hardCopy: hardCopySettings } : {}),
    // "Page N of M" counts the edition's pages when a PDF holds only some of them
    ...(whole && !options.split ? {} : { editionPageCount: typeset.pageCount }),
  };
  const opened: OpenOutput[] = [];
  const outputFor = async (target: (typeof targets)[number]): Promise<OpenOutput> => {
    const found = opened.find((o) => o.file === target.file);
    if (found) return found;
    const output = await openOutput(target.file, (sink) => openPdf({ ...settings, pageCount: target.pages.length }, sink), { stream: toStream, durable: options.durable ?? true });
    opened.push(output);
    return output;
  };
  let painted = 0;
  try {
    // a page waits here while its photos are prepared: sharp works in its own threads, so the
    // photos of the next pages are prepared while this one is painted. A photo's bytes are let go
    // once no waiting page shows it; shown again later, it is prepared again for its first frame.
    const preparing = new Map<string, Promise<void>>();
    const waiting: { page: PageLayout; ready: Promise<unknown>; photos: string[] }[] = [];
    const paintNext = async () => {
      const next = waiting.shift()!;
      await next.ready;
      const target = targetOf.get(next.page.number)!;
      const output = await outputFor(target);
      output.painter.page(next.page);
      await output.flush();
      // a file of --split is finished with its page (its bytes written; renamed at the end)
      if (output.painter.painted === target.pages.length) await output.finish();
      painted++;
      for (const image of next.photos) {
        if (waiting.some((w) => w.photos.includes(image))) continue;
        images.delete(image);
        preparing.delete(image);
      }
      onProgress?.({ pages: painted, pageCount: written.length, words: typeset.words });
    };
    try {
      for (const page of typeset.pages) {
        // a page not written is laid out all the same (the reports cover the edition), not painted
        options.signal?.throwIfAborted();
        if (!targetOf.has(page.number)) continue;
        options.onPage?.(page, ctx.metrics);
        const photos: string[] = [];
        for (const item of page.items) {
          if (item.type !== 'image' || photos.includes(item.image)) continue;
          photos.push(item.image);
          if (preparing.has(item.image)) continue;
          const first = firstFrames.get(item.image);
          let found: (typeof photoWarnings)[number] | undefined;
          if (!first) {
            firstFrames.set(item.image, item);
            photoWarnings.push((found = { image: item.image, warnings: [] }));
          }
          const preparation = prepareFrame(first ?? item, found);
          preparation.catch(() => {}); // awaited with its page below; a failure fails the build there
          preparing.set(item.image, preparation);
        }
        const ready = Promise.all(photos.map((image) => preparing.get(image)));
        ready.catch(() => {}); // the same: a page left waiting when something else fails is no unhandled rejection
        waiting.push({ page, ready, photos });
        if (waiting.length > PAGES_AHEAD) await paintNext();
      }
      while (waiting.length > 0) await paintNext();
    } finally {
      // a failed build leaves no photo being prepared behind it
      await Promise.allSettled(preparing.values());
    }

    const layout = typeset.finish();
    const warnings = editionWarnings(edition, layout, [...readWarnings, ...sheetWarnings], photoWarnings);
    if (options.strict && warnings.length > 0) throw new WarningsAsErrors(warnings);

    for (const output of opened) await output.finish();
    options.signal?.throwIfAborted();
    for (const output of opened) await output.commit();
    if (single) {
      for (const output of opened) {
        await recordSource(output.file, source).catch((error: unknown) => {
          throw outputError(error, output.file);
        });
      }
    }
    return {
      files: toStream ? [] : opened.map((o) => o.file),
      pages: typeset.pageCount,
      pagesWritten: written,
      format: edition.format,
      profile: options.profile,
      stories: layout.stories,
      makeup: layout.makeup,
      warnings,
      notes,
    };
  } catch (error) {
    await Promise.all(opened.map((o) => o.abort()));
    throw error;
  }
}

/** A PDF being painted into its temporary file. */
interface OpenOutput {
  file: string;
  painter: PdfPainter;
  /** writes the bytes painted so far, in order */
  flush(): Promise<void>;
  /** ends the PDF and writes its last bytes (once; later calls do nothing) */
  finish(): Promise<void>;
  /** renames the temporary file over the file */
  commit(): Promise<void>;
  /** removes the temporary file; never throws */
  abort(): Promise<void>;
}

/**
 * Opens the temporary file of `file` (or of `stream`, which gets the bytes on commit) and a
 * painter whose bytes go to it as `flush` is called.
 */
async function openOutput(
  file: string,
  open: (sink: (chunk: Buffer) => void) => PdfPainter,
  { stream, durable }: { stream?: NodeJS.WritableStream; durable: boolean },
): Promise<OpenOutput> {
  const pdf = await (stream ? openStreamOutput(stream) : openAtomicFile(file, { durable })).catch((error: unknown) => {
    throw outputError(error, file);
  });
  const pending: Buffer[] = [];
  const painter = open((chunk) => void pending.push(chunk));
  const flush = async () => {
    if (pending.length === 0) return;
    const bytes = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    pending.length = 0;
    await pdf.write(bytes).catch((error: unknown) => {
      throw outputError(error, file);
    });
  };
  let ended = false;
  return {
    file,
    painter,
    flush,
    async finish() {
      if (ended) return;
      ended = true;
      await painter.end();
      await flush();
    },
    commit: () =>
      pdf.commit().catch((error: unknown) => {
        throw outputError(error, file);
      }),
    abort: () => pdf.abort(),
  };
}

/** The pages `ranges` choose (all when none are given), or a ContentError naming the source and a page it does not have. */
export function selectedPages(ranges: readonly PageRange[] | undefined, pageCount: number, source: string): number[] {
  if (!ranges) return Array.from({ length: pageCount }, (_, i) => i + 1);
  try {
    return selectPages(ranges, pageCount);
  } catch (error) {
    if (error instanceof RangeError) throw new ContentError(source, error.message);
    throw error;
  }
}

/** Pages in a file name: `p03` for one, `p01,03-04` for several (page numbers at least `digits` wide, so files sort in page order). */
export function pagesPart(pages: readonly number[], digits = 2): string {
  const pad = (n: number) => String(n).padStart(digits, '0');
  const runs: string[] = [];
  for (let i = 0; i < pages.length; ) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    runs.push(j === i ? pad(pages[i]) : `${pad(pages[i])}-${pad(pages[j])}`);
    i = j + 1;
  }
  return `p${runs.join(',')}`;
}

/** The office profile's paper (asked for, else the page's own office paper) and tiling. */
function officeSettings(edition: Edition, options: BuildOptions, bodySize: number): { paper: PaperName; tile: boolean; bodySize: number } {
  const { width, height } = PAGE_FORMATS[edition.format];
  return { paper: options.paper ?? defaultPaper(width, height), tile: options.tile ?? false, bodySize };
}

/**
 * The PDF's file name: `<paper-slug>-<date>[-<profile>].pdf` for an edition folder; a single
 * article (or wire copy) adds its slug, `<paper-slug>-<date>-<article-slug>[-<profile>].pdf`,
 * so that two stories of one day built into one folder never overwrite each other. A PDF of
 * some of the pages (--pages, --split) adds them (`pagesPart`) before the profile:
 * `<paper-slug>-<date>-p03.pdf`, `…-p01,03-04-office.pdf`.
 */
export function outputName(edition: Edition, profile: ProfileName, pages?: string): string {
  const suffix = profile === 'press' ? '' : `-${profile}`;
  const story = isSingleArticle(edition) ? slugify(edition.articles[0].slug).slice(0, 80).replace(/-+$/, '') : '';
  return `${slugify(edition.paper).slice(0, 80).replace(/-+$/, '') || 'edition'}-${edition.date}${story ? `-${story}` : ''}${pages ? `-${pages}` : ''}${suffix}.pdf`;
}

/** A build of one article file (Markdown, news XML, wire copy), not of an edition folder. */
const isSingleArticle = (edition: Edition) => edition.articles.length === 1 && edition.articles[0].sourcePath === edition.sourcePath;

/** Photos prepared at once. */
const PHOTOS_AT_ONCE = 4;
/** Pages laid out ahead of the one being painted, their photos being prepared. */
const PAGES_AHEAD = 4;

/** Runs at most `limit` of the functions given to it at a time, the others waiting in turn. */
function limiter(limit: number): <R>(fn: () => Promise<R>) => Promise<R> {
  let running = 0;
  const queue: (() => void)[] = [];
  return async (fn) => {
    // a free place is taken; else one is handed over by a function that ends
    if (running < limit) running++;
    else await new Promise<void>((resolve) => queue.push(resolve));
    try {
      return await fn();
    } finally {
      const next = queue.shift();
      if (next) next();
      else running--;
    }
  };
}

/**
 * The resolution photos are framed for: the press condition's (200 ppi newsprint, 300 coated),
 * else the profile's (office 150; the archive 200, so that it keeps the newsprint edition's pages).
 */
export function photoPpiFor(profile: ProfileName, condition: PrintCondition): number {
  return profile === 'press' ? PHOTO_TARGET_PPI[condition] : PROFILES[profile].photoPpi;
}
