// Reading a PDF's text layer with poppler's pdftotext, the extractor archives and search engines
// use (DESIGN.md, "Measuring ourselves"). CI installs poppler-utils (.ci/run); without it the
// tests that call this fail with a message saying so, they are not skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let checked = false;

/** Throws a clear error when poppler's pdftotext is not on the PATH. */
export function requirePdftotext(): void {
  if (checked) return;
  const probe = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      `pdftotext (poppler-utils) is needed to check the PDF's text layer and was not found (${probe.error.message}); ` +
        'install it, e.g. "apt-get install poppler-utils" (.ci/run does this)',
    );
  }
  checked = true;
}

/** The text `pdftotext` extracts from `pdf` (plain mode, or `-raw`: content stream order). */
export function pdftotext(pdf: Uint8Array, mode: 'plain' | 'raw' = 'plain'): string {
  requirePdftotext();
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-pdftotext-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const args = [...(mode === 'raw' ? ['-raw'] : []), '-enc', 'UTF-8', file, '-'];
    return execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A word of extracted text; a word hyphenated at a line end is rejoined (see `keptHyphen`). */
export interface TextWord {
  text: string;
  /** for a rejoined word, the same word with its line-end hyphen kept ("face-" + "to-face") */
  keptHyphen?: string;
}

/**
 * Extracted text as words: split on white space, and a word ending in letter + "-" at the end
 * of a line joined with the first word of the next line.
 */
export function textWords(text: string): TextWord[] {
  const lines = text.split(/\r?\n|\f/).map((line) => line.split(/[\s\u00a0]+/).filter((w) => w !== ''));
  const words: TextWord[] = [];
  let pending: string | undefined;
  for (const line of lines) {
    if (line.length === 0) continue;
    line.forEach((word, i) => {
      const last = i === line.length - 1;
      let w: TextWord = { text: word };
      if (pending !== undefined) {
        w = { text: pending + word, keptHyphen: `${pending}-${word}` };
        pending = undefined;
      }
      if (last && w.keptHyphen === undefined && /\p{L}-$/u.test(w.text)) pending = w.text.slice(0, -1);
      else words.push(w);
    });
  }
  if (pending !== undefined) words.push({ text: `${pending}-` });
  return words;
}
