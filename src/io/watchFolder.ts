// Tells which paths under a folder change: the edge `build --watch` listens at. Two ways, one
// interface: file-system events (fs.watch), or polling (a scan of the tree compared with the
// one before) where events cannot be had — the system's watch limit reached, a network file
// system, or asked for with STONEHAND_WATCH_POLL_MS.
//
// Events come from one non-recursive fs.watch per folder, not from fs.watch's `recursive`:
// Node 20 emulates that on Linux with a watch per file, which loses a file as soon as an
// editor saves it by writing a temporary file and renaming it over the old one (the second
// save is not seen). A folder's watch names each entry that changes in it, whatever the inode.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';

export interface FolderWatcher {
  /** stops watching; no change is told after it */
  close(): void;
}

export interface WatchFolderOptions {
  /** told the absolute path of each file or folder that was made, changed, renamed or removed */
  onChange: (path: string) => void;
  /** told what went wrong while watching (a folder that could not be watched); watching goes on */
  onError: (error: Error) => void;
  /** folders not to look into (the output folder), absolute; dot-folders are never looked into */
  skip?: (folder: string) => boolean;
}

/** Sub-folders that are not watched: hidden ones (.git, editors' state) and those `skip` names. */
function skipped(folder: string, root: string, skip?: (folder: string) => boolean): boolean {
  return (folder !== root && basename(folder).startsWith('.')) || (skip?.(folder) ?? false);
}

function subfolders(folder: string): string[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(folder, e.name));
  } catch {
    return []; // gone again already
  }
}

/** Every file below `folder` (absolute paths), skipping what `skipped` skips. */
function filesBelow(folder: string, root: string, skip?: (folder: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(folder, e.name);
    if (!e.isDirectory()) return [path];
    return skipped(path, root, skip) ? [] : filesBelow(path, root, skip);
  });
}

/**
 * Watches `root` and every folder below it with file-system events. Folders made later are
 * watched as they appear (their files told as changed: a folder of photos moved in); folders
 * removed are let go. Throws when `root` itself cannot be watched (the caller polls instead).
 */
export function watchFolder(root: string, options: WatchFolderOptions): FolderWatcher {
  const watchers = new Map<string, FSWatcher>();
  let closed = false;

  const unwatchBelow = (folder: string) => {
    for (const [path, watcher] of watchers) {
      if (path === folder || path.startsWith(folder + sep)) {
        watcher.close();
        watchers.delete(path);
      }
    }
  };

  const watchTree = (folder: string) => {
    if (closed || watchers.has(folder) || skipped(folder, root, options.skip)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(folder, { persistent: true }, (_event, name) => onEvent(folder, name));
    } catch (error) {
      if (folder === root) throw error;
      options.onError(new Error(`${folder}: cannot be watched (${(error as NodeJS.ErrnoException).code ?? String(error)}); changes in it are not seen`));
      return;
    }
    // a watched folder that is removed ends its watch; one that fails otherwise is said
    watcher.on('error', (error: NodeJS.ErrnoException) => {
      unwatchBelow(folder);
      if (folder === root || error.code !== 'ENOENT') options.onError(new Error(`${folder}: watching stopped (${error.code ?? error.message})`));
    });
    watchers.set(folder, watcher);
    for (const sub of subfolders(folder)) watchTree(sub);
  };

  const onEvent = (folder: string, name: string | Buffer | null) => {
    if (closed) return;
    if (name === null) {
      options.onChange(folder); // the system did not say which entry: the folder changed
      return;
    }
    const path = join(folder, name.toString());
    let isFolder = false;
    try {
      isFolder = statSync(path).isDirectory();
    } catch {
      unwatchBelow(path); // removed or renamed away
    }
    if (isFolder && !watchers.has(path) && !skipped(path, root, options.skip)) {
      watchTree(path);
      for (const file of filesBelow(path, root, options.skip)) options.onChange(file);
    }
    options.onChange(path);
  };

  watchTree(root);
  return {
    close() {
      closed = true;
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** What polling compares: per file below the root, its modification time, size and inode. */
export type FolderSnapshot = Map<string, string>;

/** Looks at every file below `root` (as watchFolder would watch them) once. */
export function scanFolder(root: string, skip?: (folder: string) => boolean): FolderSnapshot {
  const snapshot: FolderSnapshot = new Map();
  for (const file of filesBelow(root, root, skip)) {
    try {
      const s = statSync(file);
      snapshot.set(file, `${s.mtimeMs}:${s.size}:${s.ino}`);
    } catch {
      // removed between the listing and the look
    }
  }
  return snapshot;
}

/** The files made, changed or removed between two scans, in path order. */
export function changedPaths(before: FolderSnapshot, after: FolderSnapshot): string[] {
  const changed = new Set<string>();
  for (const [path, seen] of after) if (before.get(path) !== seen) changed.add(path);
  for (const path of before.keys()) if (!after.has(path)) changed.add(path);
  return [...changed].sort();
}

/** Timers, real (globalThis) or a fake one in tests. */
export interface Clock {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: Clock = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Watches `root` by scanning it every `intervalMs` and telling the files that differ. */
export function pollFolder(root: string, options: WatchFolderOptions & { intervalMs: number; clock?: Clock }): FolderWatcher {
  const clock = options.clock ?? SYSTEM_CLOCK;
  let before = scanFolder(root, options.skip);
  let closed = false;
  let timer: unknown;
  const poll = () => {
    if (closed) return;
    const after = scanFolder(root, options.skip);
    const changed = changedPaths(before, after);
    before = after;
    for (const path of changed) options.onChange(path);
    if (!closed) timer = clock.setTimeout(poll, options.intervalMs);
  };
  timer = clock.setTimeout(poll, options.intervalMs);
  return {
    close() {
      closed = true;
      clock.clearTimeout(timer);
    },
  };
}

/** `path` relative to `root`, with forward slashes whatever the system (for messages). */
export function shownPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/') || '.';
}
