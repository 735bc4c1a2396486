// The painter: the only module that imports pdfkit. It draws a PageLayout exactly as laid
// out — every run at its computed position, never letting pdfkit wrap or move text — and
// makes no layout decision. Its one translation is mechanical: the gaps layout leaves between
// the runs of a line are drawn as real space glyphs whose advance ends where the next run begins
// (textObjects.ts), so the text layer reads word for word; pdfkitText.ts writes them, the one
// module that reads pdfkit's text internals. What the painter does decide is the sheet the page
// is painted on, per profile (sheet.ts): the press sheet with bleed, crop marks and slug
// (PDF/X-1a, pdfx.ts), the office sheets of a hard copy (hardCopy.ts: the page fitted to the
// paper, or tiled across several sheets), or the bare trim.
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { LoadedFonts } from '../io/loadFonts.js';
import type { FontKey, LayoutItem, PageLayout } from '../model/layout.js';
import { drawableSegments } from '../text/fallback.js';
import { fastShapingFont } from './fastShapingFont.js';
import { cropMarks, MARK_WEIGHT, slugPlacement } from './marks.js';
import { openImage, registerFontObject, setFileId } from './pdfkitAdapter.js';
import { drawTextObjects } from './pdfkitText.js';
import { greyOperand, installXmp, pdfaOptions, Tagger, wholeWords } from './pdfa.js';
import { addOutputIntent, cmykOperands, OUTPUT_CONDITIONS, overprinter, pdfxInfo, setPageBoxes } from './pdfx.js';
import { defaultPaper, HARD_COPY_MARK_WEIGHT, hardCopy, type HardCopySheet, type PaperName, sheetLabel } from './hardCopy.js';
import { DEFAULT_CONDITION, type PrintCondition, type Profile } from './profiles.js';
import { pressSheet, type Box } from './sheet.js';
import { HOUSE_THEME } from '../style/theme.js';
import { textObjects, type TextObject } from './textObjects.js';

export interface PaintInput {
  pages: PageLayout[];
  /** the faces layout measured with: parsed fonts (drawn with) and their file bytes (hashed for the ID) */
  fonts: LoadedFonts;
  /** prepared photo bytes (JPEG) by ImageBox.image key */
  images: Map<string, Buffer>;
  profile: Profile;
  /** the printing condition of the press profile's output intent (default newsprint); other profiles ignore it */
  condition?: PrintCondition;
  /**
   * document metadata; `date` (ISO) is the edition's date, so output is reproducible; `author` is
   * the paper's name (it also heads the press slug line)
   */
  meta: { title: string; author: string; subject: string; keywords: string; date: string };
  /** what the archive profile's PDF/A says of the edition beyond `meta` (XMP, /Lang, alternative text); other profiles ignore it */
  archive?: ArchiveInfo;
  /**
   * the office profile's paper and whether the page is tiled at its own size (hardCopy.ts), and
   * the body size the layout set (the label of a fitted sheet says it printed); other profiles
   * ignore it. Default: the page's own office paper (A4 for an A4 page, else letter), fitted.
   */
  hardCopy?: { paper?: PaperName; tile?: boolean; bodySize: number };
}

/** The edition as the archive PDF describes it. */
export interface ArchiveInfo {
  /** BCP 47 language of the edition (the catalog's /Lang) */
  lang: string;
  /** Stonehand's version */
  version: string;
  /** the stories in edition order */
  stories: { slug: string; headline: string; bylines: string[]; caption?: string }[];
}

/**
 * What the painter needs before the first page: everything but the pages, and how many there
 * will be (the press slug line says "Page N of M"). `images` needs to hold a page's photos only
 * while that page is painted.
 */
export type PdfSettings = Omit<PaintInput, 'pages'> & {
  /** the pages this PDF will have */
  pageCount: number;
  /** the pages of the whole edition, when this PDF holds only some of them (`--pages`, `--split`): "Page N of M" counts these */
  editionPageCount?: number;
};

/** A PDF being painted page by page: each page is drawn and handed to pdfkit as it comes, and not kept. */
export interface PdfPainter {
  /** draws the next page (pages come in order) */
  page(page: PageLayout): void;
  /** pages painted so far */
  readonly painted: number;
  /** ends the document; resolves once its last bytes are handed to the sink */
  end(): Promise<void>;
}

/**
 * Where the PDF's bytes go as pdfkit makes them, in order: each chunk once, none kept by the
 * painter. A chunk may come during `page` or `end`, or on a later tick of the event loop
 * (pdfkit is a Node stream); all have come when `end` resolves.
 */
export type PdfSink = (chunk: Buffer) => void;

/** Registration colour: all four inks at 100 %, for marks that must show on every plate. */
export const REGISTRATION: [number, number, number, number] = [100, 100, 100, 100];
/** The face of the slug line: one the pages already embed. */
const SLUG_FONT: FontKey = 'displayRegular';

interface Painter {
  doc: PDFKit.PDFDocument;
  input: PdfSettings;
  /** switches overprint on in the current graphics state (a no-op unless the profile overprints black) */
  overprint: () => void;
  /** the structure tree being built (archive profile) */
  tagger?: Tagger;
  /** colour operators of an ink: K-only CMYK, or DeviceGray for PDF/A */
  fill: (ink: readonly number[]) => string;
  stroke: (ink: readonly number[]) => string;
  /**
   * while a page is painted on several sheets (tiles): each photo opened once, so that its image
   * is embedded once and shown on every sheet (pdfkit embeds a Buffer anew at each call)
   */
  openedImages?: Map<string, unknown>;
}

/** Draws the pages into a PDF and returns its bytes. */
export async function paintPdf(input: PaintInput): Promise<Buffer> {
  const { pages, ...settings } = input;
  const chunks: Buffer[] = [];
  const painter = openPdf({ ...settings, pageCount: pages.length }, (chunk) => chunks.push(chunk));
  for (const page of pages) painter.page(page);
  await painter.end();
  return Buffer.concat(chunks);
}

/**
 * Opens a PDF to be painted page by page, its bytes handed to `sink` as they are made (the
 * painter does no I/O): the same bytes paintPdf makes of the same pages.
 */
export function openPdf(input: PdfSettings, sink: PdfSink): PdfPainter {
  const { profile } = input;
  const condition = input.condition ?? DEFAULT_CONDITION;
  const date = new Date(`${input.meta.date}T00:00:00Z`);
  const info = {
    Title: input.meta.title,
    Author: input.meta.author,
    Subject: input.meta.subject,
    Keywords: input.meta.keywords,
    Creator: 'Stonehand',
    Producer: 'Stonehand (pdfkit)',
    CreationDate: date,
    ModDate: date,
    ...(profile.pdfx ? pdfxInfo() : {}),
  };
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    // PDF 1.3 (pdfkit's default), as PDF/X-1a:2001 requires
    // no default Helvetica: every font in the file is one of ours, embedded
    font: null as unknown as string,
    // the archive profile: PDF/A-1 (PDF 1.4), tagged, in the edition's language
    ...(profile.pdfa ? pdfaOptions(input.archive?.lang ?? 'en') : {}),
    // pdfkit writes the extra keys (GTS_PDFX…, Trapped) as they are; its typings list only the usual ones
    info: info as PDFKit.DocumentInfo,
  });
  doc.on('data', sink);
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  // the very fontkit objects layout measured with, shaping plain text with the same compiled
  // tables: what was measured is what is drawn, and nothing is shaped twice from scratch
  for (const key of Object.keys(input.fonts.fonts) as FontKey[]) {
    registerFontObject(doc, key, fastShapingFont(input.fonts.fonts[key], () => input.fonts.tables(key)));
  }
  if (profile.pdfx) addOutputIntent(doc, condition);
  const stories = input.archive?.stories ?? [];
  if (profile.pdfa) {
    installXmp(doc, {
      ...info,
      creator: info.Creator,
      producer: info.Producer,
      title: info.Title,
      author: info.Author,
      subject: info.Subject,
      keywords: info.Keywords,
      date: input.meta.date,
      pageCount: input.editionPageCount ?? input.pageCount,
      headlines: stories.map((s) => s.headline),
      bylines: stories.flatMap((s) => s.bylines),
      version: input.archive?.version ?? '',
    });
  }

  const painter: Painter = {
    doc,
    input,
    overprint: profile.overprintBlack ? overprinter(doc) : () => {},
    tagger: profile.pdfa ? new Tagger(doc, new Map(stories.map((s) => [s.slug, { alt: s.caption }]))) : undefined,
    fill: profile.pdfa ? (ink) => `${greyOperand(ink)} g` : (ink) => `${cmykOperands(ink)} k`,
    stroke: profile.pdfa ? (ink) => `${greyOperand(ink)} G` : (ink) => `${cmykOperands(ink)} K`,
  };
  const id = contentId(input, condition);
  let painted = 0;
  return {
    page(page: PageLayout) {
      if (painted >= input.pageCount) throw new Error(`painter: more than the ${input.pageCount} pages announced`);
      const slug = `${input.meta.author} · ${input.meta.date} · Page ${page.number} of ${input.editionPageCount ?? input.pageCount} · ${profile.name} · ${OUTPUT_CONDITIONS[condition].label}`;
      id.page(page);
      paintPage(painter, page, slug);
      painted++;
    },
    get painted() {
      return painted;
    },
    async end() {
      if (painted !== input.pageCount) throw new Error(`painter: ${painted} pages painted of the ${input.pageCount} announced`);
      // the file identifier comes from what is printed, not from the document info (pdfkit's own
      // ID hashes the info dictionary only): the same pages give the same ID, other pages another
      setFileId(doc, id.digest());
      doc.end();
      await finished;
    },
  };
}

/** Each font file's MD5, taken once a process: the files are megabytes, the same for every PDF (6 ms a PDF of an archive's 200). */
const fontDigests = new WeakMap<Uint8Array, string>();
function fontDigest(file: Uint8Array): string {
  let digest = fontDigests.get(file);
  if (digest === undefined) fontDigests.set(file, (digest = createHash('md5').update(file).digest('hex')));
  return digest;
}

/**
 * MD5 (the 16 bytes PDF IDs customarily have) of the layout, photos, fonts, profile and condition,
 * taken page by page: the JSON of `{ pages, meta, profile, condition }`, hashed in pieces as the
 * pages come. A photo counts by its prepared bytes, not by its key (the file's absolute path):
 * the same edition built from another folder gets the same ID. A font counts by its MD5.
 */
function contentId(input: PdfSettings, condition: string): { page(page: PageLayout): void; digest(): Uint8Array } {
  const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
  const photo = (key: string) => md5(input.images.get(key) ?? new Uint8Array());
  const hash = createHash('md5');
  hash.update('{"pages":[');
  let pages = 0;
  return {
    page(page) {
      // a photo's key is an image box's `image` (nothing else in a page is called so); JSON
      // without a replacer function is much the faster
      const items = page.items.map((item) => (item.type === 'image' ? { ...item, image: photo(item.image) } : item));
      hash.update(`${pages++ > 0 ? ',' : ''}${JSON.stringify({ ...page, items })}`);
    },
    digest() {
      hash.update(`],${JSON.stringify({ meta: input.meta, profile: input.profile.name, condition }).slice(1)}`);
      // what only the archive PDF says (its XMP, /Lang, alternative text); the other profiles' IDs stay as they were
      if (input.profile.pdfa && input.archive) hash.update(JSON.stringify(input.archive));
      // the office profile's paper and tiling; the edition's page count when this PDF holds some of its pages
      if (input.profile.sheet === 'office' && input.hardCopy) hash.update(JSON.stringify({ hardCopy: input.hardCopy }));
      if (input.editionPageCount !== undefined && input.editionPageCount !== input.pageCount) hash.update(JSON.stringify({ editionPageCount: input.editionPageCount }));
      for (const key of Object.keys(input.fonts.files).sort()) hash.update(key).update(fontDigest(input.fonts.files[key as FontKey]));
      return new Uint8Array(hash.digest());
    },
  };
}

/** One page on the profile's sheet. */
function paintPage(painter: Painter, page: PageLayout, slug: string) {
  const { doc } = painter;
  switch (painter.input.profile.sheet) {
    case 'press':
      paintPressPage(painter, page, slug);
      return;
    case 'office':
      paintOfficePage(painter, page);
      return;
    case 'trim': {
      doc.addPage({ size: [page.width, page.height], margin: 0 });
      const trim: Box = { left: 0, bottom: 0, right: page.width, top: page.height };
      setPageBoxes(doc, { media: trim, trim });
      paintItems(painter, page);
      return;
    }
  }
}

/**
 * The press sheet: the trim with 3 mm bleed and a slug around it; crop marks and the slug line
 * outside the bleed; the page drawn translated so that layout coordinates stay trim-relative.
 */
function paintPressPage(painter: Painter, page: PageLayout, slug: string) {
  const { doc } = painter;
  const sheet = pressSheet(page.width, page.height);
  doc.addPage({ size: [sheet.media.right, sheet.media.top], margin: 0 });
  setPageBoxes(doc, sheet);
  paintMarks(painter, sheet.media, sheet.trim, slug);
  doc.save();
  doc.translate(sheet.origin.x, sheet.origin.y);
  paintItems(painter, page);
  doc.restore();
}

/** Crop marks (registration colour, 0.25 pt) and the slug line (K only), as marks.ts places them. */
function paintMarks(painter: Painter, media: Box, trim: Box, slug: string) {
  const { doc, input } = painter;
  // marks: drawn in PDF user space (pdfkit starts each page flipped to y-down)
  doc.save();
  doc.transform(1, 0, 0, -1, 0, media.top);
  doc.lineWidth(MARK_WEIGHT);
  doc.addContent(`${cmykOperands(REGISTRATION)} K`);
  for (const m of cropMarks(trim)) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
  doc.stroke();
  doc.restore();

  // slug line: pdfkit's y-down page space
  const place = slugPlacement(trim);
  doc.save();
  painter.overprint();
  doc.addContent(`${cmykOperands(input.profile.ink)} k`);
  drawSheetText(painter, slug, { x: place.x, baseline: media.top - place.baseline, size: place.size, maxWidth: place.maxWidth });
  doc.restore();
}

/**
 * A line of the sheet's own text (the press slug line, a hard copy's label) in SLUG_FONT at
 * `size`, shrunk to `maxWidth` if wider, from `x` (or centred in `maxWidth` from `x`), its
 * baseline at `baseline` in pdfkit's y-down page space. The colour is the caller's.
 */
function drawSheetText(painter: Painter, text: string, at: { x: number; baseline: number; size: number; maxWidth: number; centre?: boolean }) {
  const { doc, input } = painter;
  if (!input.fonts.fonts[SLUG_FONT]) throw new Error(`painter: no font ${SLUG_FONT} for the slug line`);
  // the paper's name may need the fallback face (a Greek or Cyrillic title): each piece in its face
  const fonts = input.fonts.fonts;
  const pieces = drawableSegments(text, SLUG_FONT, (key, code) => fonts[key].hasGlyphForCodePoint(code));
  const widthAt = (size: number) => pieces.reduce((sum, p) => sum + doc.font(p.font).fontSize(size).widthOfString(p.text), 0);
  const width = widthAt(at.size);
  const size = width > at.maxWidth ? (at.size * at.maxWidth) / width : at.size;
  let x = at.centre ? at.x + (at.maxWidth - Math.min(width, at.maxWidth)) / 2 : at.x;
  for (const piece of pieces) {
    doc.font(piece.font).fontSize(size);
    doc.text(piece.text, x, at.baseline, { lineBreak: false, baseline: 'alphabetic' });
    x += doc.widthOfString(piece.text);
  }
}

/**
 * The office sheets of a page (hardCopy.ts): one sheet with the page at its own size or fitted
 * to the paper, or the tiles of the page at its own size, row by row, each showing its window
 * with its crop, cut and alignment marks. Each sheet labelled where it has room. No boxes but
 * the MediaBox.
 */
function paintOfficePage(painter: Painter, page: PageLayout) {
  const { doc, input } = painter;
  const settings = input.hardCopy ?? { bodySize: HOUSE_THEME.body.size };
  const copy = hardCopy(page.width, page.height, settings.paper ?? defaultPaper(page.width, page.height), { tile: settings.tile ?? false, bodySize: settings.bodySize });
  const info = { paper: input.meta.author, date: input.meta.date, page: page.number, pageCount: input.editionPageCount ?? input.pageCount };
  if (copy.sheets.length > 1) painter.openedImages = new Map();
  for (const sheet of copy.sheets) {
    doc.addPage({ size: [sheet.width, sheet.height], margin: 0 });
    setPageBoxes(doc, { media: { left: 0, bottom: 0, right: sheet.width, top: sheet.height } });
    if (sheet.label) {
      doc.save();
      doc.addContent(painter.fill(input.profile.ink));
      const { left, right, baseline, size } = sheet.label;
      drawSheetText(painter, sheetLabel(info, copy, sheet), { x: left, baseline, size, maxWidth: right - left, centre: true });
      doc.restore();
    }
    paintHardCopyMarks(painter, sheet);
    if (sheet.scale === 1 && sheet.x === 0 && sheet.y === 0 && !sheet.clip) {
      paintItems(painter, page);
      continue;
    }
    doc.save();
    if (sheet.clip) doc.rect(sheet.clip.x, sheet.clip.y, sheet.clip.width, sheet.clip.height).clip();
    doc.transform(sheet.scale, 0, 0, sheet.scale, sheet.x, sheet.y);
    paintItems(painter, page);
    doc.restore();
  }
  painter.openedImages = undefined;
}

/** A tile's crop, cut and alignment marks (hardCopy.ts), in the profile's ink. */
function paintHardCopyMarks(painter: Painter, sheet: HardCopySheet) {
  const { doc, input } = painter;
  const lines = [...sheet.marks.crop, ...sheet.marks.cut, ...sheet.marks.align];
  if (lines.length === 0) return;
  doc.save();
  doc.lineWidth(HARD_COPY_MARK_WEIGHT);
  doc.addContent(painter.stroke(input.profile.ink));
  for (const m of lines) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2);
  doc.stroke();
  doc.restore();
}

function paintItems(painter: Painter, page: PageLayout) {
  const { tagger } = painter;
  if (!tagger) {
    for (const item of page.items) paintItem(painter, item);
    return;
  }
  // PDF/A: every item in its story's structure element or an artifact; whole words at line-end hyphens
  tagger.beginPage(page);
  const actual = new Map<number, { last?: string; first?: boolean }>();
  for (const [i, { last, nextIndex }] of wholeWords(page)) {
    actual.set(i, { ...actual.get(i), last });
    actual.set(nextIndex, { ...actual.get(nextIndex), first: true });
  }
  page.items.forEach((item, i) => tagger.item(i, () => paintItem(painter, item, actual.get(i))));
}

/** Sets the ActualText of a line's first span (to nothing) and of its last (to the whole word). */
function withActualText(objects: TextObject[], actual: { last?: string; first?: boolean }): TextObject[] {
  const firstSpan = objects[0]?.spans[0];
  const lastObject = objects[objects.length - 1];
  const lastSpan = lastObject?.spans[lastObject.spans.length - 1];
  if (actual.first && firstSpan) firstSpan.actualText = '';
  if (actual.last !== undefined && lastSpan) lastSpan.actualText = actual.last;
  return objects;
}

function paintItem(painter: Painter, item: LayoutItem, actual?: { last?: string; first?: boolean }) {
  const { doc, input } = painter;
  const { profile } = input;
  switch (item.type) {
    case 'text':
      doc.save();
      painter.overprint();
      doc.addContent(painter.fill(profile.ink));
      drawTextObjects(doc, actual ? withActualText(textObjects(item.runs), actual) : textObjects(item.runs));
      doc.restore();
      return;
    case 'rule':
      doc.save().lineWidth(item.thickness);
      painter.overprint();
      doc.addContent(painter.stroke(profile.ink));
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke().restore();
      return;
    case 'image': {
      const bytes = input.images.get(item.image);
      if (!bytes) throw new Error(`painter: no prepared image for ${item.image}`);
      if (profile.pdfx) {
        const channels = jpegChannels(bytes);
        if (channels !== 1 && channels !== 4) {
          throw new Error(`painter: ${item.image} is prepared with ${channels} channels; the ${profile.name} profile takes greyscale or CMYK photos only`);
        }
      }
      const { x, y, width, height } = item.box;
      const opened = painter.openedImages;
      if (opened && !opened.has(item.image)) opened.set(item.image, openImage(doc, bytes));
      // pdfkit takes an opened image where it takes a Buffer (its typings say Buffer only)
      doc.image((opened?.get(item.image) ?? bytes) as Buffer, x, y, { width, height });
      return;
    }
    case 'placeholder': {
      const { x, y, width, height } = item.box;
      doc.save().lineWidth(1);
      doc.addContent(painter.stroke(profile.placeholderInk));
      doc.rect(x, y, width, height).stroke();
      doc.moveTo(x, y).lineTo(x + width, y + height).moveTo(x + width, y).lineTo(x, y + height).stroke();
      doc.restore();
      doc.save();
      painter.overprint();
      doc.addContent(painter.fill(profile.ink));
      drawTextObjects(doc, textObjects(item.label));
      doc.restore();
      return;
    }
  }
}

/** The number of components of a JPEG (from its start-of-frame marker), or 0 if none is found. */
export function jpegChannels(bytes: Uint8Array): number {
  let pos = 2;
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== 0xff) return 0;
    const marker = bytes[pos + 1];
    if (marker === 0xff) {
      pos++;
      continue;
    }
    const length = (bytes[pos + 2] << 8) | bytes[pos + 3];
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return pos + 9 < bytes.length ? bytes[pos + 9] : 0;
    }
    pos += 2 + length;
  }
  return 0;
}
