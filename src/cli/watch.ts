// `build --watch`: builds, then builds again whenever a file the build reads changes (an
// article, a photo, edition.yaml), until Ctrl-C. Two parts: `watchLoop`, which decides when to
// build (debounced, one build at a time, none after stop) and is tested with a fake clock; and
// `watchBuild`, which wires it to the folder watcher, the build and the terminal.
import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import type { BuildReport } from '../build/buildEdition.js';
import { ContentError } from '../model/errors.js';
import { readsFile, readSourceFiles, type SourceFiles } from '../io/sourceFiles.js';
import { type Clock, type FolderWatcher, pollFolder, shownPath, SYSTEM_CLOCK, watchFolder, type WatchFolderOptions } from '../io/watchFolder.js';

/**
 * Quiet time after the last change before building: an editor's save (a temporary file, a
 * rename, sometimes a second write) and a photo copied in arrive as several events close together.
 */
export const DEBOUNCE_MS = 200;

export interface WatchLoopOptions {
  clock: Clock;
  debounceMs: number;
  /** true for a path the build reads; other changes are ignored */
  isRelevant: (path: string) => boolean;
  /**
   * One build, told the paths that changed since the last one (sorted; empty for the first).
   * Reports its own outcome; a rejection is ignored. `signal` is aborted by `stop`.
   */
  build: (changed: string[], signal: AbortSignal) => Promise<void>;
}

export interface WatchLoop {
  /** a path changed (absolute) */
  changed(path: string): void;
  /** no build after this; the one under way is aborted and waited for */
  stop(): Promise<void>;
}

/**
 * Builds once at once, then after each burst of relevant changes: `debounceMs` after the last
 * of them. Changes that come during a build are kept and built after it (debounced again);
 * builds never overlap.
 */
export function watchLoop(options: WatchLoopOptions): WatchLoop {
  const pending = new Set<string>();
  const abort = new AbortController();
  let timer: unknown;
  let building: Promise<void> | undefined;
  let stopped = false;

  const run = (changed: string[]) => {
    building = options
      .build(changed, abort.signal)
      .catch(() => {})
      .then(() => {
        building = undefined;
        if (pending.size > 0) schedule();
      });
  };
  const fire = () => {
    timer = undefined;
    if (stopped || building) return;
    const changed = [...pending].sort();
    pending.clear();
    run(changed);
  };
  const schedule = () => {
    if (stopped) return;
    if (timer !== undefined) options.clock.clearTimeout(timer);
    timer = options.clock.setTimeout(fire, options.debounceMs);
  };

  run([]);
  return {
    changed(path) {
      if (stopped || !options.isRelevant(path)) return;
      pending.add(path);
      if (!building) schedule();
    },
    async stop() {
      stopped = true;
      if (timer !== undefined) options.clock.clearTimeout(timer);
      timer = undefined;
      abort.abort();
      await building;
    },
  };
}

/**
 * File-system events on `root`; polling every STONEHAND_WATCH_POLL_MS when that is set (a
 * network file system, where events from other machines never come), or every second when
 * events cannot be had (the system's limit of watches reached…), saying so.
 */
function systemWatcher(root: string, options: WatchFolderOptions, env: NodeJS.ProcessEnv, say: (line: string) => void): FolderWatcher {
  const pollMs = Number(env.STONEHAND_WATCH_POLL_MS);
  if (Number.isFinite(pollMs) && pollMs > 0) return pollFolder(root, { ...options, intervalMs: pollMs });
  try {
    return watchFolder(root, options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    say(`watch: ${relative('.', root) || '.'}: file-system events unavailable (${code}); looking for changes every second instead`);
    return pollFolder(root, { ...options, intervalMs: 1000 });
  }
}

export interface WatchBuildOptions {
  source: string;
  /** the output folder: never watched */
  outDir: string;
  /** one build, printing what `build` prints; throws what `build` would fail with */
  build: (signal: AbortSignal) => Promise<BuildReport>;
  /** prints a failed build's error as `build` prints it */
  reportError: (error: unknown) => void;
  /** writes lines to stderr */
  say: (...lines: string[]) => void;
  /** resolves when the watch is to end (default: SIGINT or SIGTERM) */
  stopWhen?: Promise<unknown>;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** starts the watcher of the source's folder (default: file-system events, else polling) */
  watchFolder?: (root: string, options: WatchFolderOptions) => FolderWatcher;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Resolves on the first SIGINT or SIGTERM, and keeps those signals from ending the process. */
function interrupted(): Promise<void> {
  return new Promise((done) => {
    // The listener stays for the life of the process: a build under way when Ctrl-C comes
    // has its temporary PDF removed by writeFileAtomic's own listener, which then raises the
    // signal again to end the process by it; this listener keeps that from ending the watch
    // with the signal instead of exit status 0.
    const onSignal = () => done();
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Watches `source` and builds it on every change, printing what changed, the build's report
 * or its error, until `stopWhen` (Ctrl-C). An error ends a build, never the watch. A source
 * that does not exist is a ContentError before anything is watched.
 */
export async function watchBuild(options: WatchBuildOptions): Promise<void> {
  const { say } = options;
  const stopWhen = options.stopWhen ?? interrupted();
  const env = options.env ?? process.env;
  let files: SourceFiles;
  try {
    files = await readSourceFiles(options.source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentError(options.source, code === 'ENOENT' || code === 'ENOTDIR' ? 'not found' : `cannot be read (${code ?? String(error)})`);
  }
  const outDir = resolve(options.outDir);
  const insideOut = (path: string) => path === outDir || path.startsWith(outDir + sep);

  let first = true;
  let building = false;
  const build = async (changed: string[], signal: AbortSignal) => {
    building = true;
    if (changed.length > 0) say(`watch: changed ${changed.map((path) => shownPath(files.root, path)).join(', ')}`);
    let outcome: string;
    try {
      const report = await options.build(signal);
      outcome = `${first ? 'built' : 'rebuilt'} ${plural(report.pages, 'page')}`;
    } catch (error) {
      if (signal.aborted) return; // stopped: the build was given up, its temporary file removed
      options.reportError(error);
      outcome = 'build failed';
    } finally {
      building = false;
    }
    first = false;
    // an article may name another photo now; read before saying so, so that a change after the message counts
    files = await readSourceFiles(options.source, files).catch(() => files);
    say(`watch: ${outcome}; waiting for changes (Ctrl-C to stop)`);
  };

  const loop = watchLoop({
    clock: options.clock ?? SYSTEM_CLOCK,
    debounceMs: DEBOUNCE_MS,
    isRelevant: (path) => !insideOut(path) && readsFile(files, path),
    build,
  });
  const watching: WatchFolderOptions = {
    onChange: (path) => loop.changed(path),
    onError: (error) => say(`watch: ${error.message}`),
    // the output folder, when it lies inside the source's folder
    skip: insideOut,
  };
  const watcher = (options.watchFolder ?? ((root, o) => systemWatcher(root, o, env, say)))(files.root, watching);

  await stopWhen;
  watcher.close();
  const interruptedBuild = building;
  await loop.stop();
  say(interruptedBuild ? 'watch: stopped; the build under way was given up (nothing written)' : 'watch: stopped');
}
