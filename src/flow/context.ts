import type { BreakOptions } from '../compose/breakLines.js';
import type { Hyphenator } from '../compose/hyphenate.js';
import type { Theme } from '../style/theme.js';
import type { FontMetrics } from '../text/fontMetrics.js';

/** What layout needs besides the content: measuring, hyphenation and the house style. */
export interface TypesetContext {
  metrics: FontMetrics;
  theme: Theme;
  hyphenatorFor: (lang: string) => Hyphenator;
  breakOptions?: Partial<BreakOptions>;
  /** the effective resolution photos must print at (ppi): frames are sized so that none prints below it */
  photoPpi: number;
  /** a source file's text, read only to say where a character no face can draw is (file:line:col) */
  sourceText?: (file: string) => string | undefined;
}
