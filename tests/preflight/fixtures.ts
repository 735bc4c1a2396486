// Small PDFs for the preflight tests: made with pdfkit the way the press profile should make
// them (and then spoiled one rule at a time), or written byte by byte.
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

export const NEWSREADER = fileURLToPath(new URL('../../fonts/Newsreader_400Regular.ttf', import.meta.url));

/** A PDF name for pdfkit: it writes strings as names, but converts info values to (strings). */
export function pdfName(name: string): object {
  // pdfkit's PDFObject.convert falls back to `${value}` for objects it does not know
  return { [Symbol.toStringTag]: 'PDFName', toString: () => `/${name}` };
}

export interface PressOptions {
  size?: [number, number];
  trimBox?: number[] | null;
  bleedBox?: number[] | null;
  /** the OutputConditionIdentifier, or null for no output intent */
  outputCondition?: string | null;
  /** /Trapped, or null to leave it out */
  trapped?: 'True' | 'False' | 'Unknown' | null;
  pdfxVersion?: string | null;
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type Data = Record<string, unknown>;

const ESC = (s: string): String => new String(s);

/**
 * A one-page press PDF, done right unless `options` say otherwise: TrimBox and BleedBox,
 * a GTS_PDFX output intent, the PDF/X info keys, and whatever `draw` paints.
 */
export async function pressPdf(draw: (doc: Doc) => void | Promise<void>, options: PressOptions = {}): Promise<Buffer> {
  const [w, h] = options.size ?? [300, 400];
  const date = new Date('2022-11-15T00:00:00Z');
  const doc = new PDFDocument({
    size: [w, h],
    margin: 0,
    compress: options.compress ?? true,
    info: { Title: 'The Morning Ledger', Creator: 'Stonehand', CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const page = doc.page.dictionary as unknown as { data: Data };
  if (options.trimBox !== null) page.data.TrimBox = options.trimBox ?? [12, 12, w - 12, h - 12];
  if (options.bleedBox !== null) page.data.BleedBox = options.bleedBox ?? [3, 3, w - 3, h - 3];

  const info = doc.info as unknown as Data;
  if (options.pdfxVersion !== null) {
    info.GTS_PDFXVersion = options.pdfxVersion ?? 'PDF/X-1:2001';
    info.GTS_PDFXConformance = 'PDF/X-1a:2001';
  }
  if (options.trapped !== null) info.Trapped = pdfName(options.trapped ?? 'False');

  if (options.outputCondition !== null) {
    const intent = doc.ref({
      Type: 'OutputIntent',
      S: 'GTS_PDFX',
      OutputConditionIdentifier: ESC(options.outputCondition ?? 'WAN-IFRAnewspaper26v5'),
      OutputCondition: ESC('Newspaper coldset offset, ISO 12647-3'),
      RegistryName: ESC('http://www.color.org'),
    });
    (intent as unknown as { end(): void }).end();
    (doc as unknown as { _root: { data: Data } })._root.data.OutputIntents = [intent];
  }

  await draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Text in the embedded Newsreader face, 100 % K. */
export function blackText(doc: Doc, text = 'Stonehand sets the news.'): void {
  doc.font(NEWSREADER).fontSize(12).fillColor([0, 0, 0, 100]).text(text, 20, 30, { lineBreak: false });
}

/** A JPEG of `width` × `height` pixels: one grey channel, or three (sRGB) with `rgb`. */
export async function jpeg(width: number, height: number, rgb = false): Promise<Buffer> {
  const img = sharp({ create: { width, height, channels: 3, background: { r: 180, g: 120, b: 60 } } });
  return (rgb ? img : img.toColourspace('b-w')).jpeg({ quality: 80 }).toBuffer();
}

/** A PDF with nothing after the bytes pdfkit wrote but one incremental update. */
export function appendUpdate(pdf: Buffer, objects: Record<number, string>, trailerExtra: string): Buffer {
  const text = pdf.toString('latin1');
  const prev = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)![1]);
  const size = Number(/\/Size (\d+)/.exec(text)![1]);
  let body = '\n';
  const offsets: Array<[number, number]> = [];
  for (const [num, src] of Object.entries(objects)) {
    offsets.push([Number(num), pdf.length + Buffer.byteLength(body, 'latin1')]);
    body += `${num} 0 obj\n${src}\nendobj\n`;
  }
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  body += 'xref\n';
  for (const [num, off] of offsets) body += `${num} 1\n${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${size} /Prev ${prev} ${trailerExtra} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body, 'latin1')]);
}

/**
 * "A browser-printed PDF": PDF 1.5, RGB text, no TrimBox or BleedBox, no output intent, and its
 * objects in an object stream indexed by a compressed cross-reference stream (PNG Up predictor).
 */
export function browserPdf(): Buffer {
  const content = deflateSync(Buffer.from('q 0 0 1 rg BT /F1 12 Tf 72 700 Td (Printed from a browser) Tj ET Q\n', 'latin1'));
  const fontFile = deflateSync(Buffer.from('not really a TrueType program, but embedded all the same'));
  // objects 1–3, 5, 6 and 8 go in the object stream (9); streams 4 and 7 cannot
  const packed: Array<[number, string]> = [
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>'],
    [5, '<< /Type /Font /Subtype /TrueType /BaseFont /AAAAAA+LiberationSerif /FirstChar 32 /LastChar 126 /FontDescriptor 6 0 R >>'],
    [6, '<< /Type /FontDescriptor /FontName /AAAAAA+LiberationSerif /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 7 0 R >>'],
    [8, '<< /Title (Printed page) /Producer (Skia/PDF m120) /CreationDate (D:20221115000000Z) >>'],
  ];
  let header = '';
  let bodies = '';
  for (const [num, src] of packed) {
    header += `${num} ${bodies.length} `;
    bodies += `${src}\n`;
  }
  const objStm = deflateSync(Buffer.from(header + bodies, 'latin1'));

  const parts: Buffer[] = [];
  const offsets = new Map<number, number>();
  let length = 0;
  const push = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  const stream = (num: number, dict: string, data: Buffer): void => {
    offsets.set(num, length);
    push(`${num} 0 obj\n<< ${dict} /Length ${data.length} >>\nstream\n`);
    push(data);
    push('\nendstream\nendobj\n');
  };
  push('%PDF-1.5\n%\xe2\xe3\xcf\xd3\n');
  stream(4, '/Filter /FlateDecode', content);
  stream(7, '/Filter /FlateDecode /Length1 52', fontFile);
  stream(9, `/Type /ObjStm /N ${packed.length} /First ${header.length} /Filter /FlateDecode`, objStm);

  // the cross-reference stream: W [1 2 1], rows PNG-Up-filtered (predictor 12, 4 columns)
  const xrefNum = 10;
  const xrefAt = length;
  offsets.set(xrefNum, xrefAt);
  const rows: number[][] = [];
  for (let n = 0; n <= xrefNum; n++) {
    const inStream = packed.findIndex(([p]) => p === n);
    if (n === 0) rows.push([0, 0, 0, 255]);
    else if (inStream >= 0) rows.push([2, 0, 9, inStream]);
    else {
      const off = offsets.get(n)!;
      rows.push([1, off >> 8, off & 0xff, 0]);
    }
  }
  const filtered: number[] = [];
  let prev = [0, 0, 0, 0];
  for (const row of rows) {
    filtered.push(2, ...row.map((b, i) => (b - prev[i] + 256) & 0xff));
    prev = row;
  }
  const xrefData = deflateSync(Buffer.from(filtered));
  push(
    `${xrefNum} 0 obj\n<< /Type /XRef /Size ${xrefNum + 1} /W [1 2 1] /Index [0 ${xrefNum + 1}] /Root 1 0 R /Info 8 0 R ` +
      `/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length ${xrefData.length} >>\nstream\n`,
  );
  push(xrefData);
  push(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/** An object for `classicPdf`: a dictionary (or any object) and, for a stream, its data. */
export interface HandObject {
  num: number;
  body: string;
  /** stream data: /Length is added to `body` (a dictionary), compressed with `flate` */
  stream?: string | Buffer;
  flate?: boolean;
}

/** Writes objects with a classic cross-reference table. */
export function classicPdf(objects: HandObject[], trailer: string, version = '1.3'): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  const push = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    parts.push(buf);
    length += buf.length;
  };
  push(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`);
  const offsets = new Map<number, number>();
  for (const o of objects) {
    offsets.set(o.num, length);
    if (o.stream === undefined) {
      push(`${o.num} 0 obj\n${o.body}\nendobj\n`);
      continue;
    }
    let data = typeof o.stream === 'string' ? Buffer.from(o.stream, 'latin1') : o.stream;
    if (o.flate) data = deflateSync(data);
    const dict = o.body.replace(/>>\s*$/, `${o.flate ? ' /Filter /FlateDecode' : ''} /Length ${data.length} >>`);
    push(`${o.num} 0 obj\n${dict}\nstream\n`);
    push(data);
    push('\nendstream\nendobj\n');
  }
  const size = Math.max(...offsets.keys()) + 1;
  const xrefAt = length;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let n = 1; n < size; n++) {
    const off = offsets.get(n);
    xref += off === undefined ? '0000000000 65535 f \n' : `${String(off).padStart(10, '0')} 00000 n \n`;
  }
  push(`${xref}trailer\n<< /Size ${size} ${trailer} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(parts);
}

/**
 * A press PDF written by hand: catalog 1, pages 2, page 3 with content 4, info 5, output
 * intent 6, an embedded TrueType font 7 (file 8) as /F1. Test objects start at 10.
 */
export function handPressPdf(page: { resources: string; content: string | Buffer; pageExtra?: string; catalogExtra?: string; trailerExtra?: string; objects?: HandObject[] }): Buffer {
  const objects: HandObject[] = [
    { num: 1, body: `<< /Type /Catalog /Pages 2 0 R /OutputIntents [6 0 R] ${page.catalogExtra ?? ''} >>` },
    { num: 2, body: '<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 612 792] >>' },
    {
      num: 3,
      body: `<< /Type /Page /Parent 2 0 R /TrimBox [18 18 594 774] /BleedBox [9 9 603 783] /Contents 4 0 R /Resources << /Font << /F1 7 0 R >> ${page.resources} >> ${page.pageExtra ?? ''} >>`,
    },
    { num: 4, body: '<< >>', stream: page.content, flate: true },
    {
      num: 5,
      body: '<< /Title (Hand made) /CreationDate (D:20221115000000Z) /ModDate (D:20221115000000Z) /GTS_PDFXVersion (PDF/X-1:2001) /GTS_PDFXConformance (PDF/X-1a:2001) /Trapped /False >>',
    },
    { num: 6, body: '<< /Type /OutputIntent /S /GTS_PDFX /OutputConditionIdentifier (WAN-IFRAnewspaper26v5) /RegistryName (http://www.color.org) >>' },
    { num: 7, body: '<< /Type /Font /Subtype /TrueType /BaseFont /ABCDEF+Serif /FontDescriptor << /Type /FontDescriptor /FontName /ABCDEF+Serif /Flags 4 /FontFile2 8 0 R >> >>' },
    { num: 8, body: '<< >>', stream: 'glyphs', flate: true },
    ...(page.objects ?? []),
  ];
  return classicPdf(objects, `/Root 1 0 R /Info 5 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ${page.trailerExtra ?? ''}`);
}
