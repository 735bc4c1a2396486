// The command-line conventions of the Typst CLI, pandoc and latexmk: --version/-V, -h/--help on
// every command, "did you mean" for a mistyped command, `--` to end options, -o FILE and -o -
// (standard output), `-` as the source (standard input), `file:line:col: error:` diagnostics,
// --quiet, and --json reports for success and failure alike.
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPdf } from '../helpers/pdf.js';
import { ARTICLE, ROOT, WIRE, filesBelow, removeAll, runCli, runCliBytes, stackLines, tempDir } from './runCli.js';

const made: string[] = [];
async function fresh(prefix = 'stonehand-conventions-'): Promise<string> {
  const dir = await tempDir(prefix);
  made.push(dir);
  return dir;
}
afterAll(async () => {
  await removeAll(made);
});

const NITF = resolve(ROOT, 'tests', 'fixtures', 'news', 'ap-nitf.xml');
const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** A location as --json reports give it: file, line and column, null where not known. */
function expectLocation(location: unknown) {
  expect(Object.keys(location as object).sort()).toEqual(['column', 'file', 'line']);
  const { file, line, column } = location as Record<string, unknown>;
  expect(file === null || typeof file === 'string').toBe(true);
  expect(line === null || (Number.isInteger(line) && (line as number) >= 1), `line ${String(line)}`).toBe(true);
  expect(column === null || (Number.isInteger(column) && (column as number) >= 1 && line !== null), `column ${String(column)}`).toBe(true);
}

/** A warning or note of a --json report: exactly code (kebab-case), message and location. */
function expectDiagnostic(d: unknown) {
  expect(Object.keys(d as object).sort()).toEqual(['code', 'location', 'message']);
  const { code, message, location } = d as Record<string, unknown>;
  expect(code).toMatch(KEBAB);
  expect(typeof message === 'string' && message.length > 0).toBe(true);
  expectLocation(location);
}

/** A --json failure: exactly these keys, `ok` false, the exit status, the error with its code. */
function expectFailure(stdout: string, command: string | null, exitCode: number, code: string) {
  const failure = JSON.parse(stdout) as Record<string, unknown>;
  expect(Object.keys(failure).sort()).toEqual(['command', 'error', 'exitCode', 'ok', 'schemaVersion', 'warnings']);
  expect([failure.schemaVersion, failure.command, failure.ok, failure.exitCode]).toEqual([1, command, false, exitCode]);
  expectDiagnostic(failure.error);
  expect((failure.error as { code: string }).code).toBe(code);
  for (const w of failure.warnings as unknown[]) expectDiagnostic(w);
  return failure as { error: { code: string; message: string; location: { file: string | null; line: number | null; column: number | null } }; warnings: unknown[] };
}

describe('version, help, a mistyped command, --', () => {
  it('--version and -V print the version of package.json, and nothing else', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect([result.status, result.stdout, result.stderr]).toEqual([0, `${VERSION}\n`, '']);
    }
  });

  it('-h and --help work on every command, naming its options', async () => {
    const options: Record<string, string[]> = {
      build: ['--output', '-o', '--out', '--json', '--quiet', '-q', '--strict'],
      import: ['--out', '--json', '--quiet'],
      preflight: ['--json', '--condition'],
      archive: ['--out', '--json', '--quiet', '--verify'],
    };
    for (const [command, names] of Object.entries(options)) {
      for (const flag of ['-h', '--help']) {
        const result = await runCli([command, flag]);
        expect(result.status, `${command} ${flag}: ${result.stderr}`).toBe(0);
        expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^stonehand ${command}\\b`));
        for (const name of names) expect(result.stdout, `${command} ${flag}`).toContain(name);
      }
    }
    const top = await runCli(['-h']);
    expect(top.status).toBe(0);
    for (const command of Object.keys(options)) expect(top.stdout).toContain(`stonehand ${command}`);
    expect(top.stdout).toContain('-V, --version');
  });

  it('a mistyped command: exit 2 and a hint, nothing on stdout', async () => {
    const result = await runCli(['buidl', 'content/2022-11-15']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`stonehand: error: unknown command "buidl"; did you mean build?\nRun 'stonehand --help' for usage.\n`);
  });

  it('-- ends the options: a source named -x.md after it is built, and refused as an option without it', async () => {
    const dir = await fresh();
    await copyFile(ARTICLE, join(dir, '-x.md'));
    const built = await runCli(['build', '-o', 'x.pdf', '--', '-x.md'], { cwd: dir });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stdout).toBe('x.pdf\n');
    expect((await readFile(join(dir, 'x.pdf'))).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const refused = await runCli(['build', '-o', 'y.pdf', '-x.md'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^stonehand: error: Unknown arguments?: .*x/);
    expect(existsSync(join(dir, 'y.pdf'))).toBe(false);
  });
});

describe('-o FILE and -o - (standard output)', () => {
  it('-o FILE writes that file and nothing else; -o - puts the same bytes on stdout and nothing else there', async () => {
    const dir = await fresh();
    const file = join(dir, 'sub', 'story.pdf');
    const toFile = await runCli(['build', ARTICLE, '-o', file]);
    expect(toFile.status, toFile.stderr).toBe(0);
    expect(toFile.stdout).toBe(`${file}\n`);
    expect(await filesBelow(dir)).toEqual([join('sub', 'story.pdf')]);
    const toStdout = await runCliBytes(['build', ARTICLE, '-o', '-'], { cwd: dir });
    expect(toStdout.status, toStdout.stderr).toBe(0);
    expect(toStdout.stdout.equals(await readFile(file)), 'stdout holds the PDF, byte for byte').toBe(true);
    // the messages go to stderr: the missing photo's warning and the page report
    expect(toStdout.stderr).toMatch(/10118290\.jpeg: warning: photo not found/);
    expect(toStdout.stderr).toMatch(/^page 1: /m);
    expect(await filesBelow(dir)).toEqual([join('sub', 'story.pdf')]);
  });

  it('a failed build writes nothing: no file for -o FILE, not a byte on stdout for -o -', async () => {
    const dir = await fresh();
    const toFile = await runCli(['build', ARTICLE, '-o', join(dir, 'out', 'a.pdf'), '--strict']);
    expect(toFile.status).toBe(1);
    expect(await filesBelow(dir)).toEqual([]);
    expect(existsSync(join(dir, 'out')), 'the folder made for -o is removed again').toBe(false);
    const toStdout = await runCliBytes(['build', ARTICLE, '-o', '-', '--strict'], { cwd: dir });
    expect(toStdout.status).toBe(1);
    expect(toStdout.stdout.length).toBe(0);
    expect(toStdout.stderr).toMatch(/japan-us-alliance\.md: error: photo not found: photos\/10118290\.jpeg \(--strict: warnings are errors\)\n$/);
    expect(await filesBelow(dir)).toEqual([]);
  });

  it('-o with --out, or -o - with --json, is a usage error (exit 2)', async () => {
    const dir = await fresh();
    const both = await runCli(['build', ARTICLE, '-o', join(dir, 'a.pdf'), '--out', dir]);
    expect(both.status).toBe(2);
    expect(both.stderr).toBe(`stonehand: error: give -o/--output FILE (the PDF) or --out DIR (its folder), not both\nRun 'stonehand build --help' for usage.\n`);
    const json = await runCli(['build', ARTICLE, '-o', '-', '--json']);
    expect(json.status).toBe(2);
    const failure = expectFailure(json.stdout, 'build', 2, 'usage-error');
    expect(failure.error.message).toMatch(/^-o - puts the PDF on standard output/);
    expect(failure.error.location).toEqual({ file: null, line: null, column: null });
    expect(await filesBelow(dir)).toEqual([]);
  });

  it('--watch with standard input, or with -o -, is a usage error (exit 2): there is nothing to watch, or nowhere to write again', async () => {
    const stdin = await runCliBytes(['build', '-', '--watch'], { input: '' });
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toMatch(/^stonehand: error: --watch needs a file or folder to watch, not standard input\n/);
    const stdout = await runCli(['build', ARTICLE, '--watch', '-o', '-']);
    expect(stdout.status).toBe(2);
    expect(stdout.stderr).toMatch(/^stonehand: error: --watch writes a PDF at each change: give -o FILE or --out DIR, not -o -\n/);
  });
});

describe('- as the source: standard input, told apart by its content', () => {
  it('Markdown with front matter: the same PDF as from a file of that name', async () => {
    const dir = await fresh();
    await copyFile(ARTICLE, join(dir, 'stdin.md'));
    const fromFile = await runCli(['build', 'stdin.md', '-o', 'file.pdf'], { cwd: dir });
    expect(fromFile.status, fromFile.stderr).toBe(0);
    const fromStdin = await runCliBytes(['build', '-', '-o', '-'], { cwd: dir, input: await readFile(ARTICLE) });
    expect(fromStdin.status, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout.equals(await readFile(join(dir, 'file.pdf')))).toBe(true);
  });

  it('wire copy: built, and its notes name <stdin> with the line', async () => {
    const dir = await fresh();
    const result = await runCliBytes(['build', '-', '--out', dir], { input: await readFile(WIRE) });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain('<stdin>:33: note: left out (debris): scroll to top\n');
    expect(result.stdout.toString('utf8')).toBe(`${join(dir, '2022-11-15', 'the-morning-ledger-2022-11-15-stdin.pdf')}\n`);
    const pages = await readPdf(await readFile(join(dir, '2022-11-15', 'the-morning-ledger-2022-11-15-stdin.pdf')));
    expect(pages.map((p) => p.items.map((i) => i.str).join(' ')).join(' ')).toContain('Kishida');
  });

  it('NITF: read as news XML from its first tag', async () => {
    const dir = await fresh();
    const result = await runCliBytes(['build', '-', '-o', '-'], { cwd: dir, input: await readFile(NITF) });
    expect(result.status, result.stderr).toBe(0);
    const text = (await readPdf(result.stdout)).map((p) => p.items.map((i) => i.str).join(' ')).join(' ');
    expect(text).toContain('Cedar River');
    expect(text).not.toContain('<hl1>');
  });

  it('bad input names <stdin> and its place, exit 1, nothing written', async () => {
    const dir = await fresh();
    const empty = await runCliBytes(['build', '-', '--out', dir], { input: '' });
    expect([empty.status, empty.stdout.length, empty.stderr]).toEqual([1, 0, '<stdin>: error: is empty\n']);
    const yaml = await runCliBytes(['build', '-', '--out', dir], { input: '---\nheadline: [unclosed\ndate: 2024-01-02\n---\n\nBody.\n' });
    expect(yaml.status).toBe(1);
    expect(yaml.stderr).toMatch(/^<stdin>:\d+:\d+: error: front matter is not valid YAML/);
    expect(stackLines(yaml.stderr)).toEqual([]);
    expect(await filesBelow(dir)).toEqual([]);
  });

  it('import - reads wire copy from standard input: the Markdown of the file', async () => {
    const result = await runCliBytes(['import', '-'], { input: await readFile(WIRE) });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.toString('utf8')).toBe(await readFile(ARTICLE, 'utf8'));
    expect(result.stderr).toContain('Imported <stdin> as "stdin"');
  });
});

describe('--quiet', () => {
  it('build: nothing on stderr but errors; stdout keeps the path', async () => {
    const dir = await fresh();
    const quiet = await runCli(['build', 'content/2022-11-15', '--out', dir, '--quiet']);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(`${join(dir, '2022-11-15', 'the-morning-ledger-2022-11-15.pdf')}\n`);
    const failed = await runCli(['build', 'content/2022-11-15', '--out', join(dir, 'strict'), '-q', '--strict']);
    expect(failed.status).toBe(1);
    expect(failed.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/: error: photo not found/)]);
  });

  it('import: no report of what was recognised, only the file written', async () => {
    const dir = await fresh();
    const result = await runCli(['import', WIRE, '--out', join(dir, 'a.md'), '--quiet']);
    expect(result.status, result.stderr).toBe(0);
    expect([result.stdout, result.stderr]).toEqual([`wrote ${join(dir, 'a.md')}\n`, '']);
    expect(await readFile(join(dir, 'a.md'), 'utf8')).toBe(await readFile(ARTICLE, 'utf8'));
  });
});

describe('--json', () => {
  it('build: one object with schemaVersion, command and ok, warnings and notes with code and location', async () => {
    const dir = await fresh();
    const result = await runCli(['build', WIRE, '--out', dir, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['command', 'files', 'format', 'makeup', 'notes', 'ok', 'pages', 'pagesWritten', 'profile', 'schemaVersion', 'stories', 'warnings']);
    expect([report.schemaVersion, report.command, report.ok, report.pages]).toEqual([1, 'build', true, 1]);
    for (const d of [...(report.warnings as unknown[]), ...(report.notes as unknown[])]) expectDiagnostic(d);
    expect(report.warnings).toEqual([
      {
        code: 'photo-missing',
        message: 'photo not found; an FPO placeholder frame is drawn in its place (000_2300611e7060d6c5)',
        location: { file: resolve(ROOT, 'content', '2022-11-15', 'wire', 'photos', '10118290.jpeg'), line: null, column: null },
      },
    ]);
    const notes = report.notes as { code: string; location: { file: string; line: number } }[];
    expect(notes.map((n) => [n.code, n.location.file, n.location.line])).toEqual([
      ['left-out', WIRE, 7],
      ['left-out', WIRE, 33],
    ]);
  });

  it('a warning with a place gives its line and column (a look-alike character)', async () => {
    const dir = await fresh();
    await writeFile(join(dir, 'fw.md'), '---\nheadline: Wow！\ndate: 2024-03-12\n---\nText here.\n');
    const result = await runCli(['build', join(dir, 'fw.md'), '-o', join(dir, 'fw.pdf'), '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[]; warnings: unknown[] };
    expect(report.files).toEqual([join(dir, 'fw.pdf')]);
    expect(report.warnings).toEqual([
      { code: 'glyph-substituted', message: 'no font has "！" (U+FF01): set as "!" (U+0021) wherever it occurs in this file', location: { file: join(dir, 'fw.md'), line: 2, column: 14 } },
    ]);
  });

  it('a usage error is a JSON failure too, exit 2', async () => {
    const result = await runCli(['build', ARTICLE, '--format', 'foolscap', '--json']);
    expect(result.status).toBe(2);
    expect(expectFailure(result.stdout, 'build', 2, 'usage-error').error.message).toMatch(/foolscap/);
    expect(result.stderr).toMatch(/^stonehand: error: Invalid values:/);
  });

  it('import: the recognised fields, unplaced lines and the Markdown', async () => {
    const result = await runCli(['import', WIRE, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['command', 'markdown', 'ok', 'output', 'recognised', 'schemaVersion', 'slug', 'source', 'unplaced', 'warnings']);
    expect([report.schemaVersion, report.command, report.ok, report.source, report.output]).toEqual([1, 'import', true, WIRE, null]);
    expect(report.markdown).toBe(await readFile(ARTICLE, 'utf8'));
    expect((report.recognised as { field: string; value: string; line: number }[]).find((r) => r.field === 'headline')).toEqual({ field: 'headline', value: 'Japan, US agree to strengthen alliance', line: 1 });
  });

  it('preflight: the findings with schemaVersion, ok as passed; a file that is not a PDF is a failure', async () => {
    const dir = await fresh();
    const pdf = join(dir, 'a.pdf');
    expect((await runCli(['build', ARTICLE, '-o', pdf])).status).toBe(0);
    const good = await runCli(['preflight', pdf, '--json']);
    expect(good.status, good.stdout).toBe(0);
    const report = JSON.parse(good.stdout) as Record<string, unknown>;
    expect(Object.keys(report).sort()).toEqual(['command', 'file', 'findings', 'ok', 'pages', 'passed', 'schemaVersion']);
    expect([report.schemaVersion, report.command, report.ok, report.passed, report.pages]).toEqual([1, 'preflight', true, true, 1]);
    await writeFile(join(dir, 'notes.pdf'), 'just text\n');
    const bad = await runCli(['preflight', join(dir, 'notes.pdf'), '--json']);
    expect(bad.status).toBe(1);
    expect(expectFailure(bad.stdout, 'preflight', 1, 'content-error').error).toEqual({
      code: 'content-error',
      message: 'is not a PDF: no %PDF- header',
      location: { file: join(dir, 'notes.pdf'), line: null, column: null },
    });
  });

  it('archive and archive --verify: the summary as JSON; no manifest is a failure', async () => {
    const dir = await fresh();
    const none = await runCli(['archive', '--out', join(dir, 'archive'), '--verify', '--json']);
    expect(none.status).toBe(1);
    expectFailure(none.stdout, 'archive', 1, 'content-error');
    await mkdir(join(dir, 'content'));
    await cp(join(ROOT, 'content', '2022-11-15'), join(dir, 'content', '2022-11-15'), { recursive: true });
    const built = await runCli(['archive', join(dir, 'content'), '--out', join(dir, 'archive'), '--jobs', '1', '--json'], { timeoutMs: 120_000 });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toBe('');
    const summary = JSON.parse(built.stdout) as Record<string, unknown>;
    expect(Object.keys(summary).sort()).toEqual(['built', 'command', 'failed', 'manifest', 'ok', 'pages', 'schemaVersion', 'skipped', 'total', 'warnings']);
    expect([summary.schemaVersion, summary.command, summary.ok, summary.built, summary.failed]).toEqual([1, 'archive', true, ['2022-11-15'], []]);
    // the sample's photo is missing: its warning is in the report, with its code and place
    expect((summary.warnings as { code: string; location: { file: string } }[]).map((w) => [w.code, w.location.file])).toEqual([
      ['photo-missing', join(dir, 'content', '2022-11-15', 'photos', '10118290.jpeg')],
    ]);
    const verified = await runCli(['archive', '--out', join(dir, 'archive'), '--verify', '--json']);
    expect(verified.status, verified.stdout).toBe(0);
    const check = JSON.parse(verified.stdout) as Record<string, unknown>;
    expect([check.command, check.ok, check.verify, check.changed, check.missing, check.unexpected]).toEqual(['archive', true, true, [], [], []]);
    expect(check.checked).toBeGreaterThan(4);
  }, 180_000);
});
