// Parts of a story too long for where they go: a long caption, an overlong headline or deck,
// a brief with a deck, a paper's name wider than the page. Every word prints, or the build
// stops with one ContentError saying what does not fit and what to do — never a silent cut,
// never an internal error.
import { describe, expect, it } from 'vitest';
import { houseContext } from '../../src/build/buildEdition.js';
import type { Article, Edition } from '../../src/model/article.js';
import { ContentError } from '../../src/model/errors.js';
import type { PhotoInfo } from '../../src/flow/photoPlan.js';
import { typesetEdition } from '../../src/typeset.js';
import { expectSoundPages } from '../helpers/layoutChecks.js';
import { seededRandom, soupArticle, wordSoup } from '../helpers/paragraphs.js';
import { expectEveryPartOnce } from '../helpers/storyParts.js';
import { errorOf } from '../helpers/contentError.js';

const ctx = houseContext();
const random = seededRandom(9);
const PHOTO = '/virtual/photos/p.jpg';

const article = (slug: string, words: number, extra: Partial<Article> = {}): Article => soupArticle(random, slug, words, extra);

const edition = (articles: Article[], paper = 'The Morning Ledger'): Edition => ({ paper, date: '2024-01-02', format: 'tabloid', articles, sourcePath: '/virtual' });
const photos = new Map<string, PhotoInfo>([[PHOTO, { pixels: { width: 3000, height: 2000 } }]]);

describe('a long caption', () => {
  for (const words of [60, 150, 400]) {
    it(`of ${words} words keeps the photo, caption and credit, every word once`, () => {
      const caption = wordSoup(random, words);
      const articles = [article('lead', 600, { photo: { file: 'photos/p.jpg', caption, credit: 'Agency Photographer' } }), article('second', 400), article('third', 300)];
      const result = typesetEdition(edition(articles), photos, ctx);
      expectSoundPages(result);
      expectEveryPartOnce(result, articles);
    });
  }

  it('deeper than a page is one ContentError naming the caption', () => {
    const articles = [article('lead', 300, { photo: { file: 'photos/p.jpg', caption: wordSoup(random, 3000), credit: 'Agency' } })];
    const e = errorOf(() => typesetEdition(edition(articles), photos, ctx));
    expect(e.file).toBe('/virtual/lead.md');
    expect(e.problem).toMatch(/^does not fit on a page: its photo's caption and credit need \d+ grid lines even across all 5 columns, and a page has \d+ for stories .*; shorten the caption$/);
  });
});

describe('an overlong headline or deck', () => {
  it('sets every word, on more lines at the smallest size', () => {
    const articles = [
      article('lead', 500, { headline: wordSoup(random, 40), deck: wordSoup(random, 120) }),
      article('second', 300, { headline: wordSoup(random, 30), deck: wordSoup(random, 90) }),
    ];
    const result = typesetEdition(edition(articles), new Map(), ctx);
    expectSoundPages(result);
    expectEveryPartOnce(result, articles);
  });

  it('so long it would stand many lines deep on a letter page is set smaller, not refused (found by fuzzing)', () => {
    const articles = [article('lead', 400, { headline: wordSoup(random, 60), deck: wordSoup(random, 20) })];
    const result = typesetEdition({ ...edition(articles), format: 'letter' }, new Map(), ctx);
    expectSoundPages(result);
    expectEveryPartOnce(result, articles);
    const head = result.pages[0].items.find((i) => i.type === 'text' && i.role === 'headline');
    const size = head?.type === 'text' ? head.runs[0].size : 0;
    expect(size).toBeLessThan(ctx.theme.headline.minSize);
    expect(size).toBeGreaterThanOrEqual(ctx.theme.heads.floor);
  });

  it('deeper than a page is one ContentError saying so', () => {
    const e = errorOf(() => typesetEdition(edition([article('lead', 200, { deck: wordSoup(random, 6000) })]), new Map(), ctx));
    expect(e.file).toBe('/virtual/lead.md');
    expect(e.problem).toMatch(/^does not fit on a page: its headline and deck need \d+ grid lines even across all 5 columns, and a page has \d+ for stories; shorten them$/);
  });
});

describe('a headline of words wider than the page', () => {
  it('goes below the lead\'s size range rather than fill the front page (found by fuzzing)', () => {
    const long = 'ŸıŰÈÿźòņcüĊŖņijôŬŗÄŐŻľţŦĺĐŭÃĂņçNßÕÛÀñŎÿŭćůGèõŸŸfxĂňdcCĒ';
    const articles = [article('lead', 300, { headline: `Council ${long} votes ${long}`, deck: wordSoup(random, 12) })];
    const result = typesetEdition({ ...edition(articles), format: 'letter' }, new Map(), ctx);
    expectSoundPages(result);
    expectEveryPartOnce(result, articles);
    const heads = result.pages[0].items.filter((i) => i.type === 'text' && i.role === 'headline');
    const size = heads[0].type === 'text' ? heads[0].runs[0].size : 0;
    expect(size).toBeLessThan(ctx.theme.headline.minSize);
    expect(size).toBeGreaterThanOrEqual(ctx.theme.heads.floor);
  });
});

describe('a word wider than the page even at the smallest size', () => {
  it('is broken, and said: one warning naming the word and where it stands', () => {
    const giant = 'Ŵ'.repeat(10) + 'Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch'.repeat(2);
    const articles = [article('lead', 300, { headline: `Village ${giant} wins`, photo: { file: 'photos/p.jpg', caption: `Sign at ${giant}${giant} station`, credit: 'Agency' } })];
    const result = typesetEdition({ ...edition(articles), format: 'letter' }, photos, ctx);
    expectSoundPages(result);
    expectEveryPartOnce(result, articles);
    const broken = result.warnings.filter((w) => w.message.includes('wider than its measure at the smallest size'));
    expect(broken).toEqual([
      { code: 'word-broken', file: '/virtual/lead.md', message: `the word "${giant}" of the headline is wider than its measure at the smallest size and was broken` },
      { code: 'word-broken', file: '/virtual/lead.md', message: `the word "${giant}${giant}" of the caption is wider than its measure at the smallest size and was broken` },
    ]);
  });
});

describe('a brief with a deck', () => {
  it('is set as a story, its deck printed', () => {
    const articles = [article('lead', 600), article('short', 40, { deck: 'A deck that must not vanish from the page' })];
    const result = typesetEdition(edition(articles), new Map(), ctx);
    expect(result.makeup.flatMap((p) => p.modules).find((m) => m.stories.includes('short'))?.kind).toBe('story');
    expectEveryPartOnce(result, articles);
  });
});

describe('the paper\'s name', () => {
  it('too wide for the page even at the nameplate\'s smallest size is one ContentError naming edition.yaml', () => {
    const e = errorOf(() => typesetEdition(edition([article('lead', 200)], 'The Very Long Name '.repeat(20).trim()), new Map(), ctx));
    expect(e.file).toBe('/virtual/edition.yaml');
    expect(e.problem).toMatch(/^the paper's name is too long for the nameplate: \d+ pt wide at 12 pt, the page \d+ pt; shorten "paper"$/);
  });

  it('that fits is set whole, in the nameplate, running heads and folios, inside the page', () => {
    const name = 'The Riverton and Marlow County Morning Ledger and Evening Courier of the Lower Valley';
    const result = typesetEdition(edition([article('lead', 2500), article('two', 2500), article('three', 2500)], name), new Map(), ctx);
    expect(result.pages.length).toBeGreaterThan(1);
    expectSoundPages(result);
    const plate = result.pages[0].items.find((i) => i.type === 'text' && i.role === 'nameplate');
    expect(plate?.type === 'text' && plate.runs.map((r) => r.text).join('')).toBe(name);
  });
});
