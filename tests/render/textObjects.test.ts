// The painter's one translation of a line's runs into text objects: a word space wherever layout
// left a gap, one text object per stretch of runs in one face, size and scale.
import { describe, expect, it } from 'vitest';
import type { FontKey, GlyphRun } from '../../src/model/layout.js';
import { textObjects } from '../../src/render/textObjects.js';

const run = (text: string, x: number, width: number, font: FontKey = 'text', extra: Partial<GlyphRun> = {}): GlyphRun => ({
  text,
  font,
  size: 9.5,
  x,
  baseline: 100,
  width,
  ...extra,
});

describe('textObjects', () => {
  it('draws the runs of one face as one object, a space in every gap, none after the last run', () => {
    const objects = textObjects([run('Japan’s', 36, 28.14), run('determination', 64.64, 56.34), run('to', 121.48, 8.71)]);
    expect(objects).toEqual([
      {
        font: 'text',
        size: 9.5,
        scale: 1,
        baseline: 100,
        spans: [
          { text: 'Japan’s', x: 36, spaceTo: 64.64 },
          { text: 'determination', x: 64.64, spaceTo: 121.48 },
          { text: 'to', x: 121.48 },
        ],
      },
    ]);
  });

  it('gives runs that touch no space (an italic word and the roman comma after it)', () => {
    const objects = textObjects([run('Yomiuri', 36, 30, 'textItalic'), run(',', 66, 2), run('said', 70, 15)]);
    expect(objects.map((o) => [o.font, o.spans])).toEqual([
      ['textItalic', [{ text: 'Yomiuri', x: 36 }]],
      ['text', [{ text: ',', x: 66, spaceTo: 70 }, { text: 'said', x: 70 }]],
    ]);
    // a gap of a hundredth of a point or less is no gap
    expect(textObjects([run('a', 36, 5), run('b', 41.01, 5)])[0].spans[0].spaceTo).toBeUndefined();
    expect(textObjects([run('a', 36, 5), run('b', 41.02, 5)])[0].spans[0].spaceTo).toBe(41.02);
  });

  it('ends a run with the space when the face changes across the gap, and starts the next at its x', () => {
    const objects = textObjects([run('BALI\u00a0—', 36, 33.5, 'textBold', { scale: 1.04 }), run('Prime', 73.29, 25.44, 'text', { scale: 1.04 })]);
    expect(objects).toEqual([
      { font: 'textBold', size: 9.5, scale: 1.04, baseline: 100, spans: [{ text: 'BALI\u00a0—', x: 36, spaceTo: 73.29 }] },
      { font: 'text', size: 9.5, scale: 1.04, baseline: 100, spans: [{ text: 'Prime', x: 73.29 }] },
    ]);
  });

  it('starts a new object when the size, the scale or the baseline changes; no space across baselines', () => {
    const objects = textObjects([
      run('FPO', 300, 60, 'display', { size: 36, baseline: 668.5 }),
      run('Photo', 310, 25, 'displayRegular', { size: 10, baseline: 686.5 }),
      run('missing:', 338, 35, 'displayRegular', { size: 10, baseline: 686.5 }),
      run('wider', 376, 20, 'displayRegular', { size: 10, baseline: 686.5, scale: 1.02 }),
    ]);
    expect(objects.map((o) => [o.size, o.scale, o.baseline, o.spans])).toEqual([
      [36, 1, 668.5, [{ text: 'FPO', x: 300 }]],
      [10, 1, 686.5, [{ text: 'Photo', x: 310, spaceTo: 338 }, { text: 'missing:', x: 338, spaceTo: 376 }]],
      [10, 1.02, 686.5, [{ text: 'wider', x: 376 }]],
    ]);
  });

  it('adds no space next to one the text already has, and leaves empty runs out', () => {
    const objects = textObjects([run('Ledger  · ', 36, 50), run('', 90, 0), run('Page 1', 500, 20), run(' 2', 530, 5)]);
    expect(objects[0].spans).toEqual([
      { text: 'Ledger  · ', x: 36 },
      { text: 'Page 1', x: 500 },
      { text: ' 2', x: 530 },
    ]);
  });
});
