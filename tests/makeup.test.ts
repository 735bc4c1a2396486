// Page makeup, property-tested over generated editions (1 to about 48 tabloid pages, 1 to 80
// stories of random lengths, photos of random pixel sizes, some missing): every word of every
// story exactly once and in order across its jumps; every module inside the type area and none
// on top of another; every jump line answered on its page; no photo under its target unless
// one column wide; no two heads side by side on one line; every body line on the grid.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { houseContext } from '../src/build/buildEdition.js';
import { type SyntheticStory, syntheticEdition } from '../src/bench/syntheticEdition.js';
import { PAGE_FORMATS, pageGeometry } from '../src/flow/geometry.js';
import type { PageFormatName } from '../src/model/article.js';
import { typesetEdition } from '../src/typeset.js';
import { expectEveryWordOnce, expectHeadHierarchy, expectJumpsMatch, expectModulesTile, expectNoBumpingHeads, expectPhotosSharp } from './helpers/editionChecks.js';
import { expectSoundPages } from './helpers/layoutChecks.js';

const ctx = houseContext();

/** A story: a brief, a medium story or a long one; a third with a photo of 250 to 3,000 px, some missing. */
const story: fc.Arbitrary<SyntheticStory> = fc
  .record({
    words: fc.oneof(fc.integer({ min: 40, max: 140 }), fc.integer({ min: 150, max: 800 }), fc.integer({ min: 800, max: 3000 })),
    photo: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: fc.record({ width: fc.integer({ min: 250, max: 3000 }), aspect: fc.constantFrom(0.67, 0.75, 1, 1.33, 1.5, 1.78, 2.4) }) },
    ),
  })
  .map(({ words, photo }) => (photo === undefined ? { words } : { words, photo: photo === null ? null : { width: photo.width, height: Math.round(photo.width / photo.aspect) } }));

function checkEdition(stories: SyntheticStory[], seed: number, format: PageFormatName = 'tabloid') {
  const { edition, photos } = syntheticEdition(stories, seed, format);
  const g = pageGeometry(PAGE_FORMATS[format], ctx.theme.body.leading);
  const result = typesetEdition(edition, photos, ctx);
  expectSoundPages(result);
  expectModulesTile(result, g.columns);
  expectEveryWordOnce(result, edition.articles);
  expectJumpsMatch(result);
  expectPhotosSharp(result, new Map([...photos].map(([path, info]) => [path, info.pixels])), ctx.photoPpi, g.columnWidth);
  expectNoBumpingHeads(result);
  const briefs = new Set(result.makeup.flatMap((p) => p.modules.filter((m) => m.kind === 'briefs').flatMap((m) => m.stories)));
  expectHeadHierarchy(result, edition.articles[0].slug, briefs);
  for (const s of result.stories) expect(s.oversetLines, `${s.slug} overset`).toBe(0);
  // the lead opens the front page
  const first = result.makeup[0].modules[0];
  expect(first.stories).toEqual([edition.articles[0].slug]);
  expect(first.line).toBe(Math.min(...result.makeup[0].modules.map((m) => m.line)));
  return result;
}

describe('makeup of generated editions', () => {
  it('keeps every rule on random editions of 1 to 80 stories, in every format', () => {
    const format = fc.constantFrom<PageFormatName>('tabloid', 'tabloid', 'broadsheet', 'berliner', 'letter', 'a4');
    fc.assert(
      fc.property(fc.array(story, { minLength: 1, maxLength: 80 }), fc.integer({ min: 1, max: 1000 }), format, (stories, seed, f) => {
        checkEdition(stories, seed, f);
      }),
      { seed: 20240312, numRuns: 40, endOnFailure: true, verbose: 1 },
    );
  });

  it('keeps every rule from a single brief to about 48 pages of long stories', () => {
    const pages: number[] = [];
    for (const [count, words] of [
      [1, 60],
      [3, 400],
      [40, 1700],
    ] as const) {
      const stories = Array.from({ length: count }, (_, i) => ({ words: words + ((i * 37) % 300), ...(i % 4 === 0 ? { photo: { width: 1200 + ((i * 97) % 1800), height: 900 } } : {}) }));
      pages.push(checkEdition(stories, count).pages.length);
    }
    expect(pages[0]).toBe(1);
    expect(pages[2]).toBeGreaterThanOrEqual(40);
  });
});
