import { createRequire } from 'node:module';
import enUs from 'hyphen/en-us/index.js';
import enGb from 'hyphen/en-gb/index.js';

/** Returns the positions (string indices into `word`) where it may be hyphenated. */
export type Hyphenator = (word: string) => number[];

/** Minimum fragment lengths: at least 2 letters before a hyphen and 3 after. */
export const MIN_BEFORE = 2;
export const MIN_AFTER = 3;

type Hyphenate = (typeof enUs)['hyphenateSync'];

/**
 * The pattern sets the `hyphen` package ships besides English (imported above). Each is loaded
 * from node_modules when a language first needs it (require: synchronous, and outside the CLI
 * bundle, which stays small), never at start. Church Slavonic (cu) is left out: its pattern
 * file is not valid JavaScript for every parser.
 */
export const PATTERN_SETS: readonly string[] = [
  'af', 'as', 'be', 'bg', 'bn', 'ca', 'cop', 'cs', 'cy', 'da', 'de', 'el-monoton',
  'el-polyton', 'el', 'es', 'et', 'ethi', 'eu', 'fi-x-school', 'fi', 'fr', 'fur', 'ga',
  'gl', 'grc', 'gu', 'hi', 'hr', 'hsb', 'hu', 'hy', 'ia', 'id', 'is', 'it',
  'ka', 'kmr', 'kn', 'la-x-classic', 'la-x-liturgic', 'la', 'lt', 'lv', 'mk', 'ml', 'mn-cyrl-x-lmc', 'mn-cyrl',
  'mn', 'mr', 'mul-ethi', 'nb', 'nl', 'nn', 'no', 'oc', 'or', 'pa', 'pi', 'pl',
  'pms', 'pt', 'rm', 'ro', 'ru', 'sa', 'sh-cyrl', 'sh-latn', 'sh', 'sk', 'sl', 'sq',
  'sr-cyrl', 'sr', 'sv', 'ta', 'te', 'th', 'tk', 'tr', 'uk', 'zh-latn-pinyin',
];

const requirePatterns = createRequire(import.meta.url);

const loaded = new Map<string, Hyphenate>([
  ['en-us', enUs.hyphenateSync],
  ['en-gb', enGb.hyphenateSync],
]);

/** Which of the package's pattern sets a language tag uses ("en-AU" → en-gb, "de-DE" → de), if any. */
export function patternsOf(lang: string): string | undefined {
  const tag = lang.toLowerCase();
  if (/^en-(gb|au|nz|ie|za|in)\b/.test(tag)) return 'en-gb';
  if (/^en\b/.test(tag)) return 'en-us';
  const parts = tag.split('-');
  for (let n = parts.length; n > 0; n--) {
    const key = parts.slice(0, n).join('-');
    if (PATTERN_SETS.includes(key)) return key;
  }
  return undefined;
}

/**
 * A hyphenator for a language (Liang patterns from the `hyphen` package; a language without
 * patterns is not hyphenated, and typesetEdition warns about it). Words that must not be
 * hyphenated — with digits, all capitals, URLs and e-mail addresses — yield no positions.
 * `word` is one word without surrounding punctuation.
 */
export function hyphenatorFor(lang: string): Hyphenator {
  const key = patternsOf(lang);
  if (key === undefined) return () => [];
  let hyphenate = loaded.get(key);
  if (hyphenate === undefined) {
    hyphenate = (requirePatterns(`hyphen/${key}/index.js`) as { hyphenateSync: Hyphenate }).hyphenateSync;
    loaded.set(key, hyphenate);
  }
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
