import enUs from 'hyphen/en-us/index.js';
import enGb from 'hyphen/en-gb/index.js';

/** Returns the positions (string indices into `word`) where it may be hyphenated. */
export type Hyphenator = (word: string) => number[];

/** Minimum fragment lengths: at least 2 letters before a hyphen and 3 after. */
export const MIN_BEFORE = 2;
export const MIN_AFTER = 3;

const patternsFor = (lang: string) => (/^en-(gb|au|nz|ie|za|in)/i.test(lang) ? enGb.hyphenateSync : enUs.hyphenateSync);

/**
 * A hyphenator for a language (Liang patterns from the `hyphen` package). Words that must
 * not be hyphenated — with digits, all capitals, URLs and e-mail addresses — yield no
 * positions. `word` is one word without surrounding punctuation.
 */
export function hyphenatorFor(lang: string): Hyphenator {
  if (!/^en\b/i.test(lang)) return () => [];
  const hyphenate = patternsFor(lang);
  const cache = new Map<string, number[]>();
  return (word) => {
    let found = cache.get(word);
    if (found) return found;
    found = [];
    if (word.length >= MIN_BEFORE + MIN_AFTER && isHyphenatable(word)) {
      const marked = hyphenate(word, { hyphenChar: '\u00ad', minWordLength: MIN_BEFORE + MIN_AFTER });
      let index = 0;
      for (const char of marked) {
        if (char === '\u00ad') {
          if (index >= MIN_BEFORE && word.length - index >= MIN_AFTER) found.push(index);
        } else {
          index += char.length;
        }
      }
    }
    cache.set(word, found);
    return found;
  };
}

function isHyphenatable(word: string): boolean {
  if (/[\d@/\\:_.=&?#]/.test(word)) return false; // numbers, URLs, e-mail, abbreviations like U.S.
  if (word === word.toUpperCase()) return false; // all capitals: acronyms, datelines
  return /^[\p{L}\u2019'-]+$/u.test(word);
}
