// PageLayout: the output of layout and the only input of the painter. Plain data, every
// position in PostScript points with the origin at the top-left corner of the trimmed page
// and y growing downwards (pdfkit's convention). JSON-serialisable.

/** The faces the style uses; `fonts/` maps each to a file. */
export type FontKey =
  | 'text'
  | 'textItalic'
  | 'textBold'
  | 'textBoldItalic'
  | 'nameplate'
  | 'display'
  | 'displayRegular'
  | 'displaySemiBold'
  | 'displayHeavy'
  /** fallback faces (text/fallback.ts): a character the house face lacks is set in one of these */
  | 'serifFallback'
  | 'serifFallbackItalic'
  | 'serifFallbackBold'
  | 'serifFallbackBoldItalic'
  | 'sansFallback'
  | 'sansFallbackBold';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A piece of text in one font and size, drawn from (x, baseline) without any wrapping. */
export interface GlyphRun {
  text: string;
  font: FontKey;
  size: number;
  x: number;
  baseline: number;
  /** advance width as set by layout, expansion included (the painter does not re-measure) */
  width: number;
  /** horizontal glyph scale from font expansion (absent = 1) */
  scale?: number;
}

export type TextRole =
  | 'nameplate'
  | 'nameplateLine'
  | 'runningHead'
  | 'folio'
  /** the label over a column of briefs ("IN BRIEF") */
  | 'label'
  | 'headline'
  | 'deck'
  | 'byline'
  | 'source'
  | 'caption'
  | 'credit'
  | 'body'
  | 'subhead'
  | 'jump'
  | 'placeholder';

/** One typeset line: its box (top/height from the line's leading) and its runs. */
export interface TextLine {
  type: 'text';
  role: TextRole;
  /** the slug of the story the line belongs to, if any */
  story?: string;
  box: Rect;
  baseline: number;
  runs: GlyphRun[];
  /** true if the line ends with a hyphen inserted by the hyphenator */
  hyphenated?: boolean;
  /** true if the line ends inside a word (hyphenation, a compound's hyphen or dash, a URL) */
  midWord?: boolean;
  /** punctuation hanging past the box's left and right edges (optical margin alignment), pt */
  hang?: [number, number];
  /** for body lines: where the line sits in its paragraph (for keep-rule checks) */
  position?: LinePosition;
}

export interface LinePosition {
  /** index of the paragraph in the story body */
  paragraph: number;
  /** 0-based line number within the paragraph, and the paragraph's line count */
  line: number;
  lines: number;
}

export interface ImageBox {
  type: 'image';
  story: string;
  /** the frame on the page */
  box: Rect;
  /** key into the prepared images handed to the painter */
  image: string;
  /** the point of the photo the crop keeps (fractions of width and height), if the article gives one */
  focus?: { x: number; y: number };
}

/** A frame drawn for a photo that is missing ("for position only"). */
export interface PlaceholderBox {
  type: 'placeholder';
  story: string;
  box: Rect;
  /** the frame's label ("FPO", the missing file), placed by layout inside the box */
  label: GlyphRun[];
}

/** A straight rule (horizontal or vertical). */
export interface Rule {
  type: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  thickness: number;
}

export type LayoutItem = TextLine | ImageBox | PlaceholderBox | Rule;

export interface BaselineGrid {
  /** y of the first baseline */
  first: number;
  /** the body leading, in points */
  leading: number;
  /** how many baselines fit in the type area */
  count: number;
}

export interface PageLayout {
  /** 1-based page number */
  number: number;
  /** trim size */
  width: number;
  height: number;
  /** the area inside the margins that every item lies in */
  typeArea: Rect;
  grid: BaselineGrid;
  items: LayoutItem[];
}

/** What the engine could not absorb for one story (fill or tell). */
export interface StoryReport {
  slug: string;
  /** the page the story starts on */
  page: number;
  /** body lines that could not be placed anywhere */
  oversetLines: number;
  /** the pages the story jumps to ("Continued on Page N"), in order */
  continuedOn: number[];
  /** empty grid lines left at the foot of its module's columns */
  undersetLines: number;
  /** how many grid lines the columns' feet differ by in its first module (≤ 1 is balanced) */
  columnSpread: number;
  bodyLines: number;
  /** body lines overfull or looser than the second pass's tolerance allows */
  badLines: number;
  words: number;
  /** its photo's frame: columns spanned and effective resolution (null when the photo is missing) */
  photo?: { span: number; ppi: number | null; belowTarget: boolean };
}

/** One module on a page, as the report gives it. */
export interface ModuleSummary {
  kind: 'story' | 'continuation' | 'briefs';
  /** the story, or the briefs, it sets */
  stories: string[];
  /** first column (1-based) and how many */
  column: number;
  columns: number;
  /** first grid line (1-based, from the top of the type area) and how many */
  line: number;
  lines: number;
}

/** What makeup made of one page. */
export interface PageReport {
  page: number;
  modules: ModuleSummary[];
  /** grid lines of the page left empty: whole lines at the foot across the page, plus lines short of modules' feet */
  unusedLines: number;
  /** the makeup search's cost of the page (lower is better) */
  score: number;
}

export interface EditionLayout {
  pages: PageLayout[];
  stories: StoryReport[];
  makeup: PageReport[];
}
