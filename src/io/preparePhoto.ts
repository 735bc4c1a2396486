import { readFile, stat } from 'node:fs/promises';
import type sharpModule from 'sharp';
import type { Metadata, OutputInfo } from 'sharp';
import { ContentError, type Warning } from '../model/errors.js';
import { requireFromPackage } from './packageRoot.js';

type Sharp = typeof sharpModule;
let loadedSharp: Sharp | undefined;
/** sharp (libvips) takes a tenth of a second to load: only builds with photos pay for it. */
export async function loadSharp(): Promise<Sharp> {
  if (!loadedSharp) {
    loadedSharp = requireFromPackage<Sharp>('sharp');
    // every photo is read once: libvips' cache of decoded images would only hold memory
    // (180 MB of a 51-page edition's build)
    loadedSharp.cache(false);
  }
  return loadedSharp;
}

/**
 * How a photo is encoded: 'grey' one channel; 'rgb' sRGB; 'cmyk' four ink channels, separated
 * with libvips' built-in CMYK profile and held under a total ink limit.
 */
export type PhotoColour = 'grey' | 'rgb' | 'cmyk';

/** Total area coverage (C+M+Y+K, in percent) allowed on newsprint: the default ink limit. */
export const MAX_INK_NEWSPRINT = 240;

/** What the layout asks for: a photo to fill a frame of `widthPt` × `heightPt` points. */
export interface PhotoRequest {
  path: string;
  widthPt: number;
  heightPt: number;
  /** pixels per inch wanted on the printed page (e.g. 200 for newsprint) */
  targetPpi: number;
  colour: PhotoColour;
  /**
   * Treat for newsprint: a mild unsharp mask and the dot-gain compensation curve
   * (see {@link newsprintCoverage}). Default false.
   */
  newsprint?: boolean;
  /** crop around this point (fractions of the photo's width and height) instead of sharp's attention strategy */
  focus?: { x: number; y: number };
  /**
   * For 'cmyk' only: the total ink limit in percent (100–400); where C+M+Y+K exceeds it,
   * C, M and Y are reduced in proportion and K is kept. Default {@link MAX_INK_NEWSPRINT}.
   */
  inkLimit?: number;
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
  colour: PhotoColour;
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
 * Output sharpening for newsprint, after the resize: a small radius (sigma 0.8 px), half
 * strength on flat areas (m1 0.5, so grain and JPEG noise are not boosted) and the default
 * strength on edges (m2 2). The ink spreads on newsprint and softens the picture.
 */
const NEWSPRINT_SHARPEN = { sigma: 0.8, m1: 0.5, m2: 2 } as const;

/**
 * The newsprint tone curve, on ink coverage (0 = paper, 1 = solid ink):
 *
 *     out = in − 0.4 · in · (1 − in)  =  0.6 · in + 0.4 · in²
 *
 * Newsprint (ISO 12647-3) has about 26 % tone value increase at 50 %: a 50 % dot prints near
 * 76 %. The curve takes 10 points off the midtone, so a 50 % dot is made 40 % — a partial
 * compensation that lightens the midtones without emptying the highlights. It is the shape of
 * the dot gain itself (a parabola, largest at 50 %, zero at paper and solid):
 *
 *     in    0    5   10   25   50   75   90   95  100 %
 *     out   0  3.1  6.4 17.5   40 67.5 86.4 93.1  100 %
 *
 * On 8-bit grey (255 = white) a 50 % grey, 128, becomes 153; 64 → 83; 192 → 211. It is
 * monotonic (slope 0.6 at paper, 1.4 at solid, so shadows open up a little) and applied to each
 * grey, RGB (as 255 − value) or CMYK ink channel alike, after sharpening and before the ink limit.
 */
export function newsprintCoverage(coverage: number): number {
  return coverage - 0.4 * coverage * (1 - coverage);
}

/** The newsprint curve on 8-bit ink values (255 = solid). */
const NEWSPRINT_INK_LUT = Uint8Array.from({ length: 256 }, (_, v) => Math.round(255 * newsprintCoverage(v / 255)));

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
 * - scales down to the frame size in inches × targetPpi, each side rounded up to a whole
 *   pixel, so that it never prints under the target (300 × 200 pt at 200 ppi → 834 × 556 px). It never upsamples: if the cropped
 *   source has fewer pixels than that, its own pixels are kept (crop only) and a warning
 *   gives the effective resolution — unless that rounds to the target anyway (a source one
 *   pixel short of the target is kept as is without a warning). However coarse, it is
 *   prepared: layout has framed it as small as it can (one column), and said so;
 * - with `newsprint`, sharpens mildly and applies the dot-gain curve ({@link newsprintCoverage});
 * - for 'cmyk', separates with libvips' built-in CMYK profile ("Chemical proof", Argyll, public
 *   domain; no profile is embedded) and holds C+M+Y+K under `inkLimit` (default 240 %) by
 *   reducing C, M and Y in proportion, K kept;
 * - encodes a JPEG, quality 90, no metadata: one channel for 'grey', sRGB 4:4:4 for 'rgb',
 *   four channels 4:4:4:4 for 'cmyk' — stored inverted, Adobe style (APP14, no colour
 *   transform), which is what PDF readers expect of a DCT image with `/Decode [1 0 1 0 1 0 1 0]`,
 *   the array pdfkit writes for every CMYK JPEG.
 *
 * Missing file → PhotoMissing. Folder, not an image, truncated/corrupt data, too large →
 * ContentError naming the file.
 */
export async function preparePhoto(req: PhotoRequest): Promise<{ image: PreparedImage; warnings: Warning[] }> {
  const { path, widthPt, heightPt, targetPpi, colour, newsprint = false, inkLimit = MAX_INK_NEWSPRINT } = req;
  for (const [name, value] of [['widthPt', widthPt], ['heightPt', heightPt], ['targetPpi', targetPpi]] as const) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new RangeError(`preparePhoto: ${name} must be a positive number, got ${value}`);
    }
  }
  if (colour !== 'grey' && colour !== 'rgb' && colour !== 'cmyk') {
    throw new RangeError(`preparePhoto: colour must be 'grey', 'rgb' or 'cmyk', got ${String(colour)}`);
  }
  if (!Number.isFinite(inkLimit) || inkLimit < 100 || inkLimit > 400) {
    throw new RangeError(`preparePhoto: inkLimit must be a percentage from 100 to 400, got ${inkLimit}`);
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
  // whole pixels, rounded up: a side rounded down would print a hair under the target (199.9 ppi)
  const targetW = Math.max(1, Math.ceil((widthPt / 72) * targetPpi - 1e-9));
  const targetH = Math.max(1, Math.ceil((heightPt / 72) * targetPpi - 1e-9));
  const enough = cropW >= targetW && cropH >= targetH;
  const pixelWidth = enough ? targetW : cropW;
  const pixelHeight = enough ? targetH : cropH;

  const sharp = await loadSharp();
  let pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: MAX_PHOTO_PIXELS })
    .rotate() // EXIF orientation
    .flatten({ background: '#ffffff' });
  if (req.focus) {
    // the largest region of the frame's aspect centred on the focus, kept inside the photo
    const left = clamp(Math.round(req.focus.x * source.width - cropW / 2), 0, source.width - cropW);
    const top = clamp(Math.round(req.focus.y * source.height - cropH / 2), 0, source.height - cropH);
    pipeline = pipeline.extract({ left, top, width: cropW, height: cropH }).resize(pixelWidth, pixelHeight, { fit: 'fill' });
  } else {
    pipeline = pipeline.resize(pixelWidth, pixelHeight, { fit: 'cover', position: sharp.strategy.attention });
  }
  if (newsprint) pipeline = pipeline.sharpen(NEWSPRINT_SHARPEN);
  pipeline =
    colour === 'grey'
      ? pipeline.greyscale().toColourspace('b-w')
      : pipeline.toColourspace(colour === 'cmyk' ? 'cmyk' : 'srgb');

  let data: Buffer;
  let info: OutputInfo;
  try {
    if (newsprint || colour === 'cmyk') {
      // pixels are adjusted here (curve, ink limit), then encoded
      ({ data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true }));
    } else {
      const encoder =
        colour === 'grey'
          ? pipeline.jpeg({ quality: JPEG_QUALITY })
          : pipeline.jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' });
      ({ data, info } = await encoder.toBuffer({ resolveWithObject: true }));
    }
  } catch (error) {
    throw new ContentError(path, `cannot be decoded, the image is truncated or corrupt (${describe(error)})`);
  }

  if (info.format === 'raw') {
    const channels = { grey: 1, rgb: 3, cmyk: 4 }[colour];
    if (info.channels !== channels) {
      throw new Error(`preparePhoto: expected ${channels} channels for ${colour}, got ${info.channels}`);
    }
    if (newsprint) applyNewsprintCurve(data, colour);
    // JPEG compression rings at edges and can push a pixel a few percent over what was
    // written: hold the pixels a margin under the limit so the printed file stays within it
    if (colour === 'cmyk') limitInk(data, inkLimit - JPEG_INK_MARGIN);
    data = await encodeRaw(sharp, data, info.width, info.height, colour);
  }

  const effectivePpi = info.width / (widthPt / 72);
  const warnings: Warning[] = [];
  if (Math.round(effectivePpi) < targetPpi) {
    warnings.push({
      code: 'photo-low-resolution',
      file: path,
      message: `effective resolution ${Math.round(effectivePpi)} ppi is below the target ${targetPpi} ppi for print`,
    });
  }
  return {
    image: { path, data, pixelWidth: info.width, pixelHeight: info.height, effectivePpi, colour },
    warnings,
  };
}

/** The newsprint curve, in place: on ink values for CMYK, on 255 − value for grey and RGB. */
function applyNewsprintCurve(data: Buffer, colour: PhotoColour): void {
  if (colour === 'cmyk') {
    for (let i = 0; i < data.length; i++) data[i] = NEWSPRINT_INK_LUT[data[i]];
  } else {
    for (let i = 0; i < data.length; i++) data[i] = 255 - NEWSPRINT_INK_LUT[255 - data[i]];
  }
}

/** Percentage points kept free under the ink limit for JPEG ringing. */
export const JPEG_INK_MARGIN = 12;

/**
 * Total ink limit, in place, on 8-bit CMYK pixels (4 bytes each, 255 = 100 %): where
 * C+M+Y+K exceeds `limitPercent`, C, M and Y are scaled down in proportion (rounded down, so
 * the sum ends at or just under the limit) and K is kept. `limitPercent` must be ≥ 100, so K
 * alone always fits.
 */
export function limitInk(data: Uint8Array, limitPercent: number): void {
  if (data.length % 4 !== 0) throw new RangeError('limitInk: CMYK data must have 4 bytes a pixel');
  if (!(limitPercent >= 100)) throw new RangeError(`limitInk: the limit must be at least 100 %, got ${limitPercent}`);
  const max = Math.floor((limitPercent * 255) / 100);
  for (let i = 0; i < data.length; i += 4) {
    const c = data[i];
    const m = data[i + 1];
    const y = data[i + 2];
    const k = data[i + 3];
    const cmy = c + m + y;
    if (cmy + k <= max) continue;
    const room = max - k; // ≥ 0 as k ≤ 255 ≤ max
    data[i] = Math.floor((c * room) / cmy);
    data[i + 1] = Math.floor((m * room) / cmy);
    data[i + 2] = Math.floor((y * room) / cmy);
  }
}

/** Encodes raw pixels (1, 3 or 4 channels for grey, RGB, CMYK) as the final JPEG. */
async function encodeRaw(sharp: Sharp, data: Buffer, width: number, height: number, colour: PhotoColour): Promise<Buffer> {
  if (colour === 'grey') {
    return sharp(data, { raw: { width, height, channels: 1 } }).toColourspace('b-w').jpeg({ quality: JPEG_QUALITY }).toBuffer();
  }
  if (colour === 'rgb') {
    return sharp(data, { raw: { width, height, channels: 3 } })
      .toColourspace('srgb')
      .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' })
      .toBuffer();
  }
  // Raw input with 4 channels reads as sRGB + alpha, and toColourspace('cmyk') would convert
  // it. Joined channels instead take the output colourspace as their meaning (sharp's
  // joinChannel): C, M, Y as the image, K joined to it, labelled CMYK without conversion.
  const pixels = width * height;
  const cmy = Buffer.allocUnsafe(pixels * 3);
  const k = Buffer.allocUnsafe(pixels);
  for (let p = 0; p < pixels; p++) {
    cmy[p * 3] = data[p * 4];
    cmy[p * 3 + 1] = data[p * 4 + 1];
    cmy[p * 3 + 2] = data[p * 4 + 2];
    k[p] = data[p * 4 + 3];
  }
  return sharp(cmy, { raw: { width, height, channels: 3 } })
    .joinChannel(k, { raw: { width, height, channels: 1 } })
    .toColourspace('cmyk')
    .jpeg({ quality: JPEG_QUALITY, chromaSubsampling: '4:4:4' })
    .toBuffer();
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
