// Story: an article with every typographic choice made (faces, sizes, leading, alignment),
// but nothing measured or placed yet.
import type { FontKey, TextRole } from '../model/layout.js';

export interface StyledRun {
  text: string;
  font: FontKey;
  size: number;
}

export type Alignment = 'justify' | 'ragged' | 'center' | 'right';

export interface StyledParagraph {
  role: TextRole;
  runs: StyledRun[];
  align: Alignment;
  /** distance between baselines, pt */
  leading: number;
  /** indent of the first line, pt */
  firstIndent: number;
  /** indent of every line from the left (block quotes), pt */
  leftIndent: number;
  hyphenate: boolean;
  /** font expansion allowed to justify lines, as a fraction of glyph width (0.02 = ±2 %) */
  expansion?: number;
  lang: string;
  /** empty grid lines above the paragraph, unless it opens a column */
  spaceBefore: number;
  /** a subhead must not end a column */
  keepWithNext: boolean;
}

export interface HeadlineStyle {
  text: string;
  font: FontKey;
  /** copyfit range, pt: the largest size that fits `maxLines` wins */
  minSize: number;
  maxSize: number;
  maxLines: number;
  /** leading as a multiple of the size */
  leadingRatio: number;
}

export interface StyledPhoto {
  /** absolute path of the photo file */
  path: string;
  /** the file name as the article gives it, for messages */
  file: string;
  caption?: StyledParagraph;
  credit?: StyledParagraph;
  /** the point the crop keeps (fractions of width and height) */
  focus?: { x: number; y: number };
}

export interface Story {
  slug: string;
  sourcePath: string;
  headline: HeadlineStyle;
  deck?: StyledParagraph;
  /** "By A and B" then the source line */
  bylines: StyledParagraph[];
  photo?: StyledPhoto;
  body: StyledParagraph[];
  /** words in the body as written (dateline included), for reports */
  words: number;
  /** the few words over the story's continuation when it jumps: front matter `jump`, else the
   *  headline's first words */
  jumpHead: string;
  /** the section the story runs in (News, Sports…), for the running head */
  section?: string;
  /** the article's language, for the text it adds (jump lines) */
  lang: string;
}
