import type { FontKey } from '../model/layout.js';

/** Sizes and faces of the house style. Body 9.5/11 on an 11 pt baseline grid. */
export interface Theme {
  body: { font: FontKey; italic: FontKey; bold: FontKey; boldItalic: FontKey; size: number; leading: number; indentEm: number; expansion: number };
  subhead: { font: FontKey; size: number };
  /** the front page's lead: the largest heads of the edition */
  headline: { font: FontKey; minSize: number; maxSize: number; maxLines: number; leadingRatio: number };
  /**
   * every other module's head: at most `perPoint` × the module's width and `minSize` +
   * `perLine` × the story's length in column lines (clamped to [minSize, maxSize]), at least
   * `minRatio` of that and never under `floor`; heads below the top of a page are `belowTop`
   * times smaller
   */
  heads: { perPoint: number; perLine: number; minSize: number; maxSize: number; minRatio: number; floor: number; belowTop: number };
  /** the deck is copyfitted like the headline: the largest size in range within maxLines; narrower
   *  modules get smaller decks (`perPoint` × width, never under `floor`) */
  deck: { font: FontKey; minSize: number; maxSize: number; maxLines: number; leadingRatio: number; perPoint: number; floor: number };
  /** the head over a jumped story's continuation: one line */
  jumpHead: { font: FontKey; minSize: number; maxSize: number };
  /** a brief's head: small, on the body's grid */
  briefHead: { font: FontKey; size: number };
  /** the label over a column of briefs ("IN BRIEF") and the running head's section */
  label: { font: FontKey; size: number };
  byline: { font: FontKey; size: number };
  source: { font: FontKey; size: number };
  caption: { font: FontKey; size: number; leading: number };
  credit: { font: FontKey; size: number };
  nameplate: { font: FontKey; size: number };
  nameplateLine: { font: FontKey; size: number };
  folio: { font: FontKey; size: number };
  jump: { font: FontKey; size: number };
}

export const HOUSE_THEME: Theme = {
  body: { font: 'text', italic: 'textItalic', bold: 'textBold', boldItalic: 'textBoldItalic', size: 9.5, leading: 11, indentEm: 1, expansion: 0.04 }, // glyphs may widen or narrow 4 % to justify
  subhead: { font: 'display', size: 9.5 },
  headline: { font: 'display', minSize: 48, maxSize: 84, maxLines: 2, leadingRatio: 1.02 },
  heads: { perPoint: 0.085, perLine: 0.11, minSize: 18, maxSize: 60, minRatio: 0.7, floor: 14, belowTop: 0.85 },
  deck: { font: 'textItalic', minSize: 14, maxSize: 20, maxLines: 2, leadingRatio: 1.2, perPoint: 0.028, floor: 11 },
  jumpHead: { font: 'display', minSize: 16, maxSize: 26 },
  briefHead: { font: 'display', size: 10 },
  label: { font: 'displayHeavy', size: 8 },
  byline: { font: 'displaySemiBold', size: 8.5 },
  source: { font: 'displayRegular', size: 8 },
  caption: { font: 'displayRegular', size: 8, leading: 11 },
  credit: { font: 'displayRegular', size: 6.5 },
  nameplate: { font: 'nameplate', size: 64 },
  nameplateLine: { font: 'displaySemiBold', size: 8 },
  folio: { font: 'displayRegular', size: 7.5 },
  jump: { font: 'textItalic', size: 8.5 },
};
