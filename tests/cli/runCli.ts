// Runs the compiled command line (`dist/cli/main.js`, built by `npm test`'s pretest) as a child
// process from the project's root, wherever the project is checked out.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (this file is tests/cli/runCli.ts). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');
export const EDITION = join(ROOT, 'content', '2022-11-15');
export const ARTICLE = join(EDITION, 'japan-us-alliance.md');
export const WIRE = join(EDITION, 'wire', '000_2300611e7060d6c5.txt');
export const PDF_NAME = 'the-morning-ledger-2022-11-15.pdf';

export interface CliResult {
  /** exit status (null if killed by a signal) */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node dist/cli/main.js ...args` (or `node <script> ...args`, or with `executable` the
 * script itself, as a shell runs a bin) in the project root; never rejects on a non-zero exit.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; timeoutMs?: number; script?: string; executable?: boolean; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const script = options.script ?? CLI;
  if (!existsSync(script)) throw new Error(`${script} does not exist: run "npx tsc -p ." (npm test does it in pretest)`);
  return new Promise((resolvePromise) => {
    execFile(
      options.executable ? script : process.execPath,
      options.executable ? args : [script, ...args],
      {
        cwd: options.cwd ?? ROOT,
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      },
      (error, stdout, stderr) => {
        const code = error ? (error as NodeJS.ErrnoException & { code?: unknown }).code : 0;
        resolvePromise({ status: typeof code === 'number' ? code : error ? null : 0, stdout, stderr });
      },
    );
  });
}

export interface CliBytesResult {
  status: number | null;
  /** stdout as bytes (a PDF written to standard output) */
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs `node dist/cli/main.js ...args` with `input` on its standard input (closed at once when
 * none), keeping stdout as bytes; never rejects on a non-zero exit.
 */
export function runCliBytes(args: string[], options: { cwd?: string; input?: string | Uint8Array; timeoutMs?: number } = {}): Promise<CliBytesResult> {
  if (!existsSync(CLI)) throw new Error(`${CLI} does not exist: run "npx tsc -p ." (npm test does it in pretest)`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ status: code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {}); // a command that does not read its input may close it first
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary folder; remember to remove it (see `removeAll`). */
export async function tempDir(prefix = 'stonehand-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeAll(dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
}

/** Every file below `dir` (relative paths), or [] if it does not exist. */
export async function filesBelow(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => !e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath ?? (e as { path?: string }).path ?? dir, e.name)))
    .sort();
}

/** Lines of stderr that look like a JavaScript stack trace. */
export function stackLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s+at /.test(line) || /internal error/i.test(line));
}
