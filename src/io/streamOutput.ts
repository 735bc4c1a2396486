// A PDF for a stream (standard output) instead of a file: the stream gets the bytes only once
// the build has succeeded, so a failed build leaves nothing half-written there either.
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { openAtomicFile, type AtomicFile } from './writeFileAtomic.js';

/**
 * An AtomicFile whose bytes go to `stream` on commit. They wait in a temporary file meanwhile
 * (not in memory: an edition's PDF may be tens of megabytes); the file and its folder are
 * removed after the commit, or on abort. The stream is not ended (it may be stdout).
 */
export async function openStreamOutput(stream: NodeJS.WritableStream, name = 'stdout.pdf'): Promise<AtomicFile> {
  const folder = await mkdtemp(join(tmpdir(), 'stonehand-'));
  const removeFolder = () => rm(folder, { recursive: true, force: true });
  let spool: AtomicFile;
  try {
    spool = await openAtomicFile(join(folder, name));
  } catch (error) {
    await removeFolder();
    throw error;
  }
  return {
    path: '-',
    write: (bytes) => spool.write(bytes).catch(async (error: unknown) => {
      await removeFolder();
      throw error;
    }),
    async commit() {
      try {
        await spool.commit();
        await pipeline(createReadStream(spool.path), stream, { end: false });
      } finally {
        await removeFolder();
      }
    },
    async abort() {
      await spool.abort();
      await removeFolder();
    },
  };
}
