// The typography targets of issue 3, measured on PageLayout the way typometrics.py measures a
// PDF: the seed page and three test articles (a brief, a long story with subheads, one of long
// words, numbers and URLs), each alone on a tabloid front page.
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { houseContext } from '../src/build/buildEdition.js';
import type { PhotoInfo } from '../src/flow/photoPlan.js';
import { loadEdition } from '../src/io/loadEdition.js';
import { typesetEdition } from '../src/typeset.js';
import { expectColumnRules, expectSoundPages, setBodyWords, sourceWords, textLines, wordSpacing } from './helpers/layoutChecks.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const ctx = houseContext();

const PAGES = [
  { name: 'the seed page', source: 'content/2022-11-15', maxHyphens: 12 },
  { name: 'a 120-word brief', source: 'tests/fixtures/articles/brief.md', maxHyphens: 12 },
  { name: 'a 1,000-word story with subheads', source: 'tests/fixtures/articles/feature-with-subheads.md', maxHyphens: 40 },
  { name: 'long words, numbers and URLs', source: 'tests/fixtures/articles/long-words-numbers.md', maxHyphens: 40 },
];

describe.each(PAGES)('$name', ({ source, maxHyphens }) => {
  const typeset = async () => {
    const edition = await loadEdition(resolve(ROOT, source));
    const photos = new Map<string, PhotoInfo>(
      edition.articles.filter((a) => a.photo).map((a) => [resolve(dirname(a.sourcePath), a.photo!.file), { pixels: null }]),
    );
    return { edition, result: typesetEdition(edition, photos, ctx) };
  };

  it('spaces words like TeX or better: mean ≤ 0.30 em, p95 ≤ 0.50, max ≤ 0.60, ≤ 2 loose lines (or ≤ 5 %)', async () => {
    const { result } = await typeset();
    const spacing = wordSpacing(result.pages);
    expect(spacing.lines).toBeGreaterThan(5);
    expect(spacing.mean).toBeLessThanOrEqual(0.3);
    expect(spacing.p95).toBeLessThanOrEqual(0.5);
    expect(spacing.max).toBeLessThanOrEqual(0.6);
    expect(spacing.loose).toBeLessThanOrEqual(Math.max(2, Math.floor(spacing.lines * 0.05)));
  });

  it('keeps the column rules (no widows, orphans, ≤ 2 hyphens in a row, balanced) and every word in order', async () => {
    const { edition, result } = await typeset();
    expectSoundPages(result);
    expectColumnRules(result);
    expect(setBodyWords(result.pages)).toEqual(sourceWords(edition.articles[0]));
    expect(result.stories[0].oversetLines).toBe(0);
    const hyphenated = textLines(result.pages, ['body']).filter((l) => l.hyphenated).length;
    expect(hyphenated).toBeLessThanOrEqual(maxHyphens);
  });
});
