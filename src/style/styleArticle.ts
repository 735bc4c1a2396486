import { dirname, resolve } from 'node:path';
import type { Article, Block, Span } from '../model/article.js';
import type { FontKey } from '../model/layout.js';
import type { StyledParagraph, StyledRun, Story } from './story.js';
import { curlQuotes } from './quotes.js';
import type { Theme } from './theme.js';

/** Joins bylines the way a newspaper prints them: "A", "A and B", "A, B and C". */
export function joinBylines(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * A line of text as it is set: tabs, line and paragraph separators and runs of spaces become one
 * word space (no-break spaces stay), ends trimmed.
 */
export function plainLine(text: string): string {
  return text.replace(/[^\S\u00a0\u202f\u2007\ufeff]+/g, ' ').trim();
}

/** Turns an article into a Story: faces, sizes and paragraph settings from the theme. */
export function styleArticle(article: Article, theme: Theme): Story {
  const lang = article.lang || 'en';
  /** a line of copy as set: one word space between words, typographer's quotes */
  const line = (text: string): string => curlQuotes([plainLine(text)], lang)[0];
  /** spans with typographer's quotes (code left as written) */
  const curled = (spans: Span[]): Span[] => {
    const texts = curlQuotes(spans.map((s) => s.text), lang, spans.map((s) => s.code === true));
    return spans.map((span, i) => ({ ...span, text: texts[i] }));
  };
  const paragraph = (role: StyledParagraph['role'], runs: StyledRun[], extra: Partial<StyledParagraph> = {}): StyledParagraph => ({
    role,
    runs,
    align: 'justify',
    leading: theme.body.leading,
    firstIndent: 0,
    leftIndent: 0,
    hyphenate: true,
    expansion: theme.body.expansion,
    lang,
    spaceBefore: 0,
    keepWithNext: false,
    ...extra,
  });
  const bodyFont = (span: Span): FontKey =>
    span.bold && span.italic ? theme.body.boldItalic : span.bold ? theme.body.bold : span.italic ? theme.body.italic : theme.body.font;
  const bodyRuns = (spans: Span[], base?: (span: Span) => FontKey): StyledRun[] =>
    curled(spans).map((span) => ({ text: span.text, font: (base ?? bodyFont)(span), size: theme.body.size }));
  const indent = theme.body.indentEm * theme.body.size;

  const body: StyledParagraph[] = [];
  let first = true;
  if (article.dateline && article.body[0]?.kind !== 'paragraph') {
    // a body that opens with a subhead, a quote or a list: the dateline stands on its own line
    // before it, rather than vanish
    body.push(paragraph('body', [{ text: `${article.dateline}\u00a0—`, font: theme.body.bold, size: theme.body.size }], { firstIndent: 0 }));
    first = false;
  }
  for (const block of article.body) {
    body.push(styleBlock(block));
  }

  function styleBlock(block: Block): StyledParagraph {
    switch (block.kind) {
      case 'subhead':
        first = false;
        return paragraph('subhead', [{ text: line(block.text), font: theme.subhead.font, size: theme.subhead.size }], {
          align: 'ragged',
          hyphenate: false,
          spaceBefore: 1,
          keepWithNext: true,
        });
      case 'quote': {
        const italic = (span: Span): FontKey => (span.bold ? theme.body.boldItalic : theme.body.italic);
        first = false;
        return paragraph('body', bodyRuns(block.spans, italic), { leftIndent: indent, firstIndent: 0 });
      }
      case 'listItem':
        first = false;
        return paragraph('body', [{ text: `${block.marker}\u00a0`, font: theme.body.bold, size: theme.body.size }, ...bodyRuns(block.spans)], {
          leftIndent: 0,
        });
      case 'paragraph': {
        const runs = bodyRuns(block.spans);
        if (first && article.dateline) {
          // the dateline is data: set as a bold run-in before the first paragraph
          runs.unshift({ text: `${line(article.dateline)}\u00a0— `, font: theme.body.bold, size: theme.body.size });
        }
        const styled = paragraph('body', runs, { firstIndent: first ? 0 : indent });
        first = false;
        return styled;
      }
    }
  }

  const bylines: StyledParagraph[] = [];
  if (article.bylines.length > 0) {
    bylines.push(
      paragraph('byline', [{ text: `By ${joinBylines(article.bylines.map(line))}`, font: theme.byline.font, size: theme.byline.size }], {
        align: 'ragged',
        hyphenate: false,
      }),
    );
  }
  if (article.source) {
    bylines.push(
      paragraph('source', [{ text: line(article.source), font: theme.source.font, size: theme.source.size }], { align: 'ragged', hyphenate: false }),
    );
  }

  const small = (role: StyledParagraph['role'], text: string, font: FontKey, size: number, align: StyledParagraph['align']) =>
    paragraph(role, [{ text, font, size }], { align, hyphenate: false, leading: theme.caption.leading });

  return {
    slug: article.slug,
    sourcePath: article.sourcePath,
    headline: { text: line(article.headline), ...theme.headline },
    deck: article.deck
      ? paragraph('deck', [{ text: line(article.deck), font: theme.deck.font, size: theme.deck.maxSize }], {
          align: 'ragged',
          hyphenate: false,
          leading: theme.deck.maxSize * theme.deck.leadingRatio,
        })
      : undefined,
    bylines,
    photo: article.photo
      ? {
          file: article.photo.file,
          path: resolve(dirname(article.sourcePath), article.photo.file),
          focus: article.photo.focus,
          caption: article.photo.caption ? small('caption', line(article.photo.caption), theme.caption.font, theme.caption.size, 'ragged') : undefined,
          credit: article.photo.credit ? small('credit', line(article.photo.credit).toLocaleUpperCase(lang), theme.credit.font, theme.credit.size, 'right') : undefined,
        }
      : undefined,
    body,
    words: countWords(body),
    jumpHead: line(article.jump ?? jumpWords(article.headline)),
    ...(article.section ? { section: article.section } : {}),
    lang,
  };
}

/** A jump head keyed to the headline: its first three words, without trailing punctuation. */
export function jumpWords(headline: string): string {
  return headline.split(/\s+/).slice(0, 3).join(' ').replace(/[\s,;:.–—-]+$/u, '');
}

function countWords(paragraphs: StyledParagraph[]): number {
  let words = 0;
  for (const p of paragraphs) {
    const text = p.runs.map((r) => r.text).join('');
    words += text.split(/[\s\u00a0]+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  }
  return words;
}
