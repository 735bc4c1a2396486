// `build --pages`, `--split` (which pages are written, into which files) and the office
// profile's hard copies (`--paper`, `--tile`), on the six-page sample edition: page counts and
// sizes with pdfinfo, text with pdftotext, file names, preflight of each split PDF, exit codes.
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, filesBelow, removeAll, runCli, stackLines, tempDir, type CliResult } from './runCli.js';

const EDITION = join(ROOT, 'content', '2024-03-12');
const DATE = '2024-03-12';
const NAME = `the-morning-ledger-${DATE}`;

const made: string[] = [];
async function fresh(prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}
afterAll(() => removeAll(made));

/** pdfinfo's page count and the size of the first page (points). */
function pdfInfo(file: string): { pages: number; size: [number, number] } {
  const text = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(text)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(text)![1]), size: [Number(size[1]), Number(size[2])] };
}

/** The text of page `n` of `file` (pdftotext -raw). */
function pageText(file: string, n: number): string {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'], { encoding: 'utf8' });
}

async function build(args: string[], prefix: string): Promise<{ out: string; result: CliResult }> {
  const out = await fresh(prefix);
  const result = await runCli(['build', EDITION, '--out', out, ...args]);
  return { out, result };
}

describe('--pages', () => {
  let out: string;
  let result: CliResult;
  beforeAll(async () => {
    ({ out, result } = await build(['--pages', '1,3-4', '--json'], 'stonehand-pages-'));
  });

  it('writes only the pages chosen, in page order, to a file named by them; the report lists it', async () => {
    expect(result.status, result.stderr).toBe(0);
    const file = join(out, DATE, `${NAME}-p01,03-04.pdf`);
    expect(await filesBelow(out)).toEqual([join(DATE, `${NAME}-p01,03-04.pdf`)]);
    const report = JSON.parse(result.stdout) as { files: string[]; pages: number; pagesWritten: number[] };
    expect(report.files.map((f) => resolve(f))).toEqual([file]);
    expect(report.pages).toBe(6);
    expect(report.pagesWritten).toEqual([1, 3, 4]);
    expect(pdfInfo(file).pages).toBe(3);
    // each page is the edition's own: its slug line and folio say so, counting the edition's 6 pages
    expect([1, 2, 3].map((n) => /Page (\d) of 6/.exec(pageText(file, n))?.[1])).toEqual(['1', '3', '4']);
  });

  it('makes up the whole edition: jumps name the real pages, also one not written', () => {
    const front = pageText(join(out, DATE, `${NAME}-p01,03-04.pdf`), 1);
    expect(front).toContain('Continued on Page 3');
    expect(front).toContain('Continued on Page 2');
  });

  it('a page the edition does not have: exit 1 naming it and the edition, nothing written', async () => {
    const { out: none, result: bad } = await build(['--pages', '2,9'], 'stonehand-pages-');
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim()).toBe(`${EDITION}: error: --pages: the edition has 6 pages, no page 9`);
    expect(await filesBelow(none)).toEqual([]);
  });

  it('a malformed selection is a usage error (exit 2) before any typesetting', async () => {
    for (const [pages, message] of [
      ['3-1', "--pages '3-1': '3-1' runs backwards"],
      ['1,,2', "--pages '1,,2': give pages as 1,3-4,7- (an empty item)"],
      ['two', "--pages 'two': 'two' is not a page or a range (1,3-4,7-)"],
      ['0', "--pages '0': pages are numbered from 1 ('0')"],
    ]) {
      const { out: none, result: bad } = await build(['--pages', pages], 'stonehand-pages-');
      expect(bad.status, pages).toBe(2);
      expect(bad.stderr.split('\n')[0]).toBe(`stonehand: error: ${message}`);
      expect(stackLines(bad.stderr)).toEqual([]);
      expect(await filesBelow(none)).toEqual([]);
    }
  });
});

describe('--split', () => {
  let out: string;
  let result: CliResult;
  beforeAll(async () => {
    ({ out, result } = await build(['--split'], 'stonehand-split-'));
  });
  const names = [1, 2, 3, 4, 5, 6].map((n) => `${NAME}-p0${n}.pdf`);

  it('writes one PDF per page, <paper>-<date>-p<NN>.pdf, and lists every file in page order', async () => {
    expect(result.status, result.stderr).toBe(0);
    expect(await filesBelow(out)).toEqual(names.map((n) => join(DATE, n)));
    expect(result.stdout.trim().split('\n')).toEqual(names.map((n) => join(out, DATE, n)));
    for (const [i, name] of names.entries()) {
      const file = join(out, DATE, name);
      expect(pdfInfo(file).pages).toBe(1);
      expect(pageText(file, 1)).toContain(`Page ${i + 1} of 6`);
    }
  });

  it('each split PDF passes preflight for the press', async () => {
    for (const name of names) {
      const check = await runCli(['preflight', join(out, DATE, name)]);
      expect(check.status, check.stdout).toBe(0);
      expect(check.stdout).toContain('preflight passed (1 page, 0 errors, 0 warnings)');
    }
  });

  it('is reproducible: a second split gives the same bytes, and --pages 3 the same file as p03', async () => {
    const again = await build(['--split'], 'stonehand-split-');
    const single = await build(['--pages', '3'], 'stonehand-split-');
    expect(single.result.status).toBe(0);
    expect(await filesBelow(single.out)).toEqual([join(DATE, names[2])]);
    for (const name of names) expect((await readFile(join(again.out, DATE, name))).equals(await readFile(join(out, DATE, name))), name).toBe(true);
    expect((await readFile(join(single.out, DATE, names[2]))).equals(await readFile(join(out, DATE, names[2])))).toBe(true);
  });

  it('a build that fails after its pages are painted leaves no file of the split', async () => {
    // a language without hyphenation patterns: a warning, an error with --strict once every page is painted and finished
    const content = await fresh('stonehand-split-content-');
    const edition = join(content, '2024-01-02');
    await mkdir(edition);
    await writeFile(join(edition, 'edition.yaml'), 'paper: The Test Ledger\ndate: 2024-01-02\nformat: tabloid\n');
    const body = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    await writeFile(join(edition, 'story.md'), `---\nheadline: A story\nbylines: [A. Writer]\nlang: tlh\n---\n${body}\n`);
    const out = await fresh('stonehand-split-');
    const ok = await runCli(['build', edition, '--out', out, '--split']);
    expect(ok.status, ok.stderr).toBe(0);
    expect(await filesBelow(out)).toEqual([join('2024-01-02', 'the-test-ledger-2024-01-02-p01.pdf')]);
    const strictOut = await fresh('stonehand-split-');
    const failed = await runCli(['build', edition, '--out', strictOut, '--split', '--strict']);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain('lang "tlh": no hyphenation patterns');
    expect(await filesBelow(strictOut)).toEqual([]);
  });

  it('with --pages, only those pages', async () => {
    const some = await build(['--split', '--pages', '2,5'], 'stonehand-split-');
    expect(some.result.status, some.result.stderr).toBe(0);
    expect(await filesBelow(some.out)).toEqual([join(DATE, `${NAME}-p02.pdf`), join(DATE, `${NAME}-p05.pdf`)]);
  });
});

describe('office hard copies: --paper, --tile', () => {
  it('a tabloid page fitted to letter: a warning with the printed body size suggesting --tile; with --strict an error and no file', async () => {
    const fitted = await build(['--profile', 'office', '--pages', '1'], 'stonehand-office-');
    expect(fitted.result.status, fitted.result.stderr).toBe(0);
    expect(fitted.result.stderr).toContain(
      `${EDITION}: warning: office profile: fitted to letter paper, a tabloid page prints its body type at 5.8 pt (61 %), below the 8 pt a hard copy is read at: print it at actual size with --tile (4 letter sheets a page, 2×2), or fit it to larger paper: --paper tabloid (9.5 pt) or --paper a3 (8.9 pt)`,
    );
    const file = join(fitted.out, DATE, `${NAME}-p01-office.pdf`);
    expect(pdfInfo(file)).toEqual({ pages: 1, size: [612, 792] });
    expect(pageText(file, 1)).toContain('The Morning Ledger · 2024-03-12 · page 1 of 6 · 61 % (body 5.8 pt) · letter');

    const strict = await build(['--profile', 'office', '--pages', '1', '--strict'], 'stonehand-office-');
    expect(strict.result.status).toBe(1);
    expect(strict.result.stderr).toMatch(/^.*: error: office profile: .*prints its body type at 5\.8 pt .*--tile .*\(--strict: warnings are errors\)\n$/);
    expect(await filesBelow(strict.out)).toEqual([]);
  });

  it('--paper a3 fits a tabloid page readable: one A3 sheet a page, no warning', async () => {
    const a3 = await build(['--profile', 'office', '--paper', 'a3', '--pages', '2-3'], 'stonehand-office-');
    expect(a3.result.status, a3.result.stderr).toBe(0);
    expect(a3.result.stderr).not.toContain(': warning: ');
    const file = join(a3.out, DATE, `${NAME}-p02-03-office.pdf`);
    const info = pdfInfo(file);
    expect(info.pages).toBe(2);
    expect(info.size[0]).toBeCloseTo(841.89, 1);
    expect(info.size[1]).toBeCloseTo(1190.55, 1);
    expect(pageText(file, 2)).toContain('page 3 of 6 · 93 % (body 8.9 pt) · a3');
  });

  it('--tile prints each page at actual size on 2×2 letter sheets, in reading order, each labelled', async () => {
    const tiled = await build(['--profile', 'office', '--tile', '--pages', '2-3'], 'stonehand-office-');
    expect(tiled.result.status, tiled.result.stderr).toBe(0);
    expect(tiled.result.stderr).not.toContain('warning: office');
    const file = join(tiled.out, DATE, `${NAME}-p02-03-office.pdf`);
    expect(pdfInfo(file)).toEqual({ pages: 8, size: [612, 792] });
    const labels = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => /page (\d) of 6 · tile (r\d\/c\d) of 2×2 \(12 mm overlap\) · letter/.exec(pageText(file, n))?.slice(1).join(' '));
    expect(labels).toEqual(['2 r1/c1', '2 r1/c2', '2 r2/c1', '2 r2/c2', '3 r1/c1', '3 r1/c2', '3 r2/c1', '3 r2/c2']);
    // a photo shown on several tiles is embedded once: as many images as the same pages on one sheet each
    const whole = await build(['--profile', 'office', '--paper', 'tabloid', '--pages', '2-3'], 'stonehand-office-');
    const images = (bytes: Buffer) => bytes.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
    const wholeImages = images(await readFile(join(whole.out, DATE, `${NAME}-p02-03-office.pdf`)));
    expect(wholeImages).toBeGreaterThan(0);
    expect(images(await readFile(file))).toBe(wholeImages);
  });

  it('--paper and --tile are for the office profile: a usage error with another', async () => {
    for (const args of [['--paper', 'a4'], ['--tile'], ['--profile', 'archive', '--paper', 'a3', '--tile']]) {
      const { out: none, result } = await build(args, 'stonehand-office-');
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.split('\n')[0]).toMatch(/^stonehand: error: (--paper|--tile|--paper and --tile) (is|are) for hard copies: use (it|them) with --profile office \(not (press|archive)\)$/);
      expect(await filesBelow(none)).toEqual([]);
    }
    const unknown = await build(['--profile', 'office', '--paper', 'legal'], 'stonehand-office-');
    expect(unknown.result.status).toBe(2);
    expect(unknown.result.stderr).toContain('Invalid values');
  });
});
