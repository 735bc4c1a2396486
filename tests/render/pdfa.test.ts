// The pure parts of the archive profile's PDF/A: what each page item is tagged as, the whole
// words at line-end hyphens, the XMP descriptions, DeviceGray operands.
import { describe, expect, it } from 'vitest';
import type { LayoutItem, PageLayout, TextLine, TextRole } from '../../src/model/layout.js';
import { greyOperand, itemTags, wholeWords, xmpDescriptions } from '../../src/render/pdfa.js';
import { xmlEscape } from '../../src/text/xmlText.js';

function line(role: TextRole, text: string, extra: Partial<TextLine> = {}): TextLine {
  const runs = text.split(' ').map((word, i) => ({ text: word, font: 'text' as const, size: 9, x: 10 + i * 30, baseline: 20, width: 25 }));
  return { type: 'text', role, box: { x: 10, y: 10, width: 200, height: 11 }, baseline: 20, runs, ...extra };
}

function page(items: LayoutItem[], number = 1): PageLayout {
  return { number, width: 612, height: 792, typeArea: { x: 0, y: 0, width: 612, height: 792 }, grid: { first: 20, leading: 11, count: 60 }, items };
}

const at = (paragraph: number, n: number, lines: number) => ({ position: { paragraph, line: n, lines } });

describe('itemTags', () => {
  it('makes one block of the lines of a role in a row, a P per paragraph, artifacts of furniture, jumps and rules', () => {
    const items: LayoutItem[] = [
      line('nameplate', 'The Ledger'),
      line('folio', 'Page 1'),
      line('headline', 'Big news', { story: 'a' }),
      line('headline', 'today', { story: 'a' }),
      line('deck', 'What happened', { story: 'a' }),
      line('byline', 'By Jo', { story: 'a' }),
      line('body', 'One two', { story: 'a', ...at(0, 0, 2) }),
      line('body', 'three', { story: 'a', ...at(0, 1, 2) }),
      line('body', 'Four', { story: 'a', ...at(1, 0, 1) }),
      { type: 'rule', x1: 0, y1: 0, x2: 10, y2: 0, thickness: 1 },
      { type: 'image', story: 'a', box: { x: 0, y: 0, width: 10, height: 10 }, image: '/p.jpg' },
      line('caption', 'A photo', { story: 'a' }),
      line('jump', 'Continued on Page 2', { story: 'a' }),
    ];
    const tags = itemTags(page(items));
    expect(tags.map((t) => ('artifact' in t ? `artifact:${t.artifact}` : t.type))).toEqual([
      'artifact:Layout',
      'artifact:Pagination',
      'H1',
      'H1',
      'Deck',
      'Byline',
      'P',
      'P',
      'P',
      'artifact:Layout',
      'Figure',
      'Caption',
      'artifact:Pagination',
    ]);
    const block = (i: number) => (tags[i] as { block: string }).block;
    expect(block(2)).toBe(block(3)); // the headline's two lines: one H1
    expect(block(6)).toBe(block(7)); // paragraph 0's two lines: one P
    expect(block(8)).not.toBe(block(7)); // paragraph 1: another
  });

  it('keeps a paragraph one block across pages, and tags a continued story’s headline as its jump head', () => {
    const first = itemTags(page([line('body', 'One two', { story: 'a', ...at(3, 0, 2) })], 1));
    const later = itemTags(page([line('headline', 'Jump', { story: 'a' }), line('body', 'three', { story: 'a', ...at(3, 1, 2) })], 2), new Set(['a']));
    expect((first[0] as { block: string }).block).toBe((later[1] as { block: string }).block);
    expect((later[0] as { type: string }).type).toBe('JumpHead');
  });
});

describe('wholeWords', () => {
  it('joins the piece before a hyphenator’s hyphen with the next line of the same story and role, without the hyphen', () => {
    const items: LayoutItem[] = [
      line('body', 'the inter-', { story: 'a', hyphenated: true, midWord: true }),
      line('caption', 'other text', { story: 'a' }),
      line('body', 'national, news', { story: 'a' }),
      line('body', 'a well-', { story: 'b', midWord: true }),
      line('body', 'known fact', { story: 'b' }),
    ];
    expect([...wholeWords(page(items))]).toEqual([
      [0, { last: 'international,', nextIndex: 2 }],
      [3, { last: 'well-known', nextIndex: 4 }],
    ]);
  });
});

describe('XMP', () => {
  const meta = {
    title: 'A & B <News>, 2024-03-12',
    author: 'A & B',
    subject: 'One · Two',
    keywords: 'one, two',
    creator: 'Stonehand',
    producer: 'Stonehand (pdfkit)',
    date: '2024-03-12',
    pageCount: 6,
    headlines: ['Rates "rise" & fall', 'Two'],
    bylines: ['By Jo <jo@example.com>'],
    version: '0.1.0',
  };

  it('escapes every value and declares its own properties', () => {
    const xmp = xmpDescriptions(meta);
    expect(xmp).toContain('<rdf:li xml:lang="x-default">A &amp; B &lt;News&gt;, 2024-03-12</rdf:li>');
    expect(xmp).toContain('<stonehand:headlines><rdf:Seq><rdf:li>Rates &quot;rise&quot; &amp; fall</rdf:li><rdf:li>Two</rdf:li></rdf:Seq></stonehand:headlines>');
    expect(xmp).toContain('<rdf:li>By Jo &lt;jo@example.com&gt;</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2024-03-12T00:00:00Z</xmp:CreateDate><xmp:ModifyDate>2024-03-12T00:00:00Z</xmp:ModifyDate>');
    expect(xmp).toContain('<stonehand:pageCount>6</stonehand:pageCount>');
    const used = [...xmp.matchAll(/<stonehand:(\w+)>/g)].map((m) => m[1]);
    const declared = [...xmp.matchAll(/<pdfaProperty:name>(\w+)<\/pdfaProperty:name>/g)].map((m) => m[1]);
    expect(used.sort()).toEqual(declared.sort());
  });

  it('leaves out characters XML cannot carry', () => {
    expect(xmlEscape('a\u0001b\u000bc\td')).toBe('abc\td');
  });
});

describe('greyOperand', () => {
  it('turns K-only ink into DeviceGray and refuses colour', () => {
    expect(greyOperand([0, 0, 0, 100])).toBe('0');
    expect(greyOperand([0, 0, 0, 45])).toBe('0.55');
    expect(() => greyOperand([10, 0, 0, 100])).toThrow(/not K only/);
  });
});
