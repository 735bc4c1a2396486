// An article file — YAML front matter between `---` lines, then a Markdown body — → Article.
// Pure: text in, data out; `file` only names the article in errors and gives slug/sourcePath.

import { basename } from 'node:path';
import { Lexer, type Token } from 'marked';
import { isAlias, LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Article, Block, Photo, Span } from '../model/article.js';
import { ContentError, type Warning } from '../model/errors.js';
import { parseIsoDate } from './feedDates.js';

const ARTICLE_KEYS = [
  'headline',
  'deck',
  'bylines',
  'source',
  'dateline',
  'date',
  'photo',
  'section',
  'priority',
  'lang',
  'jump',
] as const;

const PHOTO_KEYS = ['file', 'caption', 'credit', 'focus'] as const;

/** What static-site generators (Hugo, Jekyll) call our keys. */
const KEY_ALIASES: Record<string, 'headline' | 'bylines' | 'deck'> = {
  title: 'headline',
  author: 'bylines',
  authors: 'bylines',
  byline: 'bylines',
  description: 'deck',
  summary: 'deck',
};

/** Keys static-site generators write that mean nothing on a printed page: read and left alone. */
const SITE_KEYS = new Set(
  ('tags categories draft slug layout permalink aliases weight type url keywords lastmod publishDate expiryDate ' +
    'images image featured_image toc comments series menu linkTitle excerpt published sitemap outputs markup ' +
    'translationKey isCJKLanguage headless cascade resources params').split(' '),
);

/** Splits `---\n<yaml>\n---\n<body>`; undefined if the text does not open with front matter. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | undefined {
  const open = /^---[ \t]*\n/.exec(text);
  if (!open) return undefined;
  const rest = text.slice(open[0].length);
  const close = /^(?:---|\.\.\.)[ \t]*$/m.exec(rest);
  if (!close) return undefined;
  const yaml = rest.slice(0, close.index);
  let body = rest.slice(close.index + close[0].length);
  if (body.startsWith('\n')) body = body.slice(1);
  const bodyLine = 1 + (text.slice(0, text.length - body.length).match(/\n/g)?.length ?? 0);
  return { yaml, body, bodyLine };
}

/**
 * Parses YAML text into a plain JS value. Syntax errors become a ContentError naming the file
 * and the line (counted in the file: `firstLine` is the file line of the YAML's first line).
 */
export function parseYamlOrThrow(yamlText: string, file: string, what: string, firstLine = 1, onWarning?: (warning: Warning) => void): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true, lineCounter });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + firstLine - 1, column: pos.col };
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = error.linePos?.[0];
    const where = pos ? { line: pos.line + firstLine - 1, column: pos.col } : undefined;
    const detail = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw new ContentError(file, `${what} is not valid YAML${where ? ` (line ${where.line})` : ''}: ${detail}`, where);
  }
  // control characters written as escapes ("\e[31m", "\x07") are removed, as raw ones are from
  // the file's text, and said once with where the first one is
  let removed = 0;
  let first: { line: number; column: number } | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const cleaned = node.value.replace(YAML_CONTROLS, '');
      if (cleaned === node.value) return;
      removed += node.value.length - cleaned.length;
      if (node.range) first ??= at(node.range[0]);
      node.value = cleaned;
    },
  });
  if (removed > 0) {
    onWarning?.({ code: 'control-characters-removed', file, ...first, message: `${what}: ${removed} control character${removed === 1 ? '' : 's'} written as escapes removed (they print nothing)` });
  }
  try {
    // aliases expand to at most MAX_YAML_ALIASES nodes: an alias bomb is refused, not expanded
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = aliasAtFault(doc);
    const where = alias?.range ? at(alias.range[0]) : undefined;
    const line = where ? ` (line ${where.line})` : '';
    if (alias && alias.resolve(doc) === undefined) {
      throw new ContentError(
        file,
        `${what} is not valid YAML${line}: *${alias.source} is an alias, and no anchor &${alias.source} comes before it; text that starts with * goes in quotes (e.g. deck: "*Exclusive*")`,
        where,
      );
    }
    throw new ContentError(file, `${what} is not valid YAML${line}: its aliases expand to more than ${MAX_YAML_ALIASES} nodes (an alias bomb?); write the values out`, where);
  }
}

/** C0 and C1 control characters and DEL, but tab, line feed and carriage return (white space). */
const YAML_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Aliases (`*name`) a YAML file may expand, counted as the `yaml` library counts them. */
export const MAX_YAML_ALIASES = 100;

/** The alias that failed: the first one with no anchor before it, else the first one. */
function aliasAtFault(doc: Document): { source: string; range?: [number, number, number] | null; resolve: (doc: Document) => unknown } | undefined {
  let first: ReturnType<typeof aliasAtFault>;
  let unresolved: ReturnType<typeof aliasAtFault>;
  visit(doc, {
    Alias(_key, node) {
      if (!isAlias(node)) return;
      first ??= node;
      if (node.resolve(doc) === undefined) {
        unresolved = node;
        return visit.BREAK;
      }
    },
  });
  return unresolved ?? first;
}

/**
 * A Date from YAML (an explicit `!!timestamp`: its UTC date, since the zone is gone by then) or
 * a string → YYYY-MM-DD, validated; undefined if not one.
 */
export function toIsoDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    return value.toISOString().slice(0, 10);
  }
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return value.trim();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** An optional text field: strings, or numbers written without quotes; anything else is refused. */
function optionalText(front: Record<string, unknown>, key: string, file: string): string | undefined {
  const value = front[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new ContentError(file, `${key} must be text, got ${describe(value)}`);
  const text = value.trim();
  return text === '' ? undefined : text;
}

/**
 * Parses an article file. See the module comment; every problem is a ContentError naming `file`.
 * Front matter written for a static-site generator is read too: `title` (headline), `author` /
 * `authors` (bylines, a name or a list, or {name}), `description` / `summary` (deck), a `date`
 * with a time and zone (its calendar date as written); their site keys (tags, categories, draft,
 * slug, …) are left alone, and any other key is told to `onWarning`, not refused.
 * `defaultLang` is the language of an article that names none (its edition's).
 */
export function parseArticleMarkdown(text: string, file: string, onWarning?: (warning: Warning) => void, defaultLang = 'en'): Article {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const parts = splitFrontMatter(source);
  if (!parts) {
    throw new ContentError(
      file,
      source.startsWith('---')
        ? 'front matter is not closed: add a line "---" after the last front-matter key'
        : 'missing front matter: an article starts with "---", the keys (headline, bylines, date, …), then "---"',
    );
  }
  const front = parseYamlOrThrow(parts.yaml, file, 'front matter', 2, onWarning);
  if (front === null || front === undefined) {
    throw new ContentError(file, 'front matter is empty: headline is missing');
  }
  if (!isPlainObject(front)) {
    throw new ContentError(file, `front matter must be a set of "key: value" lines, got ${describe(front)}`);
  }
  resolveAliases(front, file, onWarning);
  // headline
  if (front.headline === undefined || front.headline === null) {
    throw new ContentError(file, 'headline is missing from the front matter');
  }
  const headline = optionalText(front, 'headline', file);
  if (headline === undefined) throw new ContentError(file, 'headline is empty');

  // bylines: a list of names; a single name is accepted
  let bylines: string[] = [];
  const rawBylines = front.bylines;
  if (typeof rawBylines === 'string') {
    if (rawBylines.trim() !== '') bylines = [rawBylines.trim()];
  } else if (Array.isArray(rawBylines)) {
    bylines = rawBylines.map((item: unknown, i) => {
      const name = isPlainObject(item) && typeof item.name === 'string' ? item.name : item;
      if (typeof name !== 'string' || name.trim() === '') {
        throw new ContentError(file, `bylines must be a list of names (text); item ${i + 1} is ${describe(name)}`);
      }
      return name.trim();
    });
  } else if (isPlainObject(rawBylines) && typeof rawBylines.name === 'string' && rawBylines.name.trim() !== '') {
    bylines = [rawBylines.name.trim()];
  } else if (rawBylines !== undefined && rawBylines !== null) {
    throw new ContentError(file, `bylines must be a list of names (text), got ${describe(rawBylines)}`);
  }

  // date
  let date: string | undefined;
  if (front.date !== undefined && front.date !== null) {
    // a YAML timestamp has lost its zone by the time it is a Date: read the date as written
    const written = front.date instanceof Date ? /^date:[ \t]*(?:!!timestamp[ \t]+)?["']?([^"'#\n]+)/m.exec(parts.yaml)?.[1] : undefined;
    date =
      (written !== undefined ? parseIsoDate(written) : undefined) ??
      toIsoDate(front.date) ??
      (typeof front.date === 'string' ? parseIsoDate(front.date) : undefined);
    if (date === undefined) {
      throw new ContentError(
        file,
        `date must be a date written YYYY-MM-DD (e.g. 2022-11-15, or 2022-11-15T18:05:00+09:00 with a time and zone), got ${describe(front.date)}`,
      );
    }
  }

  // photo
  let photo: Photo | undefined;
  const rawPhoto = front.photo;
  if (typeof rawPhoto === 'string') {
    if (rawPhoto.trim() === '') throw new ContentError(file, 'photo has no file');
    photo = { file: rawPhoto.trim() };
  } else if (isPlainObject(rawPhoto)) {
    for (const key of Object.keys(rawPhoto)) {
      if (!(PHOTO_KEYS as readonly string[]).includes(key)) {
        throw new ContentError(file, `unknown key "photo.${key}"; known keys: ${PHOTO_KEYS.map((k) => `photo.${k}`).join(', ')}`);
      }
    }
    const photoFile = optionalText(rawPhoto, 'file', file);
    if (photoFile === undefined) throw new ContentError(file, 'photo has no file (add "file: photos/NAME.jpg" under photo)');
    photo = { file: photoFile };
    const caption = optionalText(rawPhoto, 'caption', file);
    const credit = optionalText(rawPhoto, 'credit', file);
    if (caption !== undefined) photo.caption = caption;
    if (credit !== undefined) photo.credit = credit;
    const focus = (rawPhoto as Record<string, unknown>).focus;
    if (focus !== undefined && focus !== null) photo.focus = parseFocus(focus, file);
  } else if (rawPhoto !== undefined && rawPhoto !== null) {
    throw new ContentError(file, `photo must be a mapping with file, caption and credit, got ${describe(rawPhoto)}`);
  }

  // priority
  let priority: number | undefined;
  if (front.priority !== undefined && front.priority !== null) {
    if (typeof front.priority !== 'number' || !Number.isFinite(front.priority)) {
      throw new ContentError(file, `priority must be a number, got ${describe(front.priority)}`);
    }
    priority = front.priority;
  }

  // lang
  const lang = optionalText(front, 'lang', file) ?? defaultLang;
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(lang)) {
    throw new ContentError(file, `lang must be a language tag like "en" or "en-GB", got ${JSON.stringify(lang)}`);
  }

  const body = parseMarkdownBody(parts.body, file, onWarning, parts.bodyLine);
  if (body.length === 0) throw new ContentError(file, 'body is empty: there is no text after the front matter');

  const article: Article = {
    slug: basename(file).replace(/\.[^.]*$/, '') || basename(file),
    sourcePath: file,
    headline,
    bylines,
    lang,
    body,
  };
  const deck = optionalText(front, 'deck', file);
  const src = optionalText(front, 'source', file);
  const dateline = optionalText(front, 'dateline', file);
  const section = optionalText(front, 'section', file);
  const jump = optionalText(front, 'jump', file);
  if (deck !== undefined) article.deck = deck;
  if (src !== undefined) article.source = src;
  if (dateline !== undefined) article.dateline = dateline;
  if (date !== undefined) article.date = date;
  if (photo !== undefined) article.photo = photo;
  if (section !== undefined) article.section = section;
  if (priority !== undefined) article.priority = priority;
  if (jump !== undefined) article.jump = jump;
  return article;
}

/**
 * Renames the static-site generators' keys to ours in `front` (a key of ours wins over its
 * alias, and the alias left unused is told), drops their site keys, and tells every other
 * unknown key — once, naming them all.
 */
function resolveAliases(front: Record<string, unknown>, file: string, onWarning?: (warning: Warning) => void): void {
  const unknown: string[] = [];
  const unused: string[] = [];
  for (const key of Object.keys(front)) {
    if ((ARTICLE_KEYS as readonly string[]).includes(key)) continue;
    const ours = KEY_ALIASES[key];
    if (ours !== undefined) {
      if (front[ours] === undefined || front[ours] === null) front[ours] = front[key];
      else unused.push(`"${key}" (${ours} is given)`);
      delete front[key];
    } else if (SITE_KEYS.has(key)) {
      if (key === 'draft' && front.draft === true) onWarning?.({ code: 'draft', file, message: 'is marked draft: true; it is set all the same' });
      delete front[key];
    } else {
      unknown.push(`"${key}"`);
      delete front[key];
    }
  }
  if (unused.length > 0) onWarning?.({ code: 'front-matter-key-unused', file, message: `front matter: ${unused.join(', ')} not used` });
  if (unknown.length > 0) {
    onWarning?.({
      code: 'front-matter-key-unknown',
      file,
      message: `front matter: unknown key${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} ignored; known keys: ${ARTICLE_KEYS.join(', ')} (and title, author, authors, description, summary)`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Body

/**
 * Parses a Markdown body into blocks (paragraphs, subheads, quotes, list items). Block quotes
 * nested deeper than MAX_QUOTE_DEPTH are set at that depth and lines indented deeper than
 * MAX_INDENT read at that indent; these, and images (which the body does not print), are
 * reported through `onWarning` with their line (`firstLine` is the file line of the body's
 * first line).
 */
export function parseMarkdownBody(markdown: string, file: string, onWarning?: (warning: Warning) => void, firstLine = 1): Block[] {
  const blocks: Block[] = [];
  const flattened = flattenDeepNesting(markdown);
  // one warning per kind, at the first line: a deep quote may run to thousands of lines
  const more = (cut: number[]) => (cut.length > 1 ? ` (and ${cut.length - 1} more line${cut.length > 2 ? 's' : ''})` : '');
  if (flattened.quoted.length > 0) {
    onWarning?.({ code: 'quote-too-deep', file, line: flattened.quoted[0] + firstLine, message: `block quotes nested more than ${MAX_QUOTE_DEPTH} deep are set ${MAX_QUOTE_DEPTH} deep${more(flattened.quoted)}` });
  }
  if (flattened.indented.length > 0) {
    onWarning?.({ code: 'indent-too-deep', file, line: flattened.indented[0] + firstLine, message: `indented more than ${MAX_INDENT} columns (lists nested too deep); read as indented ${MAX_INDENT}${more(flattened.indented)}` });
  }
  const body: BodyContext = { file, images: [] };
  try {
    walkBlocks(Lexer.lex(flattened.text), false, blocks, body);
  } catch (error) {
    // Markdown nested deeper than the stack (lists in lists in …): one message, not a crash
    if (error instanceof RangeError) throw new ContentError(file, 'body is nested too deeply to read (lists, quotes or emphasis inside one another thousands of times)');
    throw error;
  }
  let from = 0;
  for (const image of body.images) {
    // where the image stands: its first occurrence after the previous one
    const index = flattened.text.indexOf(image.raw, from);
    if (index >= 0) from = index + image.raw.length;
    const line = index >= 0 ? { line: firstLine + (flattened.text.slice(0, index).match(/\n/g)?.length ?? 0) } : {};
    onWarning?.({ code: 'body-image-not-printed', file, ...line, message: `image ${JSON.stringify(image.raw)} is not printed: the body sets no images; give the story's photo in the front matter (photo: file, caption, credit)` });
  }
  return blocks;
}

/** Block quotes deeper than this are set at this depth (a quote in a quote in a quote is already rare). */
export const MAX_QUOTE_DEPTH = 8;
/** Lines indented deeper than this (columns; a tab counts 4) are read as if indented this far: lists nest at most about 16 deep. */
export const MAX_INDENT = 32;

/**
 * Cuts the `>` markers of lines quoted deeper than MAX_QUOTE_DEPTH down to it, and the
 * indentation of lines indented deeper than MAX_INDENT (lists in lists thousands deep take
 * the Markdown parser minutes): the words stay, the nesting flattens. The (0-based) lines cut.
 */
function flattenDeepNesting(markdown: string): { text: string; quoted: number[]; indented: number[] } {
  const quoted: number[] = [];
  const indented: number[] = [];
  if (!/>[ \t]*>|^[ \t]{33}|^\t{9}/m.test(markdown)) return { text: markdown, quoted, indented };
  const text = markdown
    .split('\n')
    .map((line, i) => {
      const prefix = /^(?:[ \t]*>)+/.exec(line)?.[0];
      if (prefix && prefix.split('>').length - 1 > MAX_QUOTE_DEPTH) {
        quoted.push(i);
        line = '>'.repeat(MAX_QUOTE_DEPTH) + line.slice(prefix.length);
      }
      const indent = /^[ \t]*/.exec(line)![0];
      if (indent.length > MAX_INDENT / 4 && indent.replace(/\t/g, '    ').length > MAX_INDENT) {
        indented.push(i);
        line = ' '.repeat(MAX_INDENT) + line.slice(indent.length);
      }
      return line;
    })
    .join('\n');
  return { text, quoted, indented };
}

/** What walking a body collects besides its blocks. */
interface BodyContext {
  file: string;
  /** images met in the body (not printed; reported) */
  images: { raw: string }[];
}

type AnyToken = Token & { tokens?: Token[]; raw: string; text?: string };

function walkBlocks(tokens: Token[], inQuote: boolean, out: Block[], body: BodyContext): void {
  const file = body.file;
  for (const token of tokens as AnyToken[]) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        break;
      case 'paragraph':
      case 'text': {
        const spans = normaliseSpans(inlineSpans(token.tokens ?? [], false, false, token, body.images));
        if (spans.length > 0) out.push(inQuote ? { kind: 'quote', spans } : { kind: 'paragraph', spans });
        break;
      }
      case 'heading': {
        const text = plainText(normaliseSpans(inlineSpans(token.tokens ?? [], false, false, token, body.images)));
        if (text !== '') out.push({ kind: 'subhead', text });
        break;
      }
      case 'blockquote':
        walkBlocks(token.tokens ?? [], true, out, body);
        break;
      case 'list': {
        const list = token as unknown as { ordered: boolean; start: number | ''; items: AnyToken[] };
        const start = typeof list.start === 'number' ? list.start : 1;
        list.items.forEach((item, i) => {
          const marker = list.ordered ? `${start + i}.` : '•';
          const spans: Span[] = [];
          const nested: Block[] = [];
          for (const child of (item.tokens ?? []) as AnyToken[]) {
            if (child.type === 'text' || child.type === 'paragraph') {
              if (spans.length > 0) spans.push({ text: ' ', italic: false, bold: false });
              spans.push(...inlineSpans(child.tokens ?? [], false, false, child, body.images));
            } else {
              walkBlocks([child], inQuote, nested, body);
            }
          }
          const norm = normaliseSpans(spans);
          if (norm.length > 0) out.push({ kind: 'listItem', marker, spans: norm });
          out.push(...nested);
        });
        break;
      }
      case 'code': {
        const spans = normaliseSpans([{ text: token.text ?? '', italic: false, bold: false, code: true }]);
        if (spans.length > 0) out.push(inQuote ? { kind: 'quote', spans } : { kind: 'paragraph', spans });
        break;
      }
      case 'html': {
        for (const tag of htmlMedia(token.raw ?? '')) body.images.push({ raw: tag });
        const stripped = decodeEntities((token.raw ?? '').replace(/<!--[\s\S]*?-->/g, '').replace(/<[^>]*>/g, ' '));
        const spans = normaliseSpans([{ text: stripped, italic: false, bold: false }]);
        if (spans.length > 0) out.push(inQuote ? { kind: 'quote', spans } : { kind: 'paragraph', spans });
        break;
      }
      case 'table':
        throw new ContentError(file, 'body contains a table; tables are not supported in articles');
      default: {
        if (token.tokens) walkBlocks(token.tokens, inQuote, out, body);
        else if (token.text) {
          const spans = normaliseSpans([{ text: decodeEntities(token.text), italic: false, bold: false }]);
          if (spans.length > 0) out.push(inQuote ? { kind: 'quote', spans } : { kind: 'paragraph', spans });
        }
      }
    }
  }
}

/** The media tags of an HTML fragment (images, video, embedded frames): the body prints none of them. */
function htmlMedia(html: string): string[] {
  return html.replace(/<!--[\s\S]*?-->/g, '').match(/<(?:img|picture|video|audio|iframe|object|embed|svg)\b[^>]*>/gi) ?? [];
}

/** Parses one line of inline Markdown (emphasis, code, links, escapes, entities) into spans. */
export function parseInlineMarkdown(markdown: string): Span[] {
  return normaliseSpans(inlineSpans(new Lexer().inlineTokens(markdown), false, false));
}

/** Inline tokens → spans carrying emphasis. `parent` is used when there are no child tokens. */
function inlineSpans(tokens: Token[], italic: boolean, bold: boolean, parent?: AnyToken, images: { raw: string }[] = []): Span[] {
  const spans: Span[] = [];
  if (tokens.length === 0 && parent !== undefined && parent.text) {
    spans.push({ text: decodeEntities(parent.text), italic, bold });
    return spans;
  }
  for (const token of tokens as AnyToken[]) {
    switch (token.type) {
      case 'text':
        if (token.tokens && token.tokens.length > 0) spans.push(...inlineSpans(token.tokens, italic, bold, undefined, images));
        // The raw source, not `text`: marked decodes some entities itself, we decode all once.
        else spans.push({ text: decodeEntities(token.raw), italic, bold });
        break;
      case 'escape':
        spans.push({ text: token.text ?? '', italic, bold });
        break;
      case 'codespan':
        // code is set as written: typographer's quotes leave it alone
        spans.push({ text: token.text ?? '', italic, bold, code: true });
        break;
      case 'em':
        spans.push(...inlineSpans(token.tokens ?? [], true, bold, undefined, images));
        break;
      case 'strong':
        spans.push(...inlineSpans(token.tokens ?? [], italic, true, undefined, images));
        break;
      case 'br':
        spans.push({ text: ' ', italic: false, bold: false });
        break;
      case 'image':
        // not printed: the caller reports it
        images.push({ raw: token.raw });
        break;
      case 'html':
        // Inline tags (<b>, <span …>) are dropped; their content arrives as text tokens. Media
        // (<img>, <video>, …) are not printed: the caller reports them with the Markdown images.
        for (const tag of htmlMedia(token.raw ?? '')) images.push({ raw: tag });
        break;
      default:
        if (token.tokens) spans.push(...inlineSpans(token.tokens, italic, bold, undefined, images));
        else if (token.text !== undefined) spans.push({ text: decodeEntities(token.text), italic, bold });
    }
  }
  return spans;
}

function plainText(spans: Span[]): string {
  return spans.map((s) => s.text).join('');
}

/**
 * Normalises spans into the one form parseArticleMarkdown produces: whitespace collapsed to
 * single spaces (also across span boundaries), none at the start or end, a space between
 * differently styled text carries only the styles both sides share, empty spans dropped and
 * neighbours of equal style merged.
 */
export function normaliseSpans(spans: Span[]): Span[] {
  // Characters with their style; whitespace runs become one space (no-break spaces stay).
  const chars: { c: string; italic: boolean; bold: boolean; code: boolean }[] = [];
  for (const s of spans) {
    const code = s.code === true;
    for (const c of s.text) {
      if (/\s/.test(c) && !NO_BREAK_SPACES.includes(c)) {
        const last = chars[chars.length - 1];
        if (last === undefined) continue;
        if (last.c === ' ') {
          last.italic &&= s.italic;
          last.bold &&= s.bold;
          last.code &&= code;
        } else chars.push({ c: ' ', italic: s.italic, bold: s.bold, code });
      } else chars.push({ c, italic: s.italic, bold: s.bold, code });
    }
  }
  if (chars.length > 0 && chars[chars.length - 1].c === ' ') chars.pop();
  for (let i = 1; i < chars.length - 1; i++) {
    if (chars[i].c !== ' ') continue;
    const before = chars[i - 1];
    const after = chars[i + 1];
    chars[i].italic = before.italic && after.italic;
    chars[i].bold = before.bold && after.bold;
    chars[i].code = before.code && after.code;
  }
  const out: Span[] = [];
  for (const ch of chars) {
    const prev = out[out.length - 1];
    if (prev && prev.italic === ch.italic && prev.bold === ch.bold && (prev.code === true) === ch.code) prev.text += ch.c;
    else out.push({ text: ch.c, italic: ch.italic, bold: ch.bold, ...(ch.code ? { code: true } : {}) });
  }
  return out;
}

/** Spaces that must not break a line, nor be merged into a word space: NBSP, narrow NBSP, figure space, ZWNBSP. */
const NO_BREAK_SPACES = '\u00a0\u202f\u2007\ufeff';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”',
  bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', prime: '′',
  Prime: '″', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷',
  minus: '−', frac12: '½', frac14: '¼', frac34: '¾', sect: '§', para: '¶', dagger: '†', Dagger: '‡',
  euro: '€', pound: '£', yen: '¥', cent: '¢', iexcl: '¡', iquest: '¿', thinsp: '\u2009',
  ensp: '\u2002', emsp: '\u2003', zwj: '\u200d', zwnj: '\u200c',
  aacute: 'á', Aacute: 'Á', agrave: 'à', Agrave: 'À', acirc: 'â', Acirc: 'Â', auml: 'ä', Auml: 'Ä',
  atilde: 'ã', Atilde: 'Ã', aring: 'å', Aring: 'Å', aelig: 'æ', AElig: 'Æ', ccedil: 'ç', Ccedil: 'Ç',
  eacute: 'é', Eacute: 'É', egrave: 'è', Egrave: 'È', ecirc: 'ê', Ecirc: 'Ê', euml: 'ë', Euml: 'Ë',
  iacute: 'í', Iacute: 'Í', igrave: 'ì', Igrave: 'Ì', icirc: 'î', Icirc: 'Î', iuml: 'ï', Iuml: 'Ï',
  ntilde: 'ñ', Ntilde: 'Ñ', oacute: 'ó', Oacute: 'Ó', ograve: 'ò', Ograve: 'Ò', ocirc: 'ô', Ocirc: 'Ô',
  ouml: 'ö', Ouml: 'Ö', otilde: 'õ', Otilde: 'Õ', oslash: 'ø', Oslash: 'Ø', uacute: 'ú', Uacute: 'Ú',
  ugrave: 'ù', Ugrave: 'Ù', ucirc: 'û', Ucirc: 'Û', uuml: 'ü', Uuml: 'Ü', yacute: 'ý', yuml: 'ÿ',
  szlig: 'ß', oelig: 'œ', OElig: 'Œ', scaron: 'š', Scaron: 'Š', zcaron: 'ž', Zcaron: 'Ž',
};

/** Decodes HTML character references (named ones from a common set, all numeric ones) once. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g, (whole, dec, hex, name) => {
    if (dec !== undefined || hex !== undefined) {
      const code = dec !== undefined ? Number(dec) : parseInt(hex as string, 16);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    return NAMED_ENTITIES[name as string] ?? whole;
  });
}

/** photo.focus: {x, y}, fractions of the photo's width and height between 0 and 1. */
function parseFocus(value: unknown, file: string): { x: number; y: number } {
  const fraction = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { x, y, ...rest } = value as Record<string, unknown>;
    if (Object.keys(rest).length === 0 && fraction(x) && fraction(y)) return { x: x as number, y: y as number };
  }
  throw new ContentError(file, 'photo.focus must be {x, y} with both between 0 and 1 (fractions of the width and height)');
}
