// Every character prints: the fallback face where the house face lacks it, a look-alike (with a
// warning naming it, its U+ code and file:line:col) where no face has it, else an error naming
// the same — in the nameplate and edition line as in every text of a story.
import { describe, expect, it } from 'vitest';
import { houseContext } from '../../src/build/buildEdition.js';
import type { Article, Edition } from '../../src/model/article.js';
import { ContentError } from '../../src/model/errors.js';
import type { GlyphRun, TextLine } from '../../src/model/layout.js';
import { GlyphResolver, locate } from '../../src/style/glyphs.js';
import { typesetEdition } from '../../src/typeset.js';
import { fakeContext } from '../helpers/flowFixtures.js';
import { errorOf } from '../helpers/contentError.js';

const ctx = houseContext();

function article(source: string, fields: Partial<Article> = {}): Article {
  return {
    slug: 'names',
    sourcePath: '/virtual/names.md',
    headline: 'Leaders meet',
    bylines: ['Jane Doe'],
    lang: 'en',
    body: [{ kind: 'paragraph', spans: [{ text: source, italic: false, bold: false }] }],
    ...fields,
  };
}
const editionOf = (articles: Article[], fields: Partial<Edition> = {}): Edition => ({
  paper: 'The Morning Ledger',
  date: '2024-03-12',
  format: 'tabloid',
  articles,
  sourcePath: '/virtual',
  ...fields,
});
const runsOf = (pages: { items: unknown[] }[], roles: string[]): GlyphRun[] =>
  pages.flatMap((p) => p.items as TextLine[]).filter((i) => i.type === 'text' && roles.includes(i.role)).flatMap((l) => l.runs);

/** The error typesetEdition throws (or fails the test). */
describe('the fallback faces set what the house faces lack (real fonts)', () => {
  it('sets Greek, Cyrillic and Vietnamese names in Noto Serif / Noto Sans of the same style, the rest in the house face', () => {
    const text = 'Κυριάκος Μητσοτάκης met Володимир Зеленський and Phạm Minh Chính ― a non‑breaking deal.';
    const a = article(text, { headline: 'Μητσοτάκης meets Зеленський', bylines: ['Σωκράτης Παπαδόπουλος', 'Nguyễn Thị Minh Khai'] });
    const result = typesetEdition(editionOf([a]), new Map(), ctx);
    expect(result.warnings).toEqual([]);
    const body = runsOf(result.pages, ['body']);
    const fontOf = (word: string) => [...new Set(body.filter((r) => r.text.includes(word)).map((r) => r.font))];
    expect(fontOf('Μητσοτάκης')).toEqual(['serifFallback']);
    expect(fontOf('Зеленський')).toEqual(['serifFallback']);
    expect(fontOf('Tuesday').length === 0 && fontOf('met')).toEqual(['text']);
    expect(fontOf('―')).toEqual(['serifFallback']);
    expect(fontOf('‑')).toEqual(['serifFallback']);
    // Newsreader has the Vietnamese letters: they stay in the house face
    expect(fontOf('Phạm')).toEqual(['text']);
    // a word that changes face in the middle: Latin in Newsreader, Cyrillic in Noto Serif
    expect(body.filter((r) => r.text === 'Зеленський').map((r) => r.font)).toEqual(['serifFallback']);
    // the headline in Libre Franklin Bold falls back to Noto Sans Bold
    expect(new Set(runsOf(result.pages, ['headline']).filter((r) => /[Α-ω]/.test(r.text)).map((r) => r.font))).toEqual(new Set(['sansFallbackBold']));
    // the byline in Libre Franklin SemiBold: Noto Sans Bold for what it lacks
    expect(runsOf(result.pages, ['byline']).map((r) => r.font)).toContain('sansFallbackBold');
    // every word once, in the order written
    // runs of one word abut; words are separated by a gap (a space run's width, or the justified space)
    const lines = result.pages.flatMap((p) => p.items as TextLine[]).filter((i) => i.type === 'text' && i.role === 'body');
    const lineText = (line: TextLine) => line.runs.map((r, i) => (i > 0 && r.x > line.runs[i - 1].x + line.runs[i - 1].width + 0.01 ? ' ' : '') + r.text).join('');
    expect(lines.map(lineText).join(' ').replace(/\s+/g, ' ')).toBe(text);
  });

  it('lays segments end to end: each run starts where the one before it in the word ends', () => {
    const result = typesetEdition(editionOf([article('Zelenskyy–Зеленський–Zelensky '.repeat(3))]), new Map(), ctx);
    const lines = result.pages.flatMap((p) => p.items as TextLine[]).filter((i) => i.type === 'text' && i.role === 'body');
    for (const line of lines) {
      for (let i = 1; i < line.runs.length; i++) {
        const [a, b] = [line.runs[i - 1], line.runs[i]];
        if (!a.text.endsWith(' ') && a.font !== b.font) expect(b.x).toBeCloseTo(a.x + a.width, 6);
        expect(b.x).toBeGreaterThanOrEqual(a.x + a.width - 1e-6);
      }
    }
  });
});

describe('characters no face has', () => {
  const sources = new Map<string, string>([
    ['/virtual/names.md', '---\nheadline: Leaders meet\n---\nFirst line.\nThe 中 character and ！ here.\n'],
    ['/virtual/edition.yaml', 'paper: The Daily 😀 News\ndate: 2024-03-12\nformat: tabloid\nedition: Late ！\n'],
  ]);
  const located = { ...ctx, sourceText: (file: string) => sources.get(file) };

  it('a CJK character in an article is an error naming it, its U+ code and file:line:col', () => {
    const error = errorOf(() => typesetEdition(editionOf([article('The 中 character')]), new Map(), located));
    expect([error.file, error.at]).toEqual(['/virtual/names.md', { line: 5, column: 5 }]);
    expect(error.located).toMatch(/^\/virtual\/names\.md:5:5: no font can draw "中" \(U\+4E2D\)/);
  });

  it('an emoji in the paper name (edition.yaml) is the same error, at its line and column there', () => {
    const error = errorOf(() => typesetEdition(editionOf([article('Plain text.')], { paper: 'The Daily 😀 News' }), new Map(), located));
    expect(error.located).toMatch(/^\/virtual\/edition\.yaml:1:18: no font can draw "😀" \(U\+1F600\)/);
  });

  it('in a caption, credit, deck, byline or headline alike', () => {
    const cases: Partial<Article>[] = [
      { headline: 'Big 中 news' },
      { deck: 'A 中 deck' },
      { bylines: ['中 Writer'] },
      { source: 'The 中 Times' },
      { photo: { file: 'p.jpg', caption: 'A 中 caption' } },
      { photo: { file: 'p.jpg', credit: 'By 中' } },
      { jump: '中 jump' },
    ];
    for (const fields of cases) {
      const error = errorOf(() => typesetEdition(editionOf([article('Plain text.', fields)]), new Map(), located));
      expect(error.message, JSON.stringify(fields)).toContain('"中" (U+4E2D)');
    }
  });

  it('without the source text, names the file alone', () => {
    const error = errorOf(() => typesetEdition(editionOf([article('The 中 character')]), new Map(), ctx));
    expect(error.file).toBe('/virtual/names.md');
  });

  it('a full-width character has a look-alike: set as ASCII, with one warning per file and character naming where', () => {
    const result = typesetEdition(editionOf([article('Stop！ Now！ Go！')], { editionLine: 'Late ！' }), new Map(), located);
    expect(runsOf(result.pages, ['body']).map((r) => r.text)).toEqual(['Stop!', 'Now!', 'Go!']);
    expect(runsOf(result.pages, ['nameplateLine']).map((r) => r.text)).toContain('LATE !');
    expect(result.warnings).toEqual([
      { code: 'glyph-substituted', file: '/virtual/names.md', line: 5, column: 21, message: 'no font has "！" (U+FF01): set as "!" (U+0021) wherever it occurs in this file' },
      { code: 'glyph-substituted', file: '/virtual/edition.yaml', line: 4, column: 15, message: 'no font has "！" (U+FF01): set as "!" (U+0021) wherever it occurs in this file' },
    ]);
  });
});

describe('look-alikes where no face has U+2015, U+2011, U+2012 (fake coverage)', () => {
  const base = fakeContext();
  const lacking = new Set([0x2015, 0x2011, 0x2012]);
  const metrics = { ...base.metrics, hasGlyph: (_font: string, code: number) => !lacking.has(code) && code !== 0x1f600 };
  const resolver = () => new GlyphResolver(metrics, (file) => (file === 'a.md' ? 'x\ny ―‑‒\n' : undefined));

  it('maps ― to an em dash, ‑ to a hyphen that does not break, ‒ to an en dash, each warned about once', () => {
    const r = resolver();
    expect(r.resolve('A―B non‑stop 1‒2 C―D', ['text'], 'a.md')).toBe('A\u2014B non-\u2060stop 1\u20132 C\u2014D');
    expect(r.warnings.map((w) => [`${w.file}:${w.line}:${w.column}`, w.message])).toEqual([
      ['a.md:2:3', 'no font has "―" (U+2015): set as "—" (U+2014) wherever it occurs in this file'],
      ['a.md:2:4', 'no font has "‑" (U+2011): set as "-" (U+002D) wherever it occurs in this file'],
      ['a.md:2:5', 'no font has "‒" (U+2012): set as "–" (U+2013) wherever it occurs in this file'],
    ]);
  });

  it('keeps the replaced hyphen unbreakable: no line ends after it', () => {
    const r = resolver();
    const article: Article = {
      slug: 'a',
      sourcePath: 'a.md',
      headline: 'H',
      bylines: [],
      lang: 'en',
      body: [{ kind: 'paragraph', spans: [{ text: Array.from({ length: 40 }, () => 'non‑stop well‑known').join(' '), italic: false, bold: false }] }],
    };
    const result = typesetEdition(editionOf([article]), new Map(), { ...base, metrics });
    const lines = result.pages.flatMap((p) => p.items as TextLine[]).filter((i) => i.type === 'text' && i.role === 'body');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line.runs.map((x) => x.text).join('')).not.toMatch(/-$/);
    expect(result.warnings.filter((w) => w.message.includes('U+2011'))).toHaveLength(1);
    void r;
  });
});

describe('locate', () => {
  it('gives file:line:col of the first occurrence (columns in characters, from 1)', () => {
    const text = 'ab\n😀x中\n';
    expect(locate('f.md', '中', () => text)).toBe('f.md:2:3');
    expect(locate('f.md', 'a', () => text)).toBe('f.md:1:1');
    expect(locate('f.md', 'z', () => text)).toBe('f.md');
    // a character the file writes as an escape is found at the escape
    expect(locate('edition.yaml', '😀', () => 'paper: "The Ledger \\U0001F600"\n')).toBe('edition.yaml:1:20');
    expect(locate('edition.yaml', '中', () => 'date: 2024-01-02\npaper: "A \\u4e2d"\n')).toBe('edition.yaml:2:11');
    expect(locate('emo.xml', '😀', () => '<nitf>\n<hl1>Head &#x1F600; smile</hl1>')).toBe('emo.xml:2:11');
    expect(locate('emo.xml', '😀', () => '<hl1>Head &#128512;</hl1>')).toBe('emo.xml:1:11');
  });
});
