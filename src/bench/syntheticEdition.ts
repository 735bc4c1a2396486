// Synthetic editions for the bench and the property tests: deterministic newsy copy of varied
// lengths, with photos of varied pixel sizes (some missing), in priority order.
import type { Article, Edition, PageFormatName } from '../model/article.js';
import type { PhotoInfo } from '../flow/photoPlan.js';

const VOCABULARY =
  'the a of and to in council budget river bridge school district mayor residents meeting agreed Tuesday confirmed plan vote board members said would could million project water road library police county state students families downtown development housing repairs including president season team coach game weather forecast'.split(
    ' ',
  );

/** A seeded pseudo-random generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` words of newsy text, a sentence with a capital and a full stop. */
function sentence(random: () => number, n: number): string {
  const words = Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]);
  const text = words.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export interface SyntheticStory {
  words: number;
  /** the photo's pixel size; null for a missing photo; absent for none */
  photo?: { width: number; height: number } | null;
}

/** An article of `words` words in paragraphs of 15–70 words, with subheads in long ones. */
export function syntheticArticle(slug: string, spec: SyntheticStory, random: () => number, priority?: number): Article {
  const body: Article['body'] = [];
  let written = 0;
  for (let left = spec.words; left > 0; ) {
    const n = Math.min(left, 15 + Math.floor(random() * 55));
    body.push({ kind: 'paragraph', spans: [{ text: sentence(random, n), italic: false, bold: false }] });
    left -= n;
    written += n;
    if (spec.words > 900 && left > 200 && written > 400 && random() < 0.12) body.push({ kind: 'subhead', text: sentence(random, 2 + Math.floor(random() * 3)).slice(0, -1) });
  }
  const long = spec.words > 250;
  return {
    slug,
    sourcePath: `/synthetic/${slug}.md`,
    headline: sentence(random, 4 + Math.floor(random() * 6)).slice(0, -1),
    ...(long && random() < 0.7 ? { deck: sentence(random, 12 + Math.floor(random() * 14)) } : {}),
    bylines: long ? ['Jane Doe'] : [],
    source: 'The Morning Ledger',
    ...(random() < 0.6 ? { dateline: 'RIVERTON' } : {}),
    date: '2024-03-12',
    ...(spec.photo !== undefined ? { photo: { file: `photos/${slug}.jpg`, caption: sentence(random, 8 + Math.floor(random() * 16)), credit: 'Ledger photo' } } : {}),
    ...(priority !== undefined ? { priority } : {}),
    lang: 'en',
    body,
  };
}

/**
 * A random mix like a daily paper's: a few long stories, many medium ones, briefs; photos on
 * about a third of the stories, from 300 to 3,000 pixels wide, some missing.
 */
export function randomStories(count: number, random: () => number): SyntheticStory[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = random();
    const words = i === 0 ? 1500 + Math.floor(random() * 1000) : kind < 0.1 ? 1000 + Math.floor(random() * 1500) : kind < 0.65 ? 250 + Math.floor(random() * 600) : 50 + Math.floor(random() * 110);
    const withPhoto = i === 0 || (words > 200 && random() < 0.45);
    if (!withPhoto) return { words };
    if (random() < 0.08) return { words, photo: null };
    const width = 300 + Math.floor(random() * 2700);
    const aspect = [1.5, 1.33, 0.75, 1.78, 1][Math.floor(random() * 5)];
    return { words, photo: { width, height: Math.round(width / aspect) } };
  });
}

/** An edition of these stories (priority = their order) and what layout needs of their photos. */
export function syntheticEdition(stories: SyntheticStory[], seed: number, format: PageFormatName = 'tabloid'): { edition: Edition; photos: Map<string, PhotoInfo> } {
  const random = seededRandom(seed);
  const articles = stories.map((spec, i) => syntheticArticle(`story-${String(i + 1).padStart(3, '0')}`, spec, random, i + 1));
  const photos = new Map<string, PhotoInfo>();
  articles.forEach((a, i) => {
    const pixels = stories[i].photo;
    if (a.photo && pixels !== undefined) photos.set(`/synthetic/${a.photo.file}`, { pixels });
  });
  return { edition: { paper: 'The Morning Ledger', date: '2024-03-12', format, editionLine: 'Bench Edition', articles, sourcePath: '/synthetic' }, photos };
}

/**
 * The bench's daily edition: about 200 stories filling about 48 tabloid pages — a few long
 * stories, many of 300–800 words, many short ones and briefs; photos on about a third.
 */
export function benchStories(count: number, random: () => number): SyntheticStory[] {
  return Array.from({ length: count }, (_, i) => {
    const kind = random();
    const words = i === 0 ? 2200 : kind < 0.05 ? 1000 + Math.floor(random() * 1200) : kind < 0.4 ? 250 + Math.floor(random() * 250) : kind < 0.7 ? 120 + Math.floor(random() * 130) : 50 + Math.floor(random() * 70);
    const withPhoto = i === 0 || (words > 250 && random() < 0.4);
    if (!withPhoto) return { words };
    const width = 500 + Math.floor(random() * 2500);
    const aspect = [1.5, 1.33, 0.75, 1.78, 1][Math.floor(random() * 5)];
    return { words, photo: { width, height: Math.round(width / aspect) } };
  });
}
