import LineBreaker from 'linebreak';
import type { StyledParagraph } from '../style/story.js';
import type { FontMetrics } from '../text/fontMetrics.js';
import type { Hyphenator } from './hyphenate.js';
import { type Box, type Item, type Penalty, type Piece, INFINITY_PENALTY } from './items.js';
import { leftProtrusion, rightProtrusion } from './protrusion.js';

/** Spacing of justified text, as fractions of the font's word space: spaces may stretch to 160 % and shrink to 60 %. */
export const SPACE_STRETCH = 0.6;
export const SPACE_SHRINK = 0.4;
/**
 * But a space is set no narrower than MIN_SPACE_EM of its font size: text extractors find
 * words by their gaps, whatever space characters the PDF holds (poppler's `pdftotext -raw`
 * joins words closer than 0.15 em, and since 2025 0.2 em), so the glyphs of a tight line
 * narrow a little more instead (setLines).
 */
export const MIN_SPACE_EM = 0.16;
/** Cost of a break at a discretionary hyphen and at an explicit hyphen or dash. */
export const HYPHEN_PENALTY = 50;
export const EXPLICIT_HYPHEN_PENALTY = 50;

export interface ParagraphItems {
  /** the paragraph text after whitespace normalisation; Box.source indexes into it */
  text: string;
  items: Item[];
  /** words wider than the narrowest line, broken by force */
  brokenWords: string[];
}

/**
 * Builds the Knuth–Plass item list of a paragraph: UAX #14 break opportunities (spaces,
 * dashes, slashes; no break at a no-break space), hyphenation points from the patterns,
 * widths from the font. `narrowest` is the narrowest line width: a word wider than that is
 * broken into pieces that fit, and reported.
 */
export function paragraphItems(
  paragraph: StyledParagraph,
  metrics: FontMetrics,
  hyphenate: Hyphenator,
  narrowest: number,
): ParagraphItems {
  const { text, runAt } = flattenRuns(paragraph);
  const pieceOf = (start: number, end: number): Piece[] => {
    const pieces: Piece[] = [];
    let s = start;
    for (let i = start + 1; i <= end; i++) {
      if (i === end || runAt[i] !== runAt[s]) {
        const run = paragraph.runs[runAt[s]];
        pieces.push({ text: text.slice(s, i), font: run.font, size: run.size });
        s = i;
      }
    }
    return pieces;
  };
  const widthOf = (pieces: Piece[]) => pieces.reduce((sum, p) => sum + metrics.width(p.text, p.font, p.size), 0);
  const justified = paragraph.align === 'justify';
  /** a box with the protrusion of its edge characters (justified text only) */
  const box = (pieces: Piece[], width: number, source: [number, number]): Box => {
    const made: Box = { type: 'box', width, pieces, source };
    if (!justified || pieces.length === 0) return made;
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    const firstChar = [...first.text][0] ?? '';
    const lastChar = [...last.text].at(-1) ?? '';
    const left = leftProtrusion(firstChar) * metrics.width(firstChar, first.font, first.size);
    const right = rightProtrusion(lastChar) * metrics.width(lastChar, last.font, last.size);
    if (left > 0) made.hangLeft = left;
    if (right > 0) made.hangRight = right;
    return made;
  };

  const items: Item[] = [];
  const brokenWords: string[] = [];
  // a piece of a broken word must fit the first line too, after its indent
  const fit = narrowest - Math.max(0, paragraph.firstIndent);
  if (paragraph.firstIndent > 0) {
    items.push({ type: 'box', width: paragraph.firstIndent, pieces: [], source: [0, 0] });
  }

  const segments = breakOpportunities(text);
  segments.forEach(([start, end], index) => {
    const last = index === segments.length - 1;
    let coreEnd = end;
    while (coreEnd > start && text[coreEnd - 1] === ' ') coreEnd--;
    if (coreEnd > start) {
      pushWord(start, coreEnd, paragraph.hyphenate && !last);
    }
    if (last) return;
    const run = paragraph.runs[runAt[Math.max(start, coreEnd - 1)]];
    if (coreEnd < end) {
      const space = metrics.width(' ', run.font, run.size);
      items.push(
        justified
          ? { type: 'glue', width: space, stretch: space * SPACE_STRETCH, shrink: space * SPACE_SHRINK, least: Math.min(space, MIN_SPACE_EM * run.size) }
          : { type: 'glue', width: space, stretch: run.size * 3, shrink: 0, least: Math.min(space, MIN_SPACE_EM * run.size) },
      );
    } else if (text[coreEnd - 1] === '\u00ad') {
      // a soft hyphen: a hyphenation point, its hyphen drawn only when the line breaks there
      items.push(hyphenPenalty(coreEnd - 1));
    } else {
      // a break without a space: after an explicit hyphen, a dash or a slash
      const flagged = /[-\u2010\u2013]$/.test(text.slice(start, coreEnd));
      items.push({ type: 'penalty', width: 0, penalty: EXPLICIT_HYPHEN_PENALTY, flagged });
    }
  });
  // the paragraph's last line is set at its natural width (TeX's \parfillskip)
  items.push({ type: 'glue', width: 0, stretch: 1e5, shrink: 0 });
  items.push({ type: 'penalty', width: 0, penalty: -INFINITY_PENALTY, flagged: false });
  return { text, items, brokenWords };

  function pushWord(start: number, end: number, mayHyphenate: boolean) {
    const word = text.slice(start, end);
    const addressCuts = addressBreaks(word);
    if (addressCuts.length > 0) {
      // a URL or e-mail address: never hyphenated, but it may break where the Chicago Manual
      // allows, without adding a hyphen
      const bounds = [0, ...addressCuts, word.length];
      for (let i = 0; i + 1 < bounds.length; i++) {
        if (i > 0) items.push({ type: 'penalty', width: 0, penalty: ADDRESS_BREAK_PENALTY, flagged: false });
        pushFragment(start + bounds[i], start + bounds[i + 1]);
      }
      return;
    }
    const lead = word.match(/^[^\p{L}\p{N}]*/u)![0].length;
    const trail = word.match(/[^\p{L}\p{N}]*$/u)![0].length;
    const cuts = mayHyphenate && lead < word.length - trail ? hyphenate(word.slice(lead, word.length - trail)).map((p) => p + lead) : [];
    const bounds = [0, ...cuts, word.length];
    for (let i = 0; i + 1 < bounds.length; i++) {
      if (i > 0) items.push(hyphenPenalty(start + bounds[i] - 1));
      pushFragment(start + bounds[i], start + bounds[i + 1]);
    }
  }

  function pushFragment(start: number, end: number) {
    const pieces = pieceOf(start, end);
    const width = widthOf(pieces);
    if (width <= fit || end - start <= 1) {
      items.push(box(pieces, width, [start, end]));
      return;
    }
    // wider than a column: break it by force wherever it must, with a hyphen
    brokenWords.push(text.slice(start, end));
    let s = start;
    // a chunk measures the larger of itself alone (the break taken: it starts or ends a line)
    // and its share of the fragment's prefixes (the break not taken: kerned with its
    // neighbours), so that it fits either way
    let before = 0;
    while (s < end) {
      let e = s + 1;
      const hyphenWidth = hyphenPenalty(s).width;
      while (e < end && widthOf(pieceOf(s, e + 1)) + (e + 1 < end ? hyphenWidth : 0) <= fit) e++;
      const chunk = pieceOf(s, e);
      const upTo = widthOf(pieceOf(start, e));
      items.push(box(chunk, Math.max(widthOf(chunk), upTo - before), [s, e]));
      before = upTo;
      // not flagged: the limit on hyphens in a row must not make an unbreakable word overfull
      if (e < end) items.push({ ...hyphenPenalty(e - 1), penalty: 0, flagged: false });
      s = e;
    }
  }

  function hyphenPenalty(at: number): Penalty {
    const run = paragraph.runs[runAt[at]];
    const hyphen: Piece = { text: '-', font: run.font, size: run.size };
    const width = metrics.width('-', run.font, run.size);
    const penalty: Penalty = { type: 'penalty', width, penalty: HYPHEN_PENALTY, flagged: true, hyphen };
    if (justified) penalty.hangRight = rightProtrusion('-') * width;
    return penalty;
  }
}

/** Cost of breaking a URL or e-mail address: allowed, but only when it helps. */
export const ADDRESS_BREAK_PENALTY = 100;

/**
 * Where a URL or e-mail address may break (string indices; the break comes before the index):
 * after "//" and after a colon that ends the scheme, before a single slash, a period, "?",
 * "#", "&", "=", "@" or "_" — never next to another break or at either end. Empty for
 * anything that is not an address.
 */
export function addressBreaks(word: string): number[] {
  if (!/^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$|^[^\s@]+@[^\s@]+\.[^\s@]+$/i.test(word)) return [];
  const cuts = new Set<number>();
  for (let i = 1; i < word.length - 1; i++) {
    const char = word[i];
    if (char === '/' && word[i - 1] === '/') cuts.add(i + 1);
    else if (char === '/' && word[i + 1] !== '/' && word[i - 1] !== ':') cuts.add(i);
    else if ('.?#&=@_'.includes(char)) cuts.add(i);
  }
  // keep fragments of at least two characters, and nothing that would only move trailing punctuation
  const sorted = [...cuts].filter((c) => c >= 2 && c <= word.length - 2 && /[\p{L}\p{N}]/u.test(word.slice(c))).sort((a, b) => a - b);
  return sorted.filter((c, i) => i === 0 || c - sorted[i - 1] >= 2);
}

const NO_BREAK_SPACES = '\u00a0\u202f\u2007\ufeff';

/**
 * Concatenates the runs of a paragraph into one string with single spaces (no-break spaces
 * kept), remembering which run each character came from.
 */
export function flattenRuns(paragraph: StyledParagraph): { text: string; runAt: number[] } {
  let text = '';
  const runAt: number[] = [];
  paragraph.runs.forEach((run, index) => {
    for (const char of run.text) {
      // tabs, line and paragraph separators are word spaces; no-break spaces (U+00A0, the
      // narrow U+202F, figure space U+2007) and U+FEFF (a zero-width no-break space) are not
      const isSpace = /\s/.test(char) && !NO_BREAK_SPACES.includes(char);
      if (isSpace) {
        if (text === '' || text.endsWith(' ')) continue;
        text += ' ';
        runAt.push(index);
      } else {
        text += char;
        for (let k = 0; k < char.length; k++) runAt.push(index);
      }
    }
  });
  while (text.endsWith(' ')) {
    text = text.slice(0, -1);
    runAt.pop();
  }
  return { text, runAt };
}

/** UAX #14 segments of `text`: [start, end) ranges, each ending at a break opportunity. */
function breakOpportunities(text: string): [number, number][] {
  // URLs and e-mail addresses are one segment here: addressBreaks decides where they break
  const addresses: [number, number][] = [];
  for (const match of text.matchAll(/\S+/g)) {
    if (addressBreaks(match[0]).length > 0) addresses.push([match.index!, match.index! + match[0].length]);
  }
  const insideAddress = (position: number) => addresses.some(([s, e]) => position > s && position < e);
  const segments: [number, number][] = [];
  const breaker = new LineBreaker(text);
  let last = 0;
  for (let next = breaker.nextBreak(); next; next = breaker.nextBreak()) {
    if (insideAddress(next.position)) continue;
    if (next.position > last) segments.push([last, next.position]);
    last = next.position;
  }
  return segments;
}

