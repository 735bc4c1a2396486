// Reads an edition from disk: an edition folder, a single article .md, or raw wire copy .txt.
// This is an edge of the pipeline: it touches the file system, then hands plain data on.

import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Article, Edition } from '../model/article.js';
import { ContentError, type Warning } from '../model/errors.js';
import { parseArticleMarkdown } from '../content/parseArticleMarkdown.js';
import { parseEditionYaml } from '../content/parseEdition.js';
import { WIRE_CONTROLS, XML_EXTENSIONS, importSource } from '../import/importSource.js';
import { slugFromFile, type WireImport } from '../import/parseWireCopy.js';
import { decodeText, readTextFile } from './readTextFile.js';

export const DEFAULT_PAPER = 'The Morning Ledger';

/** The files of an edition folder read as articles: Markdown and news XML, at its top level. */
export const EDITION_ARTICLE_EXTENSIONS = ['.md', ...XML_EXTENSIONS];

export interface LoadEditionOptions {
  /** nameplate for an edition synthesised from a single article (default "The Morning Ledger") */
  defaultPaper?: string;
  /** told about wire-copy and news-XML lines the importer could not place (they are never
   *  dropped silently), unknown front-matter keys, and text repaired while reading */
  onWarning?: (warning: Warning) => void;
  /** told about what the importer recognised and left out on purpose (web debris, a repeated
   *  byline or headline, wire framing): not a problem, but never dropped without a word */
  onNote?: (note: Warning) => void;
  /** the source's bytes, read from standard input: `source` is then only its name (STDIN_NAME) */
  stdin?: Uint8Array;
}

/** How messages name a source read from standard input. */
export const STDIN_NAME = '<stdin>';

/** What an importer recognised and left out of the article on purpose. */
const LEFT_OUT = /^(debris|duplicate byline|headline repeated|dateline run-in|IPTC 7901|telex framing)/;

/**
 * SOURCE is
 * - an edition folder: `edition.yaml` plus every `*.md` at its top level (sub-folders such as
 *   `wire/` and `photos/` are not read as articles), ordered by priority (lowest first,
 *   articles without one last), then by file name;
 * - a single article `.md`, or raw wire copy `.txt`: an edition is synthesised around it (paper
 *   `defaultPaper`, the article's date — which is then required —, tabloid format).
 * Photo paths must stay inside the article's folder; `photo.file` stays relative to it.
 */
export async function loadEdition(source: string, options: LoadEditionOptions = {}): Promise<Edition> {
  if (options.stdin !== undefined) return singleArticleEdition(articleFromBytes(options.stdin, source, options), source, '.', options);
  let isFolder: boolean;
  try {
    isFolder = (await stat(source)).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new ContentError(source, 'not found');
    throw new ContentError(source, `cannot be read (${code ?? String(error)})`);
  }
  const onWarning = options.onWarning;
  if (isFolder) return loadEditionFolder(source, options);

  const ext = extname(source).toLowerCase();
  let article: Article;
  if (ext === '.md' || ext === '.markdown') {
    article = parseArticleMarkdown(await readTextFile(source, { onWarning }), source, onWarning);
  } else if (ext === '.txt' || XML_EXTENSIONS.includes(ext)) {
    article = importedArticle(importSource(await readTextFile(source, { onWarning, keepControls: WIRE_CONTROLS }), source), onWarning, options.onNote);
  } else {
    throw new ContentError(
      source,
      `is not an edition folder, an article (.md), news XML (.xml: NITF, NewsML-G2) or wire copy (.txt)${ext ? `; "${ext}" files are not read` : ''}`,
    );
  }
  return singleArticleEdition(article, source, dirname(source), options);
}

/**
 * The edition synthesised around one article read from `source`; its photo is looked for in
 * `folder` (the article's, or the current folder for standard input).
 */
async function singleArticleEdition(article: Article, source: string, folder: string, options: LoadEditionOptions): Promise<Edition> {
  checkPhotoPath(article);
  await checkPhotoLink(article, await realpath(folder));
  if (article.date === undefined) {
    throw new ContentError(source, 'date is required to build a single article (add "date: YYYY-MM-DD")');
  }
  return {
    paper: options.defaultPaper ?? DEFAULT_PAPER,
    date: article.date,
    format: 'tabloid',
    articles: [article],
    sourcePath: source,
  };
}

/**
 * An article from bytes with no file name to go by (standard input): what it is comes from its
 * content, as a file's comes from its extension — front matter (`---` first) is a Markdown
 * article, a tag or XML declaration first is news XML (NITF, NewsML-G2), anything else raw
 * wire copy. Decoded as files are (see decodeText); `name` names it in messages.
 */
export function articleFromBytes(bytes: Uint8Array, name: string, options: LoadEditionOptions = {}): Article {
  const onWarning = options.onWarning;
  const peek = decodeText(bytes, name, { keepControls: WIRE_CONTROLS }).replace(/^\uFEFF/, '');
  // a Markdown article's slug is its file's name; standard input's is "stdin", as wire copy's
  if (/^---[ \t]*\n/.test(peek)) return { ...parseArticleMarkdown(decodeText(bytes, name, { onWarning }), name, onWarning), slug: slugFromFile(name) };
  return importedArticle(importSource(decodeText(bytes, name, { onWarning, keepControls: WIRE_CONTROLS }), name), onWarning, options.onNote);
}

/** An imported article (wire copy, news XML), its unplaced lines told as warnings. */
function importedArticle(result: WireImport, onWarning: LoadEditionOptions['onWarning'], onNote?: LoadEditionOptions['onNote']): Article {
  const source = result.article.sourcePath;
  for (const r of result.recognised) {
    if (LEFT_OUT.test(r.field)) onNote?.({ code: 'left-out', file: source, line: r.line, message: `left out (${r.field}): ${r.value}` });
  }
  for (const u of result.unplaced) {
    onWarning?.({ code: 'line-not-placed', file: source, line: u.line, message: `could not be placed (${u.reason}): ${u.text}` });
  }
  if (result.article.body.length === 0) {
    throw new ContentError(source, 'no body text found after the headline and header lines');
  }
  return result.article;
}

async function loadEditionFolder(folder: string, options: LoadEditionOptions): Promise<Edition> {
  const onWarning = options.onWarning;
  const entries = await readdir(folder, { withFileTypes: true });
  const editionFile = join(folder, 'edition.yaml');
  const root = await contentRoot(folder);
  const settingsEntry = entries.find((e) => e.name === 'edition.yaml');
  if (!settingsEntry || !(settingsEntry.isFile() || (settingsEntry.isSymbolicLink() && (await linkedFile(editionFile, root))))) {
    const alt = entries.find((e) => e.name === 'edition.yml');
    throw new ContentError(
      folder,
      alt ? 'has edition.yml; name it edition.yaml' : 'has no edition.yaml (paper, date and format are required)',
    );
  }
  const settings = parseEditionYaml(await readTextFile(editionFile, { onWarning }), editionFile, onWarning);

  // articles: Markdown, and news XML (NITF, NewsML-G2) beside it; files, and symbolic links to
  // files inside the content folder
  const names: string[] = [];
  for (const e of entries) {
    if (!EDITION_ARTICLE_EXTENSIONS.includes(extname(e.name).toLowerCase()) || e.name.startsWith('.')) continue;
    if (e.isFile() || (e.isSymbolicLink() && (await linkedFile(join(folder, e.name), root)))) names.push(e.name);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0) throw new ContentError(folder, 'has no articles (no *.md or *.xml files next to edition.yaml)');

  const articles: Article[] = [];
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const path = join(folder, name);
    const article =
      extname(name).toLowerCase() === '.md'
        ? parseArticleMarkdown(await readTextFile(path, { onWarning }), path, onWarning, settings.lang)
        : importedArticle(importSource(await readTextFile(path, { onWarning }), path, settings.lang), onWarning, options.onNote);
    checkPhotoPath(article);
    await checkPhotoLink(article, root);
    const clash = bySlug.get(article.slug.toLowerCase());
    if (clash !== undefined) throw new ContentError(path, `has the same slug as ${clash}`);
    bySlug.set(article.slug.toLowerCase(), path);
    articles.push(article);
  }
  // Stable sort: priority (lowest first, none last), names already in order.
  articles.sort((a, b) => (a.priority ?? Number.POSITIVE_INFINITY) - (b.priority ?? Number.POSITIVE_INFINITY) || 0);

  if (settings.pages !== undefined) {
    const slugs = new Set(articles.map((a) => a.slug));
    for (const [p, page] of settings.pages.entries()) {
      for (const slug of page) {
        if (!slugs.has(slug)) {
          throw new ContentError(
            editionFile,
            `pages: page ${p + 1} names "${slug}", but there is no ${slug}.md in ${folder} (articles: ${[...slugs].join(', ')})`,
          );
        }
      }
    }
  }
  return { ...settings, articles, sourcePath: folder };
}

/**
 * Refuses a photo path that is absolute, a URL, or climbs out of the article's folder. The
 * path stays as written (relative); callers resolve it against dirname(article.sourcePath).
 */
export function checkPhotoPath(article: Article): void {
  const file = article.photo?.file;
  if (file === undefined) return;
  const refuse = (why: string): never => {
    throw new ContentError(article.sourcePath, `photo path "${file}" ${why}`);
  };
  if (file.trim() === '') refuse('is empty');
  if (file.includes('\0')) refuse('contains a NUL character');
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(file)) refuse('is a URL; photos must be files in the article\'s folder');
  const slashed = file.replace(/\\/g, '/');
  if (isAbsolute(file) || slashed.startsWith('/') || /^[A-Za-z]:/.test(slashed)) {
    refuse('is absolute; write it relative to the article\'s folder (e.g. photos/NAME.jpg)');
  }
  const normal = posix.normalize(slashed);
  if (normal === '..' || normal.startsWith('../')) refuse('points outside the article\'s folder');
  const folder = resolve(dirname(article.sourcePath));
  const target = resolve(folder, slashed);
  const rel = relative(folder, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    refuse(rel === '' ? 'names the article\'s folder, not a file' : 'points outside the article\'s folder');
  }
}

/**
 * The content folder an edition folder belongs to, as a real path: `content/` for an edition
 * folder named by its date (content/YYYY-MM-DD), else the edition folder itself. Symbolic links
 * are followed only to files inside it.
 */
async function contentRoot(folder: string): Promise<string> {
  const real = await realpath(folder);
  return /^\d{4}-\d{2}-\d{2}$/.test(basename(real)) ? dirname(real) : real;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
};

/** True when the symbolic link `path` leads to a file inside `root`; refused when it leads outside, or nowhere. */
async function linkedFile(path: string, root: string): Promise<boolean> {
  let target: string;
  try {
    target = await realpath(path);
  } catch {
    throw new ContentError(path, 'is a symbolic link to a file that does not exist');
  }
  if (!inside(root, target)) throw new ContentError(path, `is a symbolic link to ${target}, outside the content folder ${root}; copy the file in instead`);
  return (await stat(target)).isFile();
}

/**
 * Refuses a photo that is (or lies under) a symbolic link leading outside `root` (the content
 * folder) or the article's own folder, like a path with "../". A missing photo is left to the
 * build (an FPO frame, or an error with --strict).
 */
async function checkPhotoLink(article: Article, root: string): Promise<void> {
  const file = article.photo?.file;
  if (file === undefined) return;
  let target: string;
  try {
    target = await realpath(resolve(dirname(article.sourcePath), file));
  } catch {
    return;
  }
  const folder = await realpath(dirname(article.sourcePath));
  if (!inside(root, target) && !inside(folder, target)) {
    throw new ContentError(article.sourcePath, `photo path "${file}" is a symbolic link to ${target}, outside the content folder; copy the photo in instead`);
  }
}
