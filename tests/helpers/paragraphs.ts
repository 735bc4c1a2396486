import type { Article } from '../../src/model/article.js';
import type { StyledParagraph } from '../../src/style/story.js';

/** A body paragraph in the text face at `size` pt, justified, with the given options. */
export function bodyParagraph(text: string, options: Partial<StyledParagraph> = {}, size = 10): StyledParagraph {
  return {
    role: 'body',
    runs: [{ text, font: 'text', size }],
    align: 'justify',
    leading: 12,
    firstIndent: 0,
    leftIndent: 0,
    hyphenate: false,
    lang: 'en',
    spaceBefore: 0,
    keepWithNext: false,
    ...options,
  };
}

/** A seeded pseudo-random generator (mulberry32), so random tests are reproducible. */
export { seededRandom } from '../../src/bench/syntheticEdition.js';

const SOUP = 'the a of and to in leaders security alliance strengthen minister deterrence capabilities summit agreed Sunday confirmed Washington Pacific administration development nuclear missile sanctions Kremlin supporting solidarity industrialized including'.split(' ');

/** "Word soup": n words drawn from a newsy vocabulary. */
export function wordSoup(random: () => number, n: number): string {
  return Array.from({ length: n }, () => SOUP[Math.floor(random() * SOUP.length)]).join(' ');
}

/**
 * An article of word soup: a headline of its slug and five words, then about `words` words in
 * paragraphs of 60 (drawn in that order from `random`), with `extra` fields over it.
 */
export function soupArticle(random: () => number, slug: string, words: number, extra: Partial<Article> = {}): Article {
  return {
    slug,
    sourcePath: `/virtual/${slug}.md`,
    headline: `${slug} ${wordSoup(random, 5)}`,
    bylines: ['Jane Doe'],
    lang: 'en',
    body: Array.from({ length: Math.ceil(words / 60) }, () => ({ kind: 'paragraph' as const, spans: [{ text: wordSoup(random, 60), italic: false, bold: false }] })),
    ...extra,
  };
}
