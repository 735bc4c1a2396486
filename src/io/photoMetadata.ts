// A photo's own words: the caption, credit, by-line and copyright an agency embeds in the file,
// as IPTC IIM (JPEG APP13, Photoshop image resource 0x0404: 2:120 caption, 2:110 credit, 2:80
// by-line, 2:116 copyright) and XMP (dc:description, photoshop:Credit, dc:creator, dc:rights).
// They fill what the article leaves empty; the article's own words win. The parsers are pure;
// readPhotoText reads the header through sharp (nothing is decoded).

import { dirname, resolve } from 'node:path';
import type { Edition } from '../model/article.js';
import type { Warning } from '../model/errors.js';
import { loadSharp } from './preparePhoto.js';
import { childNamed, descendantsNamed, isElement, parseXml, textOf, type XmlElement } from '../import/xmlTree.js';

export interface PhotoText {
  caption?: string;
  credit?: string;
  /** the photographer(s) */
  creator?: string;
  copyright?: string;
}

const clean = (text: string | undefined) => {
  const t = text?.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
};

/** IIM text: UTF-8 when it is (or when 1:90 says so), else Latin-1 as the standard's default. */
function iimText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}

/** The IIM data sets in `bytes` (from its first 0x1C tag marker), by "record:dataset". */
function iimDatasets(bytes: Uint8Array): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let i = 0;
  while (i + 5 <= bytes.length) {
    if (bytes[i] !== 0x1c) break;
    const key = `${bytes[i + 1]}:${bytes[i + 2]}`;
    let length = (bytes[i + 3] << 8) | bytes[i + 4];
    let at = i + 5;
    if (length & 0x8000) {
      // extended data set: the next (length & 0x7fff) bytes hold the length
      const n = length & 0x7fff;
      if (n > 4 || at + n > bytes.length) break;
      length = 0;
      for (let k = 0; k < n; k++) length = length * 256 + bytes[at + k];
      at += n;
    }
    if (at + length > bytes.length) break;
    const list = out.get(key) ?? [];
    list.push(iimText(bytes.subarray(at, at + length)));
    out.set(key, list);
    i = at + length;
  }
  return out;
}

/**
 * IPTC IIM as sharp gives it (`metadata().iptc`: the APP13 payload, "Photoshop 3.0", then image
 * resources) or a bare IIM stream → caption (2:120), credit (2:110), creator (2:80), copyright
 * (2:116). Malformed data gives what could be read before it.
 */
export function parseIptc(bytes: Uint8Array): PhotoText {
  let iim: Uint8Array | undefined;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf('8BIM', 0, 'latin1');
  while (at >= 0 && at + 12 <= buf.length) {
    const id = buf.readUInt16BE(at + 4);
    const nameLength = buf[at + 6];
    const sizeAt = at + 6 + nameLength + 1 + ((nameLength + 1) % 2);
    if (sizeAt + 4 > buf.length) break;
    const size = buf.readUInt32BE(sizeAt);
    const dataAt = sizeAt + 4;
    if (dataAt + size > buf.length) break;
    if (id === 0x0404) {
      iim = buf.subarray(dataAt, dataAt + size);
      break;
    }
    at = dataAt + size + (size % 2);
    if (buf.toString('latin1', at, at + 4) !== '8BIM') at = buf.indexOf('8BIM', at, 'latin1');
  }
  if (iim === undefined) {
    const first = buf.indexOf(0x1c);
    if (first < 0) return {};
    iim = buf.subarray(first);
  }
  const sets = iimDatasets(iim);
  const one = (key: string) => clean(sets.get(key)?.join(' '));
  const out: PhotoText = {};
  const caption = one('2:120');
  const credit = one('2:110');
  const creator = clean(sets.get('2:80')?.join(', '));
  const copyright = one('2:116');
  if (caption) out.caption = caption;
  if (credit) out.credit = credit;
  if (creator) out.creator = creator;
  if (copyright) out.copyright = copyright;
  return out;
}

/** An XMP property: an attribute of rdf:Description, or an element with text, rdf:Alt or rdf:Seq/Bag. */
function xmpValues(root: XmlElement, name: string): string[] {
  const values: string[] = [];
  for (const description of descendantsNamed(root, 'Description')) {
    const attr = description.attrs[name];
    if (attr !== undefined) values.push(attr);
  }
  for (const el of descendantsNamed(root, name)) {
    const container = childNamed(el, 'Alt', 'Seq', 'Bag');
    if (container === undefined) {
      values.push(textOf(el));
      continue;
    }
    const items = container.children.filter(isElement).filter((c) => c.name === 'li');
    if (container.name === 'Alt') {
      const preferred = items.find((li) => li.attrs.lang === 'x-default') ?? items[0];
      if (preferred) values.push(textOf(preferred));
    } else values.push(items.map((li) => textOf(li)).filter(Boolean).join(', '));
  }
  return values.map((v) => clean(v)).filter((v): v is string => v !== undefined);
}

/** XMP packet → dc:description (caption), photoshop:Credit, dc:creator, dc:rights. Bad XML → {}. */
export function parseXmp(xml: string): PhotoText {
  let root: XmlElement;
  try {
    root = parseXml(xml.replace(/^\uFEFF/, '').replace(/\u0000+$/, ''), 'XMP');
  } catch {
    return {};
  }
  const out: PhotoText = {};
  const [caption] = xmpValues(root, 'description');
  const [credit] = xmpValues(root, 'Credit');
  const [creator] = xmpValues(root, 'creator');
  const [copyright] = xmpValues(root, 'rights');
  if (caption) out.caption = caption;
  if (credit) out.credit = credit;
  if (creator) out.creator = creator;
  if (copyright) out.copyright = copyright;
  return out;
}

/** XMP where it has the field (it is Unicode by definition), else IIM. */
export function mergePhotoText(xmp: PhotoText, iptc: PhotoText): PhotoText {
  return { ...iptc, ...xmp };
}

/** The embedded words of the photo at `path`; {} when it has none or cannot be read (layout reports that). */
export async function readPhotoText(path: string): Promise<PhotoText> {
  try {
    const sharp = await loadSharp();
    const meta = await sharp(path, { limitInputPixels: false }).metadata();
    const xmp = meta.xmp ? parseXmp(meta.xmp.toString('utf8')) : {};
    const iptc = meta.iptc ? parseIptc(meta.iptc) : {};
    return mergePhotoText(xmp, iptc);
  } catch {
    return {};
  }
}

/**
 * Fills each photo's empty caption and credit from the photo's own metadata (credit: its
 * credit, else its creator); the article's words win. Returns one note per filled field, naming
 * the article, the field and the words — not warnings: nothing is wrong.
 */
export async function fillPhotoText(edition: Edition, read: (path: string) => Promise<PhotoText> = readPhotoText): Promise<Warning[]> {
  const filled = await Promise.all(
    edition.articles.map(async (article) => {
      const notes: Warning[] = [];
      const photo = article.photo;
      if (photo === undefined || (photo.caption !== undefined && photo.credit !== undefined)) return { article, notes };
      const text = await read(resolve(dirname(article.sourcePath), photo.file));
      const next = { ...photo };
      if (next.caption === undefined && text.caption !== undefined) {
        next.caption = text.caption;
        notes.push({ code: 'caption-from-photo', file: article.sourcePath, message: `photo caption taken from ${photo.file}'s own metadata: "${text.caption}"` });
      }
      const credit = text.credit ?? text.creator;
      if (next.credit === undefined && credit !== undefined) {
        next.credit = credit;
        notes.push({ code: 'credit-from-photo', file: article.sourcePath, message: `photo credit taken from ${photo.file}'s own metadata (${text.credit ? 'credit' : 'creator'}): "${credit}"` });
      }
      return { article: notes.length === 0 ? article : { ...article, photo: next }, notes };
    }),
  );
  edition.articles = filled.map((f) => f.article);
  return filled.flatMap((f) => f.notes);
}
