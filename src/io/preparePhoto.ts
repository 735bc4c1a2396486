import { readFile, stat } from 'node:fs/promises';
import type sharpModule from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';

type Sharp = typeof sharpModule;
let loadedSharp: Sharp | undefined;
/** sharp (libvips) takes a tenth of a second to load: only builds with photos pay for it. */
async function loadSharp(): Promise<Sharp> {
  loadedSharp ??= (await import('sharp')).default;
  return loadedSharp;
}
import { ContentError, type Warning } from '../model/errors.js';

/** What the layout asks for: a photo to fill a frame of `widthPt` × `heightPt` points. */
export interface PhotoRequest {
  path: string;
  widthPt: number;
  heightPt: number;
  /** pixels per inch wanted on the printed page (e.g. 200 for newsprint) */
  targetPpi: number;
  colour: 'grey' | 'rgb';
}

/** A photo cropped to its frame's aspect ratio, ready to embed: a baseline JPEG. */
export interface PreparedImage {
  path: string;
  /** JPEG bytes, no metadata; identical for identical input */
  data: Buffer;
  pixelWidth: number;
  pixelHeight: number;
  /** pixelWidth / frame width in inches */
  effectivePpi: number;
  colour: 'grey' | 'rgb';
}

/**
 * The photo file does not exist. Not a ContentError on purpose: a non-strict build draws a
 * marked "FPO" placeholder frame and reports it; with `--strict` the caller turns it into an error.
 */
export class PhotoMissing extends Error {
  constructor(readonly path: string) {
    super(`${path}: photo not found`);
    this.name = 'PhotoMissing';
  }
}

/** Photos with more pixels than this (as declared in the header) are refused before decoding. */
export const MAX_PHOTO_PIXELS = 150_000_000;
/** Photo files larger than this are refused before reading. */
export const MAX_PHOTO_BYTES = 100 * 1024 * 1024;
const JPEG_QUALITY = 90;

/**
 * Oriented pixel size of a photo (EXIF rotation applied: a portrait shot stored as landscape
 * with orientation 6 reports as portrait), read from the file header only — nothing is decoded.
 * Missing file → PhotoMissing; a folder or a file that is not an image → ContentError.
 * Does not apply the size limits of preparePhoto.
 */
export async function readPhotoSize(path: string): Promise<{ width: number; height: number }> {
  await statPhoto(path);
  const meta = await readMetadata(path, path);
  return orientedSize(meta);
}

/**
 * Prepares a photo for its frame:
 * - refuses, before decoding, files over 100 MB and images over 150 megapixels (header size);
 * - applies the EXIF orientation, flattens any alpha onto white;
 * - crops to the frame's aspect ratio around the most salient region (`fit: 'cover'`,
 *   `sharp.strategy.attention`);
 * - scales down to the frame size in inches × targetPpi, each side rounded to the nearest
 *   pixel (300 × 200 pt at 200 ppi → 833 × 556 px). It never upsamples: if the cropped
 *   source has fewer pixels than that, its own pixels are kept (crop only) and a warning
 *   gives the effective resolution — unless that rounds to the target anyway (a source one
 *   pixel short of the target is kept as is without a warning);
 * - encodes a JPEG, quality 90, no metadata: one channel for 'grey', sRGB 4:4:4 for 'rgb'.
 *
 * Missing file → PhotoMissing. Folder, not an image, truncated/corrupt data, too large →
 * ContentError naming the file.
 */
export async function preparePhoto(req: PhotoRequest): Promise<{ image: PreparedImage; warnings: Warning[] }> {
  const { path, widthPt, heightPt, targetPpi, colour } = req;
  for (const [name, value] of [['widthPt', widthPt], ['heightPt', heightPt], ['targetPpi', targetPpi]] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`preparePhoto: ${name} must be a positive number, got ${value}`);
    }
  }

  const size = await statPhoto(path);
  if (size > MAX_PHOTO_BYTES) {
    throw new ContentError(
      path,
      `is ${(size / 1048576).toFixed(1)} MB, too large for a photo (the limit is ${MAX_PHOTO_BYTES / 1048576} MB)`,
    );
  }

  // Read the bytes once: metadata and decode then see the same data (and no libvips file cache).
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw fileError(path, error);
  }

  const meta = await readMetadata(bytes, path);
  const stored = meta.width * meta.height;
  if (stored > MAX_PHOTO_PIXELS) {
    throw new ContentError(
      path,
      `is ${meta.width} × ${meta.height} pixels (${(stored / 1e6).toFixed(0)} megapixels), ` +
        `too large to process (the limit is ${MAX_PHOTO_PIXELS / 1e6} megapixels); reduce it before use`,
    );
  }

  const source = orientedSize(meta);
  const frameAspect = widthPt / heightPt;
  // Largest region of the source with the frame's aspect ratio.
  let cropW: number;
  let cropH: number;
  if (source.width / source.height > frameAspect) {
    cropH = source.height;
    cropW = clamp(Math.round(source.height * frameAspect), 1, source.width);
  } else {
    cropW = source.width;
    cropH = clamp(Math.round(source.width / frameAspect), 1, source.height);
  }
  const targetW = Math.max(1, Math.round((widthPt / 72) * targetPpi));
  const targetH = Math.max(1, Math.round((heightPt / 72) * targetPpi));
  const enough = cropW >= targetW && cropH >= targetH;
  const pixelWidth = enough ? targetW : cropW;
  const pixelHeight = enough ? targetH : cropH;

  const sharp = await loadSharp();
  let pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PHOTO_PIXELS })
    .rotate() // EXIF orientation
    .flatten({ background: '#ffffff' })
    .resize(pixelWidth, pixelHeight, { fit: 'cover', position: sharp.strategy.attention });
  pipeline =
    colour === 'grey'
      ? pipeline.greyscale().toColourspace('b-w').jpeg({ quality: JPEG_QUALITY })
      : pipeline.toColourspace('srgb').jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' });

  let data: Buffer;
  let info: OutputInfo;
  try {
    ({ data, info } = await pipeline.toBuffer({ resolveWithObject: true }));
  } catch (error) {
    throw new ContentError(path, `cannot be decoded, the image is truncated or corrupt (${describe(error)})`);
  }

  const effectivePpi = info.width / (widthPt / 72);
  const warnings: Warning[] = [];
  if (Math.round(effectivePpi) < targetPpi) {
    warnings.push({
      file: path,
      message: `effective resolution ${Math.round(effectivePpi)} ppi is below the target ${targetPpi} ppi for print`,
    });
  }
  return {
    image: { path, data, pixelWidth: info.width, pixelHeight: info.height, effectivePpi, colour },
    warnings,
  };
}

/** Checks the path is an existing regular file; returns its size in bytes. */
async function statPhoto(path: string): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw fileError(path, error);
  }
  if (info.isDirectory()) throw new ContentError(path, 'is a folder, expected a photo file');
  if (!info.isFile()) throw new ContentError(path, 'is not a regular file, expected a photo file');
  if (info.size === 0) throw new ContentError(path, 'is empty, expected a photo');
  return info.size;
}

function fileError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new PhotoMissing(path);
  if (code === 'EACCES' || code === 'EPERM') return new ContentError(path, 'cannot be read: permission denied');
  if (code === 'EISDIR') return new ContentError(path, 'is a folder, expected a photo file');
  return new ContentError(path, `cannot be read (${code ?? describe(error)})`);
}

/** Header-only metadata; no pixel limit here so that we can report the size ourselves. */
async function readMetadata(input: string | Buffer, path: string): Promise<Metadata> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (error) {
    const text = describe(error);
    if (/unsupported image format/i.test(text)) {
      throw new ContentError(path, 'is not an image (not a format we can read: JPEG, PNG, TIFF, WebP, …)');
    }
    throw new ContentError(path, `is not a readable image (${text})`);
  }
  if (!meta.width || !meta.height) throw new ContentError(path, 'is not a readable image (no pixel size in its header)');
  return meta;
}

function orientedSize(meta: Metadata): { width: number; height: number } {
  if (meta.autoOrient) return { width: meta.autoOrient.width, height: meta.autoOrient.height };
  const swap = meta.orientation !== undefined && meta.orientation >= 5 && meta.orientation <= 8;
  return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
