import { describe, expect, it } from 'vitest';
import type { Box, Item } from '../../src/compose/items.js';
import { addressBreaks, flattenRuns, paragraphItems } from '../../src/compose/paragraphItems.js';
import { fixedMetrics } from '../helpers/fakeMetrics.js';
import { bodyParagraph } from '../helpers/paragraphs.js';

const metrics = fixedMetrics(0.5);
const boxes = (items: Item[]) => items.filter((i): i is Box => i.type === 'box').map((b) => b.pieces.map((p) => p.text).join(''));

describe('paragraphItems', () => {
  it('makes a box per word and a glue per space, ending with the paragraph-fill glue and a forced break', () => {
    const { items } = paragraphItems(bodyParagraph('Biden agreed Sunday'), metrics, () => [], 500);
    expect(items.map((i) => i.type)).toEqual(['box', 'glue', 'box', 'glue', 'box', 'glue', 'penalty']);
    expect(boxes(items)).toEqual(['Biden', 'agreed', 'Sunday']);
    expect((items[0] as Box).width).toBe(25);
    expect(items.at(-1)).toMatchObject({ type: 'penalty', penalty: -10000 });
  });

  it('does not break at a no-break space', () => {
    const { items } = paragraphItems(bodyParagraph('BALI\u00a0— Prime'), metrics, () => [], 500);
    expect(boxes(items)).toEqual(['BALI\u00a0—', 'Prime']);
  });

  it('may break after an explicit hyphen (flagged) without adding one', () => {
    const { items } = paragraphItems(bodyParagraph('U.S.-China summit'), metrics, () => [], 500);
    expect(boxes(items)).toEqual(['U.S.-', 'China', 'summit']);
    expect(items[1]).toMatchObject({ type: 'penalty', width: 0, flagged: true });
  });

  it('adds a discretionary hyphen at each hyphenation point, keeping the punctuation outside', () => {
    const { items } = paragraphItems(bodyParagraph('capabilities, too', { hyphenate: true }), metrics, (w) => (w === 'capabilities' ? [3, 5] : []), 500);
    expect(boxes(items)).toEqual(['cap', 'ab', 'ilities,', 'too']);
    const penalties = items.filter((i) => i.type === 'penalty' && i.flagged);
    expect(penalties).toHaveLength(2);
    expect(penalties[0]).toMatchObject({ width: 5, hyphen: { text: '-' } });
  });

  it('never hyphenates the last word of a paragraph', () => {
    const { items } = paragraphItems(bodyParagraph('security capabilities', { hyphenate: true }), metrics, (w) => [3], 500);
    expect(boxes(items)).toEqual(['sec', 'urity', 'capabilities']);
  });

  it('keeps the faces of the runs inside one word', () => {
    const p = bodyParagraph('');
    p.runs = [
      { text: 'BALI', font: 'textBold', size: 10 },
      { text: 'NEWS rest', font: 'text', size: 10 },
    ];
    const { items } = paragraphItems(p, metrics, () => [], 500);
    expect((items[0] as Box).pieces).toEqual([
      { text: 'BALI', font: 'textBold', size: 10 },
      { text: 'NEWS', font: 'text', size: 10 },
    ]);
  });

  it('normalises white space and tracks each box back to the paragraph text', () => {
    const p = bodyParagraph('  two   spaces\n and a line  ');
    const { text, items } = paragraphItems(p, metrics, () => [], 500);
    expect(text).toBe('two spaces and a line');
    expect(items.filter((i): i is Box => i.type === 'box').map((b) => text.slice(...b.source))).toEqual(['two', 'spaces', 'and', 'a', 'line']);
    expect(flattenRuns(p).runAt).toHaveLength(text.length);
  });
});

describe('addressBreaks (URLs and e-mail addresses)', () => {
  const pieces = (word: string) => {
    const cuts = addressBreaks(word);
    return [0, ...cuts].map((c, i) => word.slice(c, cuts[i] ?? word.length));
  };
  it('breaks a URL after // and before slashes, periods and query characters', () => {
    expect(pieces('https://www.example.com/a/very/long/path?query=value&other=1')).toEqual([
      'https://',
      'www',
      '.example',
      '.com',
      '/a',
      '/very',
      '/long',
      '/path',
      '?query',
      '=value',
      '&other',
      '=1',
    ]);
  });
  it('breaks an e-mail address before @ and periods', () => {
    expect(pieces('press.office@ministry.example.go.jp')).toEqual(['press', '.office', '@ministry', '.example', '.go', '.jp']);
  });
  it('leaves ordinary words, numbers and abbreviations alone', () => {
    for (const word of ['U.S.', 'capabilities.', '3.14159', '2022-11-15', 'e.g.']) expect(addressBreaks(word)).toEqual([]);
  });
  it('makes penalty breaks without a hyphen inside a URL in a paragraph', () => {
    const { items } = paragraphItems(bodyParagraph('see www.example.com/path now', { hyphenate: true }), metrics, (w) => (w.length > 3 ? [2] : []), 500);
    expect(boxes(items)).toEqual(['see', 'www', '.example', '.com', '/path', 'now']);
    const breaks = items.filter((i) => i.type === 'penalty' && i.penalty === 100);
    expect(breaks).toHaveLength(3);
    expect(breaks.every((b) => b.type === 'penalty' && !b.flagged && b.width === 0 && !b.hyphen)).toBe(true);
  });
});
