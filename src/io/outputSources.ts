// Which source each PDF in an output folder was built from. A PDF's name says the paper, the
// date and, for a single article, its file name: two different stories can share it (story.md
// in two folders, the same day), and the second build would replace the first without a word.
// A small list beside the PDFs (`.stonehand-sources.json`) remembers each PDF's source, so that
// a build refuses to overwrite a PDF made from another source; rebuilding the same source
// overwrites its PDF as before.
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { ContentError } from '../model/errors.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** The list's file name, in each output folder (hidden: it is not an edition's file). */
export const SOURCES_FILE = '.stonehand-sources.json';

type Sources = Record<string, string>;

/**
 * The source's identity: its real path (symbolic links resolved) relative to the output
 * folder's, so that a project folder moved or renamed whole (sources and output together)
 * keeps its identities.
 */
export async function sourceIdentity(source: string, folder: string): Promise<string> {
  const real = (path: string) => realpath(path).catch(() => resolve(path));
  return relative(await real(folder), await real(source)) || '.';
}

async function readSources(folder: string): Promise<Sources> {
  const file = join(folder, SOURCES_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ContentError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error('not a list of sources');
    return parsed as Sources;
  } catch {
    throw new ContentError(file, "is not Stonehand's list of the sources of these PDFs; remove it (the next build writes it again)");
  }
}

/**
 * Refuses to build `pdf` from `source` when a PDF of that name is there already and the list
 * says it was built from another source. A PDF the list does not know (written before the
 * list existed, or by hand) is overwritten as before.
 */
export async function checkNoOtherSource(pdf: string, source: string): Promise<void> {
  const known = (await readSources(dirname(pdf)))[basename(pdf)];
  if (known === undefined) return;
  const ours = await sourceIdentity(source, dirname(pdf));
  if (known === ours) return;
  const exists = await stat(pdf).then(
    () => true,
    () => false,
  );
  if (!exists) return;
  throw new ContentError(
    pdf,
    `was built from ${known}, a different source than ${ours} (paths from the PDF's folder); building it would overwrite that story: build into another --out, or rename the article`,
  );
}

/** Records that `pdf` was built from `source` (after the PDF is written). */
export async function recordSource(pdf: string, source: string): Promise<void> {
  const folder = dirname(pdf);
  const sources = await readSources(folder);
  const ours = await sourceIdentity(source, folder);
  if (sources[basename(pdf)] === ours) return;
  sources[basename(pdf)] = ours;
  const sorted = Object.fromEntries(Object.entries(sources).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFileAtomic(join(folder, SOURCES_FILE), Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`, 'utf8'));
}
