// Front matter as static-site generators write it (Hugo, Jekyll): aliases, dated times, site
// keys, and unknown keys told as warnings rather than refused.
import { describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import { ContentError, type Warning } from '../../src/model/errors.js';

const FILE = 'content/2024-02-09/site-post.md';

function parse(front: string): { article: ReturnType<typeof parseArticleMarkdown>; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const article = parseArticleMarkdown(`---\n${front}\n---\n\nThe body.\n`, FILE, (w) => warnings.push(w));
  return { article, warnings };
}

describe('front matter from static-site generators', () => {
  it('reads a Hugo post: title, author list, description, a date with time and zone, site keys', () => {
    const { article, warnings } = parse(
      [
        'title: "Harbour ferries resume"',
        'authors: [Kenji Sato, Emma Clarke]',
        'description: Operators restore timetables',
        'date: 2024-02-09T23:30:00-05:00',
        'lastmod: 2024-02-10T08:00:00Z',
        'tags: [port, weather]',
        'categories: [news]',
        'slug: harbour-ferries',
        'draft: false',
      ].join('\n'),
    );
    expect(article.headline).toBe('Harbour ferries resume');
    expect(article.bylines).toEqual(['Kenji Sato', 'Emma Clarke']);
    expect(article.deck).toBe('Operators restore timetables');
    // the calendar date in the date's own zone (it is already the 10th in UTC)
    expect(article.date).toBe('2024-02-09');
    // the slug stays the file's: page plans and output names use it
    expect(article.slug).toBe('site-post');
    expect(warnings).toEqual([]);
  });

  it('reads a Jekyll post: author as text or {name}, summary, a date with a spaced zone', () => {
    const a = parse('title: Council passes budget\nauthor: Anna Lindqvist\nsummary: Libraries keep their hours\ndate: 2024-02-10 00:30:00 +0900\nlayout: post');
    expect(a.article).toMatchObject({ headline: 'Council passes budget', bylines: ['Anna Lindqvist'], deck: 'Libraries keep their hours', date: '2024-02-10' });
    expect(a.warnings).toEqual([]);
    expect(parse('title: T\nauthor:\n  name: Jane Doe\n  email: jane@example.com').article.bylines).toEqual(['Jane Doe']);
    expect(parse('title: T\nauthors:\n  - name: Jane Doe\n  - John Roe').article.bylines).toEqual(['Jane Doe', 'John Roe']);
    expect(parse('title: T\nbyline: Jane Doe').article.bylines).toEqual(['Jane Doe']);
  });

  it('our own key wins over its alias, and the alias left unused is told', () => {
    const { article, warnings } = parse('headline: Ours\ntitle: Theirs\ndeck: Our deck\ndescription: Their deck');
    expect(article.headline).toBe('Ours');
    expect(article.deck).toBe('Our deck');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toEqual({ code: 'front-matter-key-unused', file: FILE, message: expect.stringMatching(/"title" \(headline is given\), "description" \(deck is given\) not used/) });
  });

  it('an unknown key is a warning naming it, not an error', () => {
    const { article, warnings } = parse('headline: H\nfrobnicate: 3\nmood: sunny');
    expect(article.headline).toBe('H');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe(FILE);
    expect(warnings[0].code).toBe('front-matter-key-unknown');
    expect(warnings[0].message).toMatch(/unknown keys "frobnicate", "mood" ignored/);
  });

  it('a draft is set all the same, and said', () => {
    const { warnings } = parse('title: T\ndraft: true');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/draft: true/)]);
  });

  it('a timestamp YAML already turned into a Date counts by its date as written, in its zone', () => {
    expect(parse('title: T\ndate: !!timestamp 2024-02-09T12:00:00Z').article.date).toBe('2024-02-09');
    // 04:30 UTC on the 10th, but the 9th where it was written
    expect(parse('title: T\ndate: !!timestamp 2024-02-09T23:30:00-05:00').article.date).toBe('2024-02-09');
  });

  it('still refuses what is not a date, and a missing headline', () => {
    expect(() => parse('title: T\ndate: 2024-02-09T25:99')).toThrow(ContentError);
    expect(() => parse('title: T\ndate: soon')).toThrow(/date must be a date/);
    expect(() => parse('description: D')).toThrow(/headline is missing/);
  });
});
