// Reading PDFs back in tests: text runs with positions, fonts and images, via pdfjs-dist
// (the legacy build, which runs in Node), plus a few checks on the raw bytes.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';

/** One text run as pdfjs reports it; x/y in PDF user space (origin bottom-left, y up). */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** the pdfjs font id (key into the page's commonObjs) */
  fontName: string;
  hasEOL: boolean;
}

export interface PdfFont {
  /** pdfjs font id */
  id: string;
  /** the BaseFont name as written in the file, e.g. "ABCDEF+Newsreader-Regular" */
  name: string;
  /** false when the font program is embedded in the PDF */
  missingFile: boolean;
  type: string;
}

export interface PdfImage {
  /** the XObject name pdfjs gave it */
  name: string;
  width: number;
  height: number;
  /** pdfjs ImageKind: 1 GRAYSCALE_1BPP, 2 RGB_24BPP, 3 RGBA_32BPP (absent for decoded bitmaps) */
  kind?: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  fonts: PdfFont[];
  images: PdfImage[];
}

/** Opens PDF bytes with pdfjs, with nothing taken from the system (fonts, eval). */
export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdfjs may detach the buffer it is given: always hand it a copy
  return getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
}

/** Reads every page of a PDF: its text runs (empty ones dropped), fonts and images. */
export async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  const doc = await openPdf(bytes);
  try {
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await readPage(await doc.getPage(n)));
    return pages;
  } finally {
    await doc.destroy();
  }
}

async function readPage(page: PDFPageProxy): Promise<PdfPage> {
  const [, , width, height] = page.view;
  const content = await page.getTextContent({ includeMarkedContent: false });
  const items: PdfTextItem[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    if (item.str === '' && !item.hasEOL) continue;
    if (item.str === '') continue;
    items.push({
      str: item.str,
      x: item.transform[4],
      y: item.transform[5],
      width: item.width,
      height: item.height,
      fontName: item.fontName,
      hasEOL: item.hasEOL,
    });
  }

  const ops = await page.getOperatorList();
  const fontIds = new Set<string>();
  const images: PdfImage[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.setFont) fontIds.add(String(args[0]));
    if (fn === OPS.paintImageXObject) {
      const name = String(args[0]);
      const obj = (await objGet(page, name)) as { width: number; height: number; kind?: number } | null;
      images.push({ name, width: obj?.width ?? Number(args[1]), height: obj?.height ?? Number(args[2]), kind: obj?.kind });
    }
  }
  const fonts: PdfFont[] = [];
  for (const id of fontIds) {
    const font = page.commonObjs.get(id) as { name: string; loadedName: string; missingFile: boolean; type: string };
    fonts.push({ id, name: font.name, missingFile: font.missingFile, type: font.type });
  }
  page.cleanup();
  return { number: page.pageNumber, width, height, items, fonts, images };
}

/** page.objs.get(name) with a callback: resolves once pdfjs has decoded the image. */
function objGet(page: PDFPageProxy, name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const objs = page.objs as unknown as { get(id: string, cb?: (value: unknown) => void): unknown; has(id: string): boolean };
    if (objs.has(name)) resolve(objs.get(name));
    else objs.get(name, resolve);
  });
}

/** Text items in one line: runs whose baselines are within `tolerance` pt of each other. */
export function sameLine(a: PdfTextItem, b: PdfTextItem, tolerance = 0.5): boolean {
  return Math.abs(a.y - b.y) <= tolerance;
}

/**
 * The drawn runs as one stream of words in drawing order: runs split on white space, and a
 * run ending in "-" that is the last on its line (the next run starts on another baseline) is
 * joined with the next run — a hyphen the composer inserted at a line end. Hyphens inside a run
 * ("U.S.-China", "face-to-face") are kept.
 */
export function wordsOf(items: PdfTextItem[]): string[] {
  const words: string[] = [];
  let pending = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const next = items[i + 1];
    const parts = item.str.split(/\s+/).filter((w) => w !== '');
    if (parts.length === 0) continue;
    parts[0] = pending + parts[0];
    pending = '';
    const last = parts[parts.length - 1];
    const endsLine = next === undefined || !sameLine(item, next);
    const continues = next !== undefined && !/^\s/.test(next.str);
    if (last.endsWith('-') && last.length > 1 && endsLine && continues && !/\s$/.test(item.str)) {
      pending = last.slice(0, -1);
      parts.pop();
    }
    words.push(...parts);
  }
  if (pending !== '') words.push(pending);
  return words;
}

/**
 * A word for comparison: NFKC, lower case, punctuation stripped except apostrophes and hyphens
 * inside the word (curly apostrophes become straight). Empty for pure punctuation ("—").
 */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[^\p{L}\p{N}'-]+/gu, '')
    .replace(/^['-]+|['-]+$/g, '');
}

/** Text → normalised words (empty ones dropped). */
export function normalisedWords(text: string): string[] {
  return text
    .split(/[\s\u00a0]+/)
    .map(normaliseWord)
    .filter((w) => w !== '');
}

/** Index in `haystack` where `needle` occurs as a contiguous run, or -1. */
export function indexOfSequence(haystack: readonly string[], needle: readonly string[], from = 0): number {
  outer: for (let i = from; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * Whether `needle` is a subsequence of `haystack` (in order, gaps allowed); returns the first
 * needle index that could not be found, or -1 when all were found.
 */
export function missingFromSubsequence(haystack: readonly string[], needle: readonly string[]): number {
  let h = 0;
  for (let n = 0; n < needle.length; n++) {
    while (h < haystack.length && haystack[h] !== needle[n]) h++;
    if (h === haystack.length) return n;
    h++;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Raw bytes: pdfkit writes object dictionaries uncompressed, so they can be read with a regex.

/** Every `<< … >>` dictionary of an object that contains `marker` (shallow: nested dicts included as text). */
export function rawObjects(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const objects: string[] = [];
  const re = /\d+ 0 obj\s*([\s\S]*?)endobj/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = m[1];
    const stream = body.indexOf('stream');
    objects.push(stream >= 0 ? body.slice(0, stream) : body);
  }
  return objects;
}

/** The /BaseFont names of every font dictionary in the file. */
export function rawBaseFonts(bytes: Uint8Array): string[] {
  return rawObjects(bytes)
    .filter((o) => /\/Type\s*\/Font\b/.test(o))
    .map((o) => /\/BaseFont\s*\/([^\s/<>\[\]()]+)/.exec(o)?.[1])
    .filter((n): n is string => n !== undefined);
}

/** Every /FontDescriptor dictionary in the file. */
export function rawFontDescriptors(bytes: Uint8Array): string[] {
  return rawObjects(bytes).filter((o) => /\/Type\s*\/FontDescriptor\b/.test(o));
}

export interface RawImage {
  width: number;
  height: number;
  colorSpace: string;
  filter: string;
}

/** Every image XObject dictionary (/Subtype /Image) in the file. */
export function rawImages(bytes: Uint8Array): RawImage[] {
  return rawObjects(bytes)
    .filter((o) => /\/Subtype\s*\/Image\b/.test(o))
    .map((o) => ({
      width: Number(/\/Width\s+(\d+)/.exec(o)?.[1]),
      height: Number(/\/Height\s+(\d+)/.exec(o)?.[1]),
      colorSpace: /\/ColorSpace\s*(\/\w+|\[[^\]]*\]|\d+ 0 R)/.exec(o)?.[1] ?? '',
      filter: /\/Filter\s*(\/\w+)/.exec(o)?.[1] ?? '',
    }));
}

/** The 14 standard PDF fonts (and their common aliases), which a viewer would substitute. */
export const STANDARD_14 = [
  'Helvetica',
  'Helvetica-Bold',
  'Helvetica-Oblique',
  'Helvetica-BoldOblique',
  'Times-Roman',
  'Times-Bold',
  'Times-Italic',
  'Times-BoldItalic',
  'Courier',
  'Courier-Bold',
  'Courier-Oblique',
  'Courier-BoldOblique',
  'Symbol',
  'ZapfDingbats',
];
