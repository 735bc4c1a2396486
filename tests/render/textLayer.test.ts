// The PDF's text layer reads back word for word: the painter draws a real space glyph (U+0020)
// between the words of a line, justified through its advance, so that extractors need not guess
// word breaks from gaps — and every glyph still lands where layout put it.
//
// What a drawn space can and cannot do for poppler (measured with 22.12, read in its source):
// plain `pdftotext` ends a word at a space character and then keeps a space between two words
// that stand more than 0.03 em apart, so words 0.5 pt apart now read separately (before, a gap
// under 0.1 em continued the word). `pdftotext -raw` ignores space characters: it writes a space
// between two words only when their boxes are more than 0.15 em apart (0.2 em in poppler since a
// change of 2025), so words set closer than that still run together there, whatever is drawn.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseContext } from '../../src/build/buildEdition.js';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import type { PhotoInfo } from '../../src/flow/photoPlan.js';
import { loadEdition } from '../../src/io/loadEdition.js';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { FontKey, GlyphRun, PageLayout, TextLine } from '../../src/model/layout.js';
import { paintPdf } from '../../src/render/pdfPainter.js';
import { PROFILES } from '../../src/render/profiles.js';
import { pressSheet } from '../../src/render/sheet.js';
import { fontkitMetrics } from '../../src/text/fontkitMetrics.js';
import { typesetEdition } from '../../src/typeset.js';
import { ARTICLE, EDITION, PDF_NAME, removeAll, runCli, tempDir } from '../cli/runCli.js';
import { normaliseWord, normalisedWords, readPdf, shownText, type ShownText } from '../helpers/pdf.js';
import { pdftotext, textWords } from '../helpers/poppler.js';

const fonts = loadFonts();
const metrics = fontkitMetrics(fonts.fonts, fonts.tables);
const meta = { title: 'T', author: 'The Morning Ledger', subject: 'S', keywords: 'k', date: '2022-11-15' };

/** Runs set from x = 36, each `gap` pt after the previous one ends, or touching it where the piece says so. */
function line(pieces: [string, FontKey, 'touch'?][], baseline: number, options: { gap: number; size?: number; scale?: number }): GlyphRun[] {
  const size = options.size ?? 9.5;
  const scale = options.scale ?? 1;
  let x = 36;
  return pieces.map(([text, font, touch], i) => {
    if (i > 0 && touch !== 'touch') x += options.gap;
    const width = metrics.width(text, font, size) * scale;
    const run: GlyphRun = { text, font, size, x, baseline, width, ...(scale !== 1 ? { scale } : {}) };
    x += width;
    return run;
  });
}

const words = (text: string, font: FontKey = 'text') => text.split(' ').map((w): [string, FontKey] => [w, font]);

function pageOf(lines: GlyphRun[][]): PageLayout {
  return {
    number: 1,
    width: 612,
    height: 792,
    typeArea: { x: 36, y: 36, width: 540, height: 715 },
    grid: { first: 44.8, leading: 11, count: 65 },
    items: lines.map((runs) => ({
      type: 'text' as const,
      role: 'body' as const,
      box: { x: 36, y: runs[0].baseline - 8.8, width: 540, height: 11 },
      baseline: runs[0].baseline,
      runs,
    })),
  };
}

const paint = (page: PageLayout, profile: keyof typeof PROFILES = 'archive') =>
  paintPdf({ pages: [page], fonts, images: new Map(), profile: PROFILES[profile], meta });

/** Extracted text without the press sheet's slug line (outside the trim: "… · Page 1 of 1 · press · …"). */
const withoutSlug = (text: string) =>
  text
    .split('\n')
    .filter((l) => !/ · Page \d+ of \d+ · /.test(l))
    .join('\n');

const TIGHT = 'Japan’s determination to drastically strengthen its defense capabilities';

describe('a very tight justified line: 0.5 pt between words of 9.5 pt text', () => {
  // the same words plain, with horizontal scaling, after a bold run-in (the face changes across
  // a gap), and with an italic word followed by a roman comma (no gap: no space)
  const lines = [
    line(words(TIGHT), 100, { gap: 0.5 }),
    line(words(TIGHT), 111, { gap: 0.5, scale: 0.962 }),
    line([['BALI\u00a0—', 'textBold'], ...words('Prime Minister Fumio Kishida')], 122, { gap: 0.5, scale: 1.04 }),
    line([['The', 'text'], ['Yomiuri', 'textItalic'], [',', 'text', 'touch'], ...words('reported Sunday')], 133, { gap: 0.5 }),
  ];
  const expected = [
    ...TIGHT.split(' '),
    ...TIGHT.split(' '),
    ...['BALI', '—', 'Prime', 'Minister', 'Fumio', 'Kishida'],
    ...['The', 'Yomiuri,', 'reported', 'Sunday'],
  ];
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await paint(pageOf(lines));
  });

  it('reads back word for word with pdftotext, on every profile', async () => {
    for (const profile of ['archive', 'press', 'office'] as const) {
      const text = withoutSlug(pdftotext(profile === 'archive' ? pdf : await paint(pageOf(lines), profile)));
      expect(textWords(text).map((w) => w.text), profile).toEqual(expected);
    }
  });

  it('reads back with its spaces in pdfjs', async () => {
    const [page] = await readPdf(pdf);
    for (const l of lines) {
      const text = page.items
        .filter((i) => Math.abs(i.y - (792 - l[0].baseline)) < 0.01)
        .map((i) => i.str)
        .join('');
      // (pdfjs reports a no-break space as a space)
      expect(text).toBe(l.map((r, i) => (i > 0 && r.text !== ',' ? ' ' : '') + r.text.replace(/\u00a0/g, ' ')).join(''));
    }
  });

  it('holds the space glyph, mapped to U+0020, inside one TJ array per face', () => {
    const [shown] = shownText(pdf);
    // the tight line: one TJ; after every space the adjustment that ends it at the next word
    const tight = shown[0];
    expect(tight.font).toMatch(/\+Newsreader-Regular$/);
    expect(tight.operands.filter((o) => typeof o === 'string').join('')).toBe(TIGHT);
    const spaces = tight.glyphs.filter((g) => g.text === ' ');
    expect(spaces).toHaveLength(TIGHT.split(' ').length - 1);
    expect(new Set(spaces.map((g) => g.code)).size, 'one space glyph').toBe(1);
    tight.operands.forEach((o, i) => {
      if (typeof o === 'string' && o.endsWith(' ')) expect(tight.operands[i + 1], `an adjustment after "${o}"`).toBeTypeOf('number');
    });
    expect(shown[1].scale).toBeCloseTo(96.2, 6);
    expect(shown[1].operands.filter((o) => typeof o === 'string').join('')).toBe(TIGHT);
    // across a change of face: the bold run ends with the space, the regular words follow in one TJ
    expect(shown[2].font).toMatch(/\+Newsreader-Bold$/);
    expect(shown[2].glyphs.map((g) => g.text).join('')).toBe('BALI\u00a0— ');
    expect(shown[2].operands.at(-1)).toBeTypeOf('number');
    expect(shown[3].glyphs.map((g) => g.text).join('')).toBe('Prime Minister Fumio Kishida');
    // an italic word and the roman comma touching it: no space between them
    expect(shown.slice(4).map((s) => s.glyphs.map((g) => g.text).join(''))).toEqual(['The ', 'Yomiuri', ', reported Sunday']);
  });

  it('puts every run where layout put it: first glyph at its x, last glyph ending at x + width', () => {
    const [shown] = shownText(pdf);
    expectRunsWhereLaidOut(lines.flat(), shown, (x, y) => [x, 792 - y]);
  });
});

describe('a glyph that fontkit places off the pen (a combining mark)', () => {
  it('is drawn at its offset, horizontal scaling included, and the words after it stay in place', async () => {
    // "café" with a combining acute: the compiled tables do not cover U+0301, so fontkit shapes
    // the word and positions the mark with an x offset (in font units)
    const runs = line(words('cafe\u0301 au lait'), 100, { gap: 0.5, scale: 0.97 });
    const pdf = await paint(pageOf([runs]));
    const [shown] = shownText(pdf);
    const glyphs = shown.flatMap((s) => s.glyphs);
    expect(glyphs.map((g) => g.text).join('')).toBe('cafe\u0301 au lait');
    const font = fonts.fonts.text;
    const shaped = font.layout('cafe\u0301');
    const mark = shaped.positions.length - 1;
    expect(shaped.positions[mark].xOffset, 'the mark is offset').not.toBe(0);
    const units = (0.97 * 9.5) / font.unitsPerEm;
    const penBeforeMark = shaped.positions.slice(0, mark).reduce((sum, p) => sum + p.xAdvance, 0);
    const drawnMark = glyphs.find((g) => g.text === '\u0301')!;
    expect(drawnMark.x).toBeCloseTo(runs[0].x + (penBeforeMark + shaped.positions[mark].xOffset) * units, 4);
    expect(drawnMark.y).toBeCloseTo(792 - 100 + shaped.positions[mark].yOffset * (9.5 / font.unitsPerEm), 4);
    // the words after it: at their x
    expectRunsWhereLaidOut(runs.slice(1), shown, (x, y) => [x, 792 - y]);
    expect(textWords(pdftotext(pdf)).map((w) => w.text.normalize('NFC'))).toEqual(['café', 'au', 'lait']);
  });
});

/**
 * Each run's glyphs are drawn from its x on its baseline, and its last glyph ends at x + width
 * (to 1/10000 pt), spaces aside. `toLayout` maps PDF user space to layout space.
 */
function expectRunsWhereLaidOut(runs: GlyphRun[], shown: ShownText[], toLayout: (x: number, y: number) => [number, number]) {
  const glyphs = shown
    .flatMap((s) => s.glyphs)
    .filter((g) => g.text !== ' ')
    .map((g) => {
      const [x, y] = toLayout(g.x, g.y);
      const [end] = toLayout(g.x + g.width, g.y);
      return { ...g, x, y, end };
    });
  let from = 0;
  for (const run of runs) {
    const text = run.text.replace(/ /g, '');
    const first = glyphs.findIndex((g, i) => i >= from && Math.abs(g.y - run.baseline) < 1e-4 && Math.abs(g.x - run.x) < 1e-4);
    expect(first, `"${run.text}" drawn from x = ${run.x} on ${run.baseline}`).toBeGreaterThanOrEqual(from);
    let drawn = '';
    let k = first;
    while (drawn.length < text.length && k < glyphs.length) drawn += glyphs[k++].text;
    expect(drawn, `the glyphs drawn from x = ${run.x}`).toBe(text);
    expect(glyphs[k - 1].end, `"${run.text}" ends at x + width`).toBeCloseTo(run.x + run.width, 4);
    from = k;
  }
}

// ---------------------------------------------------------------------------------------------
// The seed edition, built by the command line

const made: string[] = [];
let pdf: Buffer;
let layout: PageLayout;
let sourceWords: string[];

const textLines = () => layout.items.filter((i): i is TextLine => i.type === 'text');
const bodyLines = () => textLines().filter((l) => l.role === 'body');

/** A line's words as printed: its runs with a space at every gap, split on white space. */
function printedWords(runs: GlyphRun[]): string[] {
  return runs
    .map((r, i) => (i > 0 && runs[i].x > runs[i - 1].x + runs[i - 1].width + 0.01 ? ' ' : '') + r.text)
    .join('')
    .split(/[\s\u00a0]+/)
    .filter((w) => w !== '');
}

/** A line cut where its runs stand more than 3 em apart (the folio's ends): extractors read such parts as blocks of their own. */
function parts(runs: GlyphRun[]): GlyphRun[][] {
  const out: GlyphRun[][] = [];
  runs.forEach((run, i) => {
    if (i === 0 || run.x - (runs[i - 1].x + runs[i - 1].width) > 3 * run.size) out.push([]);
    out[out.length - 1].push(run);
  });
  return out;
}

/** The gaps of a line narrower than `em` of its size: poppler's -raw may run their words together. */
function narrowGaps(runs: GlyphRun[], em: number): number[] {
  const out: number[] = [];
  for (let i = 1; i < runs.length; i++) {
    const gap = runs[i].x - (runs[i - 1].x + runs[i - 1].width);
    if (gap > 0.01 && gap <= em * runs[i].size) out.push(i);
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The adjacent source words whose concatenation is a word of `tokens` (normalised). */
function gluedPairs(tokens: string[], source: string[]): string[] {
  const seen = new Set(tokens);
  const glued: string[] = [];
  for (let i = 0; i + 1 < source.length; i++) if (seen.has(source[i] + source[i + 1])) glued.push(`${source[i]}|${source[i + 1]}`);
  return glued;
}

describe('the seed page, built by the command line', () => {
  beforeAll(async () => {
    const out = await tempDir('stonehand-text-');
    made.push(out);
    const result = await runCli(['build', 'content/2022-11-15', '--out', out]);
    if (result.status !== 0) throw new Error(`build failed (${result.status}):\n${result.stderr}`);
    pdf = await readFile(join(out, '2022-11-15', PDF_NAME));
    // the layout the build painted, made again here (as buildEdition makes it: the photo is missing)
    const edition = await loadEdition(EDITION);
    const photos = new Map<string, PhotoInfo>();
    for (const a of edition.articles) if (a.photo) photos.set(resolve(dirname(a.sourcePath), a.photo.file), { pixels: null });
    const typeset = typesetEdition(edition, photos, houseContext());
    expect(typeset.pages).toHaveLength(1);
    layout = typeset.pages[0];
    const article = parseArticleMarkdown(await readFile(ARTICLE, 'utf8'), ARTICLE);
    const body = article.body.map((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join(''))).join(' ');
    sourceWords = normalisedWords(`${article.dateline} ${body}`);
  });

  afterAll(async () => {
    await removeAll(made);
  });

  it('draws every run where layout put it (the build and this test lay the page out alike)', () => {
    const { origin, media } = pressSheet(layout.width, layout.height);
    const [shown] = shownText(pdf);
    const runs = layout.items.flatMap((i) => (i.type === 'text' ? i.runs : i.type === 'placeholder' ? i.label : []));
    expectRunsWhereLaidOut(runs, shown, (x, y) => [x - origin.x, media.top - y - origin.y]);
  });

  it('draws a space glyph in every gap of every line: nameplate, folio, headline, deck, caption, body', () => {
    const { origin, media } = pressSheet(layout.width, layout.height);
    const glyphs = shownText(pdf)[0].flatMap((s) => s.glyphs);
    for (const l of textLines()) {
      const y = media.top - origin.y - l.baseline;
      const last = l.runs[l.runs.length - 1];
      const [left, right] = [origin.x + l.runs[0].x - 0.01, origin.x + last.x + last.width + 0.01];
      const drawn = glyphs
        .filter((g) => Math.abs(g.y - y) < 1e-4 && g.x >= left && g.x <= right)
        .map((g) => g.text)
        .join('');
      const expected = l.runs.map((r, i) => (i > 0 && r.x > l.runs[i - 1].x + l.runs[i - 1].width + 0.01 ? ' ' : '') + r.text).join('');
      expect(drawn, `${l.role} line`).toBe(expected);
    }
  });

  it('pdfjs reads every line as its words with one space between them', async () => {
    const { origin, media } = pressSheet(layout.width, layout.height);
    const [page] = await readPdf(pdf);
    for (const l of textLines()) {
      const y = media.top - origin.y - l.baseline;
      const [left, right] = [origin.x + l.runs[0].x - 0.01, origin.x + l.runs[l.runs.length - 1].x + l.runs[l.runs.length - 1].width + 0.01];
      const text = page.items
        .filter((i) => Math.abs(i.y - y) < 0.01 && i.x >= left && i.x <= right)
        .map((i) => i.str)
        .join('');
      // (pdfjs reports a no-break space as a space)
      expect(text.replace(/ +/g, ' ')).toBe(printedWords(l.runs).join(' ').replace(/\u00a0/g, ' '));
    }
  });

  it('pdftotext (plain): every line of the page reads back word for word, no two words run together', () => {
    const tokens = pdftotext(pdf).split(/[\s\u00a0]+/).filter((w) => w !== '');
    // poppler's plain mode joins a word hyphenated at a line end to the first word of the line it
    // reads next, without the hyphen: the hyphenated piece is left out of the check, and a line's
    // first word may come back with such a piece in front of it. (It reads columns 3 and 4 of the
    // seed page side by side, line by line, so "Presi-" at the end of one column's line meets
    // "said" from the next line of the other: "Presisaid". That is poppler's reading order.)
    const broken = textLines().flatMap((l) => printedWords(l.runs).slice(-1).filter((w) => /\p{L}-$/u.test(w)).map((w) => w.slice(0, -1)));
    const matchesFirst = (token: string, word: string) => token === word || broken.some((b) => token === b + word);
    for (const l of textLines()) {
      for (const part of parts(l.runs)) {
        const expected = printedWords(part);
        const whole = /\p{L}-$/u.test(expected[expected.length - 1]) ? expected.slice(0, -1) : expected;
        const at = tokens.findIndex((_, i) => whole.every((w, k) => (k === 0 ? matchesFirst(tokens[i], w) : tokens[i + k] === w)));
        expect(at, `${l.role} line "${expected.join(' ')}" in pdftotext's words`).toBeGreaterThanOrEqual(0);
      }
    }
    expect(gluedPairs(tokens.map(normaliseWord), sourceWords)).toEqual([]);
  });

  it('pdftotext -raw: the lines in drawing order, and the article body word for word', () => {
    const raw = pdftotext(pdf, 'raw');
    const rawLines = withoutSlug(raw)
      .split('\n')
      .filter((l) => l.trim() !== '');
    // one line of output per baseline: each text line, and the placeholder's two label lines
    const baselines = layout.items.flatMap((item) =>
      item.type === 'text' ? [item.runs] : item.type === 'placeholder' ? [...new Set(item.label.map((r) => r.baseline))].map((b) => item.label.filter((r) => r.baseline === b)) : [],
    );
    expect(rawLines).toHaveLength(baselines.length);
    baselines.forEach((runs, n) => {
      // runs apart are separated by a space; words closer than 0.2 em may come back run together
      const narrow = new Set(narrowGaps(runs, 0.2));
      const pattern = runs
        .map((run, i) => {
          const text = escape(run.text).replace(/[ \u00a0]+/g, '[ \u00a0]+');
          if (i === 0) return text;
          const gap = run.x - (runs[i - 1].x + runs[i - 1].width);
          return (gap <= 0.01 ? '' : narrow.has(i) ? ' ?' : ' ') + text;
        })
        .join('');
      expect(rawLines[n], `line ${n + 1}`).toMatch(new RegExp(`^${pattern}$`));
    });
    // the body, hyphens rejoined: the article's words in order, with nothing lost or added, and
    // separated everywhere but at the few joints poppler -raw reads by distance alone
    const tokens = textWords(raw)
      .map((w) => normaliseWord(w.text))
      .filter((w) => w !== '');
    const start = tokens.lastIndexOf(sourceWords[0]);
    const body = tokens.slice(start);
    expect(body.join(''), 'the body, every character in order').toBe(sourceWords.join(''));
    const narrowJoints = bodyLines().reduce((n, l) => n + narrowGaps(l.runs, 0.2).length, 0);
    const runTogether = sourceWords.length - body.length;
    expect(runTogether, 'words run together').toBeLessThanOrEqual(narrowJoints);
    expect(narrowJoints, 'the seed page has lines tighter than 0.2 em').toBeGreaterThan(0);
  });
});
