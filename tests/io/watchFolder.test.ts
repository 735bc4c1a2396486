// The folder watcher on a real folder: each test waits for the change it expects (the test's
// timeout is the only limit) and asserts on the paths told, never on how long they took.
import { mkdir, mkdtemp, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedPaths, type Clock, type FolderWatcher, pollFolder, scanFolder, watchFolder } from '../../src/io/watchFolder.js';

let dir: string;
let watcher: FolderWatcher | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-watch-folder-'));
  await mkdir(join(dir, 'photos'));
  await writeFile(join(dir, 'a.md'), 'one');
});
afterEach(async () => {
  watcher?.close();
  watcher = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts watchFolder on the temp folder; `seen(path)` resolves once `path` has been told. */
function watching(skip?: (folder: string) => boolean) {
  const told: string[] = [];
  const waiters: { path: string; resolve: () => void }[] = [];
  const errors: Error[] = [];
  watcher = watchFolder(dir, {
    onChange: (path) => {
      told.push(path);
      for (const w of waiters.filter((w) => w.path === path)) w.resolve();
    },
    onError: (error) => errors.push(error),
    skip,
  });
  return {
    told,
    errors,
    seen: (path: string) => (told.includes(path) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ path, resolve }))),
    /** forgets what was told so far */
    clear: () => (told.length = 0),
  };
}

/** An editor's save: the new text to a temporary file, renamed over the old one. */
async function saveByRename(path: string, text: string) {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

describe('watchFolder', () => {
  it('tells every save of a file an editor replaces by rename, not only the first', async () => {
    const w = watching();
    const file = join(dir, 'a.md');
    await saveByRename(file, 'two');
    await w.seen(file);
    w.clear();
    await saveByRename(file, 'three'); // fs.watch's `recursive` on Linux (Node 20) loses the file here
    await w.seen(file);
    w.clear();
    await writeFile(file, 'four'); // and a plain write after that
    await w.seen(file);
  });

  it('tells changes in sub-folders, and in folders made after it started', async () => {
    const w = watching();
    await writeFile(join(dir, 'photos', 'p.jpg'), 'x');
    await w.seen(join(dir, 'photos', 'p.jpg'));
    await mkdir(join(dir, 'more'));
    await w.seen(join(dir, 'more'));
    await writeFile(join(dir, 'more', 'q.jpg'), 'x');
    await w.seen(join(dir, 'more', 'q.jpg'));
  });

  it('tells the files of a folder moved in whole', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'stonehand-watch-outside-'));
    try {
      await writeFile(join(outside, 'r.jpg'), 'x');
      const w = watching();
      await rename(outside, join(dir, 'moved'));
      await w.seen(join(dir, 'moved', 'r.jpg'));
      w.clear();
      await writeFile(join(dir, 'moved', 'r.jpg'), 'y');
      await w.seen(join(dir, 'moved', 'r.jpg'));
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('does not look into hidden folders or the folders it is told to skip', async () => {
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'out'));
    const w = watching((folder) => folder === join(dir, 'out'));
    await writeFile(join(dir, '.git', 'index'), 'x');
    await writeFile(join(dir, 'out', 'edition.pdf'), 'x');
    await writeFile(join(dir, 'a.md'), 'last'); // told after the two above, if they were told at all
    await w.seen(join(dir, 'a.md'));
    expect(w.told.filter((p) => p.includes('.git') || p.includes(`${join(dir, 'out')}/`))).toEqual([]);
    expect(w.errors).toEqual([]);
  });

  it('throws when the folder cannot be watched (the caller polls instead)', () => {
    expect(() => watchFolder(join(dir, 'nope'), { onChange: () => {}, onError: () => {} })).toThrow(/ENOENT/);
  });
});

describe('polling', () => {
  it('scans every file below the folder, skipping hidden and skipped folders', async () => {
    await mkdir(join(dir, '.git'));
    await mkdir(join(dir, 'out'));
    await writeFile(join(dir, '.git', 'index'), 'x');
    await writeFile(join(dir, 'out', 'x.pdf'), 'x');
    await writeFile(join(dir, 'photos', 'p.jpg'), 'x');
    const scan = scanFolder(dir, (folder) => folder === join(dir, 'out'));
    expect([...scan.keys()].sort()).toEqual([join(dir, 'a.md'), join(dir, 'photos', 'p.jpg')]);
  });

  it('tells the files made, changed (time, size or inode) and removed between two scans', () => {
    const before = new Map([
      ['/e/a.md', '1:10:5'],
      ['/e/b.md', '1:10:6'],
      ['/e/c.md', '1:10:7'],
    ]);
    const after = new Map([
      ['/e/a.md', '1:10:5'],
      ['/e/b.md', '2:10:6'],
      ['/e/d.md', '1:3:8'],
    ]);
    expect(changedPaths(before, after)).toEqual(['/e/b.md', '/e/c.md', '/e/d.md']);
    expect(changedPaths(after, after)).toEqual([]);
  });

  it('pollFolder scans when its clock says, and tells what changed since the scan before', async () => {
    const timers: (() => void)[] = [];
    const clock: Clock = { setTimeout: (callback) => timers.push(callback), clearTimeout: () => {} };
    const told: string[] = [];
    watcher = pollFolder(dir, { intervalMs: 500, clock, onChange: (p) => told.push(p), onError: () => {} });
    await writeFile(join(dir, 'a.md'), 'a longer text');
    await writeFile(join(dir, 'photos', 'p.jpg'), 'x');
    expect(told).toEqual([]); // nothing until the clock fires
    timers.shift()!();
    expect(told).toEqual([join(dir, 'a.md'), join(dir, 'photos', 'p.jpg')]);
    // same size, new time: an edit that kept the length
    await utimes(join(dir, 'a.md'), new Date(2020, 0, 1), new Date(2020, 0, 1));
    told.length = 0;
    timers.shift()!();
    expect(told).toEqual([join(dir, 'a.md')]);
    told.length = 0;
    timers.shift()!();
    expect(told).toEqual([]);
  });
});
