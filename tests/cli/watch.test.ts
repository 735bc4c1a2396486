// `build --watch`'s decisions, with a fake clock, a fake watcher and fake builds: when it
// builds, what with, what it prints. No wall time: the clock only moves when a test moves it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BuildReport } from '../../src/build/buildEdition.js';
import { DEBOUNCE_MS, watchBuild, watchLoop } from '../../src/cli/watch.js';
import type { Clock, WatchFolderOptions } from '../../src/io/watchFolder.js';
import { ContentError } from '../../src/model/errors.js';
import { EDITION } from './runCli.js';

/** A clock that moves only when told: timers fire in order of their due time. */
function fakeClock() {
  let now = 0;
  let next = 0;
  const timers = new Map<number, { due: number; callback: () => void }>();
  const clock: Clock = {
    setTimeout(callback, ms) {
      const id = next++;
      timers.set(id, { due: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    clock,
    get pending() {
      return timers.size;
    },
    /** moves the clock by `ms`, firing the timers that fall due */
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.due <= until).sort((a, b) => a[1].due - b[1].due || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].due;
        due[1].callback();
      }
      now = until;
    },
  };
}

/** Builds that end when the test says so, recorded with what they were told. */
function fakeBuilds() {
  const calls: { changed: string[]; signal: AbortSignal; finish: (ok?: boolean) => void }[] = [];
  let running = 0;
  let most = 0;
  const build = (changed: string[], signal: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      running++;
      most = Math.max(most, running);
      calls.push({
        changed,
        signal,
        finish: (ok = true) => {
          running--;
          if (ok) resolve();
          else reject(new Error('bad YAML'));
        },
      });
    });
  return {
    build,
    calls,
    get mostAtOnce() {
      return most;
    },
  };
}

/** Lets the promise callbacks that are due run (a build's end reaching the loop). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Lets the event loop turn until `done()` (files read from disk); counts turns, not time. */
async function until(done: () => boolean): Promise<void> {
  for (let turn = 0; !done(); turn++) {
    if (turn > 100_000) throw new Error('never happened');
    await settle();
  }
}

describe('watchLoop', () => {
  it('builds at once, then once per burst of changes, after the debounce time has passed since the last', async () => {
    const time = fakeClock();
    const builds = fakeBuilds();
    const loop = watchLoop({ clock: time.clock, debounceMs: 200, isRelevant: () => true, build: builds.build });
    expect(builds.calls.map((c) => c.changed)).toEqual([[]]);
    builds.calls[0].finish();
    await settle();

    loop.changed('/e/b.md');
    time.advance(150);
    loop.changed('/e/a.md');
    time.advance(150);
    loop.changed('/e/b.md'); // an editor's second write to the same file
    time.advance(199);
    expect(builds.calls).toHaveLength(1); // 199 ms after the last change: still waiting
    time.advance(1);
    expect(builds.calls.map((c) => c.changed)).toEqual([[], ['/e/a.md', '/e/b.md']]);
    builds.calls[1].finish();
    await settle();
    expect(time.pending).toBe(0);
    await loop.stop();
  });

  it('ignores changes to files the build does not read', async () => {
    const time = fakeClock();
    const builds = fakeBuilds();
    const loop = watchLoop({ clock: time.clock, debounceMs: 200, isRelevant: (p) => p.endsWith('.md'), build: builds.build });
    builds.calls[0].finish();
    await settle();
    loop.changed('/e/.a.md.swp');
    loop.changed('/e/a.md~');
    time.advance(1000);
    expect(builds.calls).toHaveLength(1);
    loop.changed('/e/a.md');
    time.advance(200);
    expect(builds.calls.map((c) => c.changed)).toEqual([[], ['/e/a.md']]);
    builds.calls[1].finish();
    await loop.stop();
  });

  it('keeps changes made during a build for one build after it, never two builds at once', async () => {
    const time = fakeClock();
    const builds = fakeBuilds();
    const loop = watchLoop({ clock: time.clock, debounceMs: 200, isRelevant: () => true, build: builds.build });
    loop.changed('/e/a.md'); // during the first build
    time.advance(500);
    loop.changed('/e/c.jpg');
    time.advance(500);
    expect(builds.calls).toHaveLength(1);
    builds.calls[0].finish();
    await settle();
    expect(builds.calls).toHaveLength(1); // debounced again from the build's end
    time.advance(200);
    expect(builds.calls.map((c) => c.changed)).toEqual([[], ['/e/a.md', '/e/c.jpg']]);
    builds.calls[1].finish();
    await settle();
    expect(builds.mostAtOnce).toBe(1);
    await loop.stop();
  });

  it('goes on after a failed build: the next change builds again', async () => {
    const time = fakeClock();
    const builds = fakeBuilds();
    const loop = watchLoop({ clock: time.clock, debounceMs: 200, isRelevant: () => true, build: builds.build });
    builds.calls[0].finish(false);
    await settle();
    loop.changed('/e/edition.yaml');
    time.advance(200);
    builds.calls[1].finish(false);
    await settle();
    loop.changed('/e/edition.yaml');
    time.advance(200);
    expect(builds.calls).toHaveLength(3);
    builds.calls[2].finish();
    await loop.stop();
  });

  it('stop aborts the build under way, waits for it, and builds nothing after', async () => {
    const time = fakeClock();
    const builds = fakeBuilds();
    const loop = watchLoop({ clock: time.clock, debounceMs: 200, isRelevant: () => true, build: builds.build });
    loop.changed('/e/a.md');
    let stopped = false;
    const stopping = loop.stop().then(() => (stopped = true));
    expect(builds.calls[0].signal.aborted).toBe(true);
    await settle();
    expect(stopped).toBe(false); // the build has not ended yet
    builds.calls[0].finish(false);
    await stopping;
    loop.changed('/e/b.md');
    time.advance(10_000);
    expect(builds.calls).toHaveLength(1);
    expect(time.pending).toBe(0);
  });
});

describe('watchBuild', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'stonehand-watch-'));
    await cp(EDITION, join(dir, 'ed'), { recursive: true });
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const report = (pages: number) => ({ pages }) as BuildReport;

  /**
   * watchBuild on `source` (default the temp edition) with a fake watcher, clock and build;
   * `outcomes` say what each build does. Resolves once the first build has been reported.
   */
  async function start(outcomes: (BuildReport | Error)[], options: { outDir?: string; source?: string } = {}) {
    const time = fakeClock();
    const lines: string[] = [];
    const reported: unknown[] = [];
    let watcher: WatchFolderOptions | undefined;
    let watchedRoot = '';
    let closed = false;
    let stop!: () => void;
    const stopWhen = new Promise<void>((resolve) => (stop = resolve));
    let builds = 0;
    const done = watchBuild({
      source: options.source ?? join(dir, 'ed'),
      outDir: options.outDir ?? join(dir, 'out'),
      build: async () => {
        const outcome = outcomes[builds++];
        if (outcome instanceof Error) throw outcome;
        return outcome;
      },
      reportError: (error) => reported.push(error),
      say: (...l) => lines.push(...l),
      stopWhen,
      clock: time.clock,
      watchFolder: (root, o) => {
        watchedRoot = root;
        watcher = o;
        return { close: () => (closed = true) };
      },
    });
    const reports = () => lines.filter((l) => l.endsWith('waiting for changes (Ctrl-C to stop)')).length;
    await until(() => watcher !== undefined && reports() === 1);
    return {
      lines,
      reported,
      get builds() {
        return builds;
      },
      get closed() {
        return closed;
      },
      root: watchedRoot,
      skips: (path: string) => watcher!.skip?.(path) ?? false,
      /** tells the watcher `paths` (inside the edition folder) changed and lets the debounce time pass; waits for the build's report, if one started */
      async change(...paths: string[]) {
        const [before, said] = [builds, reports()];
        for (const path of paths) watcher!.onChange(join(dir, 'ed', path));
        time.advance(DEBOUNCE_MS);
        if (builds > before) await until(() => reports() > said);
      },
      async stop() {
        stop();
        await done;
      },
    };
  }

  const changedLines = (lines: string[]) => lines.filter((l) => l.startsWith('watch: changed'));

  it('prints what changed and what became of each build; an error ends a build, not the watch', async () => {
    const bad = new ContentError('edition.yaml', 'is not valid YAML');
    const w = await start([report(1), bad, report(2)]);
    expect(w.root).toBe(join(dir, 'ed'));
    await w.change('edition.yaml');
    await w.change('japan-us-alliance.md', 'edition.yaml');
    await w.stop();
    expect(w.reported).toEqual([bad]);
    expect(w.lines).toEqual([
      'watch: built 1 page; waiting for changes (Ctrl-C to stop)',
      'watch: changed edition.yaml',
      'watch: build failed; waiting for changes (Ctrl-C to stop)',
      'watch: changed edition.yaml, japan-us-alliance.md',
      'watch: rebuilt 2 pages; waiting for changes (Ctrl-C to stop)',
      'watch: stopped',
    ]);
    expect(w.closed).toBe(true);
  });

  it('builds for articles, edition.yaml and the photos the articles name, not for other files', async () => {
    const w = await start([report(1), report(1), report(1)]);
    await w.change('.edition.yaml.swp', 'edition.yaml~', '4913', '#japan-us-alliance.md#', '.#japan-us-alliance.md', 'japan-us-alliance.md.tmp', 'wire/000_2300611e7060d6c5.txt', 'photos/other.jpg', 'notes.txt', 'sub/story.md');
    expect(w.builds).toBe(1);
    await w.change('photos/10118290.jpeg'); // the photo japan-us-alliance.md names (missing until now)
    await w.change('new-story.md'); // an article added to the edition
    expect(changedLines(w.lines)).toEqual(['watch: changed photos/10118290.jpeg', 'watch: changed new-story.md']);
    await w.stop();
  });

  it('learns of a photo an article names after an edit', async () => {
    const w = await start([report(1), report(1), report(1)]);
    await w.change('photos/new.jpg');
    expect(w.builds).toBe(1);
    const article = join(dir, 'ed', 'japan-us-alliance.md');
    await writeFile(article, (await readFile(article, 'utf8')).replace('10118290.jpeg', 'new.jpg'));
    await w.change('japan-us-alliance.md');
    await w.change('photos/new.jpg');
    expect(changedLines(w.lines)).toEqual(['watch: changed japan-us-alliance.md', 'watch: changed photos/new.jpg']);
    await w.stop();
  });

  it('does not look into the output folder when it lies inside the edition', async () => {
    const w = await start([report(1)], { outDir: join(dir, 'ed', 'out') });
    expect(w.skips(join(dir, 'ed', 'out'))).toBe(true);
    expect(w.skips(join(dir, 'ed', 'photos'))).toBe(false);
    await w.change('out/2022-11-15/x.md', 'out/x.md');
    expect(w.builds).toBe(1);
    await w.stop();
  });

  it('a single article: watches its folder, builds for the article and its photo only', async () => {
    const w = await start([report(1), report(1), report(1)], { source: join(dir, 'ed', 'japan-us-alliance.md') });
    expect(w.root).toBe(join(dir, 'ed'));
    for (const path of ['edition.yaml', 'other.md', 'photos/10118290.jpeg', 'japan-us-alliance.md']) await w.change(path);
    expect(w.builds).toBe(3);
    expect(changedLines(w.lines)).toEqual(['watch: changed photos/10118290.jpeg', 'watch: changed japan-us-alliance.md']);
    await w.stop();
  });

  it('a source that does not exist is an error before anything is watched', async () => {
    await expect(
      watchBuild({ source: join(dir, 'nope'), outDir: join(dir, 'out'), build: async () => report(1), reportError: () => {}, say: () => {}, stopWhen: Promise.resolve() }),
    ).rejects.toThrow(/nope: not found/);
  });
});
