// End to end, through the command line: real-world names print (Greek, Cyrillic, Vietnamese,
// U+2015, U+2011), straight quotes print curly, in Markdown and in wire copy, and the PDF's text
// layer reads them back (pdftotext -raw); a character no face can draw is one message with
// file:line:col — in an article as in edition.yaml's paper name —, exit 1, nothing written.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/io/loadFonts.js';
import { pdftotextPages } from '../helpers/poppler.js';
import { filesBelow, removeAll, runCli, stackLines, tempDir } from './runCli.js';

const made: string[] = [];

/**
 * Every character MuPDF reads out of the PDF with the font it is drawn in (`mutool draw -F
 * stext`), checked against that font's cmap: a character its font has no glyph for would print
 * as an empty box. Returns the fonts the characters were drawn in.
 */
function expectNoMissingGlyph(pdf: string): Set<string> {
  const xml = execFileSync('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { fonts } = loadFonts();
  const byName = new Map(Object.values(fonts).map((f) => [(f as unknown as { postscriptName: string }).postscriptName, f]));
  const used = new Set<string>();
  for (const [, name, body] of xml.matchAll(/<font name="([^"]+)"[^>]*>([\s\S]*?)<\/font>/g)) {
    const font = byName.get(name);
    expect(font, `a font that is not ours: ${name}`).toBeDefined();
    used.add(name);
    for (const [, c] of body.matchAll(/ c="([^"]*)"/g)) {
      const char = c.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
      const code = char.codePointAt(0)!;
      if (code === 0x20 || code === 0xa0) continue;
      expect(font!.hasGlyphForCodePoint(code), `"${char}" (U+${code.toString(16)}) drawn in ${name}, which has no glyph for it`).toBe(true);
    }
  }
  return used;
}

afterAll(async () => {
  await removeAll(made);
});

const ARTICLE = [
  '---',
  'headline: "Athens talks: Μητσοτάκης meets Зеленський"',
  'deck: Nguyễn Thị Minh Khai\'s "quiet" diplomacy',
  'bylines: [Σωκράτης Παπαδόπουλος]',
  'date: 2024-03-12',
  'dateline: ATHENS',
  '---',
  'Prime Minister Κυριάκος Μητσοτάκης met Володимир Зеленський and Phạm Minh Chính on Tuesday. "We agree," he said ― and the non‑breaking hyphen held. It\'s the \'90s again, said the \'old hands\'.',
  '',
  'Write to press@example.org or see https://example.org/a"b for `code "stays" straight`.',
  '',
].join('\n');

describe('build: names in Greek, Cyrillic and Vietnamese, U+2015, U+2011 and straight quotes', () => {
  let out: string;
  let text: string;
  let pdfFile: string;
  let status: number | null;
  let stderr: string;
  beforeAll(async () => {
    const dir = await tempDir('stonehand-glyphs-');
    made.push(dir);
    out = join(dir, 'out');
    await writeFile(join(dir, 'names.md'), ARTICLE);
    const result = await runCli(['build', join(dir, 'names.md'), '--out', out, '--strict']);
    ({ status, stderr } = result);
    const [pdf] = (await filesBelow(out)).filter((f) => f.endsWith('.pdf'));
    pdfFile = join(out, pdf);
    text = pdftotextPages(pdfFile, 'raw').join('\n').replace(/\s+/g, ' ');
  });

  it('exits 0 even with --strict: every character has a face, nothing needed a look-alike', () => {
    expect(stderr).not.toMatch(/warning|error/i);
    expect(status).toBe(0);
  });

  it('the PDF text (pdftotext -raw) holds every name, the horizontal bar and the non-breaking hyphen', () => {
    for (const word of ['Μητσοτάκης', 'Зеленський', 'Κυριάκος', 'Володимир', 'Phạm', 'Chính', 'Nguyễn', 'Thị', 'Σωκράτης', 'Παπαδόπουλος', '―', 'non‑breaking']) {
      expect(text, word).toContain(word);
    }
  });

  it('draws every character in a font that has its glyph (no empty box anywhere, MuPDF reading)', () => {
    const used = expectNoMissingGlyph(pdfFile);
    expect(used).toContain('NotoSerif-Regular');
    expect(used).toContain('NotoSans-Bold');
  });

  it('reads curly quotes and apostrophes, and straight ones in the URL and the code', () => {
    expect(text).toContain('“We agree,” he said ― and');
    expect(text).toContain('It’s the ’90s again, said the ‘old hands’.');
    expect(text).toContain('Khai’s “quiet” diplomacy');
    expect(text).toContain('https://example.org/a"b');
    expect(text).toContain('code "stays" straight');
    expect(text).not.toMatch(/"We|agree,"|It's/);
  });
});

describe('build: straight quotes in wire copy print curly', () => {
  it('reads “ ” and ’ in the PDF text', async () => {
    const dir = await tempDir('stonehand-glyphs-wire-');
    made.push(dir);
    const wire = [
      'Council backs "green" budget',
      '',
      'By Jane Doe',
      'The Morning Ledger',
      'March 12, 2024',
      '',
      'RIVERTON – The council said it\'s "a fair deal" for the town\'s residents, and voted 7-2 on Tuesday night.',
      '',
      'The mayor called it "the best budget in years."',
      '',
    ].join('\n');
    await writeFile(join(dir, 'wire.txt'), wire);
    const result = await runCli(['build', join(dir, 'wire.txt'), '--out', join(dir, 'out')]);
    expect(result.status, result.stderr).toBe(0);
    const [pdf] = (await filesBelow(join(dir, 'out'))).filter((f) => f.endsWith('.pdf'));
    const text = pdftotextPages(join(dir, 'out', pdf), 'raw').join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Council backs “green” budget');
    expect(text).toContain('it’s “a fair deal” for the town’s residents');
    expect(text).toContain('called it “the best');
    expect(text).toContain('in years.”');
    expect(text).not.toContain('"');
  });
});

describe('build: a paper with a Greek name, in Greek', () => {
  it('names the file after it, and prints it in the nameplate, the date line in Greek capitals, and the press slug line (Noto Sans)', async () => {
    const dir = await tempDir('stonehand-glyphs-greek-');
    made.push(dir);
    await writeFile(join(dir, 'edition.yaml'), 'paper: Η Καθημερινή\ndate: 2024-03-12\nformat: tabloid\nlang: el\n');
    await writeFile(join(dir, 'story.md'), '---\nheadline: Η κυβέρνηση και οι μεταρρυθμίσεις\n---\nΟ πρωθυπουργός δήλωσε ότι η κυβέρνηση θα συνεχίσει τις μεταρρυθμίσεις.\n');
    const out = join(dir, 'out');
    const result = await runCli(['build', dir, '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(await filesBelow(out)).toEqual([join('2024-03-12', 'η-καθημερινη-2024-03-12.pdf')]);
    const file = join(out, '2024-03-12', 'η-καθημερινη-2024-03-12.pdf');
    const [page] = pdftotextPages(file, 'raw');
    const lines = page.split('\n');
    expect(lines[0]).toMatch(/^Η Καθημερινή · 2024-03-12 · Page 1 of 1 · press/); // the slug line
    expect(lines[1]).toBe('Η Καθημερινή');
    expect(lines[2]).toBe('ΤΡΙΤΗ 12 ΜΑΡΤΙΟΥ 2024');
    // the slug line's face (Libre Franklin Regular) has no Greek: its fallback, Noto Sans, draws it
    expect((await readFile(file)).toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSans-Regular/);
    expectNoMissingGlyph(file);
  });
});

describe('build: a character no face can draw', () => {
  const edition = async (paper: string, body: string) => {
    const dir = await tempDir('stonehand-glyphs-bad-');
    made.push(dir);
    await writeFile(join(dir, 'edition.yaml'), `paper: ${paper}\ndate: 2024-03-12\nformat: tabloid\n`);
    await writeFile(join(dir, 'story.md'), `---\nheadline: A story\n---\n${body}\n`);
    const out = join(dir, 'out');
    const result = await runCli(['build', dir, '--out', out]);
    return { dir, out, result };
  };

  it('CJK in an article: exit 1, one message naming it, its U+ code and file:line:col, nothing written', async () => {
    const { dir, out, result } = await edition('The Daily', 'First line.\n\nThe word 新聞 here.');
    expect(result.status).toBe(1);
    expect(result.stderr.trim()).toBe(`${join(dir, 'story.md')}:6:10: error: no font can draw "新" (U+65B0); the faces in fonts/ cover Latin, Greek, Cyrillic and Vietnamese (see README, "Adding a face")`);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(await filesBelow(out)).toEqual([]);
  });

  it('an emoji in the paper name: the same, at its line and column in edition.yaml (never empty boxes)', async () => {
    const { dir, out, result } = await edition('The 😀 Daily', 'Plain words.');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${join(dir, 'edition.yaml')}:1:12: error: no font can draw "😀" (U+1F600)`);
    expect(await filesBelow(out)).toEqual([]);
  });

  it('a character with a look-alike: a warning with file:line:col and a PDF; with --strict, exit 1 and nothing written', async () => {
    const dir = await tempDir('stonehand-glyphs-lookalike-');
    made.push(dir);
    await writeFile(join(dir, 'fw.md'), '---\nheadline: Wow！\ndate: 2024-03-12\n---\nText here！\n');
    const warned = await runCli(['build', join(dir, 'fw.md'), '--out', join(dir, 'out')]);
    expect(warned.status).toBe(0);
    expect(warned.stderr).toContain(`${join(dir, 'fw.md')}:2:14: warning: no font has "！" (U+FF01): set as "!" (U+0021)`);
    // the PDF, beside the list of single-article sources
    expect(await filesBelow(join(dir, 'out'))).toEqual([join('2024-03-12', '.stonehand-sources.json'), join('2024-03-12', 'the-morning-ledger-2024-03-12-fw.pdf')]);
    const pdf = join('2024-03-12', 'the-morning-ledger-2024-03-12-fw.pdf');
    expect(pdftotextPages(join(dir, 'out', pdf), 'raw').join('')).toContain('Text here!');
    const strict = await runCli(['build', join(dir, 'fw.md'), '--out', join(dir, 'strict'), '--strict']);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain('(U+FF01)');
    expect(await filesBelow(join(dir, 'strict'))).toEqual([]);
  });
});
