// edition.yaml → the edition's settings (everything but its articles). Pure: text in, data out.
//
//   paper: The Morning Ledger     # required: the nameplate
//   date: 2022-11-15              # required
//   format: tabloid               # required: tabloid | berliner | broadsheet | letter | a4
//   edition: Late Edition         # optional edition line
//   lang: de                      # optional: the date line's language, and articles' without their own
//   pages: [[lead-slug, second-slug], [third-slug]]   # optional page plan

import type { Edition, PageFormatName } from '../model/article.js';
import { ContentError, type Warning } from '../model/errors.js';
import { parseYamlOrThrow, toIsoDate } from './parseArticleMarkdown.js';

export const PAGE_FORMATS: readonly PageFormatName[] = ['tabloid', 'berliner', 'broadsheet', 'letter', 'a4'];

const EDITION_KEYS = ['paper', 'date', 'format', 'edition', 'lang', 'pages'] as const;

export type EditionSettings = Omit<Edition, 'articles' | 'sourcePath'>;

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** Parses edition.yaml; every problem is a ContentError naming `file` (and the key). */
export function parseEditionYaml(text: string, file: string, onWarning?: (warning: Warning) => void): EditionSettings {
  const data = parseYamlOrThrow(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), file, 'edition settings', 1, onWarning);
  if (data === null || data === undefined) {
    throw new ContentError(file, 'is empty: paper, date and format are required');
  }
  if (typeof data !== 'object' || Array.isArray(data) || data instanceof Date) {
    throw new ContentError(file, `must be a set of "key: value" lines (paper, date, format), got ${describe(data)}`);
  }
  const map = data as Record<string, unknown>;
  for (const key of Object.keys(map)) {
    if (!(EDITION_KEYS as readonly string[]).includes(key)) {
      throw new ContentError(file, `unknown key "${key}"; known keys: ${EDITION_KEYS.join(', ')}`);
    }
  }

  // paper
  if (map.paper === undefined || map.paper === null) throw new ContentError(file, 'paper is missing (the nameplate, e.g. "paper: The Morning Ledger")');
  if (typeof map.paper !== 'string' || map.paper.trim() === '') {
    throw new ContentError(file, `paper must be the newspaper's name (text), got ${describe(map.paper)}`);
  }
  const paper = map.paper.trim();

  // date
  if (map.date === undefined || map.date === null) throw new ContentError(file, 'date is missing (e.g. "date: 2022-11-15")');
  const date = toIsoDate(map.date);
  if (date === undefined) {
    throw new ContentError(file, `date must be a date written YYYY-MM-DD (e.g. 2022-11-15), got ${describe(map.date)}`);
  }

  // format
  if (map.format === undefined || map.format === null) {
    throw new ContentError(file, `format is missing (one of ${PAGE_FORMATS.join(', ')})`);
  }
  const format = typeof map.format === 'string' ? map.format.trim().toLowerCase() : undefined;
  if (format === undefined || !(PAGE_FORMATS as readonly string[]).includes(format)) {
    throw new ContentError(file, `format must be one of ${PAGE_FORMATS.join(', ')}, got ${describe(map.format)}`);
  }

  const settings: EditionSettings = { paper, date, format: format as PageFormatName };

  // edition line
  if (map.edition !== undefined && map.edition !== null) {
    if (typeof map.edition !== 'string' && typeof map.edition !== 'number') {
      throw new ContentError(file, `edition must be the edition line (text), got ${describe(map.edition)}`);
    }
    const line = String(map.edition).trim();
    if (line !== '') settings.editionLine = line;
  }

  // language
  if (map.lang !== undefined && map.lang !== null) {
    const lang = typeof map.lang === 'string' ? map.lang.trim() : '';
    if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang)) {
      throw new ContentError(file, `lang must be a language tag like "en" or "de", got ${describe(map.lang)}`);
    }
    settings.lang = lang;
  }

  // page plan
  if (map.pages !== undefined && map.pages !== null) {
    if (!Array.isArray(map.pages)) {
      throw new ContentError(file, `pages must be a list of pages, each a list of article slugs, got ${describe(map.pages)}`);
    }
    const seen = new Map<string, number>();
    const empty: number[] = [];
    settings.pages = map.pages.map((page, p) => {
      const slugs = typeof page === 'string' ? [page] : page;
      if (!Array.isArray(slugs)) {
        throw new ContentError(file, `pages: page ${p + 1} must be a list of article slugs, got ${describe(page)}`);
      }
      if (slugs.length === 0) empty.push(p + 1);
      return slugs.map((slug, s) => {
        if (typeof slug !== 'string' || slug.trim() === '') {
          throw new ContentError(file, `pages: page ${p + 1}, item ${s + 1} must be an article slug (text), got ${describe(slug)}`);
        }
        const name = slug.trim();
        const earlier = seen.get(name);
        if (earlier !== undefined) {
          throw new ContentError(file, `pages: "${name}" is planned twice (pages ${earlier} and ${p + 1})`);
        }
        seen.set(name, p + 1);
        return name;
      });
    });
    if (seen.size === 0) {
      throw new ContentError(file, 'pages: the page plan names no story; list article slugs per page (e.g. "pages: [[lead-story, second-story]]") or leave pages out');
    }
    // an empty page in the plan would be dropped or shift every page after it: said, not guessed
    if (empty.length > 0) {
      throw new ContentError(
        file,
        `pages: page${empty.length > 1 ? 's' : ''} ${empty.join(', ')} of the page plan name${empty.length > 1 ? '' : 's'} no story; every planned page lists at least one article slug (leave a page out and makeup adds the pages the stories need)`,
      );
    }
  }
  return settings;
}
