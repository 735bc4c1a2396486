// Content model: what an article *is*, before any typographic decision.

/** A stretch of inline text with its emphasis, as written in the Markdown body. */
export interface Span {
  text: string;
  italic: boolean;
  bold: boolean;
  /** inline code (`…`): set as written, quotes left straight */
  code?: boolean;
}

/** One block of the article body, in reading order. */
export type Block =
  | { kind: 'paragraph'; spans: Span[] }
  | { kind: 'subhead'; text: string }
  /** a paragraph inside a Markdown block quote */
  | { kind: 'quote'; spans: Span[] }
  /** one item of a bulleted or numbered list; marker is "•" or "1." etc. */
  | { kind: 'listItem'; marker: string; spans: Span[] };

export interface Photo {
  /** file name relative to the article's folder (e.g. "photos/10118290.jpeg") */
  file: string;
  caption?: string;
  /** e.g. "Courtesy of the Cabinet Public Affairs Office" */
  credit?: string;
  /** the point the crop must keep, as fractions of the photo's width and height (0–1); without
   *  it the crop follows sharp's attention strategy */
  focus?: { x: number; y: number };
}

export interface Article {
  /** file-name stem, unique within an edition */
  slug: string;
  /** the file the article was read from, for messages */
  sourcePath: string;
  headline: string;
  deck?: string;
  bylines: string[];
  /** the news organisation, e.g. "The Yomiuri Shimbun" */
  source?: string;
  /** place name set as a run-in at the start of the first paragraph, e.g. "BALI" */
  dateline?: string;
  /** ISO date YYYY-MM-DD */
  date?: string;
  photo?: Photo;
  section?: string;
  priority?: number;
  /** the jump head: a few words keyed to the story, set over its continuation on a later page */
  jump?: string;
  /** BCP 47 language tag; default "en" */
  lang: string;
  body: Block[];
}

export type PageFormatName = 'tabloid' | 'berliner' | 'broadsheet' | 'letter' | 'a4';

export interface Edition {
  /** the nameplate, e.g. "The Morning Ledger" */
  paper: string;
  /** ISO date YYYY-MM-DD */
  date: string;
  format: PageFormatName;
  /** optional edition line, e.g. "Late Edition" */
  editionLine?: string;
  /** BCP 47 language of the edition: its date line, and articles that do not give their own */
  lang?: string;
  /** optional page plan: slugs per page, in order */
  pages?: string[][];
  articles: Article[];
  /** the edition folder (or the single source file) the edition was read from */
  sourcePath: string;
}
