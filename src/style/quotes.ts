// Typographer's quotes from straight ones, per language: “ ” ‘ ’ in English, « » in French
// (with narrow no-break spaces inside), „ “ in German… Apostrophes become ’. Never inside URLs,
// e-mail addresses or code.

export interface QuoteStyle {
  open: string;
  close: string;
  openSingle: string;
  closeSingle: string;
  /** the space set inside guillemets (French: U+202F, a narrow no-break space), if any */
  inner?: string;
}

const ENGLISH: QuoteStyle = { open: '\u201c', close: '\u201d', openSingle: '\u2018', closeSingle: '\u2019' };
const GERMAN: QuoteStyle = { open: '\u201e', close: '\u201c', openSingle: '\u201a', closeSingle: '\u2018' };
const POLISH: QuoteStyle = { open: '\u201e', close: '\u201d', openSingle: '\u201a', closeSingle: '\u2019' };
const GUILLEMETS: QuoteStyle = { open: '\u00ab', close: '\u00bb', openSingle: '\u201c', closeSingle: '\u201d' };
const SWISS: QuoteStyle = { open: '\u00ab', close: '\u00bb', openSingle: '\u2039', closeSingle: '\u203a' };
const FRENCH: QuoteStyle = { ...SWISS, inner: '\u202f' };
const NORDIC: QuoteStyle = { open: '\u201d', close: '\u201d', openSingle: '\u2019', closeSingle: '\u2019' };
const DANISH: QuoteStyle = { open: '\u00bb', close: '\u00ab', openSingle: '\u203a', closeSingle: '\u2039' };

/** By language (primary subtag, or the whole tag first); English quotes for the rest. */
const STYLES: Record<string, QuoteStyle> = {
  en: ENGLISH,
  fr: FRENCH,
  'fr-ch': SWISS,
  de: GERMAN,
  'de-ch': SWISS,
  cs: GERMAN,
  sk: GERMAN,
  sl: GERMAN,
  et: GERMAN,
  lt: GERMAN,
  lv: GERMAN,
  is: GERMAN,
  bg: GERMAN,
  ka: GERMAN,
  pl: POLISH,
  hu: POLISH,
  ro: POLISH,
  hr: POLISH,
  nl: ENGLISH,
  es: GUILLEMETS,
  it: GUILLEMETS,
  pt: GUILLEMETS,
  ca: GUILLEMETS,
  gl: GUILLEMETS,
  eu: GUILLEMETS,
  el: GUILLEMETS,
  ru: { ...GUILLEMETS, openSingle: '\u201e', closeSingle: '\u201c' },
  uk: { ...GUILLEMETS, openSingle: '\u201e', closeSingle: '\u201c' },
  be: { ...GUILLEMETS, openSingle: '\u201e', closeSingle: '\u201c' },
  nb: GUILLEMETS,
  nn: GUILLEMETS,
  no: GUILLEMETS,
  sv: NORDIC,
  fi: NORDIC,
  da: DANISH,
};

export function quoteStyleFor(lang: string): QuoteStyle {
  const tag = lang.toLowerCase();
  return STYLES[tag] ?? STYLES[tag.split('-').slice(0, 2).join('-')] ?? STYLES[tag.split('-')[0]] ?? ENGLISH;
}

/** URLs, e-mail addresses: left as written. */
const ADDRESS = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+|[^\s@"'“”‘’«»][^\s@"“”‘’«»]*@[^\s@]+\.[^\s@"'“”‘’«»]+/giu;

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** what may stand before an opening quote */
const opensAfter = (c: string | undefined) => c === undefined || /[\s([{\u2014\u2013/\u00a0\u202f\u201c\u2018\u201e\u201a\u00ab\u2039"'-]/u.test(c);

/**
 * Curls the straight quotes of a paragraph's pieces of text (its runs, in order: a quote's
 * side is decided across run boundaries). `keep[i]` leaves piece i as written (code).
 */
export function curlQuotes(pieces: string[], lang: string, keep: boolean[] = []): string[] {
  const style = quoteStyleFor(lang);
  const whole = pieces.join('');
  if (!/["']/.test(whole)) return pieces;
  // which characters are left alone: code pieces and addresses
  const fixed = new Uint8Array(whole.length);
  let offset = 0;
  pieces.forEach((piece, i) => {
    if (keep[i]) fixed.fill(1, offset, offset + piece.length);
    offset += piece.length;
  });
  for (const match of whole.matchAll(ADDRESS)) fixed.fill(1, match.index!, match.index! + match[0].length);

  let doubleOpen = false;
  let singleOpen = false;
  // what each UTF-16 unit of the paragraph becomes ('' for a space a guillemet's narrow space replaces)
  const out: string[] = [...whole.split('')];
  for (let i = 0; i < whole.length; i++) {
    const c = whole[i];
    if ((c !== '"' && c !== "'") || fixed[i]) continue;
    const before = whole[i - 1];
    const after = whole[i + 1];
    if (c === "'") {
      if (isWordChar(before) && isWordChar(after)) out[i] = '\u2019'; // don't, l'homme
      else if (opensAfter(before) && /^\d\ds?\b/.test(whole.slice(i + 1))) out[i] = '\u2019'; // '90s
      else if (opensAfter(before) && after !== undefined && !/\s/.test(after)) {
        singleOpen = true;
        out[i] = style.openSingle;
      } else if (singleOpen) {
        singleOpen = false;
        out[i] = style.closeSingle;
      } else out[i] = '\u2019'; // the boys' toys
      continue;
    }
    const opening = opensAfter(before) && (after === undefined || /\s/.test(after) ? !doubleOpen && after !== undefined : true);
    if (opening) {
      doubleOpen = true;
      out[i] = style.open + (style.inner ?? '');
      if (style.inner && after === ' ') out[i + 1] = ''; // « mot » : the narrow space replaces the word space
    } else {
      doubleOpen = false;
      if (style.inner && before === ' ') out[i - 1] = '';
      out[i] = (style.inner ?? '') + style.close;
    }
  }
  const result: string[] = [];
  let at = 0;
  for (const piece of pieces) {
    result.push(out.slice(at, at + piece.length).join(''));
    at += piece.length;
  }
  return result;
}
