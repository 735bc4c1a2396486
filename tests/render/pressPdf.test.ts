// The press profile as PDF/X-1a:2001: page boxes, output intent, GTS_PDFX keys, K-only text
// and rules set to overprint, no RGB and no transparency anywhere, embedded fonts, crop marks
// and slug outside the bleed. Plus the sheet of the office and archive profiles. The PDFs are
// built in-process with buildEdition and read back from their raw bytes (pdfkit writes object
// dictionaries uncompressed; content streams are Flate) and with pdfjs.
import { mkdtemp, rm } from 'node:fs/promises';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, type BuildOptions } from '../../src/build/buildEdition.js';
import { PAGE_FORMATS } from '../../src/flow/geometry.js';
import type { PageFormatName } from '../../src/model/article.js';
import { cropMarks, MARK_WEIGHT, slugPlacement, type Segment } from '../../src/render/marks.js';
import { hardCopy } from '../../src/render/hardCopy.js';
import { BLEED, SLUG, pressSheet, type Box } from '../../src/render/sheet.js';
import { HOUSE_THEME } from '../../src/style/theme.js';
import { multiply, readPdf, type Matrix, type PdfPage } from '../helpers/pdf.js';
import { editionWithPhoto } from './photoFixture.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EDITION = join(ROOT, 'content', '2022-11-15');
const TABLOID = { width: 792, height: 1224 };

// ------------------------------------------------------------------------------------------
// Reading the raw file

interface RawObject {
  num: number;
  /** the object's value as written (a dictionary, string, name…) without its stream */
  value: string;
  stream?: Buffer;
}

interface RawPdf {
  header: string;
  objects: Map<number, RawObject>;
  trailer: string;
}

/** Every object of the file, found through the cross-reference table. */
function readRaw(bytes: Buffer): RawPdf {
  const text = bytes.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  expect(Number.isFinite(startxref), 'startxref').toBe(true);
  const trailerAt = text.indexOf('trailer', startxref);
  const xref = text.slice(startxref, trailerAt);
  const entries = [...xref.matchAll(/(\d{10}) (\d{5}) ([nf])/g)];
  const objects = new Map<number, RawObject>();
  entries.forEach((e, num) => {
    if (e[3] !== 'n') return;
    const offset = Number(e[1]);
    const head = /^(\d+) 0 obj\s*/.exec(text.slice(offset, offset + 40));
    expect(head && Number(head[1]), `object ${num} at ${offset}`).toBe(num);
    const start = offset + head![0].length;
    const streamAt = text.indexOf('\nstream\n', start);
    const endAt = text.indexOf('\nendobj', start);
    if (streamAt >= 0 && streamAt < endAt) {
      const value = text.slice(start, streamAt);
      const length = Number(/\/Length\s+(\d+)/.exec(value)?.[1]);
      const data = bytes.subarray(streamAt + 8, streamAt + 8 + length);
      objects.set(num, { num, value, stream: /\/FlateDecode/.test(value) ? inflateSync(data) : Buffer.from(data) });
    } else {
      objects.set(num, { num, value: text.slice(start, endAt) });
    }
  });
  return { header: text.slice(0, 8), objects, trailer: text.slice(trailerAt) };
}

/** The value of `/key` in a dictionary's text (one level: a ref, name, string, array, number, flat dict). */
function entry(dict: string, key: string): string | undefined {
  const re = new RegExp(`/${key}\\s*(\\d+ 0 R|/[^\\s/<>\\[\\]()]+|\\((?:\\\\.|[^\\\\)])*\\)|\\[[^\\]]*\\]|<<[^]*?>>|-?[\\d.]+|true|false)`);
  return re.exec(dict)?.[1];
}

function deref(pdf: RawPdf, value: string | undefined): string | undefined {
  const ref = value && /^(\d+) 0 R$/.exec(value.trim());
  return ref ? pdf.objects.get(Number(ref[1]))?.value.trim() : value?.trim();
}

function numbers(array: string | undefined): number[] {
  return (array ?? '').replace(/[[\]]/g, ' ').trim().split(/\s+/).filter(Boolean).map(Number);
}

function boxOf(array: string | undefined): Box | undefined {
  const n = numbers(array);
  return n.length === 4 ? { left: n[0], bottom: n[1], right: n[2], top: n[3] } : undefined;
}

function objectsOfType(pdf: RawPdf, type: string): RawObject[] {
  return [...pdf.objects.values()].filter((o) => new RegExp(`/Type\\s*/${type}\\b`).test(o.value));
}

function pagesOf(pdf: RawPdf): RawObject[] {
  return objectsOfType(pdf, 'Page');
}

function catalogOf(pdf: RawPdf): string {
  return deref(pdf, entry(pdf.trailer, 'Root'))!;
}

function infoOf(pdf: RawPdf): string {
  return deref(pdf, entry(pdf.trailer, 'Info'))!;
}

// ------------------------------------------------------------------------------------------
// Interpreting a page's content stream (the operators we write: q Q cm gs k K m l re S BT TJ Do …)


interface State {
  ctm: Matrix;
  fill: string;
  stroke: string;
  overprint: boolean;
}

interface Stroke {
  colour: string;
  overprint: boolean;
  /** segments in PDF user space */
  segments: Segment[];
}

interface Drawn {
  /** every colour-setting operator with its operands, e.g. "0 0 0 1 k" */
  colourOps: string[];
  /** fill colour and overprint at each text-showing operator */
  texts: { fill: string; overprint: boolean }[];
  strokes: Stroke[];
  /** the names passed to `gs` */
  states: string[];
  images: { name: string; ctm: Matrix }[];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

const COLOUR_OPS = new Set(['g', 'G', 'rg', 'RG', 'k', 'K', 'cs', 'CS', 'sc', 'SC', 'scn', 'SCN']);

function interpret(content: string, extGStates: Map<string, string>): Drawn {
  // strings carry no operators: drop them (pdfkit writes text as hex strings)
  const stripped = content.replace(/\((?:\\.|[^\\)])*\)/g, ' ').replace(/<(?!<)[0-9A-Fa-f\s]*>/g, ' ');
  const tokens = stripped.split(/[\s[\]]+/).filter(Boolean);
  const drawn: Drawn = { colourOps: [], texts: [], strokes: [], states: [], images: [] };
  let gs: State = { ctm: [1, 0, 0, 1, 0, 0], fill: '0 g', stroke: '0 G', overprint: false };
  const stack: State[] = [];
  let operands: string[] = [];
  let path: Segment[] = [];
  let point: [number, number] = [0, 0];
  for (const token of tokens) {
    if (/^[-+\d.]/.test(token) || token.startsWith('/')) {
      operands.push(token);
      continue;
    }
    const n = operands.map(Number);
    switch (token) {
      case 'q':
        stack.push({ ...gs });
        break;
      case 'Q':
        gs = stack.pop()!;
        break;
      case 'cm':
        gs = { ...gs, ctm: multiply(gs.ctm, n as Matrix) };
        break;
      case 'gs': {
        const name = operands[0].slice(1);
        drawn.states.push(name);
        const dict = extGStates.get(name);
        expect(dict, `ExtGState /${name} is in the page resources`).toBeDefined();
        if (/\/OP\s+true/.test(dict!)) gs = { ...gs, overprint: true };
        if (/\/OP\s+false/.test(dict!)) gs = { ...gs, overprint: false };
        break;
      }
      case 'm':
        point = apply(gs.ctm, n[0], n[1]);
        break;
      case 'l': {
        const to = apply(gs.ctm, n[0], n[1]);
        path.push({ x1: point[0], y1: point[1], x2: to[0], y2: to[1] });
        point = to;
        break;
      }
      case 're': {
        const [x, y, w, h] = n;
        const c = [apply(gs.ctm, x, y), apply(gs.ctm, x + w, y), apply(gs.ctm, x + w, y + h), apply(gs.ctm, x, y + h)];
        for (let i = 0; i < 4; i++) path.push({ x1: c[i][0], y1: c[i][1], x2: c[(i + 1) % 4][0], y2: c[(i + 1) % 4][1] });
        break;
      }
      case 'S':
      case 's':
      case 'B':
      case 'b':
        drawn.strokes.push({ colour: gs.stroke, overprint: gs.overprint, segments: path });
        path = [];
        break;
      case 'f':
      case 'F':
      case 'n':
        path = [];
        break;
      case 'Tj':
      case 'TJ':
      case "'":
      case '"':
        drawn.texts.push({ fill: gs.fill, overprint: gs.overprint });
        break;
      case 'Do':
        drawn.images.push({ name: operands[0], ctm: gs.ctm });
        break;
      default:
        if (COLOUR_OPS.has(token)) {
          const op = `${operands.join(' ')} ${token}`;
          drawn.colourOps.push(op);
          if (token === token.toUpperCase()) gs = { ...gs, stroke: op };
          else gs = { ...gs, fill: op };
        }
    }
    operands = [];
  }
  expect(stack, 'q and Q balance').toHaveLength(0);
  return drawn;
}

interface PageRead {
  dict: string;
  media: Box;
  trim?: Box;
  bleed?: Box;
  resources: string;
  content: string;
  drawn: Drawn;
}

function readPages(pdf: RawPdf): PageRead[] {
  return pagesOf(pdf).map((page) => {
    const dict = page.value;
    const resources = deref(pdf, entry(dict, 'Resources'))!;
    const contentRef = /\/Contents\s+(\d+) 0 R/.exec(dict)!;
    const content = pdf.objects.get(Number(contentRef[1]))!.stream!.toString('latin1');
    const states = new Map<string, string>();
    const gsDict = deref(pdf, entry(resources, 'ExtGState'));
    for (const m of (gsDict ?? '').matchAll(/\/(\w+)\s+(\d+ 0 R)/g)) states.set(m[1], deref(pdf, m[2])!);
    return {
      dict,
      media: boxOf(entry(dict, 'MediaBox'))!,
      trim: boxOf(entry(dict, 'TrimBox')),
      bleed: boxOf(entry(dict, 'BleedBox')),
      resources,
      content,
      drawn: interpret(content, states),
    };
  });
}

/** Whether a stroked segment (its stroke width included) stays clear of the inside of `box`. */
function clearOf(s: Segment, box: Box, weight: number): boolean {
  const half = weight / 2;
  const left = Math.min(s.x1, s.x2) - half;
  const right = Math.max(s.x1, s.x2) + half;
  const bottom = Math.min(s.y1, s.y2) - half;
  const top = Math.max(s.y1, s.y2) + half;
  return right <= box.left || left >= box.right || top <= box.bottom || bottom >= box.top;
}

function within(s: Segment, box: Box): boolean {
  return [s.x1, s.x2].every((x) => x >= box.left && x <= box.right) && [s.y1, s.y2].every((y) => y >= box.bottom && y <= box.top);
}

function expectBox(actual: Box | undefined, expected: Box, label: string) {
  expect(actual, label).toBeDefined();
  for (const side of ['left', 'bottom', 'right', 'top'] as const) expect(actual![side], `${label} ${side}`).toBeCloseTo(expected[side], 3);
}

function sortSegments(segments: Segment[]): string[] {
  return segments.map((s) => [s.x1, s.y1, s.x2, s.y2].map((v) => v.toFixed(2)).join(' ')).sort();
}

const REGISTRATION_STROKE = '1 1 1 1 K';

// ------------------------------------------------------------------------------------------
// Pure geometry

describe('sheet and mark geometry', () => {
  const formats = Object.keys(PAGE_FORMATS) as PageFormatName[];

  it('the bleed is 3 mm (8.504 pt) and the slug reaches beyond it', () => {
    expect(BLEED).toBeCloseTo((3 / 25.4) * 72, 3);
    expect(SLUG).toBeGreaterThan(BLEED);
  });

  for (const format of formats) {
    it(`press sheet for ${format}: trim = the format, bleed 3 mm around it, media around both`, () => {
      const { width, height } = PAGE_FORMATS[format];
      const sheet = pressSheet(width, height);
      expect(sheet.trim.right - sheet.trim.left).toBeCloseTo(width, 2);
      expect(sheet.trim.top - sheet.trim.bottom).toBeCloseTo(height, 2);
      expectBox(sheet.bleed, { left: sheet.trim.left - BLEED, bottom: sheet.trim.bottom - BLEED, right: sheet.trim.right + BLEED, top: sheet.trim.top + BLEED }, 'bleed');
      expect(sheet.media).toEqual({ left: 0, bottom: 0, right: expect.any(Number), top: expect.any(Number) });
      expect(sheet.bleed.left).toBeGreaterThan(sheet.media.left);
      expect(sheet.bleed.bottom).toBeGreaterThan(sheet.media.bottom);
      expect(sheet.bleed.right).toBeLessThan(sheet.media.right);
      expect(sheet.bleed.top).toBeLessThan(sheet.media.top);
      expect(sheet.origin).toEqual({ x: sheet.trim.left, y: sheet.media.top - sheet.trim.top });
    });

    it(`crop marks for ${format}: eight, on the trim lines, outside the bleed, inside the media`, () => {
      const { width, height } = PAGE_FORMATS[format];
      const sheet = pressSheet(width, height);
      const marks = cropMarks(sheet.trim);
      expect(marks).toHaveLength(8);
      for (const m of marks) {
        const label = JSON.stringify(m);
        expect(clearOf(m, sheet.bleed, MARK_WEIGHT), `${label} stays out of the bleed box`).toBe(true);
        expect(within(m, sheet.media), `${label} is inside the media box`).toBe(true);
        // horizontal marks continue a horizontal trim edge, vertical ones a vertical edge
        if (m.y1 === m.y2) expect([sheet.trim.bottom, sheet.trim.top]).toContain(m.y1);
        else {
          expect(m.x1).toBe(m.x2);
          expect([sheet.trim.left, sheet.trim.right]).toContain(m.x1);
        }
        // it starts at least the bleed distance from the nearest trim corner
        const d = Math.min(
          ...[sheet.trim.left, sheet.trim.right].flatMap((x) =>
            [sheet.trim.bottom, sheet.trim.top].map((y) => Math.min(Math.hypot(m.x1 - x, m.y1 - y), Math.hypot(m.x2 - x, m.y2 - y))),
          ),
        );
        expect(d, `${label} distance from the corner`).toBeGreaterThanOrEqual(BLEED);
      }
    });

    it(`slug line for ${format}: below the bleed, inside the media, clear of the marks`, () => {
      const { width, height } = PAGE_FORMATS[format];
      const sheet = pressSheet(width, height);
      const slug = slugPlacement(sheet.trim);
      // its glyphs reach at most one size above and below the baseline
      expect(slug.baseline + slug.size).toBeLessThan(sheet.bleed.bottom);
      expect(slug.baseline - slug.size).toBeGreaterThan(sheet.media.bottom);
      expect(slug.x).toBeGreaterThan(sheet.trim.left + MARK_WEIGHT);
      expect(slug.x + slug.maxWidth).toBeLessThan(sheet.trim.right - MARK_WEIGHT);
    });
  }

  // the office sheets (fitted, tiled) are tested as geometry in hardCopy.test.ts
});

// ------------------------------------------------------------------------------------------
// Built PDFs

const made: string[] = [];

async function build(options: Partial<BuildOptions> = {}, source = EDITION): Promise<Buffer> {
  const outDir = await mkdtemp(join(tmpdir(), 'stonehand-press-'));
  made.push(outDir);
  const report = await buildEdition(source, { outDir, profile: 'press', strict: false, ...options });
  expect(report.files).toHaveLength(1);
  return readFile(report.files[0]);
}

afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

describe('press profile (default): PDF/X-1a:2001', () => {
  let bytes: Buffer;
  let pdf: RawPdf;
  let pages: PageRead[];
  let read: PdfPage[];

  beforeAll(async () => {
    bytes = await build();
    pdf = readRaw(bytes);
    pages = readPages(pdf);
    read = await readPdf(bytes);
    expect(pages.length).toBeGreaterThan(0);
    expect(read).toHaveLength(pages.length);
  });

  it('is PDF 1.3, with no PDF 1.4+ page keys', () => {
    expect(pdf.header.startsWith('%PDF-1.3')).toBe(true);
    for (const page of pages) expect(page.dict).not.toMatch(/\/UserUnit|\/Group|\/ArtBox/);
    expect(bytes.toString('latin1')).not.toMatch(/\/Type\s*\/(XRef|ObjStm)\b/);
  });

  it('has TrimBox = the tabloid format, BleedBox 8.504 pt beyond it, MediaBox around both, on every page', () => {
    for (const page of pages) {
      const trim = { left: SLUG, bottom: SLUG, right: SLUG + TABLOID.width, top: SLUG + TABLOID.height };
      expectBox(page.trim, trim, 'TrimBox');
      expectBox(page.bleed, { left: trim.left - 8.504, bottom: trim.bottom - 8.504, right: trim.right + 8.504, top: trim.top + 8.504 }, 'BleedBox');
      expectBox(page.media, { left: 0, bottom: 0, right: TABLOID.width + 2 * SLUG, top: TABLOID.height + 2 * SLUG }, 'MediaBox');
      expect(page.media.left).toBeLessThanOrEqual(page.bleed!.left);
      expect(page.media.bottom).toBeLessThanOrEqual(page.bleed!.bottom);
      expect(page.media.right).toBeGreaterThanOrEqual(page.bleed!.right);
      expect(page.media.top).toBeGreaterThanOrEqual(page.bleed!.top);
    }
  });

  it('has GTS_PDFXVersion, GTS_PDFXConformance, Trapped /False, a title, dates and an ID', () => {
    const info = infoOf(pdf);
    expect(deref(pdf, entry(info, 'GTS_PDFXVersion'))).toBe('(PDF/X-1:2001)');
    expect(deref(pdf, entry(info, 'GTS_PDFXConformance'))).toBe('(PDF/X-1a:2001)');
    expect(deref(pdf, entry(info, 'Trapped')), 'Trapped is the name /False').toBe('/False');
    expect(deref(pdf, entry(info, 'Title'))).toBe('(The Morning Ledger, 2022-11-15)');
    expect(deref(pdf, entry(info, 'CreationDate'))).toMatch(/^\(D:20221115/);
    expect(deref(pdf, entry(info, 'ModDate'))).toMatch(/^\(D:20221115/);
    expect(pdf.trailer).toMatch(/\/ID\s*\[<[0-9a-f]{32}> <[0-9a-f]{32}>\]/);
  });

  it('has one GTS_PDFX output intent for the WAN-IFRA newspaper condition (ISO 12647-3), without an ICC profile', () => {
    const catalog = catalogOf(pdf);
    const refs = entry(catalog, 'OutputIntents');
    expect(refs).toMatch(/^\[\d+ 0 R\]$/);
    const intent = deref(pdf, /\d+ 0 R/.exec(refs!)![0])!;
    expect(intent).toMatch(/\/Type\s*\/OutputIntent\b/);
    expect(intent).toMatch(/\/S\s*\/GTS_PDFX\b/);
    expect(entry(intent, 'OutputConditionIdentifier')).toBe('(WAN-IFRAnewspaper26v5)');
    expect(entry(intent, 'RegistryName')).toBe('(http://www.color.org)');
    expect(entry(intent, 'Info')).toMatch(/ISO 12647-3/);
    expect(entry(intent, 'Info')).toMatch(/newsprint/);
    expect(intent).not.toMatch(/DestOutputProfile/);
    expect(objectsOfType(pdf, 'OutputIntent')).toHaveLength(1);
  });

  it('uses no RGB: no rg/RG operators, no RGB or ICC colour spaces in content or resources', () => {
    for (const page of pages) {
      const ops = page.drawn.colourOps.map((op) => op.split(' ').pop());
      expect(ops.filter((op) => op === 'rg' || op === 'RG')).toEqual([]);
      // only the DeviceCMYK operators k/K are used; no colour space is selected at all
      expect(new Set(ops)).toEqual(new Set(['k', 'K']));
      expect(page.content).not.toMatch(/\/DeviceRGB|\/CalRGB|\/ICCBased|\/Lab\b|\/Indexed|\/Pattern/);
      expect(page.resources).not.toMatch(/\/DeviceRGB|\/CalRGB|\/ICCBased|\/Lab\b/);
    }
    const dictionaries = [...pdf.objects.values()].map((o) => o.value).join('\n');
    expect(dictionaries).not.toMatch(/\/DeviceRGB|\/CalRGB|\/ICCBased/);
  });

  it('sets all text in 100 % K (0 0 0 1 k) with overprint on', () => {
    for (const page of pages) {
      expect(page.drawn.texts.length).toBeGreaterThan(0);
      for (const t of page.drawn.texts) {
        expect(t.fill).toBe('0 0 0 1 k');
        expect(t.overprint).toBe(true);
      }
    }
  });

  it('strokes rules in 100 % K with overprint, the FPO frame in a K tint, crop marks in registration colour', () => {
    for (const page of pages) {
      for (const s of page.drawn.strokes) {
        if (s.colour === REGISTRATION_STROKE) continue;
        expect(s.colour, 'K only').toMatch(/^0 0 0 [\d.]+ K$/);
        if (s.colour === '0 0 0 1 K') expect(s.overprint, 'a 100 % K rule overprints').toBe(true);
      }
      // the seed's photo is missing: its FPO frame is drawn in a grey tint
      expect(page.drawn.strokes.some((s) => s.colour === '0 0 0 0.45 K')).toBe(true);
    }
  });

  it('uses an ExtGState with /OP true /op true /OPM 1 and nothing transparent', () => {
    for (const page of pages) {
      expect(page.drawn.states).toContain('GsOP');
      const gs = deref(pdf, entry(deref(pdf, entry(page.resources, 'ExtGState'))!, 'GsOP'))!;
      expect(gs).toMatch(/\/Type\s*\/ExtGState/);
      expect(gs).toMatch(/\/OP\s+true/);
      expect(gs).toMatch(/\/op\s+true/);
      expect(gs).toMatch(/\/OPM\s+1\b/);
    }
    const dictionaries = [...pdf.objects.values()].map((o) => o.value).join('\n');
    expect(dictionaries).not.toMatch(/\/SMask|\/BM\b|\/S\s*\/Transparency|\/AIS\b/);
    for (const m of dictionaries.matchAll(/\/(CA|ca)\s+([\d.]+)/g)) expect(Number(m[2]), `/${m[1]}`).toBe(1);
  });

  it('embeds and subsets every font, the slug line\'s included; no standard-14 font', () => {
    const descriptors = objectsOfType(pdf, 'FontDescriptor');
    expect(descriptors.length).toBeGreaterThan(0);
    for (const d of descriptors) expect(d.value).toMatch(/\/FontFile2\s+\d+ 0 R/);
    const fonts = objectsOfType(pdf, 'Font');
    for (const f of fonts) {
      expect(f.value).not.toMatch(/\/Subtype\s*\/(Type1|MMType1|TrueType|Type3)\b/);
      expect(entry(f.value, 'BaseFont')).toMatch(/^\/[A-Z]{6}\+(Newsreader|LibreFranklin)/);
    }
    for (const page of read) {
      for (const f of page.fonts) expect(f.missingFile, `${f.name} is embedded`).toBe(false);
      const ids = new Set(page.fonts.map((f) => f.id));
      for (const item of page.items) expect(ids.has(item.fontName), `font of "${item.str}"`).toBe(true);
    }
  });

  it('draws exactly the crop marks of marks.ts, in registration colour, 0.25 pt, outside the bleed box', () => {
    for (const page of pages) {
      const marks = page.drawn.strokes.filter((s) => s.colour === REGISTRATION_STROKE);
      const segments = marks.flatMap((s) => s.segments);
      expect(sortSegments(segments)).toEqual(sortSegments(cropMarks(page.trim!, BLEED)));
      for (const s of segments) {
        expect(clearOf(s, page.bleed!, MARK_WEIGHT), JSON.stringify(s)).toBe(true);
        expect(within(s, page.media), JSON.stringify(s)).toBe(true);
      }
      expect(page.content).toMatch(/0\.25 w\s+1 1 1 1 K/);
    }
  });

  it('prints the slug line (paper, date, page, profile, condition) outside the bleed, and the page itself inside the trim', () => {
    for (const [i, page] of read.entries()) {
      const { trim, bleed, media } = pages[i];
      const slug = page.items.filter((item) => item.y < bleed!.bottom);
      const text = slug.map((item) => item.str).join('');
      expect(text).toContain('The Morning Ledger');
      expect(text).toContain('2022-11-15');
      expect(text).toContain(`Page ${i + 1}`);
      expect(text).toContain('press');
      expect(text).toContain('WAN-IFRAnewspaper26v5');
      for (const item of slug) {
        expect(item.y + item.height, `"${item.str}" below the bleed`).toBeLessThan(bleed!.bottom);
        expect(item.y - item.height / 3, `"${item.str}" inside the media`).toBeGreaterThan(media.bottom);
        expect(item.x).toBeGreaterThan(trim!.left);
        expect(item.x + item.width).toBeLessThan(trim!.right);
      }
      // everything else is the page, drawn trim-relative: inside the trim box
      const rest = page.items.filter((item) => !slug.includes(item) && item.str.trim() !== '');
      // a page's worth of words (an item holds several: the painter draws the spaces of a line)
      expect(rest.flatMap((item) => item.str.split(/[\s\u00a0]+/).filter((w) => w !== '')).length).toBeGreaterThan(100);
      for (const item of rest) {
        expect(item.x, `"${item.str}"`).toBeGreaterThanOrEqual(trim!.left);
        expect(item.x + item.width, `"${item.str}"`).toBeLessThanOrEqual(trim!.right + 0.01);
        expect(item.y, `"${item.str}"`).toBeGreaterThan(trim!.bottom);
        expect(item.y, `"${item.str}"`).toBeLessThan(trim!.top);
      }
    }
  });

  it('is reproducible: a second build gives the same bytes', async () => {
    const again = await build();
    expect(again.equals(bytes)).toBe(true);
  });
});

describe('press profile, coated condition', () => {
  it('names FOGRA39 in the output intent and the slug', async () => {
    const bytes = await build({ condition: 'coated' });
    const pdf = readRaw(bytes);
    const intent = deref(pdf, /\d+ 0 R/.exec(entry(catalogOf(pdf), 'OutputIntents')!)![0])!;
    expect(intent).toMatch(/\/S\s*\/GTS_PDFX\b/);
    expect(entry(intent, 'OutputConditionIdentifier')).toBe('(FOGRA39)');
    expect(entry(intent, 'RegistryName')).toBe('(http://www.color.org)');
    expect(entry(intent, 'Info')).toBe('(Coated FOGRA39 \\(ISO 12647-2:2004\\))');
    const [page] = await readPdf(bytes);
    expect(page.items.map((i) => i.str).join('')).toContain('FOGRA39');
  });
});

describe('press profile with the photo', () => {
  it('embeds it as /DeviceGray and paints it inside the trim, translated with the page', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stonehand-press-photo-'));
    made.push(dir);
    const bytes = await build({}, await editionWithPhoto(dir));
    const pdf = readRaw(bytes);
    const images = [...pdf.objects.values()].filter((o) => /\/Subtype\s*\/Image\b/.test(o.value));
    expect(images).toHaveLength(1);
    expect(entry(images[0].value, 'ColorSpace')).toBe('/DeviceGray');
    expect(images[0].value).not.toMatch(/\/SMask|\/Mask/);
    const [page] = readPages(pdf);
    expect(page.drawn.images).toHaveLength(1);
    const { ctm } = page.drawn.images[0];
    const [x0, y0] = apply(ctm, 0, 0);
    const [x1, y1] = apply(ctm, 1, 1);
    for (const x of [x0, x1]) expect(x).toBeGreaterThan(page.trim!.left);
    for (const x of [x0, x1]) expect(x).toBeLessThan(page.trim!.right);
    for (const y of [y0, y1]) expect(y).toBeGreaterThan(page.trim!.bottom);
    for (const y of [y0, y1]) expect(y).toBeLessThan(page.trim!.top);
    expect(page.drawn.colourOps.every((op) => /\b[kK]$/.test(op))).toBe(true);
  });
});

describe('office profile', () => {
  it('fits a tabloid page onto a letter sheet: MediaBox = letter, content scaled and centred, no marks, no other boxes', async () => {
    const bytes = await build({ profile: 'office' });
    const pdf = readRaw(bytes);
    const pages = readPages(pdf);
    const [sheet] = hardCopy(TABLOID.width, TABLOID.height, 'letter', { tile: false, bodySize: HOUSE_THEME.body.size }).sheets;
    expect(sheet.scale).toBeCloseTo(0.6078, 4);
    for (const page of pages) {
      expect(page.media).toEqual({ left: 0, bottom: 0, right: 612, top: 792 });
      expect(page.dict).not.toMatch(/\/TrimBox|\/BleedBox|\/ArtBox|\/CropBox/);
      expect(page.drawn.strokes.filter((s) => s.colour === REGISTRATION_STROKE)).toEqual([]);
      expect(page.content).toContain(`${sheet.scale} 0 0 ${sheet.scale} ${sheet.x} ${sheet.y} cm`);
    }
    expect(catalogOf(pdf)).not.toMatch(/OutputIntents/);
    expect(infoOf(pdf)).not.toMatch(/GTS_PDFX/);
    const [page] = await readPdf(bytes);
    expect(page.width).toBe(612);
    expect(page.height).toBe(792);
    const text = page.items.filter((i) => i.str.trim() !== '');
    expect(text.map((i) => i.str).join(' ')).not.toContain('WAN-IFRA');
    // labelled in the band above the page: paper, date, page, scale and printed body size
    expect(text.map((i) => i.str).join('')).toContain('The Morning Ledger · 2022-11-15 · page 1 of 1 · 61 % (body 5.8 pt) · letter');
    // the whole page is on the sheet
    for (const item of text) {
      expect(item.x).toBeGreaterThanOrEqual(0);
      expect(item.x + item.width).toBeLessThanOrEqual(612);
      expect(item.y).toBeGreaterThan(0);
      expect(item.y).toBeLessThan(792);
    }
    // centred and scaled uniformly: the rules across the type area (36 pt margins both sides) land symmetric
    const rules = pages[0].drawn.strokes.filter((s) => s.colour === '0 0 0 1 K').flatMap((s) => s.segments);
    expect(rules.length).toBeGreaterThan(0);
    const left = Math.min(...rules.map((r) => Math.min(r.x1, r.x2)));
    const right = Math.max(...rules.map((r) => Math.max(r.x1, r.x2)));
    expect(left).toBeCloseTo(612 - right, 2);
    expect(right - left).toBeCloseTo((TABLOID.width - 72) * sheet.scale, 2);
  });

  it('prints a letter page at its own size, untransformed', async () => {
    const bytes = await build({ profile: 'office', format: 'letter' });
    const pages = readPages(readRaw(bytes));
    for (const page of pages) {
      expect(page.media).toEqual({ left: 0, bottom: 0, right: 612, top: 792 });
      expect(page.dict).not.toMatch(/\/TrimBox|\/BleedBox/);
      // no scaling transform: the page's own y-flip is the only `cm` outside text objects
      expect(page.content).not.toMatch(/\b0\.\d+ 0 0 0\.\d+ [-\d.]+ [-\d.]+ cm/);
    }
  });
});

describe('archive profile', () => {
  it('has TrimBox = MediaBox = the page, and no PDF/X keys or marks', async () => {
    const bytes = await build({ profile: 'archive' });
    const pdf = readRaw(bytes);
    for (const page of readPages(pdf)) {
      expect(page.media).toEqual({ left: 0, bottom: 0, right: TABLOID.width, top: TABLOID.height });
      expect(page.trim).toEqual(page.media);
      expect(page.drawn.strokes.filter((s) => s.colour === REGISTRATION_STROKE)).toEqual([]);
    }
    // its one output intent is PDF/A's sRGB one (tests/render/archivePdf.test.ts), never the press's
    const intents = /\/OutputIntents\s*\[\s*(\d+ 0 R)\s*\]/.exec(catalogOf(pdf));
    expect(intents).not.toBeNull();
    expect(deref(pdf, intents![1])).toMatch(/\/S\s*\/GTS_PDFA1\b/);
    expect(deref(pdf, intents![1])).not.toMatch(/GTS_PDFX/);
    expect(infoOf(pdf)).not.toMatch(/GTS_PDFX|Trapped/);
  });
});
