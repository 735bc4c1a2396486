// Photo plan: the frames a photo may take, sized by its pixels. A frame is never wider or
// taller than the photo's pixels print at the target resolution, and never cropped beyond
// CROP_LIMIT of its own shape; a photo too small even for one column runs one column wide.
import type { PageGeometry } from './geometry.js';
import { spanWidth } from './geometry.js';

/** The photo as layout sees it: its pixel size (EXIF orientation applied), or null when the file is missing. */
export interface PhotoInfo {
  pixels: { width: number; height: number } | null;
}

/** A story's photo, as makeup plans it. */
export interface PhotoSpec {
  /** absolute path (the key of the prepared image) */
  path: string;
  pixels: { width: number; height: number } | null;
  /** width / height of the picture (DEFAULT_PHOTO_ASPECT for a missing one) */
  aspect: number;
}

/** The frame may be cropped to between these multiples of the photo's own aspect ratio. */
export const CROP_LIMIT = 1.5;
/** Aspect assumed for a missing photo (a landscape 3:2 news picture). */
export const DEFAULT_PHOTO_ASPECT = 1.5;
/** The smallest photo frame, in grid lines. */
export const MIN_PHOTO_BANDS = 4;

/** The frames a photo may take `span` columns wide: heights in grid lines, and the one closest to its own shape. */
export interface FrameLimits {
  span: number;
  minBands: number;
  maxBands: number;
  naturalBands: number;
  /** the photo is too small for one column at the target resolution: it runs one column wide anyway */
  belowTarget: boolean;
}

export function photoSpec(path: string, info: PhotoInfo | undefined): PhotoSpec {
  const pixels = info?.pixels ?? null;
  return { path, pixels, aspect: pixels ? pixels.width / pixels.height : DEFAULT_PHOTO_ASPECT };
}

/** The widest span (columns) the photo prints at `ppi` or better; 0 when not even one column. */
export function widestSpan(photo: PhotoSpec, g: PageGeometry, ppi: number): number {
  if (!photo.pixels) return g.columns;
  const widest = (photo.pixels.width * 72) / ppi;
  let span = 0;
  while (span < g.columns && spanWidth(g, span + 1) <= widest + 1e-6) span++;
  return span;
}

/**
 * The frames the photo may take `span` columns wide at `ppi`: undefined when it would print
 * below `ppi` at that width, or no height is within the crop limits. A photo too small for
 * one column gets one-column frames, marked `belowTarget`.
 */
export function frameLimits(photo: PhotoSpec, span: number, g: PageGeometry, ppi: number): FrameLimits | undefined {
  const L = g.grid.leading;
  const width = spanWidth(g, span);
  const widest = widestSpan(photo, g, ppi);
  const belowTarget = widest === 0;
  if (belowTarget ? span !== 1 : span > widest) return undefined;
  const naturalHeight = width / photo.aspect;
  let tallest = width / (photo.aspect / CROP_LIMIT);
  // taller than the pixels allow would crop the width, and lower the resolution
  if (photo.pixels) tallest = Math.min(tallest, belowTarget ? naturalHeight : (photo.pixels.height * 72) / ppi);
  const minBands = Math.max(MIN_PHOTO_BANDS, Math.ceil(width / (photo.aspect * CROP_LIMIT) / L - 1e-9));
  const maxBands = Math.floor(tallest / L + 1e-9);
  if (maxBands < minBands) {
    // no frame within the crop limits: one column still takes the photo, cropped further, so
    // that every photo has a place
    if (span !== 1) return undefined;
    const bands = Math.max(2, Math.min(minBands, maxBands));
    // a strip too shallow for two grid lines at the target prints below it: say so
    const under = photo.pixels !== null && bands * L > (photo.pixels.height * 72) / ppi + 1e-6;
    return { span, minBands: bands, maxBands: bands, naturalBands: bands, belowTarget: belowTarget || under };
  }
  const naturalBands = Math.min(maxBands, Math.max(minBands, Math.round(naturalHeight / L)));
  return { span, minBands, maxBands, naturalBands, belowTarget };
}

/** The effective resolution of a frame (ppi): what the cover crop keeps of the pixels, over the frame's size. */
export function frameResolution(photo: PhotoSpec, widthPt: number, heightPt: number): number | null {
  if (!photo.pixels) return null;
  return Math.min((photo.pixels.width * 72) / widthPt, (photo.pixels.height * 72) / heightPt);
}

/** How far a frame is cropped from the photo's own shape (0 = not at all). */
export const cropOf = (photo: PhotoSpec, widthPt: number, heightPt: number) => Math.abs(Math.log(widthPt / heightPt / photo.aspect));
