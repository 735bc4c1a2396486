// The PDF reading helpers on hand-made text items: the rejoin rule and the word alignment.
import { describe, expect, it } from 'vitest';
import { alignWords, normaliseWord, normalisedPdfWords, normalisedWords, wordsOf, type PdfTextItem } from '../helpers/pdf.js';

/** Items for lines of runs: each line is a list of words drawn left to right. */
function items(lines: string[][], top = 700, leading = 11): PdfTextItem[] {
  const out: PdfTextItem[] = [];
  lines.forEach((line, n) => {
    let x = 36;
    line.forEach((str, k) => {
      if (k > 0) out.push({ str: ' ', x, y: top - n * leading, width: 3, height: 9, fontName: 'f', hasEOL: false });
      out.push({ str, x, y: top - n * leading, width: str.length * 5, height: 9, fontName: 'f', hasEOL: false });
      x += str.length * 5 + 3;
    });
  });
  return out;
}

describe('wordsOf', () => {
  it('rejoins a run ending in "-" at a line end with the first run of the next line', () => {
    const words = wordsOf(items([['deterrence', 'and', 'cop-'], ['ing', 'capabilities']]));
    expect(words.map((w) => w.text)).toEqual(['deterrence', 'and', 'coping', 'capabilities']);
    expect(words[2].keptHyphen).toBe('cop-ing');
  });

  it('keeps hyphens inside a run and hyphens that do not end a line', () => {
    const words = wordsOf(items([['the', 'U.S.-China', 'face-to-face', 'well-'], ['known']]));
    expect(words.map((w) => w.text)).toEqual(['the', 'U.S.-China', 'face-to-face', 'wellknown']);
    expect(words[3].keptHyphen).toBe('well-known');
  });

  it('does not join a dash, or a hyphen followed by a run on the same line', () => {
    const words = wordsOf(items([['countries', '—'], ['including', 'pre-', 'war']]));
    expect(words.map((w) => w.text)).toEqual(['countries', '—', 'including', 'pre-', 'war']);
  });

  it('splits runs with several words', () => {
    expect(wordsOf(items([['BALI\u00a0—', 'Prime']])).map((w) => w.text)).toEqual(['BALI', '—', 'Prime']);
  });
});

describe('normalising and aligning', () => {
  it('normalises case, punctuation, curly apostrophes and compatibility forms', () => {
    expect(normaliseWord('Japan’s')).toBe("japan's");
    expect(normaliseWord('“I')).toBe('i');
    expect(normaliseWord('(ASEAN)')).toBe('asean');
    expect(normaliseWord('Biden,”')).toBe('biden');
    expect(normaliseWord('ﬁrst')).toBe('first');
    expect(normaliseWord('—')).toBe('');
    expect(normalisedWords('U.S.-China summit.')).toEqual(['us-china', 'summit']);
  });

  it('aligns expected words with the page, accepting either form of a rejoined word', () => {
    const words = normalisedPdfWords(wordsOf(items([['Nameplate'], ['a', 'well-'], ['known', 'fact.']])));
    expect(alignWords(words, ['a', 'well-known', 'fact'])).toEqual({ start: 1, actual: ['a', 'well-known', 'fact'] });
    expect(alignWords(words, ['a', 'wellknown', 'fact']).actual).toEqual(['a', 'wellknown', 'fact']);
    // a missing word shows up as a difference
    expect(alignWords(words, ['a', 'well-known', 'and', 'fact']).actual).toEqual(['a', 'well-known', 'fact']);
    expect(alignWords(words, ['absent']).start).toBe(-1);
  });
});
