import { mkdir, open, readdir, rename, rmdir, stat, unlink, type FileHandle } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ContentError } from '../model/errors.js';

let counter = 0;

/** Temporary files being written now: removed if the process is interrupted (SIGINT, SIGTERM). */
const live = new Set<string>();

/** The temporary file of a write to `path`: `.<name>.<pid>.<n>.tmp` beside it. */
const tempName = (path: string, pid: number, n: number) => join(dirname(path), `.${basename(path)}.${pid}.${n}.tmp`);

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one,
 * never a half-written file: creates the folder if needed, writes a temporary file
 * `.<name>.<pid>.<n>.tmp` in the same folder, fsyncs it and renames it over the target.
 * On any error the temporary file is removed and the error rethrown; on SIGINT or SIGTERM it
 * is removed before the process ends by the signal. Temporary files for `path` left by a
 * process that no longer runs (killed with SIGKILL, or the machine went down) are removed.
 * A folder that cannot be made is a ContentError naming it; other failures are rethrown as
 * they are (see `outputError`).
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const file = await openAtomicFile(path);
  try {
    await file.write(data);
  } catch (error) {
    await file.abort();
    throw error;
  }
  await file.commit();
}

/**
 * A file being written whole or not at all (see writeFileAtomic): its bytes go to the
 * temporary file as they come, and `commit` makes it the file at `path`.
 */
export interface AtomicFile {
  /** the file this becomes */
  readonly path: string;
  /** appends `bytes` after those written before; resolves once they are with the system */
  write(bytes: Uint8Array): Promise<void>;
  /** fsyncs the temporary file and renames it over `path`; on failure it is removed and the error rethrown */
  commit(): Promise<void>;
  /** removes the temporary file, and the folders opening it made if they are still empty; never throws */
  abort(): Promise<void>;
}

/**
 * Opens the temporary file of an atomic write to `path`, for bytes that come a piece at a
 * time (a PDF as it is painted): made, tracked for removal on a signal and cleared of stale
 * temporary files as writeFileAtomic does. Until `commit` nothing is at `path`; `abort` (or a
 * failed write or commit) leaves the folder as it was, the folders it had to make removed.
 * Writes are made one after another, in the order they are asked for.
 *
 * `durable: false` leaves the file in the system's cache, not flushed to disk, for a caller
 * that flushes many files at once (syncTree): each fsync on its own waits for a disk commit of
 * its own (~7 ms here), while fsyncs issued together share one.
 */
export async function openAtomicFile(path: string, { durable = true }: { durable?: boolean } = {}): Promise<AtomicFile> {
  const folder = dirname(path);
  const made = await missingFolders(folder);
  await ensureFolder(folder);
  await removeStaleTemps(path);
  const temp = tempName(path, process.pid, counter++);
  let handle: FileHandle | undefined;
  track(temp);
  const discard = async () => {
    if (handle) await handle.close().catch(() => {});
    handle = undefined;
    await unlink(temp).catch(() => {});
    untrack(temp);
    // the folders made for this file, innermost first, if nothing else came into them
    for (const dir of [...made].reverse()) if (!(await rmdir(dir).then(() => true, () => false))) break;
  };
  try {
    handle = await open(temp, 'w'); // pid + counter make the name ours alone; a stale one is overwritten
  } catch (error) {
    await discard();
    throw error;
  }
  let state: 'open' | 'done' = 'open';
  return {
    path,
    async write(bytes) {
      if (state !== 'open' || !handle) throw new Error(`${path}: written after it was committed or given up`);
      try {
        // a FileHandle's write may write less than asked (a full pipe or disk); the rest follows
        for (let at = 0; at < bytes.length; ) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      } catch (error) {
        state = 'done';
        await discard();
        throw error;
      }
    },
    async commit() {
      if (state !== 'open' || !handle) throw new Error(`${path}: committed after it was committed or given up`);
      state = 'done';
      try {
        if (durable) await handle.sync();
        await handle.close();
        handle = undefined;
        await rename(temp, path);
      } catch (error) {
        await discard();
        throw error;
      }
      untrack(temp);
      if (durable) await syncFolder(folder);
    },
    async abort() {
      if (state !== 'open') return;
      state = 'done';
      await discard();
    },
  };
}

/**
 * Makes `folder` and its missing parents, one at a time: `mkdir -p` in Node loops forever
 * where the file system refuses a new entry without saying why (under /proc). A file in the
 * way, a read-only or refused place is a ContentError naming the folder.
 */
export async function ensureFolder(folder: string): Promise<void> {
  for (const dir of await missingFolders(folder)) {
    try {
      await mkdir(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(dir).catch(() => undefined))?.isDirectory()) continue;
      throw new ContentError(folder, `cannot be the output folder: ${dir} cannot be made (${code ?? String(error)}${code === 'ENOENT' ? ': this file system takes no new folders here' : ''})`);
    }
  }
}

/**
 * The folders to make for `folder` to exist, outermost first; a ContentError when a file
 * stands in the way or the path cannot be looked at. Checks before a long build that its
 * output folder can be.
 */
export async function missingFolders(folder: string): Promise<string[]> {
  const missing: string[] = [];
  let at = resolve(folder);
  for (;;) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(at)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOTDIR: a file further up stands in the way; the walk up finds it
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new ContentError(folder, `cannot be the output folder (${code ?? String(error)})`);
      missing.push(at);
      const parent = dirname(at);
      if (parent === at) break;
      at = parent;
      continue;
    }
    if (!isFolder) throw new ContentError(folder, `cannot be the output folder: ${at === resolve(folder) ? 'it' : at} is a file, not a folder`);
    break;
  }
  return missing.reverse();
}

/**
 * A failed write as one message naming the file (permissions, a full or read-only disk), for
 * the command line; anything that is not a file-system error is returned as it is.
 */
export function outputError(error: unknown, path: string): unknown {
  if (error instanceof ContentError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EISDIR: 'a folder of that name is in the way',
    ENAMETOOLONG: 'the name is too long',
  };
  return new ContentError(path, `cannot be written (${code}${why[code] ? `: ${why[code]}` : ''})`);
}

/** Removes the temporary files of writes to `path` whose process no longer runs. */
async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^\.(\d+)\.(\d+)\.tmp$/.exec(name.slice(prefix.length - 1));
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || isRunning(pid)) continue;
    await unlink(join(dirname(path), name)).catch(() => {});
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // someone else's process: leave its files alone
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** On a signal: remove the temporary files being written, then end by the same signal. */
function onSignal(signal: NodeJS.Signals): void {
  for (const temp of live) {
    try {
      unlinkSync(temp);
    } catch {
      // already renamed or removed
    }
  }
  live.clear();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function track(temp: string): void {
  if (live.size === 0) for (const s of SIGNALS) process.on(s, onSignal);
  live.add(temp);
}

function untrack(temp: string): void {
  live.delete(temp);
  if (live.size === 0) for (const s of SIGNALS) process.removeListener(s, onSignal);
}

/** Makes the rename durable where the platform allows fsync on a directory (best effort). */
export async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // not supported (e.g. Windows); the rename itself is still atomic
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Flushes every file and folder under `folder` (and `folder` itself) to disk, all at once: the
 * file system commits fsyncs issued together in one go, where one after another each waits for
 * a commit of its own (six files: ~1 ms together, ~43 ms in turn). Where folders cannot be
 * synced (Windows) their files still are.
 */
export async function syncTree(folder: string): Promise<void> {
  const entries: { path: string; isFolder: boolean }[] = [{ path: folder, isFolder: true }];
  for (let i = 0; i < entries.length; i++) {
    if (!entries[i].isFolder) continue;
    for (const e of await readdir(entries[i].path, { withFileTypes: true })) entries.push({ path: join(entries[i].path, e.name), isFolder: e.isDirectory() });
  }
  await Promise.all(
    entries.map(async ({ path, isFolder }) => {
      if (isFolder) return syncFolder(path);
      // Windows flushes only a file open for writing; a read-only copy (a source file's mode) opens for reading
      const handle = await open(path, 'r+').catch(() => open(path, 'r'));
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    }),
  );
}
