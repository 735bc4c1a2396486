// The seed edition's PDF read back with pdfjs: every word of the article is on the page, in
// reading order, and every font is embedded and subset.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import type { Article } from '../../src/model/article.js';
import { pressSheet } from '../../src/render/sheet.js';
import { ARTICLE, PDF_NAME, removeAll, runCli, tempDir } from '../cli/runCli.js';
import {
  STANDARD_14,
  alignWords,
  normalisedPdfWords,
  normalisedWords,
  rawBaseFonts,
  rawFontDescriptors,
  rawObjects,
  rawToUnicodeTargets,
  readPdf,
  sameLine,
  wordsOf,
  type PdfPage,
  type PdfWord,
} from '../helpers/pdf.js';

const made: string[] = [];
let article: Article;
let bytes: Buffer;
let page: PdfPage;
let words: PdfWord[];

/** Builds `content/2022-11-15` with the CLI into a fresh folder; returns the PDF bytes. */
async function buildSample(extra: string[] = []): Promise<Buffer> {
  const out = await tempDir('stonehand-pdf-');
  made.push(out);
  const result = await runCli(['build', 'content/2022-11-15', '--out', out, ...extra]);
  if (result.status !== 0) throw new Error(`build failed (${result.status}):\n${result.stderr}`);
  const suffix = extra.includes('office') ? '-office' : extra.includes('archive') ? '-archive' : '';
  return readFile(join(out, '2022-11-15', PDF_NAME.replace(/\.pdf$/, `${suffix}.pdf`)));
}

beforeAll(async () => {
  article = parseArticleMarkdown(await readFile(ARTICLE, 'utf8'), ARTICLE);
  bytes = await buildSample();
  const pages = await readPdf(bytes);
  expect(pages).toHaveLength(1);
  page = pages[0];
  // the page itself: what lies inside the trim (the slug line outside it repeats the paper's name)
  const { trim } = pressSheet(792, 1224);
  const onPage = page.items.filter((i) => i.x >= trim.left && i.x <= trim.right && i.y >= trim.bottom && i.y <= trim.top);
  expect(onPage.length).toBeLessThan(page.items.length);
  words = normalisedPdfWords(wordsOf(onPage));
});

afterAll(async () => {
  await removeAll(made);
});

/** The body as one text: each paragraph's span texts, paragraphs separated by a space. */
function bodyText(a: Article): string {
  return a.body
    .map((block) => (block.kind === 'subhead' ? block.text : block.spans.map((s) => s.text).join('')))
    .join(' ');
}

/** Expects the words of `text` to be on the page as one unbroken run; returns where. */
function expectOnPage(text: string, label: string): number {
  const expected = normalisedWords(text);
  expect(expected.length, `${label} has words`).toBeGreaterThan(0);
  const { start, actual } = alignWords(words, expected);
  expect(start, `${label}: "${expected[0]}" is not on the page`).toBeGreaterThanOrEqual(0);
  expect(actual, `${label} as read back from the PDF`).toEqual(expected);
  return start;
}

describe('text read back from the PDF', () => {
  it('has one page: a tabloid trim on a press sheet with room for marks and slug', () => {
    const sheet = pressSheet(792, 1224);
    expect(page.width).toBeCloseTo(sheet.media.right, 0);
    expect(page.height).toBeCloseTo(sheet.media.top, 0);
    expect(sheet.trim.right - sheet.trim.left).toBeCloseTo(792, 6);
    expect(sheet.trim.top - sheet.trim.bottom).toBeCloseTo(1224, 6);
  });

  it('contains every word of the body, in order, after the dateline (line-end hyphens rejoined)', () => {
    const expected = normalisedWords(`${article.dateline} ${bodyText(article)}`);
    expect(expected.length).toBeGreaterThan(250);
    const { start, actual } = alignWords(words, expected);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(actual).toEqual(expected);
    // the body is the last text on the page: nothing of it is left over or repeated
    expect(words.length - start).toBe(expected.length);
  });

  it('keeps real hyphens: "U.S.-China" and "face-to-face" come back whole', () => {
    const joinedOrKept = words.flatMap((w) => [w.text, w.keptHyphen ?? w.text]);
    expect(joinedOrKept).toContain('us-china'); // "U.S.-China", normalised
    expect(joinedOrKept).toContain('face-to-face');
    // and line-end hyphens are gone: no word read back (before normalising) ends with a hyphen
    const raw = wordsOf(page.items);
    expect(raw.map((w) => w.text).filter((t) => /\p{L}-$/u.test(t))).toEqual([]);
    const rawJoinedOrKept = raw.flatMap((w) => [w.text, w.keptHyphen ?? w.text]);
    expect(rawJoinedOrKept).toContain('U.S.-China');
    expect(rawJoinedOrKept).toContain('face-to-face');
  });

  it('rejoins the words the composer hyphenated', () => {
    const rejoined = words.filter((w) => w.keptHyphen !== undefined).map((w) => w.text);
    expect(rejoined.length, 'the seed body has hyphenated line ends').toBeGreaterThan(0);
    const body = new Set(normalisedWords(bodyText(article)));
    for (const w of rejoined) expect(body.has(w), `rejoined "${w}" is a word of the body`).toBe(true);
  });

  it('contains the headline, deck, bylines, source, caption and credit', () => {
    expectOnPage(article.headline, 'headline');
    expectOnPage(article.deck!, 'deck');
    for (const name of article.bylines) expectOnPage(name, `byline ${name}`);
    expectOnPage(article.source!, 'source');
    expectOnPage(article.photo!.caption!, 'caption');
    expectOnPage(article.photo!.credit!, 'credit');
  });

  it('draws the dateline "BALI\u00a0— " in bold at the start of the first paragraph', () => {
    const index = page.items.findIndex((i) => /^BALI[\s\u00a0]+—/.test(i.str));
    expect(index, page.items.map((i) => i.str).join('|')).toBeGreaterThanOrEqual(0);
    const item = page.items[index];
    const font = page.fonts.find((f) => f.id === item.fontName);
    expect(font?.name).toMatch(/Bold/);
    // the next word drawn is the first word of the body, in a regular (not bold) face (the rest
    // of the line's words follow in the same run: the painter draws the spaces between them)
    const next = page.items.slice(index + 1).find((i) => i.str.trim() !== '')!;
    const firstWord = (article.body[0] as { spans: { text: string }[] }).spans[0].text.split(' ')[0];
    expect(next.str.split(' ')[0]).toBe(firstWord);
    expect(sameLine(item, next)).toBe(true);
    expect(page.fonts.find((f) => f.id === next.fontName)?.name).not.toMatch(/Bold/);
    // pdfjs reports U+00A0 as a plain space; the font's ToUnicode map shows a no-break space was drawn
    expect(rawToUnicodeTargets(bytes).has('00A0'), 'a glyph maps to U+00A0 (no-break space)').toBe(true);
  });

  it('is drawn in reading order: nameplate, folio, headline, deck, credit/caption, byline, body', () => {
    const at = (text: string) => alignWords(words, normalisedWords(text)).start;
    const nameplate = at('The Morning Ledger');
    const folio = at('Page 1');
    const headline = at(article.headline);
    const deck = at(article.deck!);
    const credit = at(article.photo!.credit!);
    const caption = at(article.photo!.caption!);
    const byline = at(article.bylines[0]);
    const body = at(`${article.dateline} ${bodyText(article)}`);
    expect(nameplate).toBe(0);
    expect(folio).toBeGreaterThan(nameplate);
    expect(headline).toBeGreaterThan(folio);
    expect(deck).toBeGreaterThan(headline);
    expect(Math.min(credit, caption)).toBeGreaterThan(deck);
    expect(byline).toBeGreaterThan(Math.max(credit, caption));
    expect(body).toBeGreaterThan(byline);
  });

  it('sets the body column by column: down each column, then to the top of the next one on the right', () => {
    const expected = normalisedWords(`${article.dateline} ${bodyText(article)}`);
    const { start } = alignWords(words, expected);
    const items = words.slice(start, start + expected.length).map((w) => w.items[0]);
    let columns = 1;
    for (let k = 1; k < items.length; k++) {
      const [a, b] = [items[k - 1], items[k]];
      if (a === b) continue; // two words in one run
      if (sameLine(a, b)) expect(b.x, `"${b.str}" after "${a.str}" on one line`).toBeGreaterThan(a.x);
      else if (b.y > a.y) {
        // back up the page: a new column, to the right
        columns++;
        expect(b.x, `"${b.str}" starts a column right of "${a.str}"`).toBeGreaterThan(a.x);
      }
    }
    expect(columns, 'the body is set in five columns').toBe(5);
  });
});

describe('fonts', () => {
  function expectEmbeddedAndSubset(pdf: Buffer, fonts: PdfPage['fonts']) {
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.missingFile, `${f.name} is embedded`).toBe(false);
      expect(f.name, `${f.name} is subset`).toMatch(/^[A-Z]{6}\+/);
    }
    const baseFonts = rawBaseFonts(pdf);
    expect(baseFonts.length).toBeGreaterThan(0);
    for (const name of baseFonts) {
      expect(name, 'subset tag').toMatch(/^[A-Z]{6}\+\S+/);
      expect(STANDARD_14).not.toContain(name.replace(/^[A-Z]{6}\+/, ''));
      expect(name).toMatch(/Newsreader|LibreFranklin/);
    }
    const descriptors = rawFontDescriptors(pdf);
    expect(descriptors.length).toBeGreaterThan(0);
    for (const d of descriptors) expect(d, 'font descriptor with an embedded TrueType program').toMatch(/\/FontFile2\s+\d+ 0 R/);
    // no font dictionary without a descriptor (standard 14 fonts have none)
    const simpleFonts = rawObjects(pdf).filter((o) => /\/Type\s*\/Font\b/.test(o) && /\/Subtype\s*\/(Type1|TrueType|MMType1)\b/.test(o));
    expect(simpleFonts, 'simple (non-embedded-capable) font dictionaries').toEqual([]);
    const raw = pdf.toString('latin1');
    for (const std of ['Helvetica', 'Times-Roman', 'Courier', 'Symbol', 'ZapfDingbats']) expect(raw).not.toContain(`/${std}`);
  }

  it('every font of the press PDF is embedded and subset; no standard-14 font', () => {
    expectEmbeddedAndSubset(bytes, page.fonts);
  });

  it('every font the text uses is one pdfjs found embedded', () => {
    const ids = new Set(page.fonts.map((f) => f.id));
    for (const item of page.items) expect(ids.has(item.fontName), `font of "${item.str}"`).toBe(true);
  });

  for (const profile of ['office', 'archive']) {
    it(`the ${profile} profile embeds and subsets its fonts too`, async () => {
      const pdf = await buildSample(['--profile', profile]);
      const [p] = await readPdf(pdf);
      expectEmbeddedAndSubset(pdf, p.fonts);
    });
  }
});
