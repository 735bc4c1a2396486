import { readFile, stat } from 'node:fs/promises';
import { ContentError, type Warning } from '../model/errors.js';

/** Text sources larger than this are refused before reading: no article is 20 MB of copy. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

export interface ReadTextOptions {
  /** told about what was repaired: Windows-1252 read as such, stray control characters removed */
  onWarning?: (warning: Warning) => void;
  /**
   * control characters the caller wants to see (the wire importer keeps IPTC 7901's SOH, STX,
   * ETX and EOT to recognise the framing); every other stray one is removed
   */
  keepControls?: string;
}

/**
 * Reads a text source (article, wire copy, news XML, edition.yaml) and returns it as a JS
 * string with `\n` line ends; see decodeText for what is read, repaired and refused.
 */
export async function readTextFile(path: string, options: ReadTextOptions = {}): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new ContentError(path, 'is a folder, expected a text file');
    if (info.size > MAX_TEXT_BYTES) {
      throw new ContentError(path, `is ${(info.size / 1048576).toFixed(1)} MB, too large for a text source`);
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ContentError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ContentError(path, 'file not found');
    if (code === 'EACCES') throw new ContentError(path, 'permission denied');
    throw new ContentError(path, `cannot be read (${code ?? String(error)})`);
  }
  return decodeText(bytes, path, options);
}

/** Magic numbers of files that are never text: images, PDF, archives, executables, fonts. */
const MAGIC: { bytes: number[] | string; what: string }[] = [
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], what: 'a PNG image' },
  { bytes: 'GIF87a', what: 'a GIF image' },
  { bytes: 'GIF89a', what: 'a GIF image' },
  { bytes: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { bytes: '%PDF-', what: 'a PDF' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (or a Word/OpenDocument file)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'a zip archive' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: 'Rar!\x1a\x07', what: 'a RAR archive' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz archive' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd archive' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Microsoft Office file' },
  { bytes: [0x00, 0x01, 0x00, 0x00, 0x00], what: 'a font file' },
  { bytes: 'OTTO', what: 'a font file' },
  { bytes: 'wOFF', what: 'a web font' },
  { bytes: 'wOF2', what: 'a web font' },
];

/** What `bytes` is, when its first bytes are the magic number of a known binary format. */
function binaryKind(bytes: Uint8Array): string | undefined {
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF') {
    const form = String.fromCharCode(...bytes.subarray(8, 12));
    return form === 'WEBP' ? 'a WebP image' : 'a RIFF media file';
  }
  if (bytes.length >= 12 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') return 'an ISO media file (HEIC/AVIF/MP4)';
  for (const { bytes: magic, what } of MAGIC) {
    const m = typeof magic === 'string' ? [...magic].map((c) => c.charCodeAt(0)) : magic;
    if (bytes.length >= m.length && m.every((b, i) => bytes[i] === b)) return what;
  }
  return undefined;
}

/**
 * The characters of Windows-1252 at 0x80–0x9F; `undefined` for the five bytes cp1252 leaves
 * undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D). Elsewhere cp1252 is Latin-1.
 */
const CP1252_HIGH: (string | undefined)[] = [
  '€', undefined, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', undefined, 'Ž', undefined,
  undefined, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', undefined, 'ž', 'Ÿ',
];

/** Decodes Windows-1252; the offset of the first byte cp1252 leaves undefined, if any. */
function decodeCp1252(bytes: Uint8Array): { text: string } | { badOffset: number } {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x80 && b <= 0x9f) {
      const c = CP1252_HIGH[b - 0x80];
      if (c === undefined) return { badOffset: i };
      parts.push(c);
    } else parts.push(String.fromCharCode(b));
  }
  return { text: parts.join('') };
}

/** The offset of the first byte where `bytes` stops being well-formed UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need > bytes.length - 1) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
}

/** Control characters that are never text here: C0 but tab, LF, CR and form feed; DEL; C1. */
const STRAY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

/** More than this share of control characters, and the file is binary, not text with a few strays. */
const MOSTLY_CONTROL = 0.05;

/** Encoding names read as Windows-1252 (its printable range includes all of Latin-1's). */
const LATIN1_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'latin-1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii']);

/** The encoding an XML declaration at the start of `bytes` names, lower-cased. */
function declaredXmlEncoding(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  return /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1].toLowerCase();
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Decodes bytes as text; `path` only names the file in messages.
 * - UTF-8 (with or without BOM) and UTF-16 with a BOM are read as they are;
 * - bytes that are not UTF-8 but are valid Windows-1252 are read as Windows-1252, with a warning;
 * - bytes that are neither are refused, with the byte offset where each reading fails;
 * - a file is binary — refused — when it opens with the magic number of an image, PDF, archive,
 *   executable or font, or when more than 5 % of it is control characters;
 * - stray control characters inside otherwise valid text (C0 but tab, LF, CR and form feed; DEL;
 *   C1; NUL included) are removed, with one warning that counts them — except those in
 *   `options.keepControls`, left for the caller; those that separate words (vertical tab, NEL,
 *   the information separators) leave a space; NUL padding at the end does not make a file binary;
 * - line ends become `\n`; an empty (or white-space only) file is refused.
 */
export function decodeText(bytes: Uint8Array, path: string, options: ReadTextOptions = {}): string {
  const kind = binaryKind(bytes);
  if (kind !== undefined) throw new ContentError(path, `is a binary file, not text (it is ${kind})`);
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = decodeUtf16(bytes, 'utf-16le', path);
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = decodeUtf16(bytes, 'utf-16be', path);
  } else {
    // NUL padding at the end (fixed-size records of old wire systems) is a stray, not binary
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    let controls = 0;
    for (let i = 0; i < end; i++) {
      const b = bytes[i];
      if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) || b === 0x7f) controls++;
    }
    if (end > 0 && controls / end > MOSTLY_CONTROL) {
      const utf16 = looksLikeUtf16WithoutBom(bytes);
      throw new ContentError(
        path,
        utf16
          ? 'is not UTF-8 text: it looks like UTF-16 without a byte-order mark; save it as UTF-8'
          : `is a binary file, not text (${controls} of its ${end} bytes are control characters)`,
      );
    }
    const bad = firstInvalidUtf8(bytes);
    const declared = declaredXmlEncoding(bytes);
    if (bad === undefined) {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } else if (declared !== undefined && !/^utf-?8$/.test(declared)) {
      // XML that says what it is: Latin-1 and Windows-1252 are read as declared, without a warning
      if (!LATIN1_NAMES.has(declared)) {
        throw new ContentError(path, `declares the encoding "${declared}", which is not read: save it as UTF-8 (or Windows-1252)`);
      }
      const cp = decodeCp1252(bytes);
      if ('badOffset' in cp) {
        throw new ContentError(path, `declares the encoding "${declared}" but byte ${hex(bytes[cp.badOffset])} at offset ${cp.badOffset} is not text in it`);
      }
      text = cp.text;
    } else {
      const cp = decodeCp1252(bytes);
      if ('badOffset' in cp) {
        throw new ContentError(
          path,
          `is not text in a known encoding: not UTF-8 (byte ${hex(bytes[bad])} at offset ${bad}) and not Windows-1252 ` +
            `(byte ${hex(bytes[cp.badOffset])} at offset ${cp.badOffset} is undefined there); save it as UTF-8`,
        );
      }
      text = cp.text;
      options.onWarning?.({
        code: 'read-as-windows-1252',
        file: path,
        message: `is not UTF-8 (byte ${hex(bytes[bad])} at offset ${bad}); read as Windows-1252 — save it as UTF-8 to be sure of its characters`,
      });
    }
  }
  text = text.replace(/\r\n?/g, '\n');
  text = removeStrayControls(text, path, options);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new ContentError(path, 'is empty');
  return text;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', path: string): string {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
  } catch {
    throw new ContentError(path, `starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} text`);
  }
}

/** Every other byte NUL, the ones between mostly printable ASCII: UTF-16 that lost its BOM. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const pairs = Math.floor(bytes.length / 2);
  for (const zeroAt of [0, 1]) {
    let hits = 0;
    for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i + zeroAt] === 0 && bytes[i + 1 - zeroAt] !== 0) hits++;
    if (hits / pairs > 0.9) return true;
  }
  return false;
}

/** Controls that stand between words — vertical tab (a manual line break in word processors),
 *  NEL, the file/group/record/unit separators — become a space, so that no two words run together. */
const SEPARATING_CONTROL = /[\u000b\u001c-\u001f\u0085]/;

function removeStrayControls(text: string, path: string, options: ReadTextOptions): string {
  const keep = options.keepControls ?? '';
  let removed = 0;
  const codes = new Set<number>();
  let first: number | undefined; // where the first one stood, for the warning's line and column
  const out = text.replace(STRAY_CONTROL, (c, offset: number) => {
    if (keep.includes(c)) return c;
    removed++;
    first ??= offset;
    codes.add(c.charCodeAt(0));
    return SEPARATING_CONTROL.test(c) ? ' ' : '';
  });
  if (removed > 0) {
    const list = [...codes]
      .sort((a, b) => a - b)
      .slice(0, 6)
      .map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`)
      .join(', ');
    const before = text.slice(0, first);
    options.onWarning?.({
      code: 'control-characters-removed',
      file: path,
      line: before.split('\n').length,
      column: [...before.slice(before.lastIndexOf('\n') + 1)].length + 1,
      message: `${removed} stray control character${removed === 1 ? '' : 's'} removed (${list}${codes.size > 6 ? ', …' : ''})`,
    });
  }
  return out;
}
