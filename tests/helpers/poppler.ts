// Reading a PDF's text layer with poppler's pdftotext, the extractor archives and search engines
// use (DESIGN.md, "Measuring ourselves"). CI installs poppler-utils (.ci/run); without it the
// tests that call this fail with a message saying so, they are not skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The version line each tool printed for `-v`, once found on the PATH. */
const found = new Map<string, string>();

/** Throws a clear error when `command` (from the Debian package `pkg`) is not on the PATH; else its `-v` output. */
function requireTool(command: string, pkg: string): string {
  const known = found.get(command);
  if (known !== undefined) return known;
  const probe = spawnSync(command, ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      `${command} (${pkg}) is needed to check the PDF's text layer and was not found (${probe.error.message}); ` +
        `install it, e.g. "apt-get install ${pkg}" (.ci/run does this)`,
    );
  }
  const version = `${probe.stdout}${probe.stderr}`;
  found.set(command, version);
  return version;
}

/** The version pdftotext reports ("22.12.0"), for messages: poppler's -raw word gap changed in 2025. */
export function pdftotextVersion(): string {
  return /pdftotext version (\S+)/.exec(requireTool('pdftotext', 'poppler-utils'))?.[1] ?? '?';
}

/** What `pdftotext` extracts from the PDF file at `path` (plain mode, or `-raw`: content stream order). */
function pdftotextFile(path: string, mode: 'plain' | 'raw'): string {
  requireTool('pdftotext', 'poppler-utils');
  const args = [...(mode === 'raw' ? ['-raw'] : []), '-enc', 'UTF-8', path, '-'];
  return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** The text `pdftotext` extracts from `pdf` (plain mode, or `-raw`: content stream order). */
export function pdftotext(pdf: Uint8Array, mode: 'plain' | 'raw' = 'plain'): string {
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-pdftotext-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    return pdftotextFile(file, mode);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A text extractor's output cut into pages at its form feeds (both tools end every page with one). */
function splitPages(text: string): string[] {
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1].trim() === '') pages.pop();
  return pages;
}

/** Each page's text as `pdftotext` extracts it from the PDF file at `path` (plain mode, or `-raw`: content stream order). */
export function pdftotextPages(path: string, mode: 'plain' | 'raw' = 'plain'): string[] {
  return splitPages(pdftotextFile(path, mode));
}

/** Each page's text as MuPDF extracts it (`mutool draw -F txt`) from the PDF file at `path`. */
export function mutoolPages(path: string): string[] {
  requireTool('mutool', 'mupdf-tools');
  // (mutool may warn on stderr, e.g. "ICC support is not available": that is not text)
  const text = execFileSync('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', path], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return splitPages(text);
}

/** A word of extracted text; a word hyphenated at a line end is rejoined (see `keptHyphen`). */
export interface TextWord {
  text: string;
  /** for a rejoined word, the same word with its line-end hyphen kept ("face-" + "to-face") */
  keptHyphen?: string;
}

/**
 * Extracted text as words: split on white space, and a word ending in letter + "-" at the end
 * of a line joined with the first word of the next line. A word that ends in a letter or digit
 * and an en or em dash at the end of a line ("44–" over "41", "river—" over "the") is joined
 * with the next line's first word too, the dash kept: a line may break after a dash inside a
 * word, and a dash standing alone ("BALI —") is not such a word.
 */
export function textWords(text: string): TextWord[] {
  const lines = text.split(/\r?\n|\f/).map((line) => line.split(/[\s\u00a0]+/).filter((w) => w !== ''));
  const words: TextWord[] = [];
  // the start of a word that a line end cut: its added hyphen removed, or its dash kept
  let pending: { text: string; hyphen: boolean } | undefined;
  for (const line of lines) {
    if (line.length === 0) continue;
    line.forEach((word, i) => {
      const last = i === line.length - 1;
      let w: TextWord = { text: word };
      if (pending !== undefined) {
        w = pending.hyphen ? { text: pending.text + word, keptHyphen: `${pending.text}-${word}` } : { text: pending.text + word };
        pending = undefined;
      }
      if (last && w.keptHyphen === undefined && /\p{L}-$/u.test(w.text)) pending = { text: w.text.slice(0, -1), hyphen: true };
      else if (last && w.keptHyphen === undefined && /[\p{L}\p{N}][\u2013\u2014]$/u.test(w.text)) pending = { text: w.text, hyphen: false };
      else words.push(w);
    });
  }
  if (pending !== undefined) words.push({ text: pending.hyphen ? `${pending.text}-` : pending.text });
  return words;
}
