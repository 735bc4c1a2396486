import { describe, it, expect } from 'vitest';
import { parseArticleMarkdown, toIsoDate, decodeEntities } from '../../src/content/parseArticleMarkdown.js';
import { ContentError } from '../../src/model/errors.js';
import type { Article } from '../../src/model/article.js';
import { errorOf } from '../helpers/contentError.js';

const FILE = 'content/2022-11-15/story.md';

function md(front: string, body = 'A body paragraph.\n'): string {
  return `---\n${front}\n---\n\n${body}`;
}

function parse(front: string, body?: string): Article {
  return parseArticleMarkdown(md(front, body), FILE);
}

const plain = (text: string) => ({ text, italic: false, bold: false });

describe('parseArticleMarkdown: front matter', () => {
  it('reads every key', () => {
    const a = parse(
      [
        'headline: Japan, US agree to strengthen alliance',
        'deck: Leaders meet.',
        'bylines: [Takayuki Nakagawa, Kazuhiko Makita]',
        'source: The Yomiuri Shimbun',
        'dateline: BALI',
        'date: 2022-11-15',
        'photo:',
        '  file: photos/10118290.jpeg',
        '  caption: Leaders greet each other.',
        '  credit: Courtesy of the Cabinet Public Affairs Office',
        'section: World',
        'priority: 1',
        'lang: en-US',
        'jump: Alliance',
      ].join('\n'),
    );
    expect(a).toEqual({
      slug: 'story',
      sourcePath: FILE,
      headline: 'Japan, US agree to strengthen alliance',
      deck: 'Leaders meet.',
      bylines: ['Takayuki Nakagawa', 'Kazuhiko Makita'],
      source: 'The Yomiuri Shimbun',
      dateline: 'BALI',
      date: '2022-11-15',
      photo: {
        file: 'photos/10118290.jpeg',
        caption: 'Leaders greet each other.',
        credit: 'Courtesy of the Cabinet Public Affairs Office',
      },
      section: 'World',
      priority: 1,
      lang: 'en-US',
      jump: 'Alliance',
      body: [{ kind: 'paragraph', spans: [plain('A body paragraph.')] }],
    });
  });

  it('defaults lang to en, bylines to [], and accepts a single byline string', () => {
    const a = parse('headline: H\nbylines: Jane Doe');
    expect(a.lang).toBe('en');
    expect(a.bylines).toEqual(['Jane Doe']);
    expect(parse('headline: H').bylines).toEqual([]);
    expect(parse('headline: H').date).toBeUndefined();
    expect(parse('headline: H').photo).toBeUndefined();
  });

  it('accepts CRLF and a BOM', () => {
    const a = parseArticleMarkdown('\uFEFF---\r\nheadline: H\r\n---\r\nText\r\nmore.\r\n', 'x.md');
    expect(a.headline).toBe('H');
    expect(a.body).toEqual([{ kind: 'paragraph', spans: [plain('Text more.')] }]);
  });

  it('converts YAML dates to ISO date strings', () => {
    expect(toIsoDate(new Date(Date.UTC(2022, 10, 15)))).toBe('2022-11-15');
    expect(toIsoDate('2022-11-15')).toBe('2022-11-15');
    expect(toIsoDate('2022-02-30')).toBeUndefined();
    expect(toIsoDate('15/11/2022')).toBeUndefined();
  });
});

describe('parseArticleMarkdown: body', () => {
  it('reads emphasis, nested emphasis, code and links as spans', () => {
    const a = parse('headline: H', 'Plain *italic* and **bold** and ***both*** and *it **nested** it*, `code` and [a link](http://x.org).\nSoft break.\n');
    expect(a.body).toEqual([
      {
        kind: 'paragraph',
        spans: [
          plain('Plain '),
          { text: 'italic', italic: true, bold: false },
          plain(' and '),
          { text: 'bold', italic: false, bold: true },
          plain(' and '),
          { text: 'both', italic: true, bold: true },
          plain(' and '),
          { text: 'it ', italic: true, bold: false },
          { text: 'nested', italic: true, bold: true },
          { text: ' it', italic: true, bold: false },
          plain(', '),
          // code is its own span: typographer's quotes leave it as written
          { text: 'code', italic: false, bold: false, code: true },
          plain(' and a link. Soft break.'),
        ],
      },
    ]);
  });

  it('reads subheads, quotes and lists', () => {
    const a = parse(
      'headline: H',
      [
        'First paragraph.',
        '',
        '## A subhead',
        '',
        '### A smaller one',
        '',
        '> A quote',
        '> that goes on.',
        '>',
        '> Second quoted *paragraph*.',
        '',
        '- one',
        '- **two**',
        '',
        '3. three',
        '4. four',
        '',
        'Last.',
      ].join('\n'),
    );
    expect(a.body).toEqual([
      { kind: 'paragraph', spans: [plain('First paragraph.')] },
      { kind: 'subhead', text: 'A subhead' },
      { kind: 'subhead', text: 'A smaller one' },
      { kind: 'quote', spans: [plain('A quote that goes on.')] },
      { kind: 'quote', spans: [plain('Second quoted '), { text: 'paragraph', italic: true, bold: false }, plain('.')] },
      { kind: 'listItem', marker: '•', spans: [plain('one')] },
      { kind: 'listItem', marker: '•', spans: [{ text: 'two', italic: false, bold: true }] },
      { kind: 'listItem', marker: '3.', spans: [plain('three')] },
      { kind: 'listItem', marker: '4.', spans: [plain('four')] },
      { kind: 'paragraph', spans: [plain('Last.')] },
    ]);
  });

  it('keeps ampersands, quotes and entities as characters', () => {
    const a = parse(
      'headline: Tom & Jerry',
      'Tom & Jerry said "hi" and it\'s fine; AT&amp;T, &quot;quoted&quot;, it&#39;s, &#x2014; &mdash; &copy; 5 &lt; 6 &bogus; \\& \\*not em\\*.\n\n## Q&amp;A & "more"\n',
    );
    expect(a.headline).toBe('Tom & Jerry');
    expect(a.body).toEqual([
      { kind: 'paragraph', spans: [plain('Tom & Jerry said "hi" and it\'s fine; AT&T, "quoted", it\'s, — — © 5 < 6 &bogus; & *not em*.')] },
      { kind: 'subhead', text: 'Q&A & "more"' },
    ]);
    expect(decodeEntities('&amp;amp;')).toBe('&amp;');
  });

  it('refuses tables with a clear message', () => {
    const e = errorOf(() => parse('headline: H', '| a | b |\n|---|---|\n| 1 | 2 |\n'));
    expect(e.message).toMatch(/^content\/2022-11-15\/story\.md: .*table/);
  });
});

describe('parseArticleMarkdown: validation errors name the file and the field', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['missing front matter', () => parseArticleMarkdown('# Just markdown\n\nText.\n', FILE), /missing front matter/],
    ['unclosed front matter', () => parseArticleMarkdown('---\nheadline: H\n\nText.\n', FILE), /front matter is not closed/],
    ['missing headline', () => parse('deck: D'), /headline is missing/],
    ['empty headline', () => parse('headline: "  "'), /headline is empty/],
    ['empty front matter', () => parseArticleMarkdown('---\n---\nText.\n', FILE), /headline is missing/],
    ['bylines a mapping', () => parse('headline: H\nbylines: {a: 1}'), /bylines must be a list of names/],
    ['bylines with a number', () => parse('headline: H\nbylines: [Jane Doe, 42]'), /bylines must be a list of names.*item 2/],
    ['date not ISO', () => parse('headline: H\ndate: Nov 15 2022'), /date must be a date written YYYY-MM-DD.*"Nov 15 2022"/],
    ['date impossible', () => parse('headline: H\ndate: 2022-02-30'), /date must be a date written YYYY-MM-DD/],
    ['photo without file', () => parse('headline: H\nphoto:\n  caption: C'), /photo has no file/],
    ['photo unknown key', () => parse('headline: H\nphoto:\n  file: a.jpg\n  size: 3'), /unknown key "photo\.size"/],
    ['priority not a number', () => parse('headline: H\npriority: high'), /priority must be a number, got "high"/],
    ['empty body', () => parse('headline: H', '\n\n   \n'), /body is empty/],
    ['bad lang', () => parse('headline: H\nlang: English!'), /lang must be a language tag/],
    ['deck not text', () => parse('headline: H\ndeck: [a, b]'), /deck must be text/],
  ];
  for (const [name, fn, pattern] of cases) {
    it(name, () => {
      const e = errorOf(fn);
      expect(e.file).toBe(FILE);
      expect(e.message.startsWith(`${FILE}: `)).toBe(true);
      expect(e.problem).toMatch(pattern);
    });
  }

  it('reports YAML syntax errors with the line in the file', () => {
    const text = '---\nheadline: H\nbylines: [a, b\ndate: 2022-11-15\n---\nText.\n';
    const e = errorOf(() => parseArticleMarkdown(text, FILE));
    expect(e.file).toBe(FILE);
    expect(e.problem).toMatch(/^front matter is not valid YAML \(line \d+\): /);
    const line = Number(/line (\d+)/.exec(e.problem)?.[1]);
    expect(line).toBeGreaterThanOrEqual(3);
    expect(line).toBeLessThanOrEqual(5);
    const e2 = errorOf(() => parseArticleMarkdown('---\nheadline: H\nheadline: again\n---\nText.\n', FILE));
    expect(e2.problem).toMatch(/^front matter is not valid YAML \(line 3\): .*unique/i);
    const e3 = errorOf(() => parseArticleMarkdown('---\nheadline: H\n  deck: [\n---\nText.\n', FILE));
    expect(e3.problem).toMatch(/^front matter is not valid YAML \(line 2\): Nested mappings/);
  });
});

describe('photo.focus', () => {
  const article = (focus: string) => `---\nheadline: H\nphoto:\n  file: photos/a.jpg\n  focus: ${focus}\n---\n\nBody.\n`;
  it('reads a focal point as fractions of width and height', () => {
    expect(parseArticleMarkdown(article('{x: 0.25, y: 0.4}'), 'a.md').photo?.focus).toEqual({ x: 0.25, y: 0.4 });
  });
  it('refuses a focal point outside the photo, naming the file', () => {
    expect(() => parseArticleMarkdown(article('{x: 1.5, y: 0.4}'), 'a.md')).toThrow(/a\.md: photo\.focus must be \{x, y\}/);
    expect(() => parseArticleMarkdown(article('[0.2, 0.3]'), 'a.md')).toThrow(/photo\.focus/);
  });
});
