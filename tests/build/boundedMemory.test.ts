// Huge input in bounded memory, without timing anything: a story longer than a page keeps its
// breaks, not its set words, and sets them again to the very same lines; the pages of an
// edition are laid out one at a time and let go once painted (neither the core nor the painter
// keeps them); and a 100,000-word story builds in a process whose JavaScript heap is capped at
// 96 MB, which holding the whole story composed, or every page laid out, would overrun.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticArticle } from '../../src/bench/syntheticEdition.js';
import { houseContext } from '../../src/build/buildEdition.js';
import { composeParagraph } from '../../src/compose/composeParagraph.js';
import { bodyLines } from '../../src/flow/bodyLines.js';
import { prepareCopy, SET_ON_DEMAND_WORDS } from '../../src/flow/storyCopy.js';
import { articleToMarkdown } from '../../src/import/articleToMarkdown.js';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { Edition } from '../../src/model/article.js';
import type { PageLayout } from '../../src/model/layout.js';
import { openPdf, paintPdf } from '../../src/render/pdfPainter.js';
import { PROFILES } from '../../src/render/profiles.js';
import { styleArticle } from '../../src/style/styleArticle.js';
import { typesetEdition, typesetPages } from '../../src/typeset.js';
import { removeAll, runCli, tempDir } from '../cli/runCli.js';
import { geometryOf } from '../helpers/flowFixtures.js';

const made: string[] = [];
afterAll(async () => {
  await removeAll(made);
});

/** A story of `words` words without a photo, in paragraphs of 15–70 words. */
const longStory = (words: number, seed = 9) => {
  const article = syntheticArticle(`long-${words}`, { words }, seededRandom(seed));
  delete article.photo;
  return article;
};
const editionOf = (article: ReturnType<typeof longStory>): Edition => ({ paper: 'The Morning Ledger', date: '2024-03-12', format: 'tabloid', articles: [article], sourcePath: '/synthetic' });

/**
 * V8's collector, for WeakRef checks (the flag is set before the function is made). A WeakRef
 * keeps its target until the task that made it ends: collect in a later task.
 */
function collector(): () => Promise<void> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  return async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await gc();
  };
}

const ctx = houseContext();

describe('a story longer than a page', () => {
  it('keeps its lines unset and sets them on demand to exactly what composing them gives', () => {
    const article = longStory(SET_ON_DEMAND_WORDS + 1500);
    const story = styleArticle(article, ctx.theme);
    const g = geometryOf();
    const copy = prepareCopy(story, 0, new Map(), g, ctx);
    const bylines = story.bylines.map((p) => composeParagraph(p, g.columnWidth, ctx.metrics, ctx.hyphenatorFor(p.lang), ctx.breakOptions));
    const composed = story.body.map((p) => composeParagraph(p, g.columnWidth, ctx.metrics, ctx.hyphenatorFor(p.lang), ctx.breakOptions));
    const eager = bodyLines(bylines, composed);
    expect(copy.lines.length).toBe(eager.length);
    expect(copy.units).toEqual(eager.map((l) => l.unit));
    // in order, and again out of order (paragraphs set again after being let go)
    for (const i of [...eager.keys(), ...[...eager.keys()].reverse().filter((i) => i % 7 === 0)]) {
      const [a, b] = [copy.lines[i], eager[i]];
      expect({ line: a.line, role: a.role, position: a.position }, `line ${i}`).toEqual({ line: b.line, role: b.role, position: b.position });
    }
    expect(copy.composed.map((p) => [p.lines.length, p.badLines, p.looseLines, p.demerits, p.brokenWords])).toEqual(
      composed.map((p) => [p.lines.length, p.badLines, p.looseLines, p.demerits, p.brokenWords]),
    );
  });
});

describe('pages one at a time', () => {
  const gc = collector();
  const article = longStory(40_000);

  it('typesetPages lays a page out when asked for it and keeps none; the same pages as typesetEdition', async () => {
    const typeset = typesetPages(editionOf(article), new Map(), ctx);
    expect(typeset.pageCount).toBeGreaterThan(12);
    const whole = typesetEdition(editionOf(article), new Map(), ctx);
    expect(whole.pages.length).toBe(typeset.pageCount);
    const iterator = typeset.pages[Symbol.iterator]();
    const refs: WeakRef<PageLayout>[] = [];
    expect(() => typeset.finish()).toThrow(/laid out/);
    for (let n = 0; ; n++) {
      const next = iterator.next();
      if (next.done) break;
      expect(JSON.stringify(next.value), `page ${n + 1}`).toBe(JSON.stringify(whole.pages[n]));
      refs.push(new WeakRef(next.value));
    }
    await gc();
    // every page handed out has been let go by the core (the test holds none)
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    const reports = typeset.finish();
    expect(reports.stories).toEqual(whole.stories);
    expect(reports.makeup).toEqual(whole.makeup);
  });

  it('the painter keeps no page it painted, and page by page makes the bytes paintPdf makes of them all', async () => {
    const { pages } = typesetEdition(editionOf(longStory(12_000, 3)), new Map(), ctx);
    expect(pages.length).toBeGreaterThan(4);
    const settings = { fonts: loadFonts(), images: new Map<string, Buffer>(), profile: PROFILES.press, meta: { title: 'T', author: 'The Morning Ledger', subject: 'S', keywords: 'k', date: '2024-03-12' } };
    const whole = await paintPdf({ ...settings, pages });
    const chunks: Buffer[] = [];
    const painter = openPdf({ ...settings, pageCount: pages.length }, (chunk) => chunks.push(chunk));
    const refs: WeakRef<PageLayout>[] = [];
    // bytes handed out by the time each page is painted and a tick has passed (what a build writes before the next page)
    const handedOut: number[] = [];
    const size = () => chunks.reduce((sum, c) => sum + c.length, 0);
    // a copy of each page, referenced by nothing but the painter once painted
    const paintCopy = (page: PageLayout) => {
      const copy = JSON.parse(JSON.stringify(page)) as PageLayout;
      refs.push(new WeakRef(copy));
      painter.page(copy);
    };
    for (const page of pages) {
      paintCopy(page);
      await new Promise((resolve) => setImmediate(resolve));
      handedOut.push(size());
    }
    await gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    await painter.end();
    const streamed = Buffer.concat(chunks);
    expect(streamed.equals(whole)).toBe(true);
    // the bytes come as the pages are painted, not all at the end: each page hands out more,
    // and what is left for the end (the fonts, the page tree, the cross-reference table) is
    // less than the pages before it
    for (let i = 1; i < handedOut.length; i++) expect(handedOut[i]).toBeGreaterThan(handedOut[i - 1]);
    expect(whole.length - handedOut[handedOut.length - 1]).toBeLessThan(handedOut[handedOut.length - 1]);
  });
});

describe('stonehand build of a 100,000-word story', () => {
  it('builds every page, nothing overset, in a JavaScript heap of 96 MB', async () => {
    const dir = await tempDir('stonehand-huge-');
    made.push(dir);
    const file = join(dir, 'huge.md');
    const article = longStory(100_000, 5);
    await writeFile(file, articleToMarkdown({ ...article, sourcePath: file }));
    // before pages were laid out and painted one at a time, this build needed some 330 MB of heap
    const result = await runCli(['build', file, '--out', join(dir, 'out'), '--json'], { env: { NODE_OPTIONS: '--max-old-space-size=96' }, timeoutMs: 120_000 });
    expect(result.status, result.stderr.slice(0, 2000)).toBe(0);
    const report = JSON.parse(result.stdout) as { files: string[]; pages: number; stories: { words: number; oversetLines: number; continuedOn: number[] }[] };
    expect(report.pages).toBeGreaterThan(40);
    expect(report.stories).toHaveLength(1);
    expect(report.stories[0].oversetLines).toBe(0);
    expect(report.stories[0].continuedOn).toEqual(Array.from({ length: report.pages - 1 }, (_, i) => i + 2));
    const pdf = (await readFile(report.files[0])).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b/g)).toHaveLength(report.pages);
  }, 150_000);
});
