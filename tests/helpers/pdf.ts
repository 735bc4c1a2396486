// Reading PDFs back in tests: text runs with positions, fonts and images, via pdfjs-dist
// (the legacy build, which runs in Node); the text operators as drawn, via the preflight's own
// PDF reader; plus a few checks on the raw bytes.
import { inflateSync } from 'node:zlib';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { PdfFile } from '../../src/preflight/document.js';
import { Lexer } from '../../src/preflight/lexer.js';
import { nameOf, numberOf, PdfKeyword, PdfStream, type PdfString, type PdfValue } from '../../src/preflight/objects.js';

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
  /** where it is painted, in PDF user space (origin bottom-left, y up) */
  rect: { x: number; y: number; width: number; height: number };
}

export type Matrix = [number, number, number, number, number, number];

/** m then n… as the `cm` operator does it: the new CTM is `m` concatenated onto `ctm`. */
export function multiply(ctm: Matrix, m: Matrix): Matrix {
  return [
    ctm[0] * m[0] + ctm[2] * m[1],
    ctm[1] * m[0] + ctm[3] * m[1],
    ctm[0] * m[2] + ctm[2] * m[3],
    ctm[1] * m[2] + ctm[3] * m[3],
    ctm[0] * m[4] + ctm[2] * m[5] + ctm[4],
    ctm[1] * m[4] + ctm[3] * m[5] + ctm[5],
  ];
}

/** The bounding box of the unit square (an image's space) under `m`. */
function unitSquareBounds(m: Matrix): { x: number; y: number; width: number; height: number } {
  const pts = [
    [0, 0],
    [1, 0],
    [0, 1],
    [1, 1],
  ].map(([u, v]) => [m[0] * u + m[2] * v + m[4], m[1] * u + m[3] * v + m[5]]);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
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
  // the current transformation matrix, to know where each image is painted
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  const stack: Matrix[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[];
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.setFont) fontIds.add(String(args[0]));
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject || fn === OPS.paintImageXObjectRepeat) {
      const name = String(args[0]);
      const obj =
        fn === OPS.paintImageXObject ? ((await objGet(page, name)) as { width: number; height: number; kind?: number } | null) : null;
      images.push({
        name,
        width: obj?.width ?? Number(args[1]),
        height: obj?.height ?? Number(args[2]),
        kind: obj?.kind,
        rect: unitSquareBounds(ctm),
      });
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

/** A word read back from the page. */
export interface PdfWord {
  /** the word; a word hyphenated at a line end is rejoined without its hyphen ("cop-" + "ing") */
  text: string;
  /**
   * for a rejoined word, the same word with the line-end hyphen kept: the composer may also
   * break after a real hyphen ("face-" + "to-face"), which only the expected text can tell apart
   */
  keptHyphen?: string;
  /** the text items the word came from */
  items: PdfTextItem[];
}

/**
 * The drawn runs as one stream of words in drawing order: runs split on white space, and a
 * run ending in "-" that is the last on its line (the next run starts on another baseline) is
 * joined with the next run. Hyphens inside a run ("U.S.-China", "face-to-face") are kept.
 */
export function wordsOf(allItems: PdfTextItem[]): PdfWord[] {
  // pdfjs adds " " items for the gaps between runs: they carry no word
  const items = allItems.filter((i) => i.str.trim() !== '');
  const words: PdfWord[] = [];
  let pending: { text: string; item: PdfTextItem } | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const next = items[i + 1];
    const parts = item.str.split(/[\s\u00a0]+/).filter((w) => w !== '');
    if (parts.length === 0) continue;
    const out: PdfWord[] = parts.map((text) => ({ text, items: [item] }));
    if (pending) {
      const first = out[0];
      out[0] = { text: pending.text + first.text, keptHyphen: `${pending.text}-${first.text}`, items: [pending.item, item] };
      pending = undefined;
    }
    const last = out[out.length - 1];
    const endsLine = next !== undefined && !sameLine(item, next);
    const continues = next !== undefined && !/^[\s\u00a0]/.test(next.str) && !/[\s\u00a0]$/.test(item.str);
    if (last.text.endsWith('-') && /\p{L}-$/u.test(last.text) && last.keptHyphen === undefined && endsLine && continues) {
      pending = { text: last.text.slice(0, -1), item };
      out.pop();
    }
    words.push(...out);
  }
  if (pending) words.push({ text: `${pending.text}-`, items: [pending.item] });
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

/** PDF words normalised for comparison (pure punctuation dropped). */
export function normalisedPdfWords(words: PdfWord[]): PdfWord[] {
  const out: PdfWord[] = [];
  for (const w of words) {
    const text = normaliseWord(w.text);
    if (text === '') continue;
    out.push(w.keptHyphen === undefined ? { ...w, text } : { ...w, text, keptHyphen: normaliseWord(w.keptHyphen) });
  }
  return out;
}

function matches(word: PdfWord, expected: string): boolean {
  return word.text === expected || word.keptHyphen === expected;
}

/**
 * Lines `expected` (normalised words) up with the page's words: starts where the longest
 * prefix of `expected` matches, and returns the page's words from there, as many as expected
 * (each one spelled as expected where a rejoined word matches either way), for a
 * `toEqual(expected)` with a readable diff. Empty when not even the first word is on the page.
 */
export function alignWords(words: PdfWord[], expected: readonly string[], from = 0): { start: number; actual: string[] } {
  let best = -1;
  let bestLength = -1;
  for (let i = from; i < words.length; i++) {
    if (!matches(words[i], expected[0])) continue;
    let n = 0;
    while (n < expected.length && i + n < words.length && matches(words[i + n], expected[n])) n++;
    if (n > bestLength) {
      best = i;
      bestLength = n;
      if (n === expected.length) break;
    }
  }
  if (best < 0) return { start: -1, actual: [] };
  const actual = words.slice(best, best + expected.length).map((w, k) => (matches(w, expected[k]) ? expected[k] : w.text));
  return { start: best, actual };
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
  bitsPerComponent: number;
  filter: string;
  /** the stream's bytes as stored (a JPEG for /DCTDecode) */
  data: Buffer;
}

/** Every image XObject (/Subtype /Image) in the file, with its stored stream. */
export function rawImages(bytes: Uint8Array): RawImage[] {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('latin1');
  const images: RawImage[] = [];
  const re = /\d+ 0 obj\s*(<<(?:(?!endobj)[^])*?>>)\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const dict = m[1];
    if (!/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const length = Number(/\/Length\s+(\d+)/.exec(dict)?.[1] ?? 0);
    const start = m.index + m[0].length;
    images.push({
      width: Number(/\/Width\s+(\d+)/.exec(dict)?.[1]),
      height: Number(/\/Height\s+(\d+)/.exec(dict)?.[1]),
      colorSpace: /\/ColorSpace\s*(\/\w+|\[[^\]]*\]|\d+ 0 R)/.exec(dict)?.[1] ?? '',
      bitsPerComponent: Number(/\/BitsPerComponent\s+(\d+)/.exec(dict)?.[1]),
      filter: /\/Filter\s*(\/\w+)/.exec(dict)?.[1] ?? '',
      data: buffer.subarray(start, start + length),
    });
  }
  return images;
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

/** The decoded text of every Flate-compressed stream in the file (undecodable ones skipped). */
export function rawStreams(bytes: Uint8Array): string[] {
  const text = Buffer.from(bytes).toString('latin1');
  const out: string[] = [];
  const re = /\/Length\s+(\d+)[^]*?>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const data = Buffer.from(text.slice(start, start + Number(m[1])), 'latin1');
    try {
      out.push(inflateSync(data).toString('latin1'));
    } catch {
      // not Flate (e.g. a JPEG): skip
    }
  }
  return out;
}

/** Every Unicode code point (hex, upper case) that a ToUnicode CMap in the file maps a glyph to. */
export function rawToUnicodeTargets(bytes: Uint8Array): Set<string> {
  const targets = new Set<string>();
  for (const stream of rawStreams(bytes)) {
    if (!stream.includes('begincmap')) continue;
    for (const block of stream.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
      for (const pair of block[1].matchAll(/<[0-9a-fA-F]+>\s*<([0-9a-fA-F]+)>/g)) {
        for (let i = 0; i + 4 <= pair[1].length; i += 4) targets.add(pair[1].slice(i, i + 4).toUpperCase());
      }
    }
    for (const block of stream.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
      for (const range of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const [lo, hi] = [parseInt(range[1], 16), parseInt(range[2], 16)];
        if (range[3].startsWith('[')) {
          for (const t of range[3].matchAll(/<([0-9a-fA-F]+)>/g)) targets.add(t[1].slice(0, 4).toUpperCase());
        } else {
          const base = parseInt(range[3].slice(1, -1), 16);
          for (let k = 0; k <= hi - lo; k++) targets.add((base + k).toString(16).toUpperCase().padStart(4, '0'));
        }
      }
    }
  }
  return targets;
}

// ---------------------------------------------------------------------------------------------
// Text as drawn: the text-showing operators of each page read with the preflight's PDF reader
// (src/preflight: its file structure, lexer and objects), their glyphs decoded through each font's ToUnicode CMap and placed with its
// /W widths, as a viewer places them.

/** One glyph as drawn: its text (from ToUnicode), origin in PDF user space, advance (pt). */
export interface DrawnGlyph {
  code: number;
  text: string;
  x: number;
  y: number;
  /** the glyph's advance in user space (its /W width, scaled), adjustments not included */
  width: number;
}

/** One text-showing operator (TJ or Tj) and what it drew. */
export interface ShownText {
  /** the font's /BaseFont, e.g. "HZZZZZ+Newsreader-Regular" */
  font: string;
  size: number;
  /** horizontal scaling, percent (Tz) */
  scale: number;
  /** the operand as written: each string decoded to text through ToUnicode, numbers as they are */
  operands: (string | number)[];
  glyphs: DrawnGlyph[];
}

interface CidFont {
  name: string;
  toUnicode: Map<number, string>;
  widths: Map<number, number>;
  defaultWidth: number;
}

/** A ToUnicode CMap's mappings (bfchar and bfrange) for 2-byte codes. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  // a destination may hold several UTF-16 units, written with spaces between them (pdfkit: "<0066 0069>")
  for (const block of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const pair of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(pair[1], 16), utf16(pair[2].replace(/\s/g, '')));
  }
  for (const block of cmap.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const range of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const [lo, hi] = [parseInt(range[1], 16), parseInt(range[2], 16)];
      if (range[3].startsWith('[')) {
        [...range[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((t, k) => map.set(lo + k, utf16(t[1].replace(/\s/g, ''))));
      } else {
        const base = range[3].slice(1, -1).replace(/\s/g, '');
        const last = parseInt(base.slice(-4), 16);
        for (let k = 0; k <= hi - lo; k++) map.set(lo + k, utf16(base.slice(0, -4) + (last + k).toString(16).padStart(4, '0')));
      }
    }
  }
  return map;
}

function loadCidFont(pdf: PdfFile, ref: PdfValue | undefined): CidFont {
  const dict = pdf.dict(ref);
  if (!dict || nameOf(dict.get('Subtype')) !== 'Type0') throw new Error('shownText: only Type0 (CID) fonts are read');
  const toUnicodeStream = pdf.resolve(dict.get('ToUnicode'));
  const toUnicode = toUnicodeStream instanceof PdfStream ? parseToUnicode(Buffer.from(pdf.decode(toUnicodeStream)).toString('latin1')) : new Map<number, string>();
  const descendants = pdf.resolve(dict.get('DescendantFonts'));
  const cid = pdf.dict(Array.isArray(descendants) ? descendants[0] : undefined);
  const widths = new Map<number, number>();
  const w = pdf.resolve(cid?.get('W'));
  if (Array.isArray(w)) {
    for (let i = 0; i < w.length; ) {
      const first = numberOf(pdf.resolve(w[i]))!;
      const next = pdf.resolve(w[i + 1]);
      if (Array.isArray(next)) {
        next.forEach((v, k) => widths.set(first + k, numberOf(pdf.resolve(v))!));
        i += 2;
      } else {
        const last = numberOf(next)!;
        const width = numberOf(pdf.resolve(w[i + 2]))!;
        for (let c = first; c <= last; c++) widths.set(c, width);
        i += 3;
      }
    }
  }
  return { name: nameOf(dict.get('BaseFont')) ?? '?', toUnicode, widths, defaultWidth: numberOf(pdf.resolve(cid?.get('DW'))) ?? 1000 };
}

/**
 * Every TJ/Tj of every page, in content order, with its glyphs placed (q/Q, cm, Tm, Td, Tf,
 * Tz, Tc and TJ adjustments). Reads the fonts pdfkit writes: Type0,
 * Identity-H (2-byte codes). Throws on text operators it does not model (', ", TL/T*, Ts, Tw
 * with a non-zero value), so that a painter change cannot slip past it.
 */
export function shownText(bytes: Uint8Array): ShownText[][] {
  const pdf = new PdfFile(bytes);
  return pdf.pages().map((page) => {
    const resources = pdf.dict(page.attr('Resources'));
    const fontDict = pdf.dict(resources?.get('Font'));
    const fonts = new Map<string, CidFont>();
    const contents = pdf.resolve(page.dict.get('Contents'));
    const streams = (Array.isArray(contents) ? contents.map((c) => pdf.resolve(c)) : [contents]).filter((s): s is PdfStream => s instanceof PdfStream);
    const data = Buffer.concat(streams.flatMap((s) => [pdf.decode(s), new Uint8Array([0x0a])]));
    const shown: ShownText[] = [];
    let tm: Matrix = [1, 0, 0, 1, 0, 0];
    let tlm: Matrix = [1, 0, 0, 1, 0, 0];
    let font: CidFont | undefined;
    let size = 0;
    let hScale = 100;
    let charSpace = 0;
    // the preflight's content lexer skips strings and arrays; here they are read in full
    const lexer = new Lexer(data);
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    // q/Q save and restore the CTM and the text state with it
    const stack: { ctm: Matrix; font: CidFont | undefined; size: number; hScale: number; charSpace: number }[] = [];
    const operands: PdfValue[] = [];
    for (let item = lexer.readItem(false); item !== undefined; item = lexer.readItem(false)) {
      if (!(item instanceof PdfKeyword)) {
        operands.push(item);
        continue;
      }
      const op = item.word;
      try {
        switch (op) {
          case 'q':
            stack.push({ ctm, font, size, hScale, charSpace });
            break;
          case 'Q': {
            const saved = stack.pop();
            if (saved) ({ ctm, font, size, hScale, charSpace } = saved);
            break;
          }
          case 'cm':
            ctm = multiply(ctm, operands.slice(-6) as Matrix);
            break;
          case 'BI':
            throw new Error('shownText: inline images are not read');
          case 'BT':
            tm = tlm = [1, 0, 0, 1, 0, 0];
            break;
          case 'Tm':
            tm = tlm = operands.slice(-6) as Matrix;
            break;
          case 'Td':
            tm = tlm = multiply(tlm, [1, 0, 0, 1, operands[0] as number, operands[1] as number]);
            break;
          case 'Tf': {
            const name = nameOf(operands[0])!;
            if (!fonts.has(name)) fonts.set(name, loadCidFont(pdf, fontDict?.get(name)));
            font = fonts.get(name);
            size = operands[1] as number;
            break;
          }
          case 'Tz':
            hScale = operands[0] as number;
            break;
          case 'Tc':
            charSpace = operands[0] as number;
            break;
          case 'Tw':
            if (operands[0] !== 0) throw new Error('shownText: Tw is not modelled');
            break;
          case "'":
          case '"':
          case 'T*':
          case 'TD':
          case 'TL':
          case 'Ts':
            throw new Error(`shownText: ${op} is not modelled`);
          case 'Tj':
          case 'TJ': {
            if (!font) throw new Error(`shownText: ${op} before Tf`);
            const f = font;
            const items = op === 'Tj' ? [operands[0]] : (operands[0] as PdfValue[]);
            const entry: ShownText = { font: f.name, size, scale: hScale, operands: [], glyphs: [] };
            const th = hScale / 100;
            for (const item of items) {
              if (typeof item === 'number') {
                entry.operands.push(item);
                tm = multiply(tm, [1, 0, 0, 1, (-item / 1000) * size * th, 0]);
                continue;
              }
              const b = (item as PdfString).bytes;
              let text = '';
              for (let i = 0; i + 1 < b.length; i += 2) {
                const code = (b[i] << 8) | b[i + 1];
                const glyphText = f.toUnicode.get(code) ?? '\ufffd';
                text += glyphText;
                const w0 = (f.widths.get(code) ?? f.defaultWidth) / 1000;
                // the glyph's origin and advance in user space: text space through Tm and the CTM
                const trm = multiply(ctm, tm);
                const advance = (w0 * size + charSpace) * th;
                entry.glyphs.push({ code, text: glyphText, x: trm[4], y: trm[5], width: advance * Math.hypot(trm[0], trm[1]) });
                tm = multiply(tm, [1, 0, 0, 1, advance, 0]);
              }
              entry.operands.push(text);
            }
            shown.push(entry);
            break;
          }
        }
      } finally {
        operands.length = 0;
      }
    }
    return shown;
  });
}
