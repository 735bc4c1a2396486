// `stonehand archive`: every edition folder under CONTENT into OUT/yyyy/mm/dd, skipping those
// whose sources and Stonehand are unchanged, in parallel child processes, for one shard or all,
// and the manifest written last. `verifyArchive` (manifest.ts) checks an archive.
import { fork, type ChildProcess } from 'node:child_process';
import { readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { ContentError, type Warning } from '../model/errors.js';
import { archiveEdition, type ArchivedEdition, editionFolders, sourceHash, stonehandId, syncArchiveFolders } from './archiveEdition.js';
import { WORK_DIR, editionsOf, MANIFEST, MANIFEST_SCHEMA, manifestJson, partName, readManifests, type EditionEntry, type Manifest, type StonehandId } from './manifest.js';
import { shardOf, type Shard } from './shard.js';

export interface ArchiveOptions {
  content: string;
  outDir: string;
  /** editions built at once, each in a child process of its own */
  jobs: number;
  shard?: Shard;
  /** the script a child process runs (the command line, which serves as a worker under STONEHAND_ARCHIVE_WORKER) */
  workerScript?: string;
  onEvent?: (event: ArchiveEvent) => void;
}

export type ArchiveEvent =
  | { type: 'start'; total: number; toBuild: number; skipped: number }
  | { type: 'built'; date: string; pages: number; warnings: Warning[] }
  | { type: 'failed'; date: string; message: string };

export interface ArchiveSummary {
  /** editions in this run (this shard's, or all) */
  total: number;
  built: string[];
  skipped: string[];
  failed: { date: string; message: string }[];
  /** what the builds warned of, edition by edition in date order (each names its file) */
  warnings: Warning[];
  pages: number;
  manifest: string;
}

/** Whether an edition's entry still stands: same sources, same Stonehand, every file there with its size. */
async function upToDate(entry: EditionEntry | undefined, hash: string, stonehand: StonehandId, outDir: string): Promise<boolean> {
  if (!entry || entry.sourceHash !== hash || entry.stonehand.version !== stonehand.version || entry.stonehand.build !== stonehand.build) return false;
  for (const file of entry.files) {
    const size = await stat(join(outDir, ...file.path.split('/'))).then(
      (s) => s.size,
      () => -1,
    );
    if (size !== file.size) return false;
  }
  return true;
}

export async function runArchive(options: ArchiveOptions): Promise<ArchiveSummary> {
  const { outDir, shard } = options;
  let folders: string[];
  try {
    folders = await editionFolders(options.content);
  } catch {
    throw new ContentError(options.content, 'no content folder here; give a folder of editions (CONTENT/YYYY-MM-DD)');
  }
  if (folders.length === 0) throw new ContentError(options.content, 'holds no edition folder (YYYY-MM-DD)');
  const mine = shard ? folders.filter((f) => shardOf(basename(f), shard.count) === shard.index) : folders;
  const stonehand = await stonehandId();
  await removeDeadWork(outDir);
  const manifests = await readManifests(outDir).catch((error: unknown) => {
    throw new ContentError(outDir, `its manifest cannot be read (${error instanceof Error ? error.message : String(error)})`);
  });
  const existing = editionsOf(manifests);

  const toBuild: string[] = [];
  const skipped: string[] = [];
  for (const folder of mine) {
    const date = basename(folder);
    if (await upToDate(existing.get(date), await sourceHash(folder), stonehand, outDir)) skipped.push(date);
    else toBuild.push(folder);
  }
  options.onEvent?.({ type: 'start', total: mine.length, toBuild: toBuild.length, skipped: skipped.length });

  const results = new Map<string, EditionEntry>();
  const warned = new Map<string, Warning[]>();
  const failed: { date: string; message: string }[] = [];
  const done = (date: string, outcome: ArchivedEdition | { message: string }) => {
    if ('entry' in outcome) {
      results.set(date, outcome.entry);
      warned.set(date, outcome.warnings);
      options.onEvent?.({ type: 'built', date, pages: outcome.entry.pages, warnings: outcome.warnings });
    } else {
      failed.push({ date, message: outcome.message });
      options.onEvent?.({ type: 'failed', date, message: outcome.message });
    }
  };
  // --jobs 1 too builds in a child process: one collecting its garbage on its own thread is
  // faster than this process, whose V8 helper threads cost more than they save on small
  // editions (100 editions: 8.6-10.0 s here, 7.4-7.8 s in a child), and every --jobs N runs
  // the same code
  const jobs = Math.max(1, Math.min(options.jobs, toBuild.length));
  if (toBuild.length > 0) await buildInChildren(toBuild, outDir, stonehand, jobs, options.workerScript ?? process.argv[1], done);

  await syncArchiveFolders(outDir, results.keys());
  // the manifest, last: this run's editions (built, or kept as they were), and for the whole
  // archive also the editions it holds that are no longer under CONTENT
  const editions = new Map<string, EditionEntry>();
  if (!shard) for (const [date, e] of existing) editions.set(date, e);
  for (const folder of mine) {
    const date = basename(folder);
    const entry = results.get(date) ?? existing.get(date);
    if (entry) editions.set(date, entry);
  }
  failed.sort((a, b) => (a.date < b.date ? -1 : 1));
  const manifest: Manifest = {
    schema: MANIFEST_SCHEMA,
    stonehand,
    ...(shard ? { shard } : {}),
    editions: [...editions.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    failed,
  };
  const name = shard ? partName(shard.index, shard.count) : MANIFEST;
  // an unchanged manifest is left as it is: a run that built nothing touches nothing
  const json = manifestJson(manifest);
  const before = await readFile(join(outDir, name), 'utf8').catch(() => undefined);
  if (before !== json) await writeFileAtomic(join(outDir, name), Buffer.from(json));
  // the whole archive's manifest now holds what the shards' parts held
  if (!shard) for (const other of manifests.keys()) if (other !== MANIFEST) await unlink(join(outDir, other)).catch(() => {});
  const built = [...results.keys()].sort();
  return {
    total: mine.length,
    built,
    skipped,
    failed,
    warnings: built.flatMap((d) => warned.get(d) ?? []),
    pages: built.reduce((n, d) => n + results.get(d)!.pages, 0),
    manifest: join(outDir, name),
  };
}

/** Removes the work folders (`.work/<date>.<pid>`) of runs that were killed: their process no longer runs. */
async function removeDeadWork(outDir: string): Promise<void> {
  const work = join(outDir, WORK_DIR);
  const names = await readdir(work).catch(() => [] as string[]);
  for (const name of names) {
    const pid = Number(/\.(\d+)$/.exec(name)?.[1]);
    if (!Number.isInteger(pid) || isRunning(pid)) continue;
    await rm(join(work, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Builds one edition here; a failure is its message (a content error located, else the error's message). */
async function buildOne(folder: string, outDir: string, stonehand: StonehandId): Promise<ArchivedEdition | { message: string }> {
  try {
    return await archiveEdition(folder, outDir, stonehand);
  } catch (error) {
    return { message: error instanceof ContentError ? error.located : error instanceof Error ? error.message : String(error) };
  }
}

interface WorkerRequest {
  folder: string;
  outDir: string;
  stonehand: StonehandId;
}

/**
 * Builds the editions in `jobs` child processes, each given the next edition as it finishes
 * one. The children run `script` with STONEHAND_ARCHIVE_WORKER set (see `serveArchiveWorker`).
 * A child that dies fails the edition it had; the others carry on.
 */
function buildInChildren(
  folders: string[],
  outDir: string,
  stonehand: StonehandId,
  jobs: number,
  script: string,
  done: (date: string, outcome: ArchivedEdition | { message: string }) => void,
): Promise<void> {
  const queue = [...folders];
  return new Promise((resolve) => {
    let running = 0;
    const start = () => {
      // the workers share the cores: each collects its garbage on its own thread instead of
      // handing it to helper threads that compete with the other workers (100 small editions on
      // 2 cores, --jobs 2: 9.9 → 7.7 s, the same bytes)
      const execArgv = [...process.execArgv, '--single-threaded-gc'];
      const child: ChildProcess = fork(script, [], { env: { ...process.env, STONEHAND_ARCHIVE_WORKER: '1' }, execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
      running++;
      let current: string | undefined;
      const next = () => {
        current = queue.shift();
        if (current) child.send({ folder: current, outDir, stonehand } satisfies WorkerRequest);
        else child.disconnect();
      };
      child.on('message', (outcome: ArchivedEdition | { message: string }) => {
        if (current) done(basename(current), outcome);
        next();
      });
      child.on('exit', (code, signal) => {
        if (current) done(basename(current), { message: `its build process ended (${signal ?? `exit ${code}`})` });
        current = undefined;
        running--;
        if (running === 0) resolve();
      });
      next();
    };
    for (let i = 0; i < jobs; i++) start();
  });
}

/** In a child process: builds each edition it is sent and sends back its entry or failure. */
export function serveArchiveWorker(): void {
  process.on('message', (request: WorkerRequest) => {
    void buildOne(request.folder, request.outDir, request.stonehand).then((outcome) => {
      if (process.connected) process.send!(outcome);
    });
  });
  // the parent is done with us, or gone (killed): stop; a work folder left behind is removed by the next run
  process.on('disconnect', () => process.exit(0));
}
