// The text layer of both sample editions, every page, read back as archives and search engines
// read it (DESIGN.md, "Measuring ourselves"): poppler's `pdftotext -raw` (content stream order)
// and plain `pdftotext` (its layout analysis), and MuPDF's `mutool draw -F txt`.
//
// Each edition is built once by the command line (press profile) and laid out once more in
// process, as buildEdition lays it out (photos by their pixel sizes), for what the pages hold.
// The words expected are the article sources' (`sourceWords`: the body with its dateline run-in).
//
// What the extractors do with the page, as measured (poppler 22.12, MuPDF 1.21):
// - `-raw` writes the lines in the order the painter draws them: page furniture, then module by
//   module (src/flow/page.ts), each module's headline, deck, photo credit and caption, byline and
//   source, then its body column by column, then its jump line. So a story's body on a page is
//   one unbroken stretch of the -raw text, and -raw must give it word for word in order, right
//   after "Continued from Page M" on a page it continues on and right before "Continued on Page
//   N" where it jumps. It keeps the hyphen of a word broken at a line end ("deter-" / "rence");
//   `textWords` rejoins it. -raw splits words only at gaps wider than 0.15 em, whatever space
//   characters are drawn (0.2 em in poppler since 2025: with such a poppler the 0.151 em spaces
//   of tight lines would read run together).
// - plain `pdftotext` reads the columns of a multi-column module side by side, line by line, on
//   many pages, so a story's words are not in order there; and it joins a line ending in "-" to
//   the next line *it* reads, dropping the hyphen, even when that line is in the next column
//   ("make sure a dri-" + "give a warmer" → "drigive") and even for a compound's own hyphen
//   ("great-" / "grandchildren" → "greatgrandchildren"). So plain mode is checked as a multiset:
//   every word of the page (the stories' source words, the furniture's printed words) is there
//   as a word of its own, a word broken at a line end as its two pieces, nothing lost or added;
//   a token that is a line-end piece glued to another word of the page counts as those two.
// - mutool ends words at the space characters drawn, reads column by column and story by story,
//   keeps line-end hyphens and joins nothing: it is held to the same order as -raw, and to the
//   same multiset as plain mode.
import { resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preflightPdf } from '../../src/preflight/index.js';
import { type BuildReport, houseContext, photoInfos, photoPpiFor } from '../../src/build/buildEdition.js';
import { loadEdition } from '../../src/io/loadEdition.js';
import type { Edition } from '../../src/model/article.js';
import type { GlyphRun, PageLayout, TextLine } from '../../src/model/layout.js';
import { typesetEdition, type TypesetResult } from '../../src/typeset.js';
import { removeAll, ROOT, runCli, tempDir, type CliResult } from '../cli/runCli.js';
import { sourceWords } from '../helpers/layoutChecks.js';
import { normaliseWord } from '../helpers/pdf.js';
import { mutoolPages, pdftotextPages, pdftotextVersion, textWords } from '../helpers/poppler.js';

// ---------------------------------------------------------------------------------------------
// Words and their comparison

/**
 * A word as compared: NFKC (ligatures, "…"), typographer's quotes and apostrophes as straight
 * ones, Unicode hyphens as "-", soft hyphens dropped. Case and punctuation are kept, so that a
 * dash or a quote run into a word ("—For") is a different word.
 */
function comparable(word: string): string {
  return word
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\u00ad/g, '');
}

/** One word of -raw text: as read, and (rejoined at a line-end hyphen) with the hyphen kept. */
interface Token {
  text: string;
  alt?: string;
}

const rawTokens = (text: string): Token[] =>
  textWords(text).map((w) => (w.keptHyphen === undefined ? { text: comparable(w.text) } : { text: comparable(w.text), alt: comparable(w.keptHyphen) }));

const matches = (token: Token, word: string) => token.text === word || token.alt === word;
const show = (words: readonly (string | Token)[]) => `"${words.map((w) => (typeof w === 'string' ? w : w.text)).join(' ')}"`;

/** The press sheet's slug line, outside the trim ("… · Page 2 of 6 · press · …"): not page text. */
const SLUG = / · Page \d+ of \d+ · /;
const withoutSlug = (text: string) =>
  text
    .split('\n')
    .filter((l) => !SLUG.test(l))
    .join('\n');

/** Where a story's words stand in the -raw text of one of its pages: tokens [start, end), its words [from, to). */
interface StoryPart {
  page: number;
  start: number;
  end: number;
  from: number;
  to: number;
}

/** How many words must agree for the comparison to pick up again after a difference. */
const ANCHOR = 3;
/** The most words skipped on either side to find where it picks up again. */
const MAX_SKIP = 8;

function runLength(tokens: readonly Token[], i: number, expected: readonly string[], k: number): number {
  let n = 0;
  while (i + n < tokens.length && k + n < expected.length && matches(tokens[i + n], expected[k + n])) n++;
  return n;
}

/**
 * Follows a story's words (`expected`) through the -raw words of its pages, in order: on each
 * page, one unbroken stretch (the longest found), picking up on the next page where it stopped.
 * Every difference is reported — a word missing, added, run into its neighbour, out of order —
 * with the page and the words around it; the comparison picks up again where `ANCHOR` words
 * agree within `MAX_SKIP` words.
 */
function followStory(expected: readonly string[], pages: readonly { page: number; tokens: readonly Token[] }[]): { parts: StoryPart[]; problems: string[] } {
  const parts: StoryPart[] = [];
  const problems: string[] = [];
  let k = 0;
  for (const { page, tokens } of pages) {
    if (k >= expected.length) {
      problems.push(`page ${page}: the story has no words left for this page`);
      continue;
    }
    // where the story (re)starts on this page: the longest stretch, skipping as few words as may be
    let best = { i: -1, b: 0, n: 0 };
    for (let b = 0; b <= MAX_SKIP && k + b < expected.length; b++) {
      for (let i = 0; i < tokens.length; i++) {
        const n = runLength(tokens, i, expected, k + b);
        if (n > best.n) best = { i, b, n };
      }
    }
    if (best.n === 0) {
      problems.push(`page ${page}: none of the story's words from ${show(expected.slice(k, k + 6))} on`);
      continue;
    }
    if (best.b > 0) {
      const read = tokens.slice(Math.max(0, best.i - best.b - 1), best.i);
      problems.push(`page ${page}: expected ${show(expected.slice(k, k + best.b))} before ${show(expected.slice(k + best.b, k + best.b + 4))}, read ${show(read)} there`);
    }
    k += best.b;
    let i = best.i;
    const part: StoryPart = { page, start: i, end: i, from: k, to: k };
    for (;;) {
      const n = runLength(tokens, i, expected, k);
      i += n;
      k += n;
      if (k >= expected.length || i >= tokens.length) break;
      let resync: { a: number; b: number } | undefined;
      search: for (let total = 1; total <= 2 * MAX_SKIP; total++) {
        for (let a = 0; a <= Math.min(total, MAX_SKIP); a++) {
          const b = total - a;
          if (b > MAX_SKIP || k + b >= expected.length) continue;
          if (runLength(tokens, i + a, expected, k + b) >= Math.min(ANCHOR, expected.length - k - b)) {
            resync = { a, b };
            break search;
          }
        }
      }
      if (!resync) break; // the story stops here on this page
      problems.push(
        `page ${page}: expected ${show(expected.slice(k, k + resync.b))}, read ${show(tokens.slice(i, i + resync.a))} ` +
          `(after ${show(expected.slice(Math.max(0, k - 4), k))})`,
      );
      i += resync.a;
      k += resync.b;
    }
    part.end = i;
    part.to = k;
    parts.push(part);
  }
  if (k < expected.length) {
    const last = parts.at(-1);
    const context = last ? ` (page ${last.page} reads on: ${show(pages.find((p) => p.page === last.page)!.tokens.slice(last.end, last.end + 8))})` : '';
    problems.push(`${expected.length - k} of ${expected.length} words not read, from ${show(expected.slice(k, k + 6))}${context}`);
  }
  return { parts, problems };
}

/**
 * Adjacent words (of `sequences`) that the text reads as one token: a token equal to the two run
 * together, in `comparable` form or lower-cased without punctuation, that the text holds more
 * often than the page's words (`expected`) do ("Along" may be a word of the page; "A" + "long"
 * read as a second "Along" is not). A token rejoined at a line-end hyphen reads as the page has
 * it, with or without the hyphen.
 */
function gluedPairs(tokens: readonly Token[], sequences: readonly (readonly string[])[], expected: readonly string[]): string[] {
  const words = new Set(expected);
  const count = (list: readonly string[]) => {
    const n = new Map<string, number>();
    for (const w of list) n.set(w, (n.get(w) ?? 0) + 1);
    return n;
  };
  const reading = tokens.map((t) => (t.alt !== undefined && words.has(t.alt) ? t.alt : t.text));
  const [read, readN] = [count(reading), count(reading.map(normaliseWord))];
  const [want, wantN] = [count(expected), count(expected.map(normaliseWord))];
  // one report a token read, with the first pair it joins
  const glued = new Map<string, string>();
  for (const seq of sequences) {
    for (let i = 0; i + 1 < seq.length; i++) {
      const [a, b] = [seq[i], seq[i + 1]];
      let asRead: string | undefined;
      if ((read.get(a + b) ?? 0) > (want.get(a + b) ?? 0)) asRead = a + b;
      const [na, nb] = [normaliseWord(a), normaliseWord(b)];
      if (asRead === undefined && na !== '' && nb !== '' && (readN.get(na + nb) ?? 0) > (wantN.get(na + nb) ?? 0)) {
        asRead = reading.find((r) => normaliseWord(r) === na + nb);
      }
      if (asRead !== undefined && !glued.has(asRead)) glued.set(asRead, `"${a}" + "${b}" read as "${asRead}"`);
    }
  }
  return [...glued.values()];
}

/** Extracted text as tokens for a multiset: split on white space, nothing joined. */
const plainTokens = (text: string): string[] =>
  text
    .split(/[\s\u00a0]+/)
    .filter((w) => w !== '')
    .map(comparable);

/**
 * Compares the words of a page as multisets: `expected` against `tokens`. A token that is not
 * expected as it stands may be a line-end piece (`heads`) with its hyphen ("dri-", where the
 * extractor's line goes on into the next column), or such a piece run into the word the
 * extractor read next ("dri" + "give"): it counts as those words. Returns what is missing and
 * what is extra.
 */
function multisetDifference(expected: readonly string[], tokens: readonly string[], heads: ReadonlySet<string>): { missing: string[]; extra: string[] } {
  const left = new Map<string, number>();
  for (const w of expected) left.set(w, (left.get(w) ?? 0) + 1);
  const take = (w: string) => {
    const n = left.get(w) ?? 0;
    if (n === 0) return false;
    left.set(w, n - 1);
    return true;
  };
  const give = (w: string) => left.set(w, (left.get(w) ?? 0) + 1);
  const split = (t: string): boolean => {
    for (const h of heads) {
      if (t.length <= h.length || !t.startsWith(h) || !take(h)) continue;
      const rest = t.slice(h.length);
      if (take(rest) || split(rest)) return true;
      give(h);
    }
    return false;
  };
  // a line-end piece read with its hyphen ("dri-"), where the extractor did not join it
  const piece = (t: string) => /[\p{L}\p{N}]-$/u.test(t) && heads.has(t.slice(0, -1)) && take(t.slice(0, -1));
  const unmatched = tokens.filter((t) => !take(t));
  const extra = unmatched.filter((t) => !piece(t) && !split(t));
  const missing = [...left].flatMap(([w, n]) => Array<string>(n).fill(w));
  return { missing, extra };
}

// ---------------------------------------------------------------------------------------------
// The layout's words

/** A line's words as printed: its runs with a space at every gap (runs that touch are one word). */
function printedWords(runs: readonly GlyphRun[]): string[] {
  return runs
    .map((r, i) => (i > 0 && r.x > runs[i - 1].x + runs[i - 1].width + 0.01 ? ' ' : '') + r.text)
    .join('')
    .split(/[\s\u00a0]+/)
    .filter((w) => w !== '');
}

/** A word as set: whole, and its pieces when a line end cuts it (the added or compound hyphen dropped, a dash kept). */
interface SetWord {
  word: string;
  pieces: string[];
}

/** The words of consecutive lines (one story's body, or one caption), a word cut at a line end joined. */
function setWords(lines: readonly TextLine[]): SetWord[] {
  const out: SetWord[] = [];
  let cut: string | undefined;
  let cutHyphenated = false;
  for (const line of lines) {
    const words = printedWords(line.runs);
    words.forEach((w, i) => {
      if (i === 0 && cut !== undefined) {
        const head = cut.replace(/-$/, '');
        out.push({ word: cutHyphenated ? head + w : cut + w, pieces: [head, w] });
        cut = undefined;
      } else if (i === words.length - 1 && (line.hyphenated || line.midWord)) {
        cut = w;
        cutHyphenated = line.hyphenated ?? false;
      } else {
        out.push({ word: w, pieces: [w] });
      }
    });
  }
  if (cut !== undefined) out.push({ word: cut, pieces: [cut] });
  return out;
}

const isText = (i: PageLayout['items'][number]): i is TextLine => i.type === 'text';
const BODY = new Set(['body', 'subhead']);

/** A story's body lines on a page, in drawing order. */
const bodyLinesOf = (page: PageLayout, slug: string) => page.items.filter(isText).filter((l) => l.story === slug && BODY.has(l.role));

/**
 * The printed words of a page's lines other than story bodies (furniture, heads, captions, jump
 * lines, placeholder labels): whole, as pieces where a line end cuts a word, and line by line.
 */
function furnitureWords(page: PageLayout): { words: string[]; pieces: string[]; heads: string[]; lines: string[][] } {
  const groups = new Map<string, TextLine[]>();
  const words: string[] = [];
  const pieces: string[] = [];
  const heads: string[] = [];
  const lines: string[][] = [];
  for (const item of page.items) {
    if (item.type === 'placeholder') {
      // the label's lines, one a baseline
      for (const baseline of new Set(item.label.map((r) => r.baseline))) {
        const line = printedWords(item.label.filter((r) => r.baseline === baseline));
        words.push(...line);
        pieces.push(...line);
        lines.push(line);
      }
    }
    if (!isText(item) || BODY.has(item.role)) continue;
    const key = `${item.story ?? ''}\u0000${item.role}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
    lines.push(printedWords(item.runs));
  }
  for (const group of groups.values()) {
    for (const w of setWords(group)) {
      words.push(w.word);
      pieces.push(...w.pieces);
      if (w.pieces.length > 1) heads.push(w.pieces[0]);
    }
  }
  return { words, pieces, heads, lines };
}

// ---------------------------------------------------------------------------------------------
// The editions, built once

interface Built {
  dir: string;
  pdf: string;
  report: BuildReport;
  layout: TypesetResult;
  /** the source words of each story, `comparable` */
  words: Map<string, string[]>;
  /** each story's pages: where it starts, then where it continues */
  pagesOf: Map<string, number[]>;
}

const EDITIONS = [
  { name: 'the seed edition (2022-11-15)', dir: 'content/2022-11-15', pages: 1 },
  { name: 'the 18-story, 6-page edition (2024-03-12)', dir: 'content/2024-03-12', pages: 6 },
];

const made: string[] = [];
const built = new Map<string, Built>();
const cache = new Map<string, unknown>();
const memo = <T>(key: string, make: () => T): T => {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
};

/** The layout buildEdition makes for the press profile: photos by their pixel sizes, a missing one as a placeholder. */
async function layOut(dir: string): Promise<{ edition: Edition; layout: TypesetResult }> {
  const edition = await loadEdition(resolve(ROOT, dir));
  return { edition, layout: typesetEdition(edition, await photoInfos(edition), houseContext(photoPpiFor('press', 'newsprint'))) };
}

beforeAll(async () => {
  // the command line builds both editions while this process lays them out
  const builds: Promise<{ out: string; result: CliResult }>[] = EDITIONS.map(async ({ dir }) => {
    const out = await tempDir('stonehand-sample-text-');
    made.push(out);
    return { out, result: await runCli(['build', dir, '--out', out, '--json']) };
  });
  const layouts: { edition: Edition; layout: TypesetResult }[] = [];
  for (const { dir } of EDITIONS) layouts.push(await layOut(dir));
  const results = await Promise.all(builds);
  EDITIONS.forEach(({ dir }, n) => {
    const { result } = results[n];
    if (result.status !== 0) throw new Error(`build ${dir} failed (${result.status}):\n${result.stderr}`);
    const report = JSON.parse(result.stdout) as BuildReport;
    const { edition, layout } = layouts[n];
    built.set(dir, {
      dir,
      pdf: report.files[0],
      report,
      layout,
      words: new Map(edition.articles.map((a) => [a.slug, sourceWords(a).map(comparable)])),
      pagesOf: new Map(report.stories.map((s) => [s.slug, [s.page, ...s.continuedOn]])),
    });
  });
});

afterAll(async () => {
  await removeAll(made);
});

/** Each page's extracted text, the slug line left out. */
function pagesText(b: Built, tool: 'raw' | 'plain' | 'mutool'): string[] {
  return memo(`${b.dir}:${tool}`, () => (tool === 'mutool' ? mutoolPages(b.pdf) : pdftotextPages(b.pdf, tool)).map(withoutSlug));
}

/** Per story, where its words stand in the -raw (or mutool) text of its pages, and what differs. */
function reading(b: Built, tool: 'raw' | 'mutool'): Map<string, { parts: StoryPart[]; problems: string[] }> {
  return memo(`${b.dir}:${tool}:reading`, () => {
    const pages = pagesText(b, tool).map(rawTokens);
    return new Map(
      b.report.stories.map((s) => [s.slug, followStory(b.words.get(s.slug)!, b.pagesOf.get(s.slug)!.map((page) => ({ page, tokens: pages[page - 1] })))]),
    );
  });
}

/** Per page, per story on it: its words as set on that page (from the layout), in order. */
function setWordsByPage(b: Built): Map<number, Map<string, SetWord[]>> {
  return memo(`${b.dir}:set`, () => {
    const out = new Map<number, Map<string, SetWord[]>>();
    for (const page of b.layout.pages) {
      const stories = new Map<string, SetWord[]>();
      for (const slug of new Set(page.items.filter(isText).flatMap((l) => (l.story && BODY.has(l.role) ? [l.story] : [])))) {
        stories.set(slug, setWords(bodyLinesOf(page, slug)));
      }
      out.set(page.number, stories);
    }
    return out;
  });
}

/**
 * The words a page must read as: each story's source words, as many as the layout sets on the
 * page (in order: the page's share of a jumping story), and the printed words of everything
 * else; whole, and for a multiset with a word the layout cuts at a line end as its two pieces
 * (`heads`: the first pieces).
 */
function expectedOnPage(b: Built, page: PageLayout): { words: string[]; pieces: string[]; heads: Set<string> } {
  const furniture = furnitureWords(page);
  const words = furniture.words.map(comparable);
  const pieces = furniture.pieces.map(comparable);
  const heads = new Set(furniture.heads.map(comparable));
  const byPage = setWordsByPage(b);
  for (const [slug, set] of byPage.get(page.number)!) {
    const source = b.words.get(slug)!;
    // the story's words set on its earlier pages
    let from = 0;
    for (const p of b.pagesOf.get(slug)!) {
      if (p === page.number) break;
      from += byPage.get(p)?.get(slug)?.length ?? 0;
    }
    source.slice(from, from + set.length).forEach((word, i) => {
      words.push(word);
      const w = set[i];
      if (w && w.pieces.length > 1 && comparable(w.word) === word) {
        pieces.push(...w.pieces.map(comparable));
        heads.add(comparable(w.pieces[0]));
      } else pieces.push(word);
    });
  }
  return { words, pieces, heads };
}

const TOOLS = { raw: 'pdftotext -raw', plain: 'pdftotext', mutool: 'mutool draw -F txt' } as const;

describe.each(EDITIONS)('$name: the text layer of every page', ({ dir, pages }) => {
  const b = () => built.get(dir)!;

  it('is the layout the command line built (same pages, stories, jumps and modules)', () => {
    const { report, layout } = b();
    expect(report.pages).toBe(pages);
    expect(layout.pages).toHaveLength(report.pages);
    expect(JSON.parse(JSON.stringify(layout.stories))).toEqual(report.stories);
    expect(JSON.parse(JSON.stringify(layout.makeup))).toEqual(report.makeup);
    expect(pagesText(b(), 'raw'), 'one page of -raw text a page').toHaveLength(pages);
    // every story with body text starts on its page and continues only where the report says
    for (const s of report.stories) {
      const onPages = layout.pages.filter((p) => bodyLinesOf(p, s.slug).length > 0).map((p) => p.number);
      expect(onPages, s.slug).toEqual(b().pagesOf.get(s.slug));
    }
  });

  it('layout: every story sets its source words, in order, across its pages', () => {
    const problems: string[] = [];
    for (const [slug, words] of b().words) {
      const set = b()
        .pagesOf.get(slug)!
        .flatMap((p) => setWordsByPage(b()).get(p)?.get(slug) ?? [])
        .map((w) => comparable(w.word));
      if (JSON.stringify(set) !== JSON.stringify(words)) {
        const at = words.findIndex((w, i) => set[i] !== w);
        problems.push(`${slug}: word ${at} is ${JSON.stringify(set[at])}, the source has ${JSON.stringify(words[at])} (${set.length} set, ${words.length} written)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(['raw', 'mutool'] as const)('%s: every story reads word for word, in order, across its pages (hyphens the hyphenator added rejoined)', (tool) => {
    const problems = [...reading(b(), tool)].flatMap(([slug, r]) => r.problems.map((p) => `${slug}: ${p}`));
    expect(problems, tool === 'raw' ? `pdftotext ${pdftotextVersion()} -raw` : TOOLS[tool]).toEqual([]);
    // and the reading covers each story: one stretch a page, the words as many as the layout sets there
    for (const [slug, { parts }] of reading(b(), tool)) {
      expect(parts.map((p) => p.page), slug).toEqual(b().pagesOf.get(slug));
      expect(
        parts.map((p) => p.to - p.from),
        slug,
      ).toEqual(parts.map((p) => setWordsByPage(b()).get(p.page)!.get(slug)!.length));
    }
  });

  it.each(['raw', 'plain', 'mutool'] as const)('%s: every word of every page is there as a word of its own, nothing lost or added (multiset)', (tool) => {
    const problems: string[] = [];
    const text = pagesText(b(), tool);
    for (const page of b().layout.pages) {
      const { pieces, heads } = expectedOnPage(b(), page);
      const { missing, extra } = multisetDifference(pieces, plainTokens(text[page.number - 1]), heads);
      if (missing.length > 0) problems.push(`page ${page.number}: missing ${JSON.stringify(missing)}`);
      if (extra.length > 0) problems.push(`page ${page.number}: not expected ${JSON.stringify(extra)}`);
    }
    expect(problems, TOOLS[tool]).toEqual([]);
  });

  it.each(['raw', 'mutool'] as const)('%s: no word runs into its neighbour, on any page', (tool) => {
    const problems: string[] = [];
    const text = pagesText(b(), tool);
    for (const page of b().layout.pages) {
      const stories = [...setWordsByPage(b()).get(page.number)!.keys()].map((slug) => b().words.get(slug)!);
      const furniture = furnitureWords(page).lines.map((l) => l.map(comparable));
      const tokens = rawTokens(text[page.number - 1]);
      for (const glued of gluedPairs(tokens, [...stories, ...furniture], expectedOnPage(b(), page).words)) problems.push(`page ${page.number}: ${glued}`);
    }
    expect(problems, tool === 'raw' ? `pdftotext ${pdftotextVersion()} -raw` : TOOLS[tool]).toEqual([]);
  });

  it.each(['raw', 'plain', 'mutool'] as const)('%s: every "Continued on Page N" has its "Continued from Page M" on page N', (tool) => {
    const text = pagesText(b(), tool).map((t) => t.replace(/\s+/g, ' '));
    const on: string[] = [];
    const from: string[] = [];
    text.forEach((t, i) => {
      for (const m of t.matchAll(/Continued on Page (\d+)/g)) on.push(`${i + 1} → ${m[1]}`);
      for (const m of t.matchAll(/Continued from Page (\d+)/g)) from.push(`${m[1]} → ${i + 1}`);
    });
    expect(from.sort(), TOOLS[tool]).toEqual(on.sort());
    for (const jump of on) {
      const [m, n] = jump.split(' → ').map(Number);
      expect(n, jump).toBeGreaterThan(m);
      expect(n, jump).toBeLessThanOrEqual(pages);
    }
    // the jumps the report gives, no more, no fewer
    const jumps = [...b().pagesOf.values()].flatMap((p) => p.slice(1).map((n, i) => `${p[i]} → ${n}`));
    expect(on.sort()).toEqual(jumps.sort());
  });

  it('pdftotext -raw: each jumping story breaks off right before its "Continued on Page N" and picks up right after its "Continued from Page M"', () => {
    const problems: string[] = [];
    const pagesTokens = pagesText(b(), 'raw').map(rawTokens);
    for (const [slug, { parts }] of reading(b(), 'raw')) {
      parts.forEach((part, j) => {
        const tokens = pagesTokens[part.page - 1];
        if (j + 1 < parts.length) {
          const after = tokens.slice(part.end, part.end + 4).map((t) => t.text);
          const want = ['Continued', 'on', 'Page', String(parts[j + 1].page)];
          if (after.join(' ') !== want.join(' ')) problems.push(`${slug}, page ${part.page}: after its last word ${show(after)}, not "${want.join(' ')}"`);
        }
        if (j > 0) {
          const before = tokens.slice(Math.max(0, part.start - 4), part.start).map((t) => t.text);
          const want = ['Continued', 'from', 'Page', String(parts[j - 1].page)];
          if (before.join(' ') !== want.join(' ')) problems.push(`${slug}, page ${part.page}: before its first word ${show(before)}, not "${want.join(' ')}"`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('layout: every gap between the runs of a justified body line is at least 0.15 em (pdftotext -raw splits words there)', () => {
    const problems: string[] = [];
    let lines = 0;
    for (const page of b().layout.pages) {
      for (const line of page.items.filter(isText)) {
        if (line.role !== 'body' || !line.position || line.position.line === line.position.lines - 1) continue;
        lines++;
        for (let i = 1; i < line.runs.length; i++) {
          const [left, right] = [line.runs[i - 1], line.runs[i]];
          const gap = right.x - (left.x + left.width);
          if (gap <= 0.01) continue; // runs that touch are parts of one word
          const em = gap / Math.max(left.size, right.size);
          if (em < 0.15) {
            problems.push(`page ${page.number}, ${line.story}: ${em.toFixed(4)} em between "${left.text}" (${left.font}) and "${right.text}" (${right.font}) in "${printedWords(line.runs).join(' ')}"`);
          }
        }
      }
    }
    expect(lines).toBeGreaterThan(pages * 20);
    expect(problems).toEqual([]);
  });
});

describe.each(EDITIONS)('$name: the press PDF', ({ dir }) => {
  it('passes our preflight without a finding: every photo at 200 ppi or better, in grey, boxes and output intent in place', async () => {
    const b = built.get(dir)!;
    const result = preflightPdf(await readFile(b.pdf), b.pdf, { condition: 'newsprint' });
    expect(result.findings.map((f) => f.message)).toEqual([]);
    expect(result.passed).toBe(true);
  });
});

describe('the comparisons fail where they should', () => {
  const seed = () => built.get('content/2022-11-15')!;

  /** The -raw text of the seed page with a word glued to the next, one dropped, two swapped and one repeated, in four body lines. */
  function spoiled(): { text: string; glued: [string, string]; dropped: string; swapped: [string, string]; repeated: string } {
    const lines = pagesText(seed(), 'raw')[0].split('\n');
    const start = lines.findIndex((l) => l.startsWith('BALI'));
    // body lines of five words or more, whole words only (no hyphen at either end), one apart
    const plain = (n: number) => {
      const w = lines[n].split(' ');
      return w.length >= 5 && !/-$/.test(lines[n]) && !/-$/.test(lines[n - 1]) && new Set(w).size === w.length;
    };
    const picked: number[] = [];
    for (let n = start + 2; n < lines.length && picked.length < 4; n++) if (plain(n) && !picked.includes(n - 1)) picked.push(n);
    expect(picked).toHaveLength(4);
    const words = picked.map((n) => lines[n].split(' '));
    const glued: [string, string] = [words[0][1], words[0][2]];
    lines[picked[0]] = [words[0][0], words[0][1] + words[0][2], ...words[0].slice(3)].join(' ');
    const dropped = words[1][2];
    lines[picked[1]] = [...words[1].slice(0, 2), ...words[1].slice(3)].join(' ');
    const swapped: [string, string] = [words[2][1], words[2][2]];
    lines[picked[2]] = [words[2][0], words[2][2], words[2][1], ...words[2].slice(3)].join(' ');
    const repeated = words[3][2];
    lines[picked[3]] = [...words[3].slice(0, 3), repeated, ...words[3].slice(3)].join(' ');
    return { text: lines.join('\n'), glued, dropped, swapped, repeated };
  }

  it('-raw in order: a glued, a missing, a swapped and a repeated word are each reported, and the true text passes', () => {
    const [slug, words] = [...seed().words][0];
    const clean = followStory(words, [{ page: 1, tokens: rawTokens(pagesText(seed(), 'raw')[0]) }]);
    expect(clean.problems, slug).toEqual([]);
    const { text, glued, dropped, swapped, repeated } = spoiled();
    const { problems } = followStory(words, [{ page: 1, tokens: rawTokens(text) }]);
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain(`expected "${comparable(glued[0])} ${comparable(glued[1])}", read "${comparable(glued[0] + glued[1])}"`);
    expect(problems[1]).toContain(`expected "${comparable(dropped)}", read ""`);
    expect(problems[2]).toContain(`expected "${swapped.map(comparable).join(' ')}", read "${[...swapped].reverse().map(comparable).join(' ')}"`);
    expect(problems[3]).toContain(`expected "", read "${comparable(repeated)}"`);
    // a word lost at the end of the story
    const cut = followStory([...words, 'lost'], [{ page: 1, tokens: rawTokens(pagesText(seed(), 'raw')[0]) }]);
    expect(cut.problems).toEqual([expect.stringContaining('1 of')]);
  });

  it('glued words: the pair run together is reported', () => {
    const { text, glued } = spoiled();
    const words = [...seed().words.values()];
    const { words: expected } = expectedOnPage(seed(), seed().layout.pages[0]);
    expect(gluedPairs(rawTokens(pagesText(seed(), 'raw')[0]), words, expected)).toEqual([]);
    expect(gluedPairs(rawTokens(text), words, expected)).toEqual([`"${comparable(glued[0])}" + "${comparable(glued[1])}" read as "${comparable(glued[0] + glued[1])}"`]);
    // a dash run into the next word ("—For") is caught too, and run together in another case
    const riverton = ['RIVERTON', '—', 'For', 'six', 'weeks'];
    expect(gluedPairs(rawTokens('RIVERTON —For six weeks'), [riverton], riverton)).toEqual(['"—" + "For" read as "—For"']);
    expect(gluedPairs(rawTokens('RIVERTON — For sixweeks'), [riverton], riverton)).toEqual(['"six" + "weeks" read as "sixweeks"']);
    expect(gluedPairs(rawTokens('RIVERTON — For Sixweeks'), [riverton], riverton)).toEqual(['"six" + "weeks" read as "Sixweeks"']);
    // a word that is on the page anyway is not taken for two run together, unless it is read once too often
    const along = ['A', 'long', 'night', 'Along', 'the', 'river'];
    expect(gluedPairs(rawTokens('A long night Along the river'), [along], along)).toEqual([]);
    expect(gluedPairs(rawTokens('Along night Along the river'), [along], along)).toEqual(['"A" + "long" read as "Along"']);
  });

  it('multiset: the dropped word is missing, the glued pair is extra, a line-end piece run into the next column’s word is not', () => {
    const page = seed().layout.pages[0];
    const { pieces, heads } = expectedOnPage(seed(), page);
    const { text, glued, dropped } = spoiled();
    const { missing, extra } = multisetDifference(pieces, plainTokens(text), heads);
    expect(missing.sort()).toEqual([comparable(dropped), ...glued.map(comparable)].sort());
    expect(extra.sort()).toEqual([comparable(glued[0] + glued[1]), comparable(spoiled().repeated)].sort());
    expect(multisetDifference(['make', 'dri', 'ver', 'give'], ['make', 'drigive', 'ver'], new Set(['dri']))).toEqual({ missing: [], extra: [] });
    expect(multisetDifference(['make', 'dri', 'ver', 'give'], ['make', 'drigive'], new Set(['dri']))).toEqual({ missing: ['ver'], extra: [] });
  });
});
