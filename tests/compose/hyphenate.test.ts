import { describe, expect, it } from 'vitest';
import { hyphenatorFor, MIN_AFTER, MIN_BEFORE } from '../../src/compose/hyphenate.js';

const hyphenate = hyphenatorFor('en');
const split = (word: string) => {
  const cuts = hyphenate(word);
  return [0, ...cuts].map((c, i) => word.slice(c, cuts[i] ?? word.length)).join('-');
};

describe('hyphenatorFor(en)', () => {
  it('hyphenates with the US English patterns', () => {
    expect(split('capabilities')).toBe('ca-pa-bil-i-ties');
    expect(split('administration')).toBe('ad-min-is-tra-tion');
  });

  it(`leaves at least ${MIN_BEFORE} letters before and ${MIN_AFTER} after a hyphen`, () => {
    for (const word of ['strengthen', 'industrialized', 'severe', 'increasingly', 'hegemonic', 'agreed', 'every']) {
      for (const cut of hyphenate(word)) {
        expect(cut).toBeGreaterThanOrEqual(MIN_BEFORE);
        expect(word.length - cut).toBeGreaterThanOrEqual(MIN_AFTER);
      }
    }
  });

  it('never hyphenates numbers, capitals, URLs or e-mail addresses', () => {
    for (const word of ['1234567890', 'ASEAN', 'NATO', 'www.example.com', 'editor@ledger.example', 'Covid19']) {
      expect(hyphenate(word)).toEqual([]);
    }
  });

  it('does not hyphenate languages it has no patterns for', () => {
    expect(hyphenatorFor('ja')('capabilities')).toEqual([]);
  });
});
