import type { FontKey } from '../model/layout.js';

/** Sizes and faces of the house style. Body 9.5/11 on an 11 pt baseline grid. */
export interface Theme {
  body: { font: FontKey; italic: FontKey; bold: FontKey; boldItalic: FontKey; size: number; leading: number; indentEm: number; expansion: number };
  subhead: { font: FontKey; size: number };
  headline: { font: FontKey; minSize: number; maxSize: number; maxLines: number; leadingRatio: number };
  /** the deck is copyfitted like the headline: the largest size in range within maxLines */
  deck: { font: FontKey; minSize: number; maxSize: number; maxLines: number; leadingRatio: number };
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
  headline: { font: 'display', minSize: 36, maxSize: 84, maxLines: 2, leadingRatio: 1.02 },
  deck: { font: 'textItalic', minSize: 14, maxSize: 20, maxLines: 2, leadingRatio: 1.2 },
  byline: { font: 'displaySemiBold', size: 8.5 },
  source: { font: 'displayRegular', size: 8 },
  caption: { font: 'displayRegular', size: 8, leading: 11 },
  credit: { font: 'displayRegular', size: 6.5 },
  nameplate: { font: 'nameplate', size: 64 },
  nameplateLine: { font: 'displaySemiBold', size: 8 },
  folio: { font: 'displayRegular', size: 7.5 },
  jump: { font: 'textItalic', size: 8.5 },
};
