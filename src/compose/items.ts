// Paragraph → boxes, glue and penalties (Knuth & Plass's item list).
import type { FontKey } from '../model/layout.js';

/** A piece of a box in one font: a word can change face mid-way ("**BALI** —"). */
export interface Piece {
  text: string;
  font: FontKey;
  size: number;
}

/** Unbreakable material: a word or a fragment of a hyphenated word. */
export interface Box {
  type: 'box';
  /** natural width, pt */
  width: number;
  pieces: Piece[];
  /** the characters of the paragraph text this box sets, [start, end) */
  source: [number, number];
  /** how far its first / last character may hang into the margin at a line's edge, pt */
  hangLeft?: number;
  hangRight?: number;
}

/** Breakable, stretchable space between words. */
export interface Glue {
  type: 'glue';
  width: number;
  stretch: number;
  shrink: number;
  /** the narrowest the space is ever set, pt (text extractors find words by their gaps) */
  least?: number;
}

/** A possible break with a cost; `flagged` marks hyphen breaks (for consecutive-hyphen rules). */
export interface Penalty {
  type: 'penalty';
  /** width added at the end of the line if the break is taken (a discretionary hyphen) */
  width: number;
  /** cost of breaking here; ≥ INFINITY_PENALTY forbids, ≤ -INFINITY_PENALTY forces */
  penalty: number;
  flagged: boolean;
  /** the hyphen to draw when the break is taken, if any */
  hyphen?: Piece;
  /** how far that hyphen may hang into the right margin, pt */
  hangRight?: number;
}

export type Item = Box | Glue | Penalty;

export const INFINITY_PENALTY = 10000;
