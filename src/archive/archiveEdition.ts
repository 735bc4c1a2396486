// One edition into the archive: the press PDF, the archive PDF, an ALTO file per page, the
// METS file and a copy of the sources, built in a work folder and then moved into
// OUT/<yyyy>/<mm>/<dd>/ as a whole, so that a run stopped half way leaves the edition's old
// folder or its new one, never a mix.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { parseEditionYaml } from '../content/parseEdition.js';
import { buildEdition } from '../build/buildEdition.js';
import { ensureFolder, syncFolder, syncTree } from '../io/writeFileAtomic.js';
import { packageRoot, stonehandVersion } from '../io/packageRoot.js';
import { pageAlto, type AltoBlock } from './alto.js';
import type { Warning } from '../model/errors.js';
import { WORK_DIR, sha256, type EditionEntry, type FileEntry, type StonehandId } from './manifest.js';
import { editionMets } from './mets.js';

/** The edition folders under `content`: those named YYYY-MM-DD, in date order. */
export async function editionFolders(content: string): Promise<string[]> {
  const entries = await readdir(content, { withFileTypes: true });
  const dates: string[] = [];
  for (const e of entries) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.name)) continue;
    if (e.isDirectory() || (e.isSymbolicLink() && (await stat(join(content, e.name))).isDirectory())) dates.push(e.name);
  }
  return dates.sort().map((d) => join(content, d));
}

/** The archive folder of an edition's date: yyyy/mm/dd. */
export const archiveFolder = (date: string) => date.split('-').join('/');

/** The edition's source files (relative paths, sorted, forward slashes; symlinks followed). */
export async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (at: string) => {
    for (const e of await readdir(at, { withFileTypes: true })) {
      const path = join(at, e.name);
      const isDir = e.isDirectory() || (e.isSymbolicLink() && (await stat(path)).isDirectory());
      if (isDir) await walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  await walk(dir);
  return files.sort();
}

/** SHA-256 over the edition's source files: each one's path and the SHA-256 of its bytes. */
export async function sourceHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of await sourceFiles(dir)) hash.update(`${file}\0${sha256(await readFile(join(dir, file)))}\n`);
  return hash.digest('hex');
}

/** Who builds: the package's version, and a hash of the program (the bundle) that changes with any change to it. */
export async function stonehandId(): Promise<StonehandId> {
  const root = packageRoot();
  let build = 'unbundled';
  try {
    build = sha256(await readFile(join(root, 'dist', 'cli', 'stonehand-bundle.cjs'))).slice(0, 16);
  } catch {
    // running from the modules without a bundle: the version alone tells builds apart
  }
  return { version: stonehandVersion(), build };
}

/** An edition archived: its manifest entry, and what its build warned of (a missing photo drawn as an FPO frame…). */
export interface ArchivedEdition {
  entry: EditionEntry;
  warnings: Warning[];
}

/**
 * Builds the edition in `editionDir` into `outDir`/yyyy/mm/dd and returns its manifest entry
 * and the build's warnings. On error nothing of the edition changes in `outDir` (its work
 * folder is removed).
 */
export async function archiveEdition(editionDir: string, outDir: string, stonehand: StonehandId): Promise<ArchivedEdition> {
  const date = basename(editionDir);
  const rel = archiveFolder(date);
  const work = join(outDir, WORK_DIR, `${date}.${process.pid}`);
  const stage = join(work, 'edition');
  await rm(work, { recursive: true, force: true });
  try {
    const hash = await sourceHash(editionDir);
    // the PDFs, ALTO, METS and sources are flushed to disk together before the edition moves into place (syncTree)
    const press = await buildEdition(editionDir, { outDir: join(work, 'press'), profile: 'press', strict: false, durable: false });
    const pressName = basename(press.files[0]);
    const archiveName = pressName.replace(/\.pdf$/, '-archive.pdf');
    const pages: { number: number; altoFile: string; blocks: AltoBlock[] }[] = [];
    const headlines = new Map<string, string>();
    await ensureFolder(join(stage, 'alto'));
    const writes: Promise<void>[] = [];
    const settings = await readEditionSettings(editionDir);
    const archive = await buildEdition(editionDir, {
      outDir: join(work, 'archive'),
      profile: 'archive',
      strict: false,
      durable: false,
      // each page's ALTO is written as the page is laid out: the pages are not kept
      onPage: (page, metrics) => {
        const alto = pageAlto(page, metrics, { pdfFile: archiveName, version: stonehand.version, lang: settings.lang ?? 'en' });
        const altoFile = `alto/${pressName.replace(/\.pdf$/, '')}-${String(page.number).padStart(4, '0')}.xml`;
        const written = writeFile(join(stage, altoFile), alto.xml);
        written.catch(() => {}); // awaited below; if the build fails first, no unhandled rejection
        writes.push(written);
        pages.push({ number: page.number, altoFile, blocks: alto.blocks });
        for (const [slug, head] of alto.headlines) if (!headlines.has(slug)) headlines.set(slug, head);
      },
    });
    await Promise.all(writes);
    if (basename(archive.files[0]) !== archiveName) throw new Error(`the archive PDF is ${archive.files[0]}, not ${archiveName}`);
    await rename(press.files[0], join(stage, pressName));
    await rename(archive.files[0], join(stage, archiveName));
    const paper = pressName.replace(/-\d{4}-\d{2}-\d{2}\.pdf$/, '');
    const metsName = pressName.replace(/\.pdf$/, '-mets.xml');
    const title = settings.paper ?? paper;
    await writeFile(join(stage, metsName), editionMets({ paper: title, date, version: stonehand.version, archivePdf: archiveName, pressPdf: pressName, pages, headlines }));
    for (const file of await sourceFiles(editionDir)) {
      const to = join(stage, 'source', ...file.split('/'));
      await mkdir(dirname(to), { recursive: true });
      await copyFile(join(editionDir, ...file.split('/')), to);
    }

    const files: FileEntry[] = [];
    for (const file of await sourceFiles(stage)) {
      const data = await readFile(join(stage, ...file.split('/')));
      files.push({ path: `${rel}/${file}`, sha256: sha256(data), size: data.length });
    }
    await syncTree(stage);
    // into place: the old folder aside, the new one in, the old one gone (the folder holding it
    // is flushed by runArchive before the manifest names the edition: syncArchiveFolders)
    const final = join(outDir, ...rel.split('/'));
    await ensureFolder(dirname(final));
    const old = join(work, 'old');
    const hadOld = await stat(final).then(
      () => true,
      () => false,
    );
    if (hadOld) await rename(final, old);
    await rename(stage, final);
    // the archive PDF is laid out as the press PDF is: its warnings are the same ones
    return { entry: { date, sourceHash: hash, stonehand, pages: press.pages, files }, warnings: press.warnings };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The paper's name (for the METS label) and language (for ALTO) as edition.yaml gives them; the build reads it too. */
async function readEditionSettings(dir: string): Promise<{ paper?: string; lang?: string }> {
  const file = join(dir, 'edition.yaml');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return {};
  const settings = parseEditionYaml(text, file);
  return { paper: settings.paper, lang: settings.lang };
}

/**
 * Flushes to disk the folders that editions were moved into (yyyy/mm, yyyy and the archive's
 * own), all at once, so that the manifest written next names only editions on disk.
 */
export async function syncArchiveFolders(outDir: string, dates: Iterable<string>): Promise<void> {
  const folders = new Set<string>([outDir]);
  for (const date of dates) {
    const [yyyy, mm] = archiveFolder(date).split('/');
    folders.add(join(outDir, yyyy)).add(join(outDir, yyyy, mm));
  }
  await Promise.all([...folders].map(syncFolder));
}
