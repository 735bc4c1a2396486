// Article → Markdown with YAML front matter (the format parseArticleMarkdown reads), and the
// human-readable report of a wire-copy import. Pure: data in, text out.

import { stringify } from 'yaml';
import type { Article, Block, Span } from '../model/article.js';
import type { WireImport } from './parseWireCopy.js';
import { normaliseSpans, parseInlineMarkdown } from '../content/parseArticleMarkdown.js';

/**
 * Writes an article as `---\n<front matter>\n---\n\n<body>\n`. The front matter keys come in
 * the order headline, deck, bylines, source, dateline, date, photo {file, caption, credit},
 * section, priority, lang; undefined ones are left out. `slug` and `sourcePath` are not written
 * (they come from the file name). parseArticleMarkdown(articleToMarkdown(a)) gives back `a`.
 */
export function articleToMarkdown(article: Article): string {
  const front: Record<string, unknown> = {};
  front.headline = article.headline;
  if (article.deck !== undefined) front.deck = article.deck;
  front.bylines = [...article.bylines];
  if (article.source !== undefined) front.source = article.source;
  if (article.dateline !== undefined) front.dateline = article.dateline;
  if (article.date !== undefined) front.date = article.date;
  if (article.photo !== undefined) {
    const photo: Record<string, unknown> = { file: article.photo.file };
    if (article.photo.caption !== undefined) photo.caption = article.photo.caption;
    if (article.photo.credit !== undefined) photo.credit = article.photo.credit;
    if (article.photo.focus !== undefined) photo.focus = { ...article.photo.focus };
    front.photo = photo;
  }
  if (article.section !== undefined) front.section = article.section;
  if (article.priority !== undefined) front.priority = article.priority;
  front.lang = article.lang;

  const yaml = stringify(front, { lineWidth: 0, defaultStringType: 'PLAIN' });
  return `---\n${yaml}---\n\n${bodyToMarkdown(article.body)}`;
}

/** The body blocks as Markdown, blocks separated by blank lines, list items by single lines. */
export function bodyToMarkdown(body: Block[]): string {
  const out: string[] = [];
  let previous: Block | undefined;
  let orderedDelimiter: '.' | ')' = '.';
  let previousNumber = 0;
  for (const block of body) {
    let text: string;
    switch (block.kind) {
      case 'paragraph':
        text = escapeLineStart(spansToMarkdown(block.spans));
        break;
      case 'subhead':
        text = `## ${escapeLineStart(escapeInline(collapse(block.text))).replace(/#(?=\s*$)/, '\\#')}`;
        break;
      case 'quote':
        text = `> ${escapeLineStart(spansToMarkdown(block.spans))}`;
        break;
      case 'listItem': {
        const content = escapeLineStart(spansToMarkdown(block.spans));
        const ordered = /^(\d{1,9})[.)]$/.exec(block.marker);
        if (ordered) {
          const n = Number(ordered[1]);
          const continues = previous?.kind === 'listItem' && /^\d/.test(previous.marker);
          // A number that does not follow on starts a new list: switch the delimiter so that
          // Markdown does not renumber it as part of the previous list.
          if (continues && n !== previousNumber + 1) orderedDelimiter = orderedDelimiter === '.' ? ')' : '.';
          if (!continues) orderedDelimiter = '.';
          previousNumber = n;
          text = `${n}${orderedDelimiter} ${content}`;
        } else {
          text = `- ${content}`;
        }
        break;
      }
    }
    const tight =
      previous?.kind === 'listItem' &&
      block.kind === 'listItem' &&
      /^\d/.test(previous.marker) === /^\d/.test(block.marker);
    if (out.length > 0) out.push(tight ? '\n' : '\n\n');
    out.push(text);
    previous = block;
  }
  return out.length === 0 ? '' : `${out.join('')}\n`;
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Backslash-escapes what Markdown (GFM) would read as syntax inside a line. */
export function escapeInline(text: string): string {
  return text
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/!(?=\\\[)/g, '\\!');
}

/** Escapes what would turn the start of a line into a block construct. */
function escapeLineStart(text: string): string {
  return text
    .replace(/^(\s*)([#+=-])/, '$1\\$2')
    .replace(/^(\s*\d{1,9})([.)])/, '$1\\$2');
}

type Style = 'italic' | 'bold';

interface Delimiters {
  italic: '*' | '_';
  bold: '**' | '__';
  /** which style to open first (outside) when a span starts both */
  outer: Style;
}

/** The delimiter choices tried in order; the first that reads back unchanged is used. */
const VARIANTS: Delimiters[] = [
  { italic: '*', bold: '**', outer: 'bold' },
  { italic: '_', bold: '**', outer: 'bold' },
  { italic: '*', bold: '__', outer: 'bold' },
  { italic: '*', bold: '**', outer: 'italic' },
  { italic: '_', bold: '**', outer: 'italic' },
  { italic: '*', bold: '__', outer: 'italic' },
  { italic: '_', bold: '__', outer: 'bold' },
];

function render(spans: Span[], d: Delimiters): string {
  const marker = (s: Style): string => (s === 'italic' ? d.italic : d.bold);
  const order: Style[] = d.outer === 'bold' ? ['bold', 'italic'] : ['italic', 'bold'];
  const stack: Style[] = [];
  let out = '';
  let pendingSpace = '';
  for (const span of spans) {
    const want = new Set<Style>();
    if (span.bold) want.add('bold');
    if (span.italic) want.add('italic');
    const [, lead, core, trail] = /^( ?)(.*?)( ?)$/s.exec(span.text) as RegExpExecArray;
    // Close what this span does not want (and whatever was opened inside that).
    let keep = stack.length;
    for (let k = 0; k < stack.length; k++) {
      if (!want.has(stack[k])) {
        keep = k;
        break;
      }
    }
    while (stack.length > keep) out += marker(stack.pop() as Style);
    out += pendingSpace + lead;
    for (const s of order) {
      if (want.has(s) && !stack.includes(s)) {
        stack.push(s);
        out += marker(s);
      }
    }
    out += escapeInline(core);
    pendingSpace = trail;
  }
  while (stack.length > 0) out += marker(stack.pop() as Style);
  return out + pendingSpace;
}

function sameSpans(a: Span[], b: Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s.text === b[i].text && s.italic === b[i].italic && s.bold === b[i].bold);
}

/**
 * Inline spans → Markdown with `*italic*` and `**bold**` (or `_`/`__` where a run of `*` would
 * be ambiguous). Styles stay open across adjacent spans that share them, and markers hug the
 * text (whitespace goes outside them). With emphasis, the result is read back to check it; the
 * first delimiter choice that reads back as the same spans is used.
 */
export function spansToMarkdown(spans: Span[]): string {
  const norm = normaliseSpans(spans);
  const first = render(norm, VARIANTS[0]);
  if (norm.every((s) => !s.italic && !s.bold)) return first;
  for (const variant of VARIANTS) {
    const md = variant === VARIANTS[0] ? first : render(norm, variant);
    if (sameSpans(parseInlineMarkdown(md), norm)) return md;
  }
  // Markdown cannot say this exactly (e.g. emphasis ending between punctuation and a letter);
  // the words survive, only the emphasis may be read differently.
  return first;
}

/** The import report: what was recognised (field: value (line N)) and what could not be placed. */
export function formatImportReport(result: WireImport): string {
  const lines: string[] = [];
  const { article } = result;
  lines.push(`Imported ${article.sourcePath} as "${article.slug}"`);
  lines.push('Recognised:');
  for (const r of result.recognised) {
    lines.push(`  ${r.field}: ${r.value} (line ${r.line})`);
  }
  if (result.unplaced.length === 0) {
    lines.push('Could not place: nothing');
  } else {
    lines.push(`Could not place (${result.unplaced.length}):`);
    for (const u of result.unplaced) {
      lines.push(`  line ${u.line}: ${u.text} — ${u.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
