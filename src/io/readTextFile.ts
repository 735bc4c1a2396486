import { readFile, stat } from 'node:fs/promises';
import { ContentError } from '../model/errors.js';

/** Text sources larger than this are refused before reading: no article is 20 MB of copy. */
const MAX_TEXT_BYTES = 20 * 1024 * 1024;

/**
 * Reads a text source (article, wire copy, edition.yaml) and returns it as a JS string with
 * `\n` line ends. UTF-8 (with or without BOM) and UTF-16 with a BOM are read; anything else
 * that is not valid UTF-8 text — binary files, unknown encodings — is refused, as is an
 * empty file.
 */
export async function readTextFile(path: string): Promise<string> {
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
  return decodeText(bytes, path);
}

/** Decodes bytes as described in readTextFile; `path` only names the file in errors. */
export function decodeText(bytes: Uint8Array, path: string): string {
  let text: string;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
  } else {
    if (bytes.includes(0)) throw new ContentError(path, 'is a binary file, not text (it contains NUL bytes)');
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ContentError(path, 'is not UTF-8 text (unknown encoding or binary data); save it as UTF-8');
    }
  }
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text)) {
    throw new ContentError(path, 'contains control characters; it looks like a binary file, not text');
  }
  text = text.replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new ContentError(path, 'is empty');
  return text;
}
