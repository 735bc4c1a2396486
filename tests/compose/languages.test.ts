// Hyphenation per language (the `hyphen` package's patterns, loaded when first used), the
// warning for a language without patterns, the date line in the edition's language, and the
// special characters copy carries (soft hyphens, no-break and zero-width characters,
// separators, tabs) — each honoured or removed, never drawn as a missing glyph.
import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/compose/composeParagraph.js';
import { hyphenatorFor, patternsOf, PATTERN_SETS } from '../../src/compose/hyphenate.js';
import type { Box, Item } from '../../src/compose/items.js';
import { paragraphItems } from '../../src/compose/paragraphItems.js';
import { parseEditionYaml } from '../../src/content/parseEdition.js';
import type { Article, Edition } from '../../src/model/article.js';
import type { TextLine } from '../../src/model/layout.js';
import { formatEditionDate, typesetEdition } from '../../src/typeset.js';
import { fixedMetrics } from '../helpers/fakeMetrics.js';
import { fakeContext } from '../helpers/flowFixtures.js';
import { bodyParagraph } from '../helpers/paragraphs.js';

const split = (lang: string, word: string) => {
  const cuts = hyphenatorFor(lang)(word);
  return [0, ...cuts].map((c, i) => word.slice(c, cuts[i] ?? word.length)).join('-');
};

describe('hyphenation per language', () => {
  it('hyphenates German, French, Russian, Greek and Spanish with their own patterns', () => {
    expect(split('de', 'Donaudampfschifffahrtsgesellschaft')).toBe('Do-nau-dampf-schiff-fahrts-ge-sell-schaft');
    expect(split('de-DE', 'Bundeskanzlerin')).toBe('Bun-des-kanz-le-rin');
    expect(split('fr', 'gouvernement')).toBe('gou-ver-ne-ment');
    expect(split('ru', 'правительство')).toBe('пра-ви-тель-ство');
    expect(split('el', 'κυβέρνηση')).toBe('κυ-βέρ-νηση'); // at least three letters after a hyphen
    expect(split('es', 'administración')).toBe('ad-mi-nis-tra-ción');
    // the English patterns would cut the German word elsewhere, or not at all
    expect(split('en', 'Donaudampfschifffahrtsgesellschaft')).not.toBe(split('de', 'Donaudampfschifffahrtsgesellschaft'));
  });

  it('maps tags to the pattern sets the package ships; none for a language without patterns', () => {
    expect(patternsOf('en')).toBe('en-us');
    expect(patternsOf('en-AU')).toBe('en-gb');
    expect(patternsOf('de-AT')).toBe('de');
    expect(patternsOf('sr-Cyrl')).toBe('sr-cyrl');
    expect(patternsOf('ja')).toBeUndefined();
    expect(patternsOf('vi')).toBeUndefined();
    expect(PATTERN_SETS.length).toBeGreaterThan(70);
    expect(hyphenatorFor('vi')('nghiêngnghiêng')).toEqual([]);
  });

  it('a paragraph in German breaks at German hyphenation points', () => {
    const paragraph = bodyParagraph('Die Donaudampfschifffahrtsgesellschaft antwortete dem Bundesverkehrsministerium sofort.', { hyphenate: true, lang: 'de' });
    const composed = composeParagraph(paragraph, 80, fixedMetrics(0.5), hyphenatorFor('de'));
    const ends = composed.lines.filter((l) => l.hyphenated).map((l) => l.runs.at(-1)!.text);
    expect(ends.length).toBeGreaterThan(0);
    const german = new Set(['Donaudampfschifffahrtsgesellschaft', 'Bundesverkehrsministerium'].flatMap((w) => hyphenatorFor('de')(w).map((c) => w.slice(0, c))));
    for (const end of ends) expect([...german].some((prefix) => end.endsWith(`${prefix.slice(-4)}-`)), end).toBe(true);
  });
});

describe('typesetEdition: languages', () => {
  const ctx = fakeContext();
  const article = (slug: string, lang: string): Article => ({
    slug,
    sourcePath: `/virtual/${slug}.md`,
    headline: 'Headline',
    bylines: [],
    lang,
    body: [{ kind: 'paragraph', spans: [{ text: 'Xin chào các bạn. '.repeat(30), italic: false, bold: false }] }],
  });
  const edition = (articles: Article[], lang?: string): Edition => ({
    paper: 'The Ledger',
    date: '2024-03-12',
    format: 'tabloid',
    articles,
    sourcePath: '/virtual',
    ...(lang ? { lang } : {}),
  });

  it('warns once per language that has no patterns, naming it, and sets its stories without hyphenation', () => {
    const result = typesetEdition(edition([article('a', 'vi'), article('b', 'vi'), article('c', 'en'), article('d', 'ja')]), new Map(), ctx);
    expect(result.warnings).toEqual([
      { code: 'no-hyphenation-patterns', file: '/virtual/a.md', message: 'lang "vi": no hyphenation patterns for this language; its stories are set without hyphenation' },
      { code: 'no-hyphenation-patterns', file: '/virtual/d.md', message: 'lang "ja": no hyphenation patterns for this language; its stories are set without hyphenation' },
    ]);
  });

  it('sets the date line in the edition’s language', () => {
    const result = typesetEdition(edition([article('c', 'de')], 'de'), new Map(), ctx);
    const strip = result.pages[0].items.filter((i): i is TextLine => i.type === 'text' && i.role === 'nameplateLine');
    expect(strip[0].runs.map((r) => r.text)).toEqual(['DIENSTAG, 12. MÄRZ 2024']);
    expect(formatEditionDate('2024-03-12', 'fr')).toBe('mardi 12 mars 2024');
    expect(formatEditionDate('2024-03-12', 'en-GB')).toBe('Tuesday, March 12, 2024');
    expect(formatEditionDate('2024-03-12')).toBe('Tuesday, March 12, 2024');
  });

  it('edition.yaml takes lang, and refuses one that is not a language tag', () => {
    expect(parseEditionYaml('paper: P\ndate: 2024-03-12\nformat: tabloid\nlang: de\n', 'edition.yaml').lang).toBe('de');
    expect(() => parseEditionYaml('paper: P\ndate: 2024-03-12\nformat: tabloid\nlang: [de]\n', 'edition.yaml')).toThrow(/lang must be a language tag/);
  });
});

describe('special characters: honoured or removed, never drawn', () => {
  const metrics = fixedMetrics(0.5);
  const boxes = (items: Item[]) => items.filter((i): i is Box => i.type === 'box').map((b) => b.pieces.map((p) => p.text).join(''));

  it('a soft hyphen is a hyphenation point: a hyphen drawn only when the line breaks there, never the character itself', () => {
    const paragraph = bodyParagraph('extra\u00adordinary extra\u00adordinary extra\u00adordinary', { align: 'ragged' });
    const { items } = paragraphItems(paragraph, metrics, () => [], 500);
    expect(items.filter((i) => i.type === 'penalty' && i.flagged && i.hyphen?.text === '-')).toHaveLength(3);
    // 10 pt, 5 pt a character: "extraordinary" is 65 pt wide, "extra-" 30 pt, "ordinary" 40 pt
    const narrow = composeParagraph(bodyParagraph('extra\u00adordinary', { align: 'ragged' }), 40, metrics, () => []);
    expect(narrow.lines.map((l) => l.runs.map((r) => [r.text, r.width]))).toEqual([[['extra\u00ad-', 30]], [['ordinary', 40]]]);
    expect(narrow.lines[0].hyphenated).toBe(true);
    const wide = composeParagraph(paragraph, 1000, metrics, () => []);
    expect(wide.lines).toHaveLength(1);
    expect(wide.lines[0].runs.map((r) => r.width)).toEqual([65, 65, 65]);
  });

  it('a no-break space (and the narrow one) does not break; a zero-width space is a break opportunity of no width', () => {
    expect(boxes(paragraphItems(bodyParagraph('10\u00a0km and 5\u202fkg'), metrics, () => [], 500).items)).toEqual(['10\u00a0km', 'and', '5\u202fkg']);
    const { items } = paragraphItems(bodyParagraph('alpha\u200bbeta'), metrics, () => [], 500);
    expect(boxes(items)).toEqual(['alpha\u200b', 'beta']);
    expect((items[0] as Box).width).toBe(25);
    expect(items[1]).toMatchObject({ type: 'penalty', width: 0, flagged: false });
  });

  it('a word joiner and a BOM do not break; tabs and line/paragraph separators are word spaces', () => {
    expect(boxes(paragraphItems(bodyParagraph('a-\u2060b c\ufeffd'), metrics, () => [], 500).items)).toEqual(['a-\u2060b', 'c\ufeffd']);
    expect(boxes(paragraphItems(bodyParagraph('one\ttwo\u2028three\u2029four'), metrics, () => [], 500).items)).toEqual(['one', 'two', 'three', 'four']);
  });

  it('in a whole edition, none of them reaches a glyph run, and a headline with a tab and U+2028 reads as words', () => {
    const ctx = fakeContext();
    const text = 'Soft\u00adhy\u00adphen, no\u00a0break, zero\u200bwidth, join\u200der, non\u200cjoiner, bom\ufeffhere, word\u2060joiner, line\u2028sep, para\u2029sep. ';
    const a: Article = {
      slug: 's',
      sourcePath: '/virtual/s.md',
      headline: 'Tabs\there and a line\u2028separator',
      bylines: [],
      lang: 'en',
      body: [{ kind: 'paragraph', spans: [{ text: text.repeat(8), italic: false, bold: false }] }],
    };
    const result = typesetEdition({ paper: 'The\tLedger', date: '2024-03-12', format: 'tabloid', articles: [a], sourcePath: '/virtual' }, new Map(), ctx);
    const runs = result.pages.flatMap((p) => p.items).flatMap((i) => (i.type === 'text' ? i.runs : []));
    for (const run of runs) expect(run.text, JSON.stringify(run.text)).not.toMatch(/[\u00ad\u200b\u200c\u200d\u2060\ufeff\u2028\u2029\t]/);
    const lines = result.pages.flatMap((p) => p.items).filter((i): i is TextLine => i.type === 'text');
    expect(lines.filter((l) => l.role === 'headline').flatMap((l) => l.runs.map((r) => r.text)).join(' ')).toBe('Tabs here and a line separator');
    expect(lines.filter((l) => l.role === 'nameplate')[0].runs[0].text).toBe('The Ledger');
    expect(result.warnings).toEqual([]);
  });
});
