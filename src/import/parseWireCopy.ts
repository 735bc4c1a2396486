// Wire copy in its raw shape (like seed/000_2300611e7060d6c5.txt) → a clean Article, plus an
// account of what was recognised and what could not be placed. Pure: text in, data out.
//
// The raw shape, one "block" per non-empty line:
//   headline
//   deck                       (optional: a sentence right after the headline)
//   byline                     (optional, "By A", "A and B", "A, B and C"; often printed twice)
//   source                     (optional, "The Yomiuri Shimbun", "Reuters", …)
//   photo file name            (optional, "10118290.jpeg")
//   caption [credit]           (the line after the photo file name)
//   date                       (optional, "November 15, 2022", "Nov. 15, 2022", "2022-11-15")
//   body paragraphs            (the first may open with a dateline, "BALI –")
// with web debris ("scroll to top", "Advertisement", …) anywhere.

import { basename } from 'node:path';
import type { Article, Block, Photo } from '../model/article.js';
import { ContentError } from '../model/errors.js';
import { parseDateLine } from '../content/feedDates.js';

/** A header field (or other feature) the importer recognised, with its 1-based line number. */
export interface Recognised {
  field: string;
  line: number;
  value: string;
}

/** A line the importer could not place anywhere, with its 1-based line number and why. */
export interface Unplaced {
  line: number;
  text: string;
  reason: string;
}

export interface WireImport {
  article: Article;
  recognised: Recognised[];
  unplaced: Unplaced[];
}

interface LineBlock {
  line: number;
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Recognisers

/** Web debris: whole lines only, case-insensitive, optional trailing punctuation/arrows. */
const DEBRIS: RegExp[] = [
  /^(scroll|back|go|return) to (the )?top$/,
  /^top$/,
  /^advertisements?$/,
  /^(sponsored( content)?|promoted( content)?)$/,
  /^share( this( article| story| post| page)?)?( on (facebook|twitter|x|linkedin|whatsapp|email))?$/,
  /^(tweet|email|print|facebook|twitter|whatsapp|linkedin)( this( article| story)?)?$/,
  /^read more( stories| news)?$/,
  /^(continue reading|read the full (story|article)|see more|show more|load more|view comments|comments)$/,
  /^click here\b.{0,80}$/,
  /^(skip to (main )?content|skip navigation|menu|search|home)$/,
  /^(subscribe( now)?|sign up for (our|the) newsletter|sign up|log ?in|sign in)$/,
  /^(related( articles| stories| content)?|recommended( for you)?|most (read|popular)|you may also like)$/,
  /^(cookie settings|accept (all )?cookies|manage cookies)$/,
];

function isDebris(text: string): boolean {
  const t = text
    .toLowerCase()
    .replace(/[\s.:!»›>→↑^…|-]+$/u, '')
    .replace(/^[\s«‹<←↑^|-]+/u, '')
    .trim();
  if (t === '') return false;
  return DEBRIS.some((re) => re.test(t));
}

const PHOTO_FILE = /^(?:[\w.\-]+\/)*[\w\-][\w.\- ]*\.(?:jpe?g|png|tiff?|webp)$/i;

function isPhotoFile(text: string): boolean {
  return PHOTO_FILE.test(text) && text.length <= 200;
}

/** Words that mark a line as the name of an organisation rather than a person. */
const ORG_WORDS = new Set(
  (
    'press associated reuters afp bloomberg kyodo xinhua yonhap tass dpa efe ansa jiji nhk bbc cnn ' +
    'shimbun times post news newspaper newspapers journal herald tribune telegraph guardian independent ' +
    'agency agence service services wire wires gazette chronicle observer examiner daily weekly media ' +
    'network networks broadcasting radio television tv magazine review inquirer standard mail express ' +
    'globe star sun mirror courier dispatch bulletin monitor reporter staff desk bureau correspondents ' +
    'report reports nikkei asahi mainichi yomiuri sankei jazeera politico axios semafor france24 euronews'
  ).split(' '),
);

const NAME_PARTICLES = new Set(['de', 'da', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'bin', 'al', 'el', 'ter', 'ten', 'dos', 'das', 'y']);
const TITLE_SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'at', 'de', 'la', 'le', 'du', 'des', 'der', 'die', 'el', '&', 'a', 'an']);

const CAPITALISED = /^[\p{Lu}][\p{L}\p{M}'’.\-]*$/u;
const INITIAL = /^\p{Lu}\.(?:\p{Lu}\.)*$/u;

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

function hasOrgWord(text: string): boolean {
  return words(text).some((w) => ORG_WORDS.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));
}

/** "Takayuki Nakagawa", "J. R. R. Tolkien", "Ursula von der Leyen", "Mary O'Brien-Smith". */
function isPersonName(text: string): boolean {
  const ws = words(text);
  if (ws.length < 2 || ws.length > 5) return false;
  if (ws[0].toLowerCase() === 'the') return false;
  if (hasOrgWord(text)) return false;
  if (!CAPITALISED.test(ws[0]) || !CAPITALISED.test(ws[ws.length - 1])) return false;
  if (/[.]$/.test(ws[ws.length - 1]) && !/^(Jr|Sr)\.$/.test(ws[ws.length - 1]) && !INITIAL.test(ws[ws.length - 1])) return false;
  return ws.every((w) => CAPITALISED.test(w) || INITIAL.test(w) || NAME_PARTICLES.has(w.toLowerCase()) || /^(Jr\.?|Sr\.?|II|III|IV)$/.test(w));
}

/** Splits "A, B and C" / "A and B" / "A & B" / "By A" into names; undefined if it is not a byline. */
export function splitByline(text: string): { names: string[]; trailer?: string; explicit: boolean } | undefined {
  let t = text.trim().replace(/\s+/g, ' ');
  let explicit = false;
  const by = /^by:?\s+/i.exec(t);
  if (by) {
    t = t.slice(by[0].length);
    explicit = true;
  }
  if (t === '' || t.length > 160 || /[.!?]$/.test(t.replace(/\b(?:Jr|Sr|\p{Lu})\.$/u, ''))) {
    return undefined;
  }
  const parts = t
    .split(/\s*,\s*(?:and\s+|&\s*)?|\s+and\s+|\s*&\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  // "By Jane Doe, Reuters": a trailing organisation is the source, not a byline.
  let trailer: string | undefined;
  if (parts.length > 1 && looksLikeSourceName(parts[parts.length - 1]) && !isPersonName(parts[parts.length - 1])) {
    trailer = parts.pop();
  }
  if (parts.every(isPersonName)) return { names: parts, trailer, explicit };
  // "By Reuters Staff" and other explicit bylines we cannot split into persons: keep them whole.
  if (explicit && trailer === undefined && words(t).length <= 8 && isTitleCaseShort(t)) {
    return { names: [t], explicit };
  }
  return undefined;
}

/** A short title-case line that is not a sentence: "The Yomiuri Shimbun", "Reuters", "AFP". */
function isTitleCaseShort(text: string): boolean {
  const ws = words(text);
  if (ws.length === 0 || ws.length > 7 || text.length > 70) return false;
  if (/[.!?:;,]$/.test(text) && !/\b(?:Co|Inc|Ltd|Corp)\.$/.test(text)) return false;
  if (!/^[\p{Lu}\d"“'‘(]/u.test(text)) return false;
  return ws.every((w) => /^[\p{Lu}\d"“'‘(]/u.test(w) || TITLE_SMALL_WORDS.has(w.toLowerCase()));
}

/** Short title-case line that reads as an organisation name (stronger than isTitleCaseShort). */
function looksLikeSourceName(text: string): boolean {
  if (!isTitleCaseShort(text)) return false;
  const ws = words(text);
  if (ws[0].toLowerCase() === 'the' && ws.length >= 2) return true;
  if (ws.length === 1) return true; // "Reuters", "AFP", "Bloomberg"
  return hasOrgWord(text);
}

/** Reads like running prose (a sentence), rather than a label or a name. */
function looksLikeProse(text: string): boolean {
  const ws = words(text);
  const lowerWords = ws.filter((w) => /^[\p{Ll}]/u.test(w)).length;
  if (/[.!?…]["'”’)]*$/u.test(text) && ws.length >= 3 && lowerWords >= 1) return true;
  return ws.length >= 6 && lowerWords >= 2;
}

/**
 * A dateline at the start of a paragraph: an all-caps place (optionally ", Nov. 14" and/or an
 * agency tag like "(AP)") followed by a dash and a space. Returns the dateline and the rest.
 */
export function splitDateline(text: string): { dateline: string; rest: string } | undefined {
  const m =
    /^(\p{Lu}[\p{Lu}\p{M}.'’]*(?:[ \-][\p{Lu}\p{M}.'’]+)*(?:,\s+[\p{L}.]+(?:\s+[\p{L}.]+)?(?:\s+\d{1,2})?)?(?:\s+\([\p{L}\d .&/-]{1,30}\))?)\s*(?:[–—]|--?)\s+(\S[\s\S]*)$/u.exec(
      text,
    );
  if (!m) return undefined;
  const dateline = m[1].trim();
  const place = dateline.split(/[,(]/)[0].trim();
  // The place must be really all caps with at least two letters ("BALI", "NEW YORK", "ST. LOUIS").
  const letters = place.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters !== letters.toUpperCase()) return undefined;
  return { dateline, rest: m[2].trim() };
}

/** Sentence openings that mark the rest of a caption as the photo credit. */
const CREDIT_START =
  /^(?:\(\s*)?(?:Courtesy of\b|Courtesy:|Photo(?:graph)?s?\s+(?:by|courtesy of)\b|Photo(?:graph)?s?\s*:|Pictures?\s+by\b|Picture:|Images?\s*(?:by\b|:)|Credit:|Source:|Illustration\s+by\b|AP Photo\b|(?:Reuters|AP|AFP|Kyodo|Jiji|Xinhua|Yonhap|EPA|Getty Images|Bloomberg)\)|Getty Images\b|(?:AP|AFP|REUTERS|Reuters|Bloomberg|Getty Images|EPA|Kyodo|Xinhua|Yonhap)(?:\s+Photo)?\s*\/)/;
/** Credits that may follow the caption without a sentence end before them. */
const TAG_CREDIT = /^(?:\(|AP Photo\b|(?:AP|AFP|REUTERS|Reuters|Bloomberg|Getty Images|EPA|Kyodo|Xinhua|Yonhap)(?:\s+Photo)?\s*\/)/;

/**
 * Splits a caption line into the caption proper and a trailing credit: the first sentence (after
 * the first) that opens like a credit — "Courtesy of …", "Photo by …", "Photo: …", "(Reuters)",
 * "AP Photo/…" — and everything after it. A line that is only a credit has no caption.
 */
export function splitCaptionCredit(text: string): { caption?: string; credit?: string } {
  const t = text.trim();
  let at: number | undefined;
  const ws = /\s+/g;
  for (let m = ws.exec(t); m !== null; m = ws.exec(t)) {
    const p = m.index + m[0].length;
    const rest = t.slice(p);
    if (!CREDIT_START.test(rest)) continue;
    const before = t.slice(0, m.index);
    if (/[.!?;:"”’)]$/.test(before) || TAG_CREDIT.test(rest)) {
      at = p;
      break;
    }
  }
  if (at === undefined && CREDIT_START.test(t)) at = 0;
  if (at === undefined) return { caption: t };
  const caption = t.slice(0, at).trim();
  let credit = t.slice(at).trim();
  if (/^\([^()]*\)\.?$/.test(credit)) credit = credit.replace(/^\(\s*/, '').replace(/\s*\)\.?$/, '');
  const out: { caption?: string; credit?: string } = {};
  if (caption !== '') out.caption = caption;
  if (credit !== '') out.credit = credit;
  return out;
}

/** Filesystem-safe slug from a file name: its stem, with anything unusual replaced by "-". */
export function slugFromFile(file: string): string {
  const name = basename(file.replace(/\\/g, '/'));
  const stem = name.replace(/\.[^.]*$/, '') || name;
  const slug = stem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return slug === '' ? 'article' : slug.slice(0, 120);
}

function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function normaliseForCompare(text: string): string {
  return clean(text).replace(/^by:?\s+/i, '').toLowerCase();
}

/**
 * IPTC 7901 framing: SOH (U+0001), the header lines (service, priority, category, keywords, word
 * count), STX (U+0002), the text, ETX (U+0003), post-text lines (a time stamp), EOT (U+0004);
 * telex-era copy adds ZCZC and NNNN lines. The framing characters and the header and post-text
 * lines are removed and reported; the lines keep their numbers.
 */
export function stripIptc7901(text: string): { text: string; found: Recognised[] } {
  const found: Recognised[] = [];
  if (!/[\u0001-\u0004]|^(?:ZCZC|NNNN)\s*$/m.test(text)) return { text, found };
  const lineAt = (index: number) => 1 + (text.slice(0, index).match(/\n/g)?.length ?? 0);
  const keepLines = (part: string) => part.replace(/[^\n]/g, '');
  const cut: { from: number; to: number; field: string }[] = [];
  const soh = text.indexOf('\u0001');
  const stx = text.indexOf('\u0002', soh < 0 ? 0 : soh);
  if (soh >= 0 && stx > soh) cut.push({ from: soh, to: stx + 1, field: 'IPTC 7901 header' });
  const etx = text.indexOf('\u0003', Math.max(stx, 0));
  if (etx >= 0) {
    const eot = text.indexOf('\u0004', etx);
    cut.push({ from: etx, to: eot >= 0 ? eot + 1 : text.length, field: 'IPTC 7901 end of text' });
  }
  let out = '';
  let at = 0;
  for (const c of cut) {
    out += text.slice(at, c.from) + keepLines(text.slice(c.from, c.to));
    const value = clean(text.slice(c.from, c.to).replace(/[\u0001-\u0004]/g, ' '));
    found.push({ field: c.field, line: lineAt(c.from), value: value === '' ? '(framing only)' : value });
    at = c.to;
  }
  out += text.slice(at);
  let stray = 0;
  out = out.replace(/[\u0001-\u0004]/g, () => {
    stray++;
    return '';
  });
  if (stray > 0) found.push({ field: 'IPTC 7901 framing characters', line: 1, value: `${stray} removed` });
  const lines = out.split('\n');
  lines.forEach((line, i) => {
    if (/^(?:ZCZC|NNNN)\s*$/.test(line)) {
      found.push({ field: 'telex framing', line: i + 1, value: line.trim() });
      lines[i] = '';
    }
  });
  return { text: lines.join('\n'), found };
}

/**
 * A deck that is one line without a full stop, right after the headline and before a longer
 * paragraph: "Operators restore timetables as the port clears debris".
 */
function isOneLineDeck(text: string, next: string): boolean {
  const n = words(text).length;
  return n >= 4 && n <= 35 && !/[.!:;,]["”’)]*$/u.test(text) && /^[\p{Lu}\d"“‘']/u.test(text) && looksLikeProse(next) && next.length > text.length;
}

/** Lines a feed or a web page adds after the story: not body text, reported as debris. */
const TRAILERS: RegExp[] = [
  /^(?:the post\b.*\b)?(?:appeared first|first appeared) (?:on|in|at)\b/i,
  /^(?:this|the) (?:article|story|post|piece|report|column|content)\b.{0,120}\b(?:appeared|published|republished|reproduced|syndicated|posted)\b/i,
  /^(?:originally|first) (?:published|appeared|posted)\b/i,
  /^(?:re)?published (?:with|by) (?:kind )?permission\b/i,
  /^read (?:the )?(?:original|full) (?:article|story|report)\b/i,
  /^(?:source|citation|cite this(?: article)?|sources?)\s*:/i,
  /^(?:(?:additional )?reporting|writing|editing|compiled) by\b.*$/i,
  /^(?:©|\(c\)|copyright\b)/i,
  /^all rights reserved\.?$/i,
];

function isTrailer(text: string): boolean {
  return isDebris(text) || (text.length <= 300 && TRAILERS.some((re) => re.test(text)));
}

/** list markers; not the en or em dash, which open dialogue and sign-offs ("— Jane Doe") */
const BULLET = /^[-*•·▪◦‣]\s+(\S.*)$/u;
const NUMBERED = /^\(?(\d{1,3})[.)]\s+(\S.*)$/;

/**
 * A subhead inside the body: a short line (at most 8 words) without closing punctuation, between
 * two paragraphs of running text.
 */
function isSubheadLine(text: string, before: LineBlock | undefined, after: LineBlock | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  const n = words(text).length;
  if (n === 0 || n > 8 || text.length > 70) return false;
  if (/[.,;:!…]["”’)]*$/u.test(text) || (/\?$/.test(text) && n < 2)) return false;
  if (!/^[\p{Lu}\d"“‘']/u.test(text) || /^["“‘']/u.test(text)) return false;
  if (BULLET.test(text) || NUMBERED.test(text)) return false;
  return looksLikeProse(after.text) && after.text.length > text.length && !BULLET.test(before.text);
}

/** "8 paragraphs", "9 blocks (6 paragraphs, 1 subhead, 2 list items)" */
export function describeBlocks(body: Block[]): string {
  const count = (kind: Block['kind']) => body.filter((b) => b.kind === kind).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const paragraphs = plural(count('paragraph'), 'paragraph');
  if (body.every((b) => b.kind === 'paragraph')) return paragraphs;
  const parts = [paragraphs, plural(count('subhead'), 'subhead'), plural(count('listItem'), 'list item'), plural(count('quote'), 'quote')];
  return `${plural(body.length, 'block')} (${parts.filter((p) => !p.startsWith('0 ')).join(', ')})`;
}

/** Body lines → blocks: paragraphs, subheads, list items; the dateline run-in lifted out. */
function bodyFromLines(lines: LineBlock[], recognised: Recognised[]): { body: Block[]; dateline?: string } {
  const body: Block[] = [];
  let dateline: string | undefined;
  let list: { kind: 'bulleted' | 'numbered'; line: number; items: number } | undefined;
  const closeList = () => {
    if (list) recognised.push({ field: `${list.kind} list`, line: list.line, value: `${list.items} item${list.items === 1 ? '' : 's'}` });
    list = undefined;
  };
  const plain = (text: string) => [{ text, italic: false, bold: false }];
  lines.forEach((b, k) => {
    let t = b.text;
    const bullet = BULLET.exec(t);
    const numbered = bullet ? null : NUMBERED.exec(t);
    if (bullet || numbered) {
      const kind = bullet ? 'bulleted' : 'numbered';
      if (list?.kind !== kind) {
        closeList();
        list = { kind, line: b.line, items: 0 };
      }
      list.items++;
      body.push({ kind: 'listItem', marker: numbered ? `${Number(numbered[1])}.` : '•', spans: plain(bullet ? bullet[1] : (numbered as RegExpExecArray)[2]) });
      return;
    }
    closeList();
    if (k === 0) {
      const d = splitDateline(t);
      if (d !== undefined) {
        dateline = d.dateline;
        t = d.rest;
        recognised.push({ field: 'dateline', line: b.line, value: dateline });
      }
    } else if (isSubheadLine(t, lines[k - 1], lines[k + 1])) {
      body.push({ kind: 'subhead', text: t });
      recognised.push({ field: 'subhead', line: b.line, value: t });
      return;
    }
    body.push({ kind: 'paragraph', spans: plain(t) });
  });
  closeList();
  return { body, dateline };
}

// ---------------------------------------------------------------------------------------------

/** Parses raw wire copy. `file` names the source in errors and gives the slug. */
export function parseWireCopy(text: string, file: string, defaultLang = 'en'): WireImport {
  const unplaced: Unplaced[] = [];
  const blocks: LineBlock[] = [];
  const framing = stripIptc7901(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const recognised: Recognised[] = [...framing.found];
  const lines = framing.text.split('\n');
  if (/^---\s*$/.test(lines[0] ?? '')) {
    throw new ContentError(file, 'starts with YAML front matter: it is an article Markdown file, not raw wire copy (build it directly)');
  }
  lines.forEach((raw, i) => {
    const t = clean(raw);
    if (t === '') return;
    if (isDebris(t)) {
      recognised.push({ field: 'debris', line: i + 1, value: t });
      return;
    }
    blocks.push({ line: i + 1, text: t });
  });
  if (blocks.length === 0) {
    throw new ContentError(file, 'no headline: the wire copy has no text, only blank lines or web debris');
  }

  const headline = blocks[0];
  recognised.push({ field: 'headline', line: headline.line, value: headline.text });

  let deck: string | undefined;
  let bylines: string[] = [];
  let bylineLine: string | undefined;
  let source: string | undefined;
  let photo: Photo | undefined;
  let date: string | undefined;
  let expectCaption = false;
  let bodyStart = blocks.length;

  const isHeaderField = (t: string): boolean =>
    isPhotoFile(t) || parseDateLine(t) !== undefined || splitByline(t) !== undefined || looksLikeSourceName(t) || splitDateline(t) !== undefined;

  for (let i = 1; i < blocks.length; i++) {
    const { line, text: t } = blocks[i];

    if (isPhotoFile(t)) {
      if (photo === undefined) {
        const name = t.replace(/\\/g, '/').split('/').pop() as string;
        photo = { file: `photos/${name}` };
        recognised.push({ field: 'photo', line, value: photo.file });
        expectCaption = true;
      } else {
        unplaced.push({ line, text: t, reason: 'a second photo file name; an article carries one photo' });
      }
      continue;
    }

    const isoDate = parseDateLine(t);
    const opensWithDateline = splitDateline(t) !== undefined;

    if (expectCaption) {
      expectCaption = false;
      if (isoDate === undefined && !opensWithDateline && !/^by:?\s/i.test(t) && photo !== undefined) {
        const { caption, credit } = splitCaptionCredit(t);
        if (caption !== undefined) {
          photo.caption = caption;
          recognised.push({ field: 'caption', line, value: caption });
        }
        if (credit !== undefined) {
          photo.credit = credit;
          recognised.push({ field: 'credit', line, value: credit });
        }
        continue;
      }
    }

    if (isoDate !== undefined) {
      if (date === undefined) {
        date = isoDate;
        recognised.push({ field: 'date', line, value: isoDate });
      } else {
        unplaced.push({ line, text: t, reason: `a second date line (the date is already ${date})` });
      }
      continue;
    }

    if (opensWithDateline) {
      bodyStart = i;
      break;
    }

    const byline = splitByline(t);
    if (bylineLine !== undefined && normaliseForCompare(t) === normaliseForCompare(bylineLine)) {
      recognised.push({ field: 'duplicate byline', line, value: t });
      continue;
    }
    if (byline !== undefined && bylines.length === 0) {
      bylines = byline.names;
      bylineLine = t;
      for (const name of bylines) recognised.push({ field: 'byline', line, value: name });
      if (byline.trailer !== undefined && source === undefined) {
        source = byline.trailer;
        recognised.push({ field: 'source', line, value: source });
      }
      continue;
    }

    if (source === undefined && !looksLikeProse(t) && (looksLikeSourceName(t) || (bylines.length > 0 && byline === undefined && isTitleCaseShort(t)))) {
      source = t;
      recognised.push({ field: 'source', line, value: t });
      continue;
    }

    if (
      i === 1 &&
      deck === undefined &&
      byline === undefined &&
      i + 1 < blocks.length &&
      ((looksLikeProse(t) && isHeaderField(blocks[i + 1].text)) || isOneLineDeck(t, blocks[i + 1].text))
    ) {
      deck = t;
      recognised.push({ field: 'deck', line, value: t });
      continue;
    }

    if (looksLikeProse(t)) {
      bodyStart = i;
      break;
    }

    unplaced.push({
      line,
      text: t,
      reason:
        byline !== undefined
          ? 'a second byline line that differs from the first'
          : 'a short line among the header lines that is not a deck, byline, source, photo, caption or date',
    });
  }

  const bodyBlocks = blocks.slice(bodyStart);
  // trailing lines a feed or a web page adds: "This article appeared first on …", citations
  while (bodyBlocks.length > 1 && isTrailer(bodyBlocks[bodyBlocks.length - 1].text)) {
    const b = bodyBlocks.pop() as LineBlock;
    recognised.push({ field: 'debris (trailer)', line: b.line, value: b.text });
  }
  const { body, dateline } = bodyFromLines(bodyBlocks, recognised);
  if (bodyBlocks.length > 0) {
    const first = bodyBlocks[0].line;
    const last = bodyBlocks[bodyBlocks.length - 1].line;
    recognised.push({
      field: 'body',
      line: first,
      value: `${describeBlocks(body)}, to line ${last}`,
    });
  }

  const article: Article = {
    slug: slugFromFile(file),
    sourcePath: file,
    headline: headline.text,
    bylines,
    lang: defaultLang,
    body,
  };
  if (deck !== undefined) article.deck = deck;
  if (source !== undefined) article.source = source;
  if (dateline !== undefined) article.dateline = dateline;
  if (date !== undefined) article.date = date;
  if (photo !== undefined) article.photo = photo;

  recognised.sort((a, b) => a.line - b.line);
  return { article, recognised, unplaced };
}
