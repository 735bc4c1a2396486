// Fixtures for the flow stage's unit tests: a fake typesetting context (fixed-width metrics,
// no hyphenation, no fonts) and articles whose line counts can be worked out by hand.
//
// With fixedMetrics(0.5) every character of the 9.5 pt body is 4.75 pt wide, and a tabloid
// column is 134.4 pt: six four-letter words and their five spaces (29 characters, 137.75 pt)
// justify with a little shrink, so a body line holds exactly six words. A paragraph after the
// first starts with a 1 em indent, and its first line holds five. `bodyParagraphs` builds
// paragraphs of given line counts from that rule (checked in tests/flow/module.test.ts).
import type { TypesetContext } from '../../src/flow/context.js';
import { PAGE_FORMATS, type PageGeometry, pageGeometry } from '../../src/flow/geometry.js';
import type { PhotoInfo } from '../../src/flow/photoPlan.js';
import { prepareCopy, type StoryCopy } from '../../src/flow/storyCopy.js';
import type { Article, Block, PageFormatName } from '../../src/model/article.js';
import type { LayoutItem, TextLine } from '../../src/model/layout.js';
import { styleArticle } from '../../src/style/styleArticle.js';
import { HOUSE_THEME } from '../../src/style/theme.js';
import { fixedMetrics } from './fakeMetrics.js';

/** The flow stage's context with fake metrics: every character 0.5 × its size wide, no hyphenation. */
export function fakeContext(photoPpi = 200): TypesetContext {
  return { metrics: fixedMetrics(0.5), theme: HOUSE_THEME, hyphenatorFor: () => () => [], photoPpi };
}

/** A format's page geometry on the house grid (11 pt). Tabloid: 5 columns of 134.4 pt, 104 grid lines. */
export const geometryOf = (format: PageFormatName = 'tabloid'): PageGeometry => pageGeometry(PAGE_FORMATS[format], HOUSE_THEME.body.leading);

/** Distinct four-letter words for one article: its letter, then three letters counting up (`baaa`, `baab`, …). */
export function wordsFor(letter: string): () => string {
  let n = 0;
  return () => {
    let i = n++;
    let tail = '';
    for (let k = 0; k < 3; k++) {
      tail = String.fromCharCode(97 + (i % 26)) + tail;
      i = Math.floor(i / 26);
    }
    return letter + tail;
  };
}

/** Body paragraphs of the given line counts (in fake metrics at the tabloid measure). */
export function bodyParagraphs(lines: number[], next: () => string): Block[] {
  return lines.map((n, i) => ({
    kind: 'paragraph',
    spans: [{ text: Array.from({ length: i === 0 ? 6 * n : 6 * n - 1 }, next).join(' '), italic: false, bold: false }],
  }));
}

export interface FakeArticle {
  /** line counts of the body's paragraphs */
  lines: number[];
  headline?: string;
  deck?: string;
  bylines?: string[];
  source?: string;
  photo?: { file: string; caption?: string; credit?: string };
  section?: string;
  /** the first letter of every body word (distinct per article keeps words distinct across an edition) */
  letter?: string;
  jump?: string;
}

/** An article (in folder /edition/) whose body sets in exactly `spec.lines` lines per paragraph. */
export function fakeArticle(slug: string, spec: FakeArticle): Article {
  return {
    slug,
    sourcePath: `/edition/${slug}.md`,
    headline: spec.headline ?? 'Council agrees budget',
    ...(spec.deck ? { deck: spec.deck } : {}),
    bylines: spec.bylines ?? [],
    ...(spec.source ? { source: spec.source } : {}),
    ...(spec.photo ? { photo: spec.photo } : {}),
    ...(spec.section ? { section: spec.section } : {}),
    ...(spec.jump ? { jump: spec.jump } : {}),
    lang: 'en',
    body: bodyParagraphs(spec.lines, wordsFor(spec.letter ?? 'w')),
  };
}

/** The absolute path of an article's photo, as styleArticle resolves it (the key of `photos`). */
export const photoPath = (article: Article) => `/edition/${article.photo!.file}`;

/** An article styled in the house style and composed at the column measure. */
export function copyOf(article: Article, rank: number, g: PageGeometry, ctx: TypesetContext, photos = new Map<string, PhotoInfo>()): StoryCopy {
  return prepareCopy(styleArticle(article, ctx.theme), rank, photos, g, ctx);
}

/** The words of an article's body as written. */
export const articleWords = (article: Article): string[] =>
  article.body.flatMap((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join('')).split(/\s+/).filter(Boolean));

/** The words of a line as set (no hyphenation in the fake context: every run is whole words). */
export const lineWords = (line: { runs: { text: string }[] }): string[] => line.runs.flatMap((r) => r.text.split(/[\s\u00a0]+/).filter(Boolean));

/** The body words of a story's lines [from, to), in order. */
export const copyWords = (copy: StoryCopy, from = 0, to = copy.lines.length): string[] =>
  copy.lines.slice(from, to).flatMap((l) => (l.role === 'body' || l.role === 'subhead' ? lineWords(l.line) : []));

export const textItems = (items: LayoutItem[], roles?: TextLine['role'][]): TextLine[] =>
  items.filter((i): i is TextLine => i.type === 'text' && (!roles || roles.includes(i.role)));

/** Body words of laid-out items in reading order: column by column (left to right), top to bottom. */
export function setWords(items: LayoutItem[], story?: string): string[] {
  const lines = textItems(items, ['body', 'subhead']).filter((l) => story === undefined || l.story === story);
  return [...lines].sort((a, b) => a.box.x - b.box.x || a.baseline - b.baseline).flatMap(lineWords);
}

/** The grid line (0-based) a baseline stands on; NaN when it is off the grid. */
export function gridLineOf(g: PageGeometry, baseline: number): number {
  const k = (baseline - g.grid.first) / g.grid.leading;
  return Math.abs(k - Math.round(k)) < 1e-6 ? Math.round(k) : Number.NaN;
}
