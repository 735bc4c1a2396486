// The build: the edges (reading sources, fonts and photos; writing the PDF) around the pure
// core `typesetEdition` and the painter.
import { dirname, join, resolve } from 'node:path';
import { hyphenatorFor } from '../compose/hyphenate.js';
import type { Hyphenator } from '../compose/hyphenate.js';
import { loadEdition } from '../io/loadEdition.js';
import { loadFonts } from '../io/loadFonts.js';
import { PhotoMissing, preparePhoto, readPhotoSize } from '../io/preparePhoto.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { PageFormatName } from '../model/article.js';
import { ContentError, type Warning } from '../model/errors.js';
import type { StoryReport } from '../model/layout.js';
import type { TypesetContext } from '../flow/context.js';
import type { PhotoInfo } from '../flow/storyPage.js';
import { paintPdf } from '../render/pdfPainter.js';
import { INK_LIMIT, PHOTO_TARGET_PPI, PROFILES, type PrintCondition, type ProfileName } from '../render/profiles.js';
import { HOUSE_THEME } from '../style/theme.js';
import { fontkitMetrics } from '../text/fontkitMetrics.js';
import { typesetEdition } from '../typeset.js';

export interface BuildOptions {
  outDir: string;
  profile: ProfileName;
  strict: boolean;
  /** colour pages: press photos in CMYK within the condition's ink limit instead of greyscale */
  colour?: boolean;
  format?: PageFormatName;
  /** the printing condition of the press PDF's output intent (default newsprint) */
  condition?: PrintCondition;
}

export interface BuildReport {
  files: string[];
  pages: number;
  format: PageFormatName;
  profile: ProfileName;
  stories: StoryReport[];
  warnings: Warning[];
}

/** "The Morning Ledger" → "the-morning-ledger" */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The measuring context of the house style, on the fonts in `fonts/`. */
export function houseContext(): TypesetContext {
  const hyphenators = new Map<string, Hyphenator>();
  const fonts = loadFonts();
  return {
    metrics: fontkitMetrics(fonts.fonts, fonts.tables),
    theme: HOUSE_THEME,
    hyphenatorFor: (lang) => {
      let h = hyphenators.get(lang);
      if (!h) hyphenators.set(lang, (h = hyphenatorFor(lang)));
      return h;
    },
  };
}

/** Builds one edition (folder, article or wire copy) into a PDF; nothing is written on error. */
export async function buildEdition(source: string, options: BuildOptions): Promise<BuildReport> {
  const edition = await loadEdition(source);
  if (options.format) edition.format = options.format;
  const profile = PROFILES[options.profile];
  const warnings: Warning[] = [];

  // what layout needs of each photo: its aspect ratio, or that it is missing
  const photos = new Map<string, PhotoInfo>();
  for (const article of edition.articles) {
    if (!article.photo) continue;
    const path = resolve(dirname(article.sourcePath), article.photo.file);
    try {
      const size = await readPhotoSize(path);
      photos.set(path, { aspect: size.width / size.height });
    } catch (error) {
      if (!(error instanceof PhotoMissing)) throw error;
      if (options.strict) throw new ContentError(article.sourcePath, `photo not found: ${article.photo.file}`);
      photos.set(path, { aspect: null });
    }
  }

  const ctx = houseContext();
  const layout = typesetEdition(edition, photos, ctx);
  warnings.push(...layout.warnings);

  // photos are prepared at the size of the frame they were given; for the press, at the print
  // condition's resolution, and with newsprint's sharpening and dot-gain curve
  const condition = options.condition ?? 'newsprint';
  const forPress = options.profile === 'press';
  const images = new Map<string, Buffer>();
  for (const page of layout.pages) {
    for (const item of page.items) {
      if (item.type !== 'image' || images.has(item.image)) continue;
      const prepared = await preparePhoto({
        path: item.image,
        widthPt: item.box.width,
        heightPt: item.box.height,
        targetPpi: forPress ? PHOTO_TARGET_PPI[condition] : profile.photoPpi,
        colour: forPress && options.colour ? 'cmyk' : profile.photoColour,
        inkLimit: INK_LIMIT[condition],
        newsprint: forPress && condition === 'newsprint',
        focus: item.focus,
      });
      images.set(item.image, prepared.image.data);
      warnings.push(...prepared.warnings);
    }
  }
  if (options.strict && warnings.length > 0) {
    const first = warnings[0];
    throw new ContentError(first.file, `${first.message} (--strict: warnings are errors${warnings.length > 1 ? `; ${warnings.length - 1} more` : ''})`);
  }

  const bytes = await paintPdf({
    pages: layout.pages,
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
  });
  const suffix = options.profile === 'press' ? '' : `-${options.profile}`;
  const file = join(options.outDir, edition.date, `${slugify(edition.paper)}-${edition.date}${suffix}.pdf`);
  await writeFileAtomic(file, bytes);
  return {
    files: [file],
    pages: layout.pages.length,
    format: edition.format,
    profile: options.profile,
    stories: layout.stories,
    warnings,
  };
}
