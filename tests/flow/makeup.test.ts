// Makeup on small editions with fake metrics: a lead of about 1,500 words with a photo, four
// medium stories and three briefs. What every page plan must keep — the lead opens the front
// page, every story placed once (plus continuations that take up exactly where it stopped),
// modules tiling the page's module region, pages filled to the foot, jumps resolved to the right
// pages, briefs never jumping — and, laid out, every word of every story once and in order.
import { describe, expect, it } from 'vitest';
import { moduleRegion } from '../../src/flow/furniture.js';
import { continuationPages, resolveJumps } from '../../src/flow/jumps.js';
import { type MakeupResult, makeUpEdition, type PagePlan } from '../../src/flow/makeup.js';
import { type JumpWords, MIN_LINES_BEFORE_JUMP, type ModulePlan } from '../../src/flow/module.js';
import { layoutPage } from '../../src/flow/page.js';
import type { PhotoInfo } from '../../src/flow/photoPlan.js';
import type { StoryCopy } from '../../src/flow/storyCopy.js';
import type { Article } from '../../src/model/article.js';
import type { PageLayout, TextLine } from '../../src/model/layout.js';
import { expectNoBumpingHeads, storyWords } from '../helpers/editionChecks.js';
import { articleWords, copyOf, fakeArticle, fakeContext, geometryOf, photoPath, textItems } from '../helpers/flowFixtures.js';
import { expectSoundPages } from '../helpers/layoutChecks.js';

const g = geometryOf('tabloid');
const ctx = fakeContext();
const C = g.columns;
const furniture = { paper: 'The Morning Ledger', dateText: 'Tuesday, March 12, 2024' };

/** The edition: the lead (25 paragraphs of 10 lines, 1,476 words, a 2400 × 1600 px photo), four medium stories of 60–70 lines, three briefs. */
function sampleEdition(): { articles: Article[]; photos: Map<string, PhotoInfo> } {
  const lead = fakeArticle('lead', {
    lines: new Array<number>(25).fill(10),
    headline: 'River plan approved after long debate',
    deck: 'The plan adds two new bridges and a library',
    bylines: ['Jane Doe'],
    source: 'The Ledger',
    photo: { file: 'photos/lead.jpg', caption: 'The river at dawn', credit: 'Ledger photo' },
    letter: 'a',
  });
  const mediums = [
    { lines: new Array<number>(8).fill(8), headline: 'School board votes' },
    { lines: new Array<number>(11).fill(6), headline: 'Road repairs begin downtown' },
    { lines: new Array<number>(6).fill(10), headline: 'Team wins season opener', section: 'Sports' },
    { lines: new Array<number>(14).fill(5), headline: 'Housing plan draws crowd' },
  ].map((m, i) => fakeArticle(`medium-${i + 1}`, { ...m, letter: 'bcde'[i], bylines: ['Ann Lee'], source: 'The Ledger' }));
  const briefs = [
    { lines: [3], headline: 'Library opens' },
    { lines: [4, 2], headline: 'Bridge closed' },
    { lines: [2, 1, 3], headline: 'Park cleanup' },
  ].map((b, i) => fakeArticle(`brief-${i + 1}`, { ...b, letter: 'fgh'[i] }));
  const photos = new Map<string, PhotoInfo>([[photoPath(lead), { pixels: { width: 2400, height: 1600 } }]]);
  return { articles: [lead, ...mediums, ...briefs], photos };
}

/** Copies in the given order (rank = place in it), made up, jumps resolved, pages laid out. */
function makeUp(articles: Article[], photos: Map<string, PhotoInfo>, plan?: string[][]) {
  const copies = articles.map((a, rank) => copyOf(a, rank, g, ctx, photos));
  const result = makeUpEdition(copies, plan, g, ctx);
  const jumps = resolveJumps(result.pages);
  const pages: PageLayout[] = result.pages.map((p) => layoutPage(p, furniture, jumps, g, ctx).page);
  return { copies, result, jumps, pages };
}

const slugOf = (m: ModulePlan) => (m.kind === 'briefs' ? m.copies.map((c) => c.story.slug).join('+') : m.copy.story.slug);
/** Every module with its page, in page order. */
const modulesOf = (result: MakeupResult) => result.pages.flatMap((page) => page.modules.map((module) => ({ page: page.number, module })));

/** Modules inside the page's module region and columns, none on top of another; every grid cell not in a module is a cutoff's blank line or the unused foot. */
function expectTiled(page: PagePlan) {
  const region = moduleRegion(page.number, g);
  const owner: (string | undefined)[][] = Array.from({ length: g.grid.count }, () => new Array<string | undefined>(C).fill(undefined));
  for (const m of page.modules) {
    const { column, columns, top, bands } = m.area;
    const where = `${m.kind} ${slugOf(m)} ${JSON.stringify(m.area)} on page ${page.number}`;
    expect(column >= 0 && columns >= 1 && column + columns <= C, `${where}: columns`).toBe(true);
    expect(top >= region.top && bands >= 1 && top + bands <= region.foot, `${where}: inside grid lines [${region.top}, ${region.foot})`).toBe(true);
    for (let line = top; line < top + bands; line++) {
      for (let col = column; col < column + columns; col++) {
        expect(owner[line][col], `${where} overlaps ${owner[line][col]}`).toBeUndefined();
        owner[line][col] = slugOf(m);
      }
    }
  }
  const across = page.cutoffs.filter((c) => c.kind === 'across');
  const foot = region.foot - page.unusedBands;
  for (let line = region.top; line < region.foot; line++) {
    for (let col = 0; col < C; col++) {
      if (owner[line][col] !== undefined || line >= foot) continue;
      const cut = across.some((c) => c.band === line && c.column <= col && col < c.column + c.columns);
      expect(cut, `grid line ${line}, column ${col} of page ${page.number}: in no module, on no cutoff`).toBe(true);
    }
  }
  // a cutoff's line holds no module
  for (const c of across) for (let col = c.column; col < c.column + c.columns; col++) expect(owner[c.band][col], `cutoff on line ${c.band}`).toBeUndefined();
}

/** Per story: its parts in order (page and module). */
function partsOf(result: MakeupResult, copies: StoryCopy[]) {
  const parts = new Map<string, { page: number; module: ModulePlan }[]>(copies.map((c) => [c.story.slug, []]));
  for (const { page, module } of modulesOf(result)) {
    for (const copy of module.kind === 'briefs' ? module.copies : [module.copy]) parts.get(copy.story.slug)!.push({ page, module });
  }
  return parts;
}

const jumpText = (page: PageLayout, story: string) =>
  page.items.filter((i): i is TextLine => i.type === 'text' && i.role === 'jump' && i.story === story).map((l) => l.runs.map((r) => r.text).join(' '));

/** Each jump's words name the page of the part that takes it up, each continuation's the page it left; the laid-out pages carry them. Returns the number of jumps. */
function expectJumpWords(result: MakeupResult, jumps: Map<ModulePlan, JumpWords>, pages: PageLayout[]): number {
  const all = modulesOf(result);
  let count = 0;
  for (const { page, module } of all) {
    const words = jumps.get(module);
    if (module.kind === 'briefs') {
      expect(words).toBeUndefined();
      continue;
    }
    if (module.jump) {
      const jump = module.jump;
      const continuation = all.find((m) => m.module.kind === 'continuation' && m.module.copy === module.copy && m.module.from === jump.lines);
      expect(continuation, `the rest of ${module.copy.story.slug} from line ${jump.lines}`).toBeDefined();
      expect(words?.to).toBe(`Continued on Page ${continuation!.page}`);
      count++;
    } else expect(words?.to).toBeUndefined();
    if (module.kind === 'continuation') {
      const origin = all.find((m) => m.module.kind !== 'briefs' && m.module.copy === module.copy && m.module.jump?.lines === module.from);
      expect(origin, `the part of ${module.copy.story.slug} that stops at line ${module.from}`).toBeDefined();
      expect(origin!.page).toBeLessThan(page);
      expect(words?.from).toBe(`Continued from Page ${origin!.page}`);
    }
    for (const text of [words?.to, words?.from]) if (text) expect(jumpText(pages[page - 1], module.copy.story.slug)).toContain(text);
  }
  return count;
}

describe('makeUpEdition: a lead with a photo, four medium stories, three briefs', () => {
  const { articles, photos } = sampleEdition();
  const { copies, result, jumps, pages } = makeUp(articles, photos);

  it('the edition: the lead of 1,476 words, 253 grid lines deep; three briefs', () => {
    expect(copies.map((c) => c.story.words)).toEqual([1476, 377, 386, 355, 407, 18, 35, 34]);
    expect(copies[0].depth).toBe(253);
    expect(copies.map((c) => c.brief)).toEqual([false, false, false, false, false, true, true, true]);
    expect(result.moved).toEqual([]);
  });

  it('opens page 1 with the lead, at the top of the module region, at least all columns but one wide, its photo in it', () => {
    const first = result.pages[0].modules[0];
    expect(first.kind).toBe('story');
    if (first.kind !== 'story') return;
    expect(first.copy.rank).toBe(0);
    expect(first.area.top).toBe(moduleRegion(1, g).top);
    expect(first.area.columns).toBeGreaterThanOrEqual(C - 1);
    expect(first.level).toBe('lead');
    expect(first.photo).toBeDefined();
    // no module stands above it
    for (const m of result.pages[0].modules) expect(m.area.top).toBeGreaterThanOrEqual(first.area.top);
    // its head is the largest of the edition
    const heads = pages.flatMap((p) => textItems(p.items, ['headline']));
    const leadSize = Math.max(...heads.filter((h) => h.story === 'lead').map((h) => h.runs[0].size));
    expect(leadSize).toBeGreaterThanOrEqual(ctx.theme.headline.minSize);
    for (const h of heads.filter((h) => h.story !== 'lead')) expect(h.runs[0].size, `head of ${h.story}`).toBeLessThan(leadSize);
  });

  it('places every story once as a first part, then only continuations; briefs only in briefs modules, never jumping', () => {
    const parts = partsOf(result, copies);
    for (const copy of copies) {
      const list = parts.get(copy.story.slug)!;
      const firsts = list.filter((p) => p.module.kind !== 'continuation');
      expect(firsts, `first parts of ${copy.story.slug}`).toHaveLength(1);
      expect(list[0].module.kind, `${copy.story.slug} starts with its first part`).not.toBe('continuation');
      if (copy.brief) {
        expect(list.map((p) => p.module.kind)).toEqual(['briefs']);
      } else {
        expect(list[0].module.kind).toBe('story');
        expect(list.slice(1).every((p) => p.module.kind === 'continuation')).toBe(true);
      }
    }
    for (const { module } of modulesOf(result)) if (module.kind === 'briefs') expect(module.copies.every((c) => c.brief)).toBe(true);
  });

  it('continues each jump on a later page, from the line it stopped at, to the story’s end', () => {
    const parts = partsOf(result, copies);
    let jumpsSeen = 0;
    for (const copy of copies.filter((c) => !c.brief)) {
      const list = parts.get(copy.story.slug)!;
      for (let i = 0; i < list.length; i++) {
        const { page, module } = list[i];
        if (module.kind === 'briefs') continue;
        const jump = module.jump;
        if (!jump) {
          expect(i, `${copy.story.slug}: a part after its last`).toBe(list.length - 1);
          continue;
        }
        jumpsSeen++;
        const from = module.kind === 'continuation' ? module.from : 0;
        const bodyLinesSet = copy.lines.slice(from, jump.lines).filter((l) => l.role === 'body').length;
        expect(bodyLinesSet, `${copy.story.slug} sets at least ${MIN_LINES_BEFORE_JUMP} body lines before its jump`).toBeGreaterThanOrEqual(MIN_LINES_BEFORE_JUMP);
        expect(jump.lines).toBeLessThan(copy.lines.length);
        const next = list[i + 1];
        expect(next, `${copy.story.slug} continues`).toBeDefined();
        expect(next.page).toBeGreaterThan(page);
        expect(next.module.kind).toBe('continuation');
        if (next.module.kind === 'continuation') {
          expect(next.module.from).toBe(jump.lines);
          expect(result.pages[next.page - 1].continuedFrom.get(next.module)).toBe(page);
        }
      }
    }
    // the lead, 253 grid lines deep, cannot stay whole on page 1
    expect(jumpsSeen).toBeGreaterThanOrEqual(1);
    expect(continuationPages(result.pages).get('lead')?.length).toBeGreaterThanOrEqual(1);
  });

  it('tiles each page’s module region with its modules and cutoff lines', () => {
    expect(result.pages.length).toBeGreaterThanOrEqual(2);
    for (const page of result.pages) expectTiled(page);
  });

  it('fills every page but the last to the foot', () => {
    for (const page of result.pages.slice(0, -1)) expect(page.unusedBands, `page ${page.number}`).toBe(0);
    expect(result.pages.map((p) => p.number)).toEqual(result.pages.map((_, i) => i + 1));
  });

  it('resolveJumps: "Continued on Page N" names the page of the continuation, "Continued from Page M" the page it left', () => {
    expect(expectJumpWords(result, jumps, pages)).toBeGreaterThanOrEqual(1);
  });

  it('laid out: every word of every story once and in order across its jumps, every page sound, no bumping heads', () => {
    for (const article of articles) expect(storyWords(pages, article.slug), article.slug).toEqual(articleWords(article));
    expectSoundPages({ pages, stories: [], makeup: [], warnings: [] });
    expectNoBumpingHeads({ pages, stories: [], makeup: [], warnings: [] });
  });

  // BUG (see tests/flow/module.test.ts, "faults of jumping modules"): the lead takes a 4-column
  // frame that runs to its module's foot; its text runs in column 1 only and "Continued on
  // Page 2" stands alone in column 5, under the caption.
  it('sets every "Continued on Page N" right under the last line of its story’s text, in the same column', () => {
    for (const page of pages) {
      const lines = textItems(page.items);
      for (const jump of lines.filter((l) => l.role === 'jump' && l.runs[0].text.startsWith('Continued on'))) {
        const above = lines.filter((l) => l.story === jump.story && l.role === 'body' && Math.abs(l.box.x - jump.box.x) < 1e-6 && Math.abs(l.baseline + g.grid.leading - jump.baseline) < 1e-6);
        expect(above, `"${jump.runs[0].text}" of ${jump.story} on page ${page.number}`).toHaveLength(1);
      }
    }
  });

  it('the running head of the page with the Sports story names SPORTS; the front page has a nameplate instead', () => {
    const sports = result.pages.find((p) => p.modules.some((m) => m.kind === 'story' && m.copy.story.slug === 'medium-3'))!;
    expect(sports.number).toBe(2);
    // no story before it on the page names a section
    const runningHead = textItems(pages[1].items, ['runningHead']);
    expect(runningHead).toHaveLength(1);
    expect(runningHead[0].runs.map((r) => r.text)).toEqual(['2', 'SPORTS', 'The Morning Ledger  ·  Tuesday, March 12, 2024']);
    expect(textItems(pages[0].items, ['runningHead'])).toHaveLength(0);
    expect(textItems(pages[0].items, ['nameplate'])).toHaveLength(1);
  });
});

describe('makeUpEdition with a page plan', () => {
  const { articles, photos } = sampleEdition();
  const bySlug = new Map(articles.map((a) => [a.slug, a]));

  it('puts each planned story’s first part on its page', () => {
    const plan = [
      ['lead', 'medium-2', 'brief-1'],
      ['medium-4', 'medium-1', 'brief-3'],
      ['medium-3', 'brief-2'],
    ];
    // stories in the plan's order, as typesetEdition orders them
    const { copies, result, pages } = makeUp(plan.flat().map((s) => bySlug.get(s)!), photos, plan);
    expect(result.moved).toEqual([]);
    const parts = partsOf(result, copies);
    plan.forEach((slugs, p) => {
      for (const slug of slugs) expect(parts.get(slug)!.find((x) => x.module.kind !== 'continuation')!.page, slug).toBe(p + 1);
    });
    expect(result.pages[0].modules[0].kind === 'story' && result.pages[0].modules[0].copy.story.slug).toBe('lead');
    for (const page of result.pages) expectTiled(page);
    for (const article of articles) expect(storyWords(pages, article.slug), article.slug).toEqual(articleWords(article));
  });

  it('jumps planned stories rather than move them, until the page cannot hold even their jumps; then moves them on and says so', () => {
    // 6 medium stories planned on page 1 with the lead: all on page 1 (most jump)
    const mediums = Array.from({ length: 12 }, (_, i) =>
      fakeArticle(`m${i + 1}`, { lines: new Array<number>(8).fill(8), letter: 'bcdefghijklm'[i], headline: `Medium story ${i + 1}`, bylines: ['Ann Lee'], source: 'The Ledger' }),
    );
    const lead = bySlug.get('lead')!;
    const six = makeUp([lead, ...mediums.slice(0, 6)], photos, [['lead', ...mediums.slice(0, 6).map((m) => m.slug)]]);
    expect(six.result.moved).toEqual([]);
    const sixParts = partsOf(six.result, six.copies);
    for (const m of mediums.slice(0, 6)) expect(sixParts.get(m.slug)![0].page, m.slug).toBe(1);
    // 12: page 1 holds the lead and the first of them; the last ones in the plan move to page 2, and say so
    const twelve = makeUp([lead, ...mediums], photos, [['lead', ...mediums.map((m) => m.slug)]]);
    const moved = twelve.result.moved.map((m) => m.slug);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved).toEqual(mediums.slice(12 - moved.length).map((m) => m.slug));
    for (const m of twelve.result.moved) expect(m).toMatchObject({ planned: 1, page: 2 });
    const parts = partsOf(twelve.result, twelve.copies);
    for (const m of twelve.result.moved) expect(parts.get(m.slug)![0].page, m.slug).toBeGreaterThanOrEqual(2);
    for (const m of mediums.slice(0, 12 - moved.length)) expect(parts.get(m.slug)![0].page, m.slug).toBe(1);
    // page 1's jumps continue on pages 2 and 3
    expect(twelve.result.pages.length).toBeGreaterThanOrEqual(3);
    for (const r of [six, twelve]) {
      expect(expectJumpWords(r.result, r.jumps, r.pages)).toBeGreaterThan(0);
      for (const page of r.result.pages) expectTiled(page);
      for (const article of [lead, ...mediums.slice(0, r.copies.length - 1)]) expect(storyWords(r.pages, article.slug), article.slug).toEqual(articleWords(article));
    }
  });
});

describe('makeUpEdition: small editions', () => {
  it('a single short story is the lead, on one page, whole — not a brief', () => {
    const a = fakeArticle('only', { lines: [3, 2] });
    const { copies, result, pages } = makeUp([a], new Map());
    expect(copies[0].brief).toBe(false);
    expect(result.pages).toHaveLength(1);
    expect(result.pages[0].modules.map((m) => m.kind)).toEqual(['story']);
    expect(storyWords(pages, 'only')).toEqual(articleWords(a));
  });

  it('briefs alone fill one page and never jump', () => {
    const briefs = Array.from({ length: 6 }, (_, i) => fakeArticle(`b${i}`, { lines: [2 + (i % 3), 3], letter: 'mnopqr'[i], headline: `Brief ${i + 1} headline` }));
    const lead = fakeArticle('lead', { lines: [6, 6, 6, 6] });
    const { copies, result, pages } = makeUp([lead, ...briefs], new Map());
    expect(copies.slice(1).every((c) => c.brief)).toBe(true);
    for (const { module } of modulesOf(result)) {
      if (module.kind === 'continuation') expect(module.copy.brief).toBe(false);
      if (module.kind === 'story') expect(module.copy.brief).toBe(false);
    }
    for (const page of result.pages) expectTiled(page);
    for (const a of [lead, ...briefs]) expect(storyWords(pages, a.slug), a.slug).toEqual(articleWords(a));
  });
});
