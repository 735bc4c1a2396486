// `build` and `import` on the seed edition: the JSON report, stdout/stderr without --json,
// --strict, raw wire copy, and the importer's round trip to the seed article.
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.js';
import { ARTICLE, EDITION, PDF_NAME, WIRE, filesBelow, removeAll, runCli, stackLines, tempDir, type CliResult } from './runCli.js';

const made: string[] = [];
async function fresh(prefix: string): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}

afterAll(async () => {
  await removeAll(made);
});

interface Report {
  files: string[];
  pages: number;
  format?: string;
  profile?: string;
  stories: { slug: string; page: number; oversetLines: number; undersetLines: number; bodyLines: number; words: number }[];
  warnings: { code: string; message: string; location: { file: string; line: number | null; column: number | null } }[];
}

describe('build content/2022-11-15 --json', () => {
  let out: string;
  let result: CliResult;
  let report: Report;

  beforeAll(async () => {
    out = await fresh('stonehand-json-');
    result = await runCli(['build', 'content/2022-11-15', '--out', out, '--json']);
    try {
      report = JSON.parse(result.stdout) as Report;
    } catch {
      // reported by the first test
    }
  });

  it('exits 0 and prints exactly one JSON document on stdout', () => {
    expect(result.status, result.stderr).toBe(0);
    expect(stackLines(result.stderr)).toEqual([]);
    expect(() => JSON.parse(result.stdout), `stdout is not one JSON document:\n${result.stdout}`).not.toThrow();
    expect(report).toBeTypeOf('object');
  });

  it('reports the file written, one page and the story', () => {
    const expected = join(out, '2022-11-15', PDF_NAME);
    expect(report.files).toHaveLength(1);
    expect(resolve(report.files[0])).toBe(expected);
    expect(report.pages).toBe(1);
    expect(report.stories).toHaveLength(1);
    const story = report.stories[0];
    expect(story.slug).toBe('japan-us-alliance');
    expect(story.page).toBe(1);
    expect(Number.isInteger(story.oversetLines) && story.oversetLines >= 0).toBe(true);
    expect(Number.isInteger(story.undersetLines) && story.undersetLines >= 0).toBe(true);
    expect(story.oversetLines, 'the seed article fits its page').toBe(0);
  });

  it('warns about the missing photo 10118290.jpeg', () => {
    const photo = report.warnings.filter((w) => `${w.location.file} ${w.message}`.includes('10118290.jpeg'));
    expect(photo, JSON.stringify(report.warnings)).toHaveLength(1);
    expect(photo[0].message).toMatch(/not found|missing/i);
    expect(photo[0].code).toBe('photo-missing');
    expect(photo[0].location).toEqual({ file: join(EDITION, 'photos', '10118290.jpeg'), line: null, column: null });
  });

  it('writes OUT/2022-11-15/the-morning-ledger-2022-11-15.pdf and nothing else', async () => {
    const file = join(out, '2022-11-15', PDF_NAME);
    expect(existsSync(file)).toBe(true);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
    expect(await filesBelow(out)).toEqual([join('2022-11-15', PDF_NAME)]);
    const pages = await readPdf(bytes);
    expect(pages).toHaveLength(1);
  });
});

describe('build without --json', () => {
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    out = await fresh('stonehand-plain-');
    result = await runCli(['build', 'content/2022-11-15', '--out', out]);
  });

  it('exits 0 and prints the PDF path (only) on stdout', () => {
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(resolve(lines[0])).toBe(join(out, '2022-11-15', PDF_NAME));
    expect(existsSync(lines[0])).toBe(true);
  });

  it('warns about the missing photo on stderr, not stdout', () => {
    expect(result.stderr).toContain('10118290.jpeg');
    expect(result.stderr).toMatch(/warning/i);
    expect(result.stdout).not.toContain('10118290.jpeg');
    expect(stackLines(result.stderr)).toEqual([]);
  });
});

describe('build --strict with the photo missing', () => {
  it('exits 1 with one message naming the photo, and writes nothing', async () => {
    const out = join(await fresh('stonehand-strict-'), 'out');
    const result = await runCli(['build', 'content/2022-11-15', '--out', out, '--strict']);
    expect(result.status, result.stderr).toBe(1);
    const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toContain('10118290.jpeg');
    expect(stackLines(result.stderr)).toEqual([]);
    expect(result.stdout).toBe('');
    expect(existsSync(out), `${out} was created`).toBe(false);
  });

  it('with --json too: exit 1, the failure as one JSON object on stdout with the warning, nothing written', async () => {
    const out = join(await fresh('stonehand-strict-json-'), 'out');
    const result = await runCli(['build', 'content/2022-11-15', '--out', out, '--strict', '--json']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain('10118290.jpeg');
    const file = join('content', '2022-11-15', 'japan-us-alliance.md');
    expect(JSON.parse(result.stdout)).toEqual({
      schemaVersion: 1,
      command: 'build',
      ok: false,
      exitCode: 1,
      error: { code: 'warnings-as-errors', message: 'photo not found: photos/10118290.jpeg (--strict: warnings are errors)', location: { file, line: null, column: null } },
      warnings: [{ code: 'photo-missing', message: 'photo not found: photos/10118290.jpeg', location: { file, line: null, column: null } }],
    });
    expect(existsSync(out)).toBe(false);
  });
});

describe('build raw wire copy', () => {
  it('builds content/2022-11-15/wire/000_2300611e7060d6c5.txt into a one-page PDF', async () => {
    const out = await fresh('stonehand-wire-');
    const result = await runCli(['build', 'content/2022-11-15/wire/000_2300611e7060d6c5.txt', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    // a single story's build carries its slug: another story of the day never overwrites it
    const file = join(out, '2022-11-15', PDF_NAME.replace(/\.pdf$/, '-000-2300611e7060d6c5.pdf'));
    expect(resolve(result.stdout.trim())).toBe(file);
    const bytes = await readFile(file);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0].items.map((i) => i.str).join(' ');
    expect(text).toContain('strengthen');
    expect(text).toContain('Kishida');
    // what the importer left out on purpose is said, as notes (not warnings: --strict passes them)
    expect(result.stderr).toContain('content/2022-11-15/wire/000_2300611e7060d6c5.txt:33: note: left out (debris): scroll to top');
    expect(result.stderr).toContain('content/2022-11-15/wire/000_2300611e7060d6c5.txt:7: note: left out (duplicate byline): Takayuki Nakagawa and Kazuhiko Makita');
    expect(text).not.toContain('scroll to top');
  });
});

describe('import the seed wire copy', () => {
  let out: string;
  let result: CliResult;

  beforeAll(async () => {
    out = await fresh('stonehand-import-');
    result = await runCli(['import', 'content/2022-11-15/wire/000_2300611e7060d6c5.txt', '--out', join(out, 'a.md')]);
  });

  it('exits 0 and writes Markdown byte-identical to content/2022-11-15/japan-us-alliance.md', async () => {
    expect(result.status, result.stderr).toBe(0);
    const written = await readFile(join(out, 'a.md'));
    const seed = await readFile(ARTICLE);
    expect(written.toString('utf8')).toBe(seed.toString('utf8')); // a readable diff first
    expect(written.equals(seed)).toBe(true);
    expect(await filesBelow(out)).toEqual(['a.md']);
  });

  it('reports the recognised fields on stdout', () => {
    expect(result.stdout).toMatch(/headline/i);
    expect(result.stdout).toContain('Japan, US agree to strengthen alliance');
    expect(result.stdout).toMatch(/byline/i);
    expect(result.stdout).toContain('Takayuki Nakagawa');
    expect(result.stdout).toContain('Kazuhiko Makita');
    expect(result.stdout).toMatch(/dateline\W+BALI/i);
    expect(stackLines(result.stderr)).toEqual([]);
  });

  it('without --out, prints the same Markdown on stdout (the report goes to stderr)', async () => {
    const plain = await runCli(['import', WIRE]);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toBe(await readFile(ARTICLE, 'utf8'));
    expect(plain.stderr).toMatch(/dateline\W+BALI/i);
  });
});

describe('build with no SOURCE', () => {
  it('builds the latest edition in content/', async () => {
    const latest = readdirSync(dirname(EDITION))
      .filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n))
      .sort()
      .at(-1)!;
    const out = await fresh('stonehand-default-');
    const result = await runCli(['build', '--out', out, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files).toHaveLength(1);
    expect(dirname(resolve(report.files[0]))).toBe(join(out, latest));
    expect(existsSync(report.files[0])).toBe(true);
  });
});
