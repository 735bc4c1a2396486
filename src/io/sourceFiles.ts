// Which files a build of SOURCE reads — what `build --watch` watches for. An edition folder:
// its edition.yaml, every article file at its top level (one added later included) and its
// articles' photos; a single article (.md, wire copy .txt, news XML): that file and its photo.
// Everything else in the folder (dotfiles, editors' temporary and backup files, wire/, the
// output folder) is not read by the build, so a change to it is no reason to build again.
import { stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { EDITION_ARTICLE_EXTENSIONS, loadEdition } from './loadEdition.js';

export interface SourceFiles {
  /** the folder the files are in (absolute): the edition folder, or the article's folder */
  root: string;
  /** the edition folder's edition.yaml, or the single article (absolute) */
  main: string;
  /** true for an edition folder, false for a single article */
  edition: boolean;
  /** the photos the articles name, absolute; those of the last read that succeeded */
  photos: ReadonlySet<string>;
}

/**
 * The files a build of `source` reads. The photos come from reading the edition (or article);
 * when it cannot be read (bad YAML, an article half-written), `previous`' photos are kept: the
 * build says what is wrong, and a fix to the file is seen all the same, since edition.yaml and
 * the article files are known by their names. Throws only when `source` does not exist.
 */
export async function readSourceFiles(source: string, previous?: SourceFiles): Promise<SourceFiles> {
  const path = resolve(source);
  const edition = (await stat(path)).isDirectory();
  let photos: ReadonlySet<string> = previous?.photos ?? new Set();
  try {
    const read = await loadEdition(source, {});
    photos = new Set(read.articles.flatMap((a) => (a.photo ? [resolve(dirname(a.sourcePath), a.photo.file)] : [])));
  } catch {
    // the build reports it
  }
  return edition ? { root: path, main: join(path, 'edition.yaml'), edition, photos } : { root: dirname(path), main: path, edition, photos };
}

/** True when `path` (absolute) is a file the build reads (see readSourceFiles). */
export function readsFile(files: SourceFiles, path: string): boolean {
  if (path === files.main || files.photos.has(path)) return true;
  if (!files.edition || dirname(path) !== files.root) return false;
  const name = basename(path);
  return !name.startsWith('.') && EDITION_ARTICLE_EXTENSIONS.includes(extname(name).toLowerCase());
}
