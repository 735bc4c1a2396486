import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one,
 * never a half-written file: creates the folder if needed, writes a temporary file
 * `.<name>.<pid>.<n>.tmp` in the same folder, fsyncs it and renames it over the target.
 * On any error the temporary file is removed and the error rethrown.
 */
export async function writeFileAtomic(path: string, data: Uint8Array): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'w'); // pid + counter make the name ours alone; a stale one is overwritten
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
  } catch (error) {
    if (handle) await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
    throw error;
  }
  await syncFolder(folder);
}

/** Makes the rename durable where the platform allows fsync on a directory (best effort). */
async function syncFolder(folder: string): Promise<void> {
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
