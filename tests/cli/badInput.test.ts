// The command line on bad content (exit 1, one message naming the file and the problem, nothing
// written) and bad usage (exit 2); --help and the package's bin entry.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EDITION, ROOT, filesBelow, removeAll, runCli, stackLines, tempDir, type CliResult } from './runCli.js';

let dir: string;
const made: string[] = [];

/** Deterministic bytes (xorshift32), covering the whole 0..255 range (NUL bytes included). */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Like pseudoRandomBytes but without NUL bytes: binary that is not caught by a NUL test alone. */
function pseudoRandomBytesNoNul(length: number, seed: number): Buffer {
  const bytes = pseudoRandomBytes(length, seed);
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0) bytes[i] = 0xff;
  return bytes;
}

interface BadFile {
  label: string;
  name: string;
  /** undefined: the file is not created (missing) */
  content?: Buffer | string;
  /** a word or phrase the message must contain (case-insensitive) */
  problem: RegExp;
}

const BAD_FILES: BadFile[] = [
  { label: 'missing .md', name: 'missing.md', problem: /not found|no such file|does not exist/i },
  { label: 'missing .txt', name: 'missing.txt', problem: /not found|no such file|does not exist/i },
  { label: 'empty .md', name: 'empty.md', content: '', problem: /empty/i },
  { label: 'empty .txt', name: 'empty.txt', content: '', problem: /empty/i },
  { label: 'blank .md (white space only)', name: 'blank.md', content: ' \n\n\t\n', problem: /empty/i },
  { label: 'binary .md', name: 'binary.md', content: pseudoRandomBytes(4096, 0x5eed), problem: /binary|not (utf-8 )?text/i },
  { label: 'binary .txt', name: 'binary.txt', content: pseudoRandomBytes(4096, 0xbeef), problem: /binary|not (utf-8 )?text/i },
  {
    label: 'binary .txt without NUL bytes',
    name: 'binary-nonul.txt',
    content: pseudoRandomBytesNoNul(4096, 0xc0de),
    problem: /binary|not (utf-8 )?text|encoding/i,
  },
  {
    label: 'article .md without a headline',
    name: 'no-headline.md',
    content: [
      '---',
      'deck: A deck without a headline.',
      'bylines:',
      '  - Takayuki Nakagawa',
      'dateline: BALI',
      'date: 2022-11-15',
      'lang: en',
      '---',
      '',
      'Prime Minister Fumio Kishida and U.S. President Joe Biden agreed Sunday to further strengthen the alliance.',
      '',
    ].join('\n'),
    problem: /headline/i,
  },
];

function pathOf(bad: BadFile): string {
  return join(dir, 'in', bad.name);
}

beforeAll(async () => {
  dir = await tempDir('stonehand-bad-');
  made.push(dir);
  await mkdir(join(dir, 'in'), { recursive: true });
  for (const bad of BAD_FILES) if (bad.content !== undefined) await writeFile(pathOf(bad), bad.content);
});

afterAll(async () => {
  await removeAll(made);
});

/** One clear message: a single non-empty stderr line, no stack trace, naming `file`. */
function expectOneMessage(result: CliResult, file: string, problem: RegExp) {
  expect(result.status, `exit status; stderr:\n${result.stderr}\nstdout:\n${result.stdout}`).toBe(1);
  const lines = result.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(stackLines(result.stderr), `stack trace on stderr:\n${result.stderr}`).toEqual([]);
  expect(lines, `expected exactly one message on stderr, got:\n${result.stderr}`).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(lines[0]).toMatch(problem);
}

describe.concurrent('build: bad content → exit 1, one message, nothing written', () => {
  for (const bad of BAD_FILES) {
    it(bad.label, async () => {
      const out = join(dir, 'out-build', bad.name); // does not exist yet
      const file = pathOf(bad);
      const result = await runCli(['build', file, '--out', out]);
      expectOneMessage(result, file, bad.problem);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(existsSync(out), `${out} was created`).toBe(false);
    });
  }

  it('with --json: still exit 1 and the message on stderr, and the failure as one JSON object on stdout', async () => {
    const bad = BAD_FILES.find((b) => b.name === 'no-headline.md')!;
    const out = join(dir, 'out-build-json');
    const result = await runCli(['build', pathOf(bad), '--out', out, '--json']);
    expect(result.status).toBe(1);
    expectOneMessage(result, pathOf(bad), bad.problem);
    const failure = JSON.parse(result.stdout) as { schemaVersion: number; ok: boolean; exitCode: number; error: { code: string; message: string; location: { file: string } } };
    expect([failure.schemaVersion, failure.ok, failure.exitCode, failure.error.code, failure.error.location.file]).toEqual([1, false, 1, 'content-error', pathOf(bad)]);
    expect(failure.error.message).toMatch(bad.problem);
    expect(existsSync(out)).toBe(false);
  });

  it('an existing but empty --out folder stays empty', async () => {
    const out = join(dir, 'out-existing');
    await mkdir(out);
    const bad = BAD_FILES.find((b) => b.name === 'binary.md')!;
    const result = await runCli(['build', pathOf(bad), '--out', out]);
    expect(result.status).toBe(1);
    expect(await filesBelow(out)).toEqual([]);
  });

  it('an edition folder whose article has no headline names the article file', async () => {
    const edition = join(dir, 'edition-no-headline');
    await mkdir(edition);
    await writeFile(join(edition, 'edition.yaml'), await readFile(join(EDITION, 'edition.yaml')));
    const bad = BAD_FILES.find((b) => b.name === 'no-headline.md')!;
    await writeFile(join(edition, 'story.md'), bad.content!);
    const out = join(dir, 'out-edition');
    const result = await runCli(['build', edition, '--out', out]);
    expect(result.status).toBe(1);
    expectOneMessage(result, join(edition, 'story.md'), /headline/i);
    expect(existsSync(out)).toBe(false);
  });
});

describe.concurrent('import: bad content → exit 1, one message, nothing written', () => {
  for (const bad of BAD_FILES) {
    it(`${bad.label} (--out)`, async () => {
      const target = join(dir, 'out-import', `${bad.name}.out.md`);
      const file = pathOf(bad);
      const result = await runCli(['import', file, '--out', target]);
      expectOneMessage(result, file, bad.problem);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe('');
      expect(existsSync(target), `${target} was written`).toBe(false);
      expect(existsSync(join(dir, 'out-import')) ? await filesBelow(join(dir, 'out-import')) : []).toEqual([]);
    });
  }

  it('to stdout: nothing on stdout', async () => {
    const bad = BAD_FILES.find((b) => b.name === 'binary.txt')!;
    const result = await runCli(['import', pathOf(bad)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expectOneMessage(result, pathOf(bad), bad.problem);
  });
});

describe.concurrent('bad usage → exit 2', () => {
  const cases: [string, string[]][] = [
    ['no command', []],
    ['an unknown command', ['frobnicate']],
    ['an unknown command with an argument', ['typeset', 'content/2022-11-15']],
    ['an unknown option to build', ['build', 'content/2022-11-15', '--colour', 'blue']],
    ['an unknown flag to build', ['build', 'content/2022-11-15', '--nope']],
    ['an unknown option to import', ['import', 'content/2022-11-15/wire/000_2300611e7060d6c5.txt', '--nope']],
    ['--profile nope', ['build', 'content/2022-11-15', '--profile', 'nope']],
    ['--format nope', ['build', 'content/2022-11-15', '--format', 'nope']],
    ['import without a file', ['import']],
    ['build --out empty (an unset variable)', ['build', 'content/2022-11-15', '--out', '']],
    ['archive --out empty', ['archive', 'content', '--out', '']],
  ];
  for (const [label, args] of cases) {
    it(label, async () => {
      const out = join(dir, 'out-usage', label.replace(/\W+/g, '-'));
      const withOut = args[0] === 'build' && !args.includes('--out') ? [...args, '--out', out] : args;
      const result = await runCli(withOut);
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr.trim()).not.toBe('');
      expect(stackLines(result.stderr)).toEqual([]);
      expect(result.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      // messages of several lines keep their line breaks; nothing is shown as an escape
      expect(result.stderr).not.toMatch(/\\x0a/);
    });
  }
});

describe.concurrent('--help and the bin entry', () => {
  it('--help lists build and import and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\bbuild\b/);
    expect(result.stdout).toMatch(/\bimport\b/);
    expect(result.stderr).toBe('');
  });

  it('build --help lists its options', async () => {
    const result = await runCli(['build', '--help']);
    expect(result.status).toBe(0);
    for (const option of ['--out', '--profile', '--format', '--strict', '--json']) expect(result.stdout).toContain(option);
  });

  it('package.json bin.stonehand points at an executable Node script (Linux, macOS and Windows) that runs the CLI', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string> | string };
    expect(typeof pkg.bin).toBe('object');
    const bin = (pkg.bin as Record<string, string>).stonehand;
    expect(bin).toBeTypeOf('string');
    const target = resolve(ROOT, bin);
    expect(existsSync(target), `${bin} does not exist`).toBe(true);
    const head = (await readFile(target, 'utf8')).split('\n')[0];
    expect(head).toBe('#!/usr/bin/env node');
    // and it is the command line
    const result = await runCli(['--help'], { script: target, executable: true });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\bbuild\b/);
  });
});
