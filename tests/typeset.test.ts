import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { houseContext } from '../src/build/buildEdition.js';
import { loadEdition } from '../src/io/loadEdition.js';
import type { Article, Edition, PageFormatName } from '../src/model/article.js';
import type { PhotoInfo } from '../src/flow/photoPlan.js';
import { typesetEdition, type TypesetResult } from '../src/typeset.js';
import { expectColumnRules, expectSoundPages, setBodyWords, sourceWords, textLines } from './helpers/layoutChecks.js';
import { seededRandom, soupArticle, wordSoup } from './helpers/paragraphs.js';
import { expectEveryWordOnce } from './helpers/editionChecks.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const ctx = houseContext();
const EPS = 1e-6;

describe('typesetEdition on the seed edition', () => {
  let edition: Edition;
  let result: TypesetResult;
  beforeAll(async () => {
    edition = await loadEdition(resolve(ROOT, 'content/2022-11-15'));
    const photo = resolve(ROOT, 'content/2022-11-15/photos/10118290.jpeg');
    result = typesetEdition(edition, new Map([[photo, { pixels: null }]]), ctx);
  });

  it('makes one tabloid page, 11 × 17 in, with a 5-column grid', () => {
    expect(result.pages).toHaveLength(1);
    const [page] = result.pages;
    expect([page.width, page.height]).toEqual([792, 1224]);
    const columnLefts = new Set(textLines(result.pages, ['body']).map((l) => l.box.x));
    expect(columnLefts.size).toBe(5);
  });

  it('keeps every box inside the type area, none on top of another, every body baseline on the grid', () => {
    expectSoundPages(result);
  });

  it('keeps the column rules: no widow, orphan or hyphen at a column foot, balanced columns', () => {
    expectColumnRules(result);
  });

  it('sets every word of the body exactly once, in order, opening with the bold run-in dateline', () => {
    expect(setBodyWords(result.pages)).toEqual(sourceWords(edition.articles[0]));
    const first = textLines(result.pages, ['body'])[0].runs[0];
    expect(first.text).toBe('BALI\u00a0—');
    expect(first.font).toBe('textBold');
  });

  it('has the nameplate, headline, deck, byline with source, caption, credit and folio', () => {
    const texts = (role: string) => textLines(result.pages, [role]).map((l) => l.runs.map((r) => r.text).join(' '));
    expect(texts('nameplate')).toEqual(['The Morning Ledger']);
    expect(texts('nameplateLine')).toEqual(['TUESDAY, NOVEMBER 15, 2022 LATE EDITION']);
    expect(texts('headline').join(' ')).toBe('Japan, US agree to strengthen alliance');
    expect(texts('deck').join(' ')).toBe(edition.articles[0].deck);
    expect(texts('byline').join(' ')).toBe('By Takayuki Nakagawa and Kazuhiko Makita');
    expect(texts('source')).toEqual(['The Yomiuri Shimbun']);
    expect(texts('caption').join(' ')).toBe(edition.articles[0].photo!.caption);
    expect(texts('credit')).toEqual(['COURTESY OF THE CABINET PUBLIC AFFAIRS OFFICE']);
    expect(texts('folio')[0]).toContain('Page 1');
  });

  it('draws a placeholder for the missing photo across at least 3 columns, with caption and credit beneath', () => {
    const [frame] = result.pages[0].items.filter((i) => i.type === 'placeholder');
    expect(frame).toBeDefined();
    expect(frame.box.width).toBeGreaterThanOrEqual(3 * 134);
    const caption = textLines(result.pages, ['caption', 'credit']);
    for (const line of caption) expect(line.box.y).toBeGreaterThanOrEqual(frame.box.y + frame.box.height - EPS);
    expect(result.warnings.map((w) => w.message).join()).toContain('photo not found');
  });

  it('fills the module or tells: balanced columns near the foot, every empty grid line reported', () => {
    const lines = textLines(result.pages, ['body']);
    const feet = new Map<number, number>();
    for (const l of lines) feet.set(l.box.x, Math.max(feet.get(l.box.x) ?? 0, l.baseline));
    const values = [...feet.values()];
    const page = result.pages[0];
    const L = page.grid.leading;
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(L + EPS);
    // the module's last body grid line, and the lines left empty above it in each column
    const foot = page.grid.first + (page.grid.count - 3) * L;
    const empty = values.reduce((sum, v) => sum + Math.round((foot - v) / L), 0);
    expect(result.stories[0].undersetLines).toBe(empty);
    // no more than two empty lines in any column
    for (const v of values) expect(foot - v).toBeLessThanOrEqual(2 * L + EPS);
    expect(result.stories[0].oversetLines).toBe(0);
  });
});

describe('typesetEdition on random articles (seeded)', () => {
  const random = seededRandom(2022);
  const formats: PageFormatName[] = ['tabloid', 'broadsheet', 'letter', 'berliner', 'a4'];
  for (let n = 0; n < 24; n++) {
    const wordCount = [40, 120, 400, 1000, 2500][n % 5] + Math.floor(random() * 50);
    const format = formats[n % formats.length];
    const withPhoto = n % 3 !== 2;
    const aspect = [null, 1.5, 0.75, 2.2][n % 4];
    it(`article ${n}: ${wordCount} words, ${format}, ${withPhoto ? `photo ${aspect ?? 'missing'}` : 'no photo'}`, () => {
      const body: Article['body'] = [];
      let left = wordCount;
      while (left > 0) {
        const size = Math.min(left, 10 + Math.floor(random() * 80));
        body.push({ kind: 'paragraph', spans: [{ text: wordSoup(random, size), italic: false, bold: false }] });
        if (random() < 0.15) body.push({ kind: 'subhead', text: 'Summit talks' });
        left -= size;
      }
      const article: Article = {
        slug: `random-${n}`,
        sourcePath: `/virtual/random-${n}.md`,
        headline: wordSoup(random, 4 + Math.floor(random() * 8)),
        deck: random() < 0.5 ? wordSoup(random, 20) : undefined,
        bylines: ['Jane Doe'],
        source: 'The Morning Ledger',
        dateline: random() < 0.5 ? 'TOKYO' : undefined,
        date: '2022-11-16',
        photo: withPhoto ? { file: 'photos/x.jpg', caption: wordSoup(random, 15), credit: 'Photo by Nobody' } : undefined,
        lang: 'en',
        body,
      };
      const edition: Edition = { paper: 'The Morning Ledger', date: '2022-11-16', format, articles: [article], sourcePath: '/virtual' };
      const photos = new Map<string, PhotoInfo>([['/virtual/photos/x.jpg', { pixels: aspect === null ? null : { width: Math.round(2400 * Math.min(1, aspect)), height: Math.round(2400 / Math.max(1, aspect)) } }]]);
      const result = typesetEdition(edition, photos, ctx);
      expectSoundPages(result);
      // word soup is harder to balance than copy: here an unbalanced page must at least be told
      expectColumnRules(result, false);
      expect(setBodyWords(result.pages)).toEqual(sourceWords(article));
      expect(result.stories[0].oversetLines).toBe(0);
    });
  }
});

describe('typesetEdition with a page plan', () => {
  const random = seededRandom(7);
  const article = (slug: string, words: number): Article => soupArticle(random, slug, words);
  const articles = [article('first', 300), article('second', 300), article('third', 300), article('unplanned', 300)];

  it('puts the planned stories on their pages in plan order, and a story the plan leaves out after them, with a warning', () => {
    const edition: Edition = { paper: 'The Morning Ledger', date: '2022-11-16', format: 'tabloid', articles, pages: [['second', 'first'], ['third']], sourcePath: '/virtual' };
    const result = typesetEdition(edition, new Map(), ctx);
    const page = (slug: string) => result.stories.find((s) => s.slug === slug)!.page;
    expect([page('second'), page('first'), page('third')]).toEqual([1, 1, 2]);
    // the lead is the plan's first story: it opens the front page
    expect(result.makeup[0].modules[0].stories).toEqual(['second']);
    expect(page('unplanned')).toBeGreaterThanOrEqual(2);
    expect(result.warnings.filter((w) => w.message.includes('not in the page plan')).map((w) => w.file)).toEqual(['/virtual/unplanned.md']);
    expectSoundPages(result);
    expectEveryWordOnce(result, articles);
  });
});
