// Where the trimmed page sits on the PDF's sheet (its MediaBox), per profile. Pure geometry,
// no pdfkit: the painter asks these functions and draws what they say.
//
// Boxes are in PDF user space: points, origin at the bottom-left corner of the MediaBox, y up.

/** A rectangle in PDF user space, as a PDF box array would list it. */
export interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/** The box as a PDF array [llx lly urx ury]. */
export function boxArray(box: Box): [number, number, number, number] {
  return [box.left, box.bottom, box.right, box.top];
}

/** `box` grown by `by` points on every side (shrunk for a negative `by`). */
export function outset(box: Box, by: number): Box {
  return { left: box.left - by, bottom: box.bottom - by, right: box.right + by, top: box.top + by };
}

/** Rounds to 1/1000 pt, so that box arithmetic writes short, exact numbers. */
export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** 3 mm, the usual bleed: 8.504 pt. */
export const BLEED = round3((3 / 25.4) * 72);
/** The slug: how far the MediaBox reaches beyond the trim on each side (room for marks and the slug line). */
export const SLUG = 36;

/** The press sheet of one page: trim (the paper format), bleed 3 mm beyond it, media around both. */
export interface PressSheet {
  media: Box;
  bleed: Box;
  trim: Box;
  /** where the layout's origin (top-left of the trim, y down) lies in pdfkit's page space (top-left of the media, y down) */
  origin: { x: number; y: number };
}

/** The press sheet for a trim of `width` × `height` points. */
export function pressSheet(width: number, height: number, bleed = BLEED, slug = SLUG): PressSheet {
  if (!(slug > bleed)) throw new RangeError(`pressSheet: the slug (${slug} pt) must reach beyond the bleed (${bleed} pt)`);
  const media: Box = { left: 0, bottom: 0, right: round3(width + 2 * slug), top: round3(height + 2 * slug) };
  const trim: Box = { left: slug, bottom: slug, right: round3(slug + width), top: round3(slug + height) };
  const bleedBox: Box = {
    left: round3(trim.left - bleed),
    bottom: round3(trim.bottom - bleed),
    right: round3(trim.right + bleed),
    top: round3(trim.top + bleed),
  };
  return { media, bleed: bleedBox, trim, origin: { x: slug, y: slug } };
}
