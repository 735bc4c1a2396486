// Fuzzing the Markdown path (fast-check, in-process; a few runs through the command line):
// - articles written in Markdown from known words (paragraphs, subheads, lists, quotes nested
//   to any depth, emphasis, images, random YAML front matter values) read back with every word,
//   and typeset with every word of every part once;
// - random front matter (any YAML a user could write, valid or not) and random text after it
//   either read, or stop with one ContentError — never another exception or a hang.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { houseContext } from '../../src/build/buildEdition.js';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import type { Article } from '../../src/model/article.js';
import { ContentError, type Warning } from '../../src/model/errors.js';
import { typesetEdition } from '../../src/typeset.js';
import { removeAll, runCli, stackLines, tempDir } from '../cli/runCli.js';
import { expectSoundPages } from '../helpers/layoutChecks.js';
import { expectEveryPartOnce } from '../helpers/storyParts.js';
import { plainText, plainWord } from './arbitraries.js';

const ctx = houseContext();
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

/** A Markdown block made of known words, and the words it must read back as. */
interface MdBlock {
  markdown: string;
  words: string[];
}
const split = (t: string) => t.split(' ').filter(Boolean);

const mdBlock: fc.Arbitrary<MdBlock> = fc.oneof(
  { weight: 8, arbitrary: plainText(1, 80).map((t) => ({ markdown: t, words: split(t) })) },
  // emphasis inside a paragraph
  {
    weight: 2,
    arbitrary: fc.tuple(plainText(1, 10), plainText(1, 6), plainText(1, 10), fc.constantFrom('*', '_', '**', '__', '***')).map(([a, b, c, mark]) => ({ markdown: `${a} ${mark}${b}${mark} ${c}`, words: split(`${a} ${b} ${c}`) })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 6 }), plainText(1, 8)).map(([level, t]) => ({ markdown: `${'#'.repeat(level)} ${t}`, words: split(t) })) },
  // quotes nested to any depth (thousands included)
  { weight: 2, arbitrary: fc.tuple(fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 10, max: 3000 })), plainText(1, 30)).map(([depth, t]) => ({ markdown: `${'>'.repeat(depth)} ${t}`, words: split(t) })) },
  // lists, nested to any depth
  {
    weight: 2,
    arbitrary: fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), plainText(1, 12)), { minLength: 1, maxLength: 12 }).map((items) => {
      // each item at most one level deeper than the one before
      let level = 0;
      const lines = items.map(([want, t], i) => {
        level = i === 0 ? 0 : Math.min(want, level + 1);
        return `${'  '.repeat(level)}- ${t}`;
      });
      return { markdown: lines.join('\n'), words: items.flatMap(([, t]) => ['•', ...split(t)]) };
    }),
  },
  // an image: reported, not printed; the words around it stay
  { weight: 1, arbitrary: fc.tuple(plainText(1, 8), plainWord, plainText(1, 8)).map(([a, alt, b]) => ({ markdown: `${a} ![${alt}](photos/${alt}.jpg) ${b}`, words: split(`${a} ${b}`) })) },
);

/** Front matter values: known keys with fitting values, written by a YAML library. */
const frontMatter = fc.record(
  {
    headline: plainText(1, 14),
    deck: plainText(1, 40),
    bylines: fc.array(plainText(1, 3), { maxLength: 3 }),
    source: plainText(1, 4),
    dateline: plainWord.map((w) => w.toUpperCase()),
    section: plainWord,
    priority: fc.integer({ min: -5, max: 50 }),
    jump: plainText(1, 3),
  },
  { requiredKeys: ['headline'] },
);

describe('fuzzing the Markdown path', () => {
  it('reads every word of random Markdown articles and sets each once', () => {
    fc.assert(
      fc.property(frontMatter, fc.array(mdBlock, { minLength: 1, maxLength: 14 }), (front, blocks) => {
        const text = `---\n${stringify(front)}---\n\n${blocks.map((b) => b.markdown).join('\n\n')}\n`;
        const warnings: Warning[] = [];
        const article = parseArticleMarkdown(text, '/virtual/story.md', (w) => warnings.push(w));
        // every word of the body reads back, in order (list markers as set)
        const read = article.body.flatMap((b) => (b.kind === 'subhead' ? split(b.text) : [...(b.kind === 'listItem' ? ['•'] : []), ...split(b.spans.map((s) => s.text).join(''))]));
        const expected = blocks.flatMap((b) => b.words);
        // an ordered marker never appears: lists here are bulleted
        expect(read).toEqual(expected);
        // images are reported, one warning each
        const images = blocks.filter((b) => b.markdown.includes('!['));
        expect(warnings.filter((w) => w.message.startsWith('image ')).length).toBe(images.length);
        const result = typesetEdition({ paper: 'The Fuzz Ledger', date: '2024-01-02', format: 'tabloid', articles: [article], sourcePath: '/virtual' }, new Map(), ctx);
        expectSoundPages(result);
        expectEveryPartOnce(result, [article]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);

  it('reads random front matter and random text, or stops with one ContentError', () => {
    /** Any YAML value a user might write under any key, known or not. */
    const scalar = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: true }), fc.string({ unit: 'grapheme' }));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 4 })),
    })).v;
    const keys = fc.constantFrom('headline', 'deck', 'bylines', 'source', 'dateline', 'date', 'photo', 'section', 'priority', 'lang', 'jump', 'title', 'author', 'file', 'caption');
    const yamlText = fc.oneof(
      // valid YAML, any values
      { weight: 3, arbitrary: fc.dictionary(fc.oneof(keys, fc.string({ maxLength: 10 })), value, { maxKeys: 8 }).map((d) => stringify(d)) },
      // hand-written lines: anchors, aliases, tags, flow collections, broken quotes
      {
        weight: 3,
        arbitrary: fc
          .array(fc.tuple(keys, fc.constantFrom('', '&a ', '*a', '*b ', '!!str ', '!!binary ', '[', '{', '"', "'", '|', '>', '? ', '- ', '%', '@', '`', '*Exclusive*'), fc.string({ maxLength: 20 })), { maxLength: 8 })
          .map((lines) => lines.map(([k, mark, rest]) => `${k}: ${mark}${rest}`).join('\n')),
      },
      // anything at all
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
    );
    const body = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }), plainText(1, 50));
    fc.assert(
      fc.property(yamlText, body, fc.boolean(), (yaml, text, typeset) => {
        let article: Article;
        try {
          article = parseArticleMarkdown(`---\n${yaml}\n---\n\n${text}\n`, '/virtual/story.md', () => {});
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
          expect(error.file).toBe('/virtual/story.md');
          return;
        }
        if (!typeset) return;
        try {
          const result = typesetEdition({ paper: 'The Fuzz Ledger', date: '2024-01-02', format: 'letter', articles: [article], sourcePath: '/virtual' }, new Map(), ctx);
          expectSoundPages(result);
        } catch (error) {
          if (!(error instanceof ContentError)) throw error;
        }
      }),
      { seed: SEED, numRuns: RUNS * 10, endOnFailure: true },
    );
  }, 600_000);
});

describe('fuzzing the command line (a few runs)', () => {
  const made: string[] = [];
  afterAll(async () => {
    await removeAll(made);
  });

  it('builds random articles or refuses them with one message: exit 0 or 1, no stack, no raw control characters', async () => {
    const samples = fc.sample(fc.tuple(frontMatter, fc.array(mdBlock, { minLength: 1, maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 40 })), { seed: SEED, numRuns: 3 });
    const dir = await tempDir('stonehand-fuzz-cli-');
    made.push(dir);
    for (const [i, [front, blocks, junk]] of samples.entries()) {
      const folder = join(dir, `${i}`);
      await mkdir(folder);
      // the third gets junk in its headline: refused or built, said cleanly
      const headline = i === 2 ? { ...front, headline: `${front.headline} ${junk}` } : front;
      await writeFile(join(folder, 'story.md'), `---\n${stringify({ ...headline, date: '2024-01-02' })}---\n\n${blocks.map((b) => b.markdown).join('\n\n')}\n`);
      const result = await runCli(['build', join(folder, 'story.md'), '--out', join(folder, 'out')]);
      expect([0, 1], result.stderr).toContain(result.status);
      expect(stackLines(result.stderr)).toEqual([]);
      expect(result.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      if (result.status === 1) expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 120_000);
});
