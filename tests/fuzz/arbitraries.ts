// Random copy for the fuzz tests: words of Latin letters that every face of the house style
// draws (fallback faces are another engineer's matter), digits and punctuation now and then,
// some words longer than any column.
import fc from 'fast-check';
import { houseContext } from '../../src/build/buildEdition.js';

const ctx = houseContext();
type Face = Parameters<typeof ctx.metrics.missingCharacters>[1];

/** The faces the house style uses. */
const FACES = [...new Set(Object.values(ctx.theme).flatMap((style) => Object.entries(style).filter(([k]) => /font|italic|bold/i.test(k)).map(([, v]) => v as Face)))];

/** Letters of Latin-1 and Latin Extended-A that every face the house style uses can draw. */
export const LETTERS = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', ...Array.from({ length: 0x17f - 0xc0 + 1 }, (_, i) => String.fromCodePoint(0xc0 + i))].filter(
  (c) => /\p{L}/u.test(c) && FACES.every((f) => ctx.metrics.missingCharacters(c, f).length === 0),
);
export const PUNCTUATION = [',', '.', ';', ':', '!', '?', '–', '—', '&', '%', '(', ')'];

export const letter = fc.constantFrom(...LETTERS);
/** A word: mostly short, some long, a few longer than any column; digits and punctuation now and then. */
export const word: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 2, arbitrary: fc.integer({ min: 10, max: 18 }) }, { weight: 1, arbitrary: fc.integer({ min: 30, max: 70 }) }),
    fc.infiniteStream(letter),
    fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...PUNCTUATION) }),
    fc.oneof({ weight: 12, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 99999 }) }),
  )
  .map(([n, letters, punct, digits]) => {
    const it = letters[Symbol.iterator]();
    const w = Array.from({ length: n }, () => it.next().value as string).join('');
    return (digits !== null ? `${digits}` : w) + (punct ?? '');
  });
export const text = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));

/** A word of letters only: safe anywhere in Markdown (no markup, no list or heading markers). */
export const plainWord: fc.Arbitrary<string> = fc.array(letter, { minLength: 1, maxLength: 12 }).map((ls) => ls.join(''));
export const plainText = (min: number, max: number) => fc.array(plainWord, { minLength: min, maxLength: max }).map((ws) => ws.join(' '));
