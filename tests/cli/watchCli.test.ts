// `stonehand build --watch` end to end, as a user runs it (the bundled command): on a temp copy
// of the sample edition, edit an article, break edition.yaml, fix it, press Ctrl-C. Each step
// waits for the message it expects (the test's timeout is the only limit); nothing is timed.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { cp, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EDITION, filesBelow, PDF_NAME, removeAll, ROOT, tempDir } from './runCli.js';

const BIN = join(ROOT, 'dist', 'cli', 'stonehand.cjs');
const dirs: string[] = [];
afterAll(() => removeAll(dirs));

/** A running `build --watch`: its stderr so far, and a wait for a line matching a pattern to appear `count` times. */
function startWatch(args: string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'build', ...args, '--watch'], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  const waiters: (() => void)[] = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const w of [...waiters]) w();
  });
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const count = (pattern: RegExp) => stderr.split('\n').filter((line) => pattern.test(line)).length;
  return {
    get stderr() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
    exited,
    /** resolves once `count` lines of stderr match `pattern`; rejects if the command ends first */
    waitFor(pattern: RegExp, times = 1): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (count(pattern) >= times) {
            waiters.splice(waiters.indexOf(check), 1);
            resolve();
          }
        };
        waiters.push(check);
        void exited.then((code) => reject(new Error(`the watch ended (exit ${code}) before ${pattern}:\n${stderr}`)));
        check();
      });
    },
    interrupt: () => child.kill('SIGINT'),
  };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });

/** An editor's save: a temporary file renamed over the old one. */
async function save(path: string, text: string) {
  await writeFile(`${path}.swp`, text);
  await rename(`${path}.swp`, path);
}

describe('build --watch', () => {
  it('rebuilds on an edit, reports a broken edition.yaml and goes on, rebuilds when it is fixed, ends with exit 0 on Ctrl-C', async () => {
    const dir = await tempDir('stonehand-watch-cli-');
    dirs.push(dir);
    const edition = join(dir, '2022-11-15');
    await cp(EDITION, edition, { recursive: true });
    const out = join(dir, 'out');
    const pdf = join(out, '2022-11-15', PDF_NAME);
    const watch = startWatch([edition, '--out', out]);

    await watch.waitFor(/^watch: built 1 page; waiting for changes/);
    expect(pdfText(pdf)).not.toContain('Quillbrook');

    // an article edited: rebuilt, with the new word in the PDF
    const article = join(edition, 'japan-us-alliance.md');
    const text = await readFile(article, 'utf8');
    await save(article, text.replace('Japan and the United States', 'Japan, Quillbrook and the United States'));
    await watch.waitFor(/^watch: rebuilt 1 page/);
    expect(watch.stderr).toContain('watch: changed japan-us-alliance.md\n');
    expect(pdfText(pdf)).toContain('Quillbrook');

    // edition.yaml broken: the error as build prints it, the PDF left as it was, the watch goes on
    const settings = join(edition, 'edition.yaml');
    const yaml = await readFile(settings, 'utf8');
    const before = await readFile(pdf);
    await save(settings, yaml.replace(/^paper:/m, 'paper: [unclosed'));
    await watch.waitFor(/^watch: build failed; waiting for changes/);
    expect(watch.stderr).toMatch(new RegExp(`^${settings.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error: .*YAML`, 'm'));
    expect(await readFile(pdf)).toEqual(before);

    // fixed: built again
    await save(settings, yaml);
    await watch.waitFor(/^watch: rebuilt 1 page/, 2);

    // Ctrl-C, here while a build is under way: exit 0, no temporary file, the PDF whole
    await save(article, text);
    await watch.waitFor(/^watch: changed japan-us-alliance\.md$/, 2);
    watch.interrupt();
    expect(await watch.exited).toBe(0);
    expect(watch.stderr.trimEnd().split('\n').at(-1)).toMatch(/^watch: stopped(; the build under way was given up \(nothing written\))?$/);
    expect(await filesBelow(out)).toEqual([join('2022-11-15', PDF_NAME)]);
    const last = await readFile(pdf);
    expect(last.subarray(0, 5).toString()).toBe('%PDF-');
    expect(last.subarray(-6).toString()).toMatch(/%%EOF\s*$/);
    // what changed was printed per build, and stdout got the PDF's path per successful build
    expect(watch.stderr.split('\n').filter((l) => l.startsWith('watch: changed'))).toEqual([
      'watch: changed japan-us-alliance.md',
      'watch: changed edition.yaml',
      'watch: changed edition.yaml',
      'watch: changed japan-us-alliance.md',
    ]);
    expect(watch.stdout.split('\n').filter(Boolean).every((line) => line === pdf)).toBe(true);
  });

  it('polls when asked to (STONEHAND_WATCH_POLL_MS), for file systems without events', async () => {
    const dir = await tempDir('stonehand-watch-poll-');
    dirs.push(dir);
    const edition = join(dir, '2022-11-15');
    await cp(EDITION, edition, { recursive: true });
    const out = join(dir, 'out');
    const watch = startWatch([edition, '--out', out], { STONEHAND_WATCH_POLL_MS: '100' });
    await watch.waitFor(/^watch: built 1 page/);
    const article = join(edition, 'japan-us-alliance.md');
    await save(article, (await readFile(article, 'utf8')) + '\nOne more paragraph.\n');
    await watch.waitFor(/^watch: rebuilt 1 page/);
    expect(watch.stderr).toContain('watch: changed japan-us-alliance.md\n');
    watch.interrupt();
    expect(await watch.exited).toBe(0);
    expect(await filesBelow(out)).toEqual([join('2022-11-15', PDF_NAME)]);
  });
});
