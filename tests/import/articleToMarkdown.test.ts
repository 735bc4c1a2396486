import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { articleToMarkdown, formatImportReport, spansToMarkdown } from '../../src/import/articleToMarkdown.js';
import { parseWireCopy } from '../../src/import/parseWireCopy.js';
import { normaliseSpans, parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import type { Article, Block, Span } from '../../src/model/article.js';

const SEED = readFileSync(new URL('../../content/2022-11-15/wire/000_2300611e7060d6c5.txt', import.meta.url), 'utf8');

/** Round trip, ignoring slug and sourcePath (they come from the file name). */
function roundTrip(article: Article): Article {
  const back = parseArticleMarkdown(articleToMarkdown(article), `/tmp/${article.slug}.md`);
  return { ...back, slug: article.slug, sourcePath: article.sourcePath };
}

const plain = (text: string): Span => ({ text, italic: false, bold: false });

describe('articleToMarkdown', () => {
  it('writes the imported seed with front matter keys in order and round-trips it', () => {
    const { article } = parseWireCopy(SEED, 'wire/000_2300611e7060d6c5.txt');
    const md = articleToMarkdown(article);
    const [, front, body] = md.split(/^---$/m);
    expect(Object.keys(parseYaml(front))).toEqual(['headline', 'deck', 'bylines', 'source', 'dateline', 'date', 'photo', 'lang']);
    expect(Object.keys(parseYaml(front).photo)).toEqual(['file', 'caption', 'credit']);
    expect(md.startsWith('---\nheadline: Japan, US agree to strengthen alliance\n')).toBe(true);
    expect(md).toContain('\ndate: 2022-11-15\n');
    expect(body.trim().split('\n\n')).toHaveLength(8);
    expect(body).not.toContain('scroll to top');
    expect(roundTrip(article)).toEqual(article);
  });

  it('writes every block kind and escapes text that would read as Markdown', () => {
    const article: Article = {
      slug: 'kinds',
      sourcePath: 'kinds.md',
      headline: '2022: a year of *stars* & "quotes"',
      deck: '# not a heading',
      bylines: ['Ann O\'Neil'],
      source: 'Reuters',
      dateline: 'ST. LOUIS',
      date: '2023-01-02',
      photo: { file: 'photos/a b.jpg', caption: 'Caption: yes', credit: 'AP Photo/X' },
      section: 'World',
      priority: 2,
      lang: 'en-GB',
      body: [
        { kind: 'paragraph', spans: [plain('1. Not a list, but a paragraph with *stars*, _unders_, `ticks`, <b>tags</b>, & an &amp; entity, ~tildes~ and a \\ backslash.')] },
        { kind: 'subhead', text: 'A subhead #1 #' },
        { kind: 'paragraph', spans: [plain('Plain '), { text: 'italic', italic: true, bold: false }, plain(' and '), { text: 'bold', italic: false, bold: true }, plain(', '), { text: 'both', italic: true, bold: true }, plain('.')] },
        { kind: 'quote', spans: [plain('A quoted '), { text: 'line', italic: true, bold: false }] },
        { kind: 'quote', spans: [plain('A second quote')] },
        { kind: 'listItem', marker: '•', spans: [plain('- first bullet')] },
        { kind: 'listItem', marker: '•', spans: [{ text: 'second', italic: false, bold: true }] },
        { kind: 'listItem', marker: '1.', spans: [plain('one')] },
        { kind: 'listItem', marker: '2.', spans: [plain('two')] },
        { kind: 'listItem', marker: '7.', spans: [plain('seven')] },
        { kind: 'paragraph', spans: [plain('---')] },
        { kind: 'paragraph', spans: [plain('un'), { text: 'believ', italic: true, bold: false }, plain('able')] },
      ],
    };
    const md = articleToMarkdown(article);
    expect(md).toContain('\n## A subhead #1 \\#\n');
    expect(md).toContain('Plain *italic* and **bold**, ***both***.');
    expect(md).toContain('\n- \\- first bullet\n- **second**\n\n1. one\n2. two\n7) seven\n');
    expect(md).toContain('un*believ*able');
    expect(roundTrip(article)).toEqual(article);
  });

  it('keeps shared emphasis open across spans and keeps whitespace outside the markers', () => {
    expect(spansToMarkdown([{ text: 'a ', italic: true, bold: false }, { text: 'b', italic: true, bold: true }, { text: ' c', italic: true, bold: false }])).toBe('*a **b** c*');
    expect(spansToMarkdown([plain('x '), { text: 'y ', italic: true, bold: false }, plain('z')])).toBe('x *y* z');
  });

  it('round-trips random articles (property)', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9’'"“”,.;:!?()&*_#<>\\\[\]`~|-]{0,7}$/);
    const styledSpan = fc.record({
      words: fc.array(word, { minLength: 1, maxLength: 4 }),
      italic: fc.boolean(),
      bold: fc.boolean(),
      spaceAfter: fc.boolean(),
    });
    // spans separated by spaces (emphasis inside words is covered above)
    const spans = fc.array(styledSpan, { minLength: 1, maxLength: 6 }).map((list) =>
      normaliseSpans(list.map((s, i) => ({ text: s.words.join(' ') + (i < list.length - 1 ? ' ' : ''), italic: s.italic, bold: s.bold }))),
    );
    const block: fc.Arbitrary<Block> = fc.oneof(
      spans.map((s): Block => ({ kind: 'paragraph', spans: s })),
      spans.map((s): Block => ({ kind: 'quote', spans: s })),
      fc.array(word, { minLength: 1, maxLength: 5 }).map((w): Block => ({ kind: 'subhead', text: w.join(' ') })),
      fc.tuple(spans, fc.integer({ min: 0, max: 12 })).map(([s, n]): Block => ({ kind: 'listItem', marker: n === 0 ? '•' : `${n}.`, spans: s })),
    );
    const text = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const article = fc.record({
      headline: text,
      deck: fc.option(text, { nil: undefined }),
      bylines: fc.array(text, { maxLength: 3 }),
      priority: fc.option(fc.integer({ min: -5, max: 99 }), { nil: undefined }),
      body: fc.array(block, { minLength: 1, maxLength: 8 }),
    }).map((r): Article => {
      const a: Article = { slug: 'p', sourcePath: 'p.md', headline: r.headline, bylines: r.bylines, lang: 'en', body: r.body };
      if (r.deck !== undefined) a.deck = r.deck;
      if (r.priority !== undefined) a.priority = r.priority;
      return a;
    });
    fc.assert(
      fc.property(article, (a) => {
        expect(roundTrip(a)).toEqual(a);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatImportReport', () => {
  it('lists recognised fields with line numbers and unplaced lines with reasons', () => {
    const lines = SEED.split('\n');
    lines.splice(10, 0, 'EXCLUSIVE', '');
    const report = formatImportReport(parseWireCopy(lines.join('\n'), 'seed.txt'));
    expect(report).toContain('  headline: Japan, US agree to strengthen alliance (line 1)\n');
    expect(report).toContain('  duplicate byline: Takayuki Nakagawa and Kazuhiko Makita (line 7)\n');
    expect(report).toContain('  credit: Courtesy of the Cabinet Public Affairs Office (line 15)\n');
    expect(report).toContain('  debris: scroll to top (line 35)\n');
    expect(report).toMatch(/Could not place \(1\):\n {2}line 11: EXCLUSIVE — .+\n$/);
  });

  it('says so when everything was placed', () => {
    expect(formatImportReport(parseWireCopy(SEED, 'seed.txt'))).toContain('Could not place: nothing');
  });
});
