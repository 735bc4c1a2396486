import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { parseWireCopy, slugFromFile, splitCaptionCredit, splitDateline } from '../../src/import/parseWireCopy.js';
import { parseDateLine } from '../../src/content/feedDates.js';
import { ContentError } from '../../src/model/errors.js';

const SEED_PATH = new URL('../../content/2022-11-15/wire/000_2300611e7060d6c5.txt', import.meta.url);
const SEED = readFileSync(SEED_PATH, 'utf8');
const SEED_FILE = 'content/2022-11-15/wire/000_2300611e7060d6c5.txt';

function paragraphs(text: string): string[] {
  return parseWireCopy(text, 'x.txt').article.body.map((b) => {
    if (b.kind !== 'paragraph') throw new Error(`unexpected ${b.kind}`);
    return b.spans.map((s) => s.text).join('');
  });
}

describe('parseWireCopy on the seed', () => {
  const result = parseWireCopy(SEED, SEED_FILE);
  const { article } = result;

  it('finds every header field', () => {
    expect(article.slug).toBe('000_2300611e7060d6c5');
    expect(article.sourcePath).toBe(SEED_FILE);
    expect(article.lang).toBe('en');
    expect(article.headline).toBe('Japan, US agree to strengthen alliance');
    expect(article.deck).toBe(
      'The leaders of both nations also confirmed that Tokyo and Washington would continue to work closely on addressing issues relating to China.',
    );
    expect(article.bylines).toEqual(['Takayuki Nakagawa', 'Kazuhiko Makita']);
    expect(article.source).toBe('The Yomiuri Shimbun');
    expect(article.photo).toEqual({
      file: 'photos/10118290.jpeg',
      caption:
        'Japanese Prime Minister Fumio Kishida, left, and U.S. President Joe Biden greet each other before their talks at a hotel in Phnom Penh on Sunday.',
      credit: 'Courtesy of the Cabinet Public Affairs Office',
    });
    expect(article.date).toBe('2022-11-15');
    expect(article.dateline).toBe('BALI');
    expect(article.section).toBeUndefined();
    expect(article.priority).toBeUndefined();
  });

  it('lifts the dateline out of the first of eight plain paragraphs', () => {
    expect(article.body).toHaveLength(8);
    for (const block of article.body) {
      expect(block.kind).toBe('paragraph');
      if (block.kind === 'paragraph') {
        expect(block.spans).toHaveLength(1);
        expect(block.spans[0].italic).toBe(false);
        expect(block.spans[0].bold).toBe(false);
      }
    }
    const texts = paragraphs(SEED);
    expect(texts[0]).toBe(
      'Prime Minister Fumio Kishida and U.S. President Joe Biden agreed Sunday to further strengthen Japan and the United States’ joint deterrence and coping capabilities in the security realm.',
    );
    expect(texts[4]).toBe('“I received strong support from President Biden,” Kishida told reporters after the meeting.');
    expect(texts[7]).toBe(
      'Kishida and Biden also confirmed that Japan, the United States and South Korea would continue to work closely together on North Korea, which continues to pursue nuclear and missile development.',
    );
    expect(texts.join(' ')).not.toMatch(/BALI|scroll to top/i);
  });

  it('reports what it recognised with raw line numbers, including dropped debris and the duplicate byline', () => {
    const byField = (field: string) => result.recognised.filter((r) => r.field === field);
    expect(byField('headline')).toEqual([{ field: 'headline', line: 1, value: 'Japan, US agree to strengthen alliance' }]);
    expect(byField('deck')[0].line).toBe(3);
    expect(byField('byline')).toEqual([
      { field: 'byline', line: 5, value: 'Takayuki Nakagawa' },
      { field: 'byline', line: 5, value: 'Kazuhiko Makita' },
    ]);
    expect(byField('duplicate byline')).toEqual([
      { field: 'duplicate byline', line: 7, value: 'Takayuki Nakagawa and Kazuhiko Makita' },
    ]);
    expect(byField('source')).toEqual([{ field: 'source', line: 9, value: 'The Yomiuri Shimbun' }]);
    expect(byField('photo')).toEqual([{ field: 'photo', line: 11, value: 'photos/10118290.jpeg' }]);
    expect(byField('caption')[0].line).toBe(13);
    expect(byField('credit')).toEqual([{ field: 'credit', line: 13, value: 'Courtesy of the Cabinet Public Affairs Office' }]);
    expect(byField('date')).toEqual([{ field: 'date', line: 15, value: '2022-11-15' }]);
    expect(byField('dateline')).toEqual([{ field: 'dateline', line: 17, value: 'BALI' }]);
    expect(byField('debris')).toEqual([{ field: 'debris', line: 33, value: 'scroll to top' }]);
    expect(result.unplaced).toEqual([]);
  });
});

describe('parseWireCopy on variants', () => {
  it('handles copy without photo or deck and with a single "By" byline', () => {
    const text = [
      'Storm hits coast', // 1
      '', // 2
      'By Jane Doe', // 3
      '', // 4
      'Reuters', // 5
      '', // 6
      'Nov. 3, 2023', // 7
      '', // 8
      'MIAMI (Reuters) - A storm hit the coast on Friday, officials said.', // 9
      '', // 10
      'Advertisement', // 11
      '', // 12
      'More rain  is expected over the weekend,   forecasters said.', // 13
      'Share this article', // 14
    ].join('\n');
    const { article, recognised, unplaced } = parseWireCopy(text, '/tmp/wire/storm copy!.txt');
    expect(article.slug).toBe('storm-copy');
    expect(article.headline).toBe('Storm hits coast');
    expect(article.deck).toBeUndefined();
    expect(article.photo).toBeUndefined();
    expect(article.bylines).toEqual(['Jane Doe']);
    expect(article.source).toBe('Reuters');
    expect(article.date).toBe('2023-11-03');
    expect(article.dateline).toBe('MIAMI (Reuters)');
    expect(paragraphs(text)).toEqual([
      'A storm hit the coast on Friday, officials said.',
      'More rain is expected over the weekend, forecasters said.',
    ]);
    expect(recognised.filter((r) => r.field === 'debris').map((r) => [r.line, r.value])).toEqual([
      [11, 'Advertisement'],
      [14, 'Share this article'],
    ]);
    expect(unplaced).toEqual([]);
  });

  it('splits "A, B and C" bylines, a credit in parentheses and reads ISO dates', () => {
    const text = [
      'Storm hits coast',
      'Jane Doe, John Smith and Ann Lee',
      'The Associated Press',
      'storm.JPG',
      'Waves crash on the pier on Friday. (AP Photo/Lynne Sladky)',
      '2023-11-03',
      'NEW YORK, Nov. 14 — A storm hit the coast on Friday, officials said.',
      'Back to top',
    ].join('\n');
    const { article, unplaced } = parseWireCopy(text, 'storm.txt');
    expect(article.bylines).toEqual(['Jane Doe', 'John Smith', 'Ann Lee']);
    expect(article.source).toBe('The Associated Press');
    expect(article.photo).toEqual({
      file: 'photos/storm.JPG',
      caption: 'Waves crash on the pier on Friday.',
      credit: 'AP Photo/Lynne Sladky',
    });
    expect(article.date).toBe('2023-11-03');
    expect(article.dateline).toBe('NEW YORK, Nov. 14');
    expect(paragraphs(text)).toEqual(['A storm hit the coast on Friday, officials said.']);
    expect(unplaced).toEqual([]);
  });

  it('reports a stray short header line with its line number and keeps the rest', () => {
    const lines = SEED.split('\n');
    // after "The Yomiuri Shimbun" (line 9) and its blank line 10, insert a stray line as line 11
    lines.splice(10, 0, 'EXCLUSIVE', '');
    const text = lines.join('\n');
    const { article, recognised, unplaced } = parseWireCopy(text, 'seed.txt');
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0].line).toBe(11);
    expect(unplaced[0].text).toBe('EXCLUSIVE');
    expect(unplaced[0].reason).toMatch(/header/);
    expect(article.source).toBe('The Yomiuri Shimbun');
    expect(article.photo?.file).toBe('photos/10118290.jpeg');
    expect(recognised.find((r) => r.field === 'photo')?.line).toBe(13);
    expect(article.body).toHaveLength(8);
  });

  it('reports a second, different byline as unplaced rather than taking it for the source', () => {
    const text = 'Headline here\nJane Doe\nJohn Smith\nReuters\nLONDON — Something happened in the city today, police said.';
    const { article, unplaced } = parseWireCopy(text, 'x.txt');
    expect(article.bylines).toEqual(['Jane Doe']);
    expect(article.source).toBe('Reuters');
    expect(unplaced).toEqual([{ line: 3, text: 'John Smith', reason: 'a second byline line that differs from the first' }]);
    expect(article.dateline).toBe('LONDON');
  });

  it('reads a headline followed straight by prose as body, not deck', () => {
    const text = 'Headline\n\nThe first body paragraph follows immediately without any header fields at all.\n\nAnd a second one follows it.';
    const { article } = parseWireCopy(text, 'x.txt');
    expect(article.deck).toBeUndefined();
    expect(article.bylines).toEqual([]);
    expect(paragraphs(text)).toEqual([
      'The first body paragraph follows immediately without any header fields at all.',
      'And a second one follows it.',
    ]);
  });

  it('refuses copy without a headline', () => {
    expect(() => parseWireCopy('\n\n   \n', 'empty.txt')).toThrow(ContentError);
    expect(() => parseWireCopy('\nscroll to top\n', 'debris.txt')).toThrow(/^debris\.txt: .*headline/);
  });
});

describe('wire-copy helpers', () => {
  it('parses date lines', () => {
    expect(parseDateLine('November 15, 2022')).toBe('2022-11-15');
    expect(parseDateLine('Nov. 15, 2022')).toBe('2022-11-15');
    expect(parseDateLine('Sept. 5, 2021')).toBe('2021-09-05');
    expect(parseDateLine('Tuesday, November 15, 2022')).toBe('2022-11-15');
    expect(parseDateLine('15 November 2022')).toBe('2022-11-15');
    expect(parseDateLine('2022-11-15')).toBe('2022-11-15');
    expect(parseDateLine('February 30, 2022')).toBeUndefined();
    expect(parseDateLine('On November 15, 2022 the leaders met')).toBeUndefined();
  });

  it('splits datelines with any dash', () => {
    expect(splitDateline('BALI – Prime Minister')).toEqual({ dateline: 'BALI', rest: 'Prime Minister' });
    expect(splitDateline('BALI — Prime Minister')).toEqual({ dateline: 'BALI', rest: 'Prime Minister' });
    expect(splitDateline('BALI - Prime Minister')).toEqual({ dateline: 'BALI', rest: 'Prime Minister' });
    expect(splitDateline('WASHINGTON (AP) — The Senate')).toEqual({ dateline: 'WASHINGTON (AP)', rest: 'The Senate' });
    expect(splitDateline('ST. LOUIS — A man')).toEqual({ dateline: 'ST. LOUIS', rest: 'A man' });
    expect(splitDateline('Bali – not a dateline')).toBeUndefined();
    expect(splitDateline('Prime Minister Kishida said')).toBeUndefined();
  });

  it('splits caption and credit', () => {
    expect(splitCaptionCredit('Leaders meet. Courtesy of the Cabinet Office')).toEqual({
      caption: 'Leaders meet.',
      credit: 'Courtesy of the Cabinet Office',
    });
    expect(splitCaptionCredit('A fire burns in Kyiv. Photo by Jane Doe')).toEqual({ caption: 'A fire burns in Kyiv.', credit: 'Photo by Jane Doe' });
    expect(splitCaptionCredit('A fire burns. Photo: Jane Doe/Getty Images')).toEqual({
      caption: 'A fire burns.',
      credit: 'Photo: Jane Doe/Getty Images',
    });
    expect(splitCaptionCredit('A fire burns in Kyiv (Reuters)')).toEqual({ caption: 'A fire burns in Kyiv', credit: 'Reuters' });
    expect(splitCaptionCredit('A photo by the lake at dusk.')).toEqual({ caption: 'A photo by the lake at dusk.' });
  });

  it('makes filesystem-safe slugs from file stems', () => {
    expect(slugFromFile('/a/b/000_2300611e7060d6c5.txt')).toBe('000_2300611e7060d6c5');
    expect(slugFromFile('C:\\wire\\Café story (2).txt')).toBe('Cafe-story-2');
    expect(slugFromFile('.txt')).toBe('txt');
    expect(slugFromFile('???.txt')).toBe('article');
  });
});

describe('parseWireCopy refuses what is not wire copy', () => {
  it('refuses an article Markdown file (front matter), naming the file', () => {
    expect(() => parseWireCopy('---\ndeck: x\n---\n\nBody.\n', 'story.md')).toThrow(/story\.md: .*front matter.*not raw wire copy/);
  });
});
