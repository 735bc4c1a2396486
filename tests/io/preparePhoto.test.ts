import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/model/errors.js';
import {
  JPEG_INK_MARGIN,
  MAX_INK_NEWSPRINT,
  PhotoMissing,
  limitInk,
  newsprintCoverage,
  preparePhoto,
  readPhotoSize,
  type PhotoColour,
} from '../../src/io/preparePhoto.js';

let dir: string;

/** A deterministic RGB test pattern with some structure (so the attention crop has work). */
function pattern(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = (x * 255) / width;
      data[i + 1] = (y * 255) / height;
      data[i + 2] = ((x ^ y) * 7) & 255;
    }
  }
  return data;
}

async function jpegFile(name: string, width: number, height: number): Promise<string> {
  const path = join(dir, name);
  await sharp(pattern(width, height), { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toFile(path);
  return path;
}

/** A lossless PNG from raw pixels (1 or 3 channels). */
async function pngFile(name: string, raw: Buffer, width: number, height: number, channels: 1 | 3): Promise<string> {
  const path = join(dir, name);
  await sharp(raw, { raw: { width, height, channels } }).png().toFile(path);
  return path;
}

/** Decodes a prepared JPEG to raw pixels in its own space: 1 (grey), 3 (sRGB) or 4 (CMYK, 255 = solid ink). */
async function decode(jpeg: Buffer, colour: PhotoColour): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const space = { grey: 'b-w', rgb: 'srgb', cmyk: 'cmyk' }[colour];
  let pipeline = sharp(jpeg);
  if (colour === 'cmyk') pipeline = pipeline.pipelineColourspace('cmyk'); // else sharp converts to sRGB first
  const { data, info } = await pipeline.toColourspace(space).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

/** The newsprint curve on an 8-bit grey value (255 = white), as documented. */
const curveGrey = (v: number) => 255 - Math.round(255 * newsprintCoverage((255 - v) / 255));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stonehand-photo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preparePhoto', () => {
  it('scales a large photo down to the frame at the target ppi, greyscale as one channel', async () => {
    const path = await jpegFile('big.jpg', 3000, 2000);
    const { image, warnings } = await preparePhoto({ path, widthPt: 300, heightPt: 200, targetPpi: 200, colour: 'grey' });
    // 300 pt = 4.1667 in × 200 = 833.3 → 834; 200 pt = 2.7778 in × 200 = 555.6 → 556 (rounded up:
    // 833 px would print at 199.9 ppi, under the target)
    expect(image.pixelWidth).toBe(834);
    expect(image.pixelHeight).toBe(556);
    expect(image.effectivePpi).toBeGreaterThanOrEqual(200);
    expect(image.effectivePpi).toBeCloseTo(200, 0);
    expect(image.colour).toBe('grey');
    expect(image.path).toBe(path);
    expect(warnings).toEqual([]);
    const meta = await sharp(image.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(834);
    expect(meta.height).toBe(556);
    expect(meta.channels).toBe(1);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
  });

  it('writes an sRGB three-channel JPEG for colour rgb', async () => {
    const path = join(dir, 'big.jpg');
    const { image } = await preparePhoto({ path, widthPt: 300, heightPt: 200, targetPpi: 200, colour: 'rgb' });
    const meta = await sharp(image.data).metadata();
    expect(meta.channels).toBe(3);
    expect(meta.space).toBe('srgb');
    expect(meta.chromaSubsampling).toBe('4:4:4');
    expect(meta.exif).toBeUndefined();
  });

  it('crops a 4:3 photo to a square frame', async () => {
    const path = await jpegFile('four-three.jpg', 800, 600);
    const { image, warnings } = await preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'rgb' });
    expect(image.pixelWidth).toBe(image.pixelHeight);
    expect(image.pixelWidth).toBe(278); // 100/72 × 200 = 277.8
    expect(warnings).toEqual([]);
    const meta = await sharp(image.data).metadata();
    expect([meta.width, meta.height]).toEqual([278, 278]);
  });

  it('prepares a photo far under the target resolution, without upsampling, and warns with its ppi (layout decides where it runs)', async () => {
    const path = await jpegFile('small.jpg', 200, 100);
    // 200 px over 300/72 in = 48 ppi: a quarter of the target
    const { image, warnings } = await preparePhoto({ path, widthPt: 300, heightPt: 150, targetPpi: 200, colour: 'grey' });
    expect([image.pixelWidth, image.pixelHeight]).toEqual([200, 100]);
    expect(warnings).toEqual([{ code: 'photo-low-resolution', file: path, message: 'effective resolution 48 ppi is below the target 200 ppi for print' }]);
  });

  it('never upsamples a photo between half the target and the target, and warns with its effective ppi', async () => {
    const path = await jpegFile('medium.jpg', 600, 300);
    // frame 288 × 144 pt = 4 × 2 in; 200 ppi would want 800 × 400 px; 600 px over 4 in = 150 ppi
    const { image, warnings } = await preparePhoto({ path, widthPt: 288, heightPt: 144, targetPpi: 200, colour: 'grey' });
    expect([image.pixelWidth, image.pixelHeight]).toEqual([600, 300]);
    expect(image.effectivePpi).toBeCloseTo(150, 5);
    expect(warnings).toEqual([{ code: 'photo-low-resolution', file: path, message: 'effective resolution 150 ppi is below the target 200 ppi for print' }]);
  });

  it('warns the same at half the target and under it: 100 and 99 ppi of 200', async () => {
    const half = await jpegFile('half.jpg', 400, 200); // 400 px over 4 in = 100 ppi
    const { image, warnings } = await preparePhoto({ path: half, widthPt: 288, heightPt: 144, targetPpi: 200, colour: 'rgb' });
    expect(image.effectivePpi).toBe(100);
    expect(warnings.map((w) => w.message)).toEqual(['effective resolution 100 ppi is below the target 200 ppi for print']);
    const under = await jpegFile('under-half.jpg', 396, 198); // 99 ppi
    const prepared = await preparePhoto({ path: under, widthPt: 288, heightPt: 144, targetPpi: 200, colour: 'rgb' });
    expect(prepared.warnings.map((w) => w.message)).toEqual(['effective resolution 99 ppi is below the target 200 ppi for print']);
  });

  it('crops a small photo to the frame aspect without resizing it', async () => {
    const path = await jpegFile('small-wide.jpg', 400, 100);
    const { image, warnings } = await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 80, colour: 'rgb' });
    expect([image.pixelWidth, image.pixelHeight]).toEqual([100, 100]);
    expect(warnings[0].message).toBe('effective resolution 50 ppi is below the target 80 ppi for print');
  });

  it('flattens transparency onto white', async () => {
    const path = join(dir, 'alpha.png');
    const red = await sharp({ create: { width: 100, height: 100, channels: 4, background: { r: 200, g: 0, b: 0, alpha: 1 } } })
      .png()
      .toBuffer();
    await sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: red, left: 150, top: 150 }])
      .png()
      .toFile(path);
    for (const colour of ['rgb', 'grey'] as const) {
      const { image } = await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 150, colour });
      expect((await sharp(image.data).metadata()).channels).toBe(colour === 'grey' ? 1 : 3);
      // (sharp decodes to sRGB for raw output, so read three channels either way)
      const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
      for (let c = 0; c < info.channels; c++) expect(data[c]).toBeGreaterThanOrEqual(250); // top-left pixel
      const centre = ((info.height >> 1) * info.width + (info.width >> 1)) * info.channels;
      expect(data[centre] + data[centre + 1] + data[centre + 2]).toBeLessThan(400); // the opaque red square
    }
  });

  it('applies the EXIF orientation', async () => {
    // Stored 600 × 400, left half black, right half white; orientation 6 = rotate 90° clockwise
    // to display, so it shows as 400 × 600 with the black half on top.
    const width = 600;
    const height = 400;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.fill(x < width / 2 ? 0 : 255, (y * width + x) * 3, (y * width + x) * 3 + 3);
    const path = join(dir, 'rotated.jpg');
    await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg().withMetadata({ orientation: 6 }).toFile(path);
    expect((await sharp(path).metadata()).orientation).toBe(6);

    expect(await readPhotoSize(path)).toEqual({ width: 400, height: 600 });

    // 200 × 300 pt at 144 ppi = 400 × 600 px: the whole oriented photo, no crop
    const { image, warnings } = await preparePhoto({ path, widthPt: 200, heightPt: 300, targetPpi: 144, colour: 'grey' });
    expect(warnings).toEqual([]);
    expect([image.pixelWidth, image.pixelHeight]).toEqual([400, 600]);
    const meta = await sharp(image.data).metadata();
    expect(meta.orientation).toBeUndefined();
    const { data, info } = await sharp(image.data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([400, 600]);
    const at = (x: number, y: number) => data[(y * info.width + x) * info.channels];
    expect(at(200, 100)).toBeLessThan(30); // top: black
    expect(at(200, 500)).toBeGreaterThan(225); // bottom: white
  });

  it('gives the same bytes for the same input, in every mode', async () => {
    const path = join(dir, 'big.jpg');
    const seen = new Set<string>();
    for (const colour of ['grey', 'rgb', 'cmyk'] as const) {
      for (const newsprint of [false, true]) {
        const req = { path, widthPt: 200, heightPt: 200, targetPpi: 200, colour, newsprint };
        const a = await preparePhoto(req);
        const b = await preparePhoto(req);
        expect(Buffer.compare(a.image.data, b.image.data), `${colour}, newsprint ${newsprint}`).toBe(0);
        seen.add(a.image.data.toString('base64'));
      }
    }
    expect(seen.size, 'each mode gives different bytes').toBe(6);
  });

  it('throws PhotoMissing for a missing file', async () => {
    const path = join(dir, 'nope.jpg');
    const error = await preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' }).catch((e) => e);
    expect(error).toBeInstanceOf(PhotoMissing);
    expect(error.path).toBe(path);
    await expect(readPhotoSize(path)).rejects.toBeInstanceOf(PhotoMissing);
    await expect(
      preparePhoto({ path: join(dir, 'no-folder', 'x.jpg'), widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' }),
    ).rejects.toBeInstanceOf(PhotoMissing);
  });

  it('refuses a text file named .jpg', async () => {
    const path = join(dir, 'notes.jpg');
    await writeFile(path, 'This is not a photo, it is the caption.\n');
    const error = await preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' }).catch((e) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.file).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not an image/);
    await expect(readPhotoSize(path)).rejects.toBeInstanceOf(ContentError);
  });

  it('refuses a folder and an empty file', async () => {
    const folder = join(dir, 'folder.jpg');
    await mkdir(folder);
    await expect(preparePhoto({ path: folder, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' })).rejects.toThrow(
      /folder\.jpg: is a folder/,
    );
    await expect(readPhotoSize(folder)).rejects.toBeInstanceOf(ContentError);
    const empty = join(dir, 'empty.jpg');
    await writeFile(empty, '');
    await expect(preparePhoto({ path: empty, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' })).rejects.toThrow(
      /empty\.jpg: is empty/,
    );
  });

  it('refuses a truncated JPEG', async () => {
    const whole = await readFile(await jpegFile('whole.jpg', 1200, 800));
    const path = join(dir, 'truncated.jpg');
    await writeFile(path, whole.subarray(0, whole.length >> 1));
    const error = await preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'rgb' }).catch((e) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/truncated or corrupt/);
  });

  it('refuses an absurdly large image from its header, without decoding', async () => {
    const png = Buffer.from(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#808080' } }).png().toBuffer(),
    );
    // IHDR: length(8..11) "IHDR"(12..15) width(16..19) height(20..23) … CRC over type+data (12..28) at 29
    expect(png.toString('latin1', 12, 16)).toBe('IHDR');
    png.writeUInt32BE(20000, 16);
    png.writeUInt32BE(20000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    const path = join(dir, 'huge.png');
    await writeFile(path, png);

    expect(await readPhotoSize(path)).toEqual({ width: 20000, height: 20000 });
    const started = performance.now();
    const error = await preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' }).catch((e) => e);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(ContentError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('20000 × 20000 pixels');
    expect(error.message).toContain('400 megapixels');
    expect(elapsed).toBeLessThan(1000);
  });

  it('refuses a file over 100 MB before reading it', async () => {
    const path = join(dir, 'enormous.jpg');
    await writeFile(path, await readFile(join(dir, 'small.jpg')));
    await truncate(path, 101 * 1024 * 1024); // sparse: cheap to make
    const started = performance.now();
    await expect(preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'grey' })).rejects.toThrow(
      /enormous\.jpg: is 101\.0 MB, too large/,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('rejects a nonsensical frame or ink limit as a programming error', async () => {
    const path = join(dir, 'big.jpg');
    await expect(preparePhoto({ path, widthPt: 0, heightPt: 100, targetPpi: 200, colour: 'grey' })).rejects.toBeInstanceOf(RangeError);
    for (const inkLimit of [99, 401, Number.NaN]) {
      await expect(preparePhoto({ path, widthPt: 100, heightPt: 100, targetPpi: 200, colour: 'cmyk', inkLimit })).rejects.toBeInstanceOf(
        RangeError,
      );
    }
  });
});

describe('preparePhoto for CMYK', () => {
  /** Saturated dark colours, each well over 240 % total ink once separated (≈ 265–282 %). */
  const DARK: [number, number, number][] = [
    [51, 17, 34],
    [0, 34, 17],
    [17, 0, 51],
    [68, 17, 17],
    [0, 0, 51],
    [17, 17, 68],
    [68, 0, 0],
    [0, 0, 0],
  ];
  /** 8 patches of 100 × 100 px side by side, as a PNG (no JPEG noise in the source). */
  async function darkPatches(): Promise<string> {
    const width = 800;
    const height = 100;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(DARK[Math.floor(x / 100)], (y * width + x) * 3);
    return pngFile('dark.png', raw, width, height, 3);
  }
  /** Highest C+M+Y+K of the decoded image, in percent. */
  function maxInk(data: Buffer): number {
    let max = 0;
    for (let i = 0; i < data.length; i += 4) max = Math.max(max, data[i] + data[i + 1] + data[i + 2] + data[i + 3]);
    return (max / 255) * 100;
  }

  it('writes a four-channel CMYK JPEG, no profile or metadata', async () => {
    const { image, warnings } = await preparePhoto({ path: join(dir, 'big.jpg'), widthPt: 300, heightPt: 200, targetPpi: 200, colour: 'cmyk' });
    expect(warnings).toEqual([]);
    expect(image.colour).toBe('cmyk');
    expect([image.pixelWidth, image.pixelHeight]).toEqual([834, 556]);
    const meta = await sharp(image.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.space).toBe('cmyk');
    expect(meta.channels).toBe(4);
    expect(meta.chromaSubsampling).toBe('4:4:4:4');
    expect([meta.width, meta.height]).toEqual([834, 556]);
    expect(meta.icc).toBeUndefined();
    expect(meta.exif).toBeUndefined();
    // Adobe APP14 marker, transform 0 (CMYK stored as is, inverted): what pdfkit's /Decode expects
    const app14 = image.data.indexOf(Buffer.from('Adobe'));
    expect(app14).toBeGreaterThan(0);
    expect(image.data.readUInt16BE(app14 - 4)).toBe(0xffee);
    expect(image.data[app14 + 11]).toBe(0);
  });

  it('separates white to no ink and black to solid K', async () => {
    const width = 400;
    const height = 100;
    const raw = Buffer.alloc(width * height * 3, 255);
    for (let y = 0; y < height; y++) raw.fill(0, (y * width + 200) * 3, (y * width + 400) * 3); // right half black
    const path = await pngFile('white-black.png', raw, width, height, 3);
    const { image } = await preparePhoto({ path, widthPt: 144, heightPt: 36, targetPpi: 200, colour: 'cmyk' });
    const { data, width: w, channels } = await decode(image.data, 'cmyk');
    expect(channels).toBe(4);
    const at = (x: number) => [...data.subarray((50 * w + x) * 4, (50 * w + x) * 4 + 4)];
    for (const v of at(50)) expect(v).toBeLessThanOrEqual(2); // paper
    const black = at(350);
    expect(black[3]).toBeGreaterThanOrEqual(250); // K solid
    expect(black[0] + black[1] + black[2] + black[3]).toBeLessThanOrEqual(612); // ≤ 240 %
  });

  it(`holds total ink to ${MAX_INK_NEWSPRINT} % by default, reducing C, M and Y and keeping K`, async () => {
    const path = await darkPatches();
    const req = { path, widthPt: 288, heightPt: 36, targetPpi: 200, colour: 'cmyk' } as const;
    // the same separation with no effective limit: the patches really are over 240 %
    const free = await decode((await preparePhoto({ ...req, inkLimit: 400 })).image.data, 'cmyk');
    expect(maxInk(free.data)).toBeGreaterThan(265);

    const limited = await decode((await preparePhoto(req)).image.data, 'cmyk');
    expect(limited.channels).toBe(4);
    const max = maxInk(limited.data);
    // pixels are held JPEG_INK_MARGIN under the limit, so the JPEG stays within it
    expect(max).toBeLessThanOrEqual(MAX_INK_NEWSPRINT);
    expect(max).toBeGreaterThan(MAX_INK_NEWSPRINT - JPEG_INK_MARGIN - 5); // limited, not crushed
    // at each patch centre: K as separated, C+M+Y scaled down in proportion
    for (let patch = 0; patch < DARK.length; patch++) {
      const i = (50 * limited.width + patch * 100 + 50) * 4;
      const [c0, m0, y0, k0] = free.data.subarray(i, i + 4);
      const [c, m, y, k] = limited.data.subarray(i, i + 4);
      expect(Math.abs(k - k0), `K of patch ${patch}`).toBeLessThanOrEqual(3);
      expect((c + m + y + k) / 2.55, `total ink of patch ${patch}`).toBeLessThanOrEqual(MAX_INK_NEWSPRINT + 5);
      const held = Math.floor(((MAX_INK_NEWSPRINT - JPEG_INK_MARGIN) * 255) / 100);
      if (c0 + m0 + y0 + k0 > held + 6) {
        const scale = (held - k0) / (c0 + m0 + y0);
        for (const [name, after, before] of [['C', c, c0], ['M', m, m0], ['Y', y, y0]] as const) {
          expect(Math.abs(after - before * scale), `${name} of patch ${patch}`).toBeLessThanOrEqual(4);
        }
      }
    }

    const lower = await decode((await preparePhoto({ ...req, inkLimit: 200 })).image.data, 'cmyk');
    expect(maxInk(lower.data)).toBeLessThanOrEqual(205);
  });

  it('limitInk scales C, M and Y of pixels over the limit, down to it, and leaves the others', () => {
    const pixels = Uint8Array.from([
      255, 255, 255, 255, // 400 %
      68, 254, 174, 222, // 281.6 %
      100, 100, 100, 100, // 156.9 %: under
      0, 0, 0, 255, // K alone
      255, 255, 102, 0, // exactly 240 % (612)
    ]);
    limitInk(pixels, 240);
    const px = (n: number) => [...pixels.subarray(n * 4, n * 4 + 4)];
    expect(px(0)).toEqual([119, 119, 119, 255]); // 357 of ink left for C+M+Y, shared equally
    expect(px(1)).toEqual([53, 199, 136, 222]); // ×390/496, rounded down: 610 ≤ 612
    expect(px(2)).toEqual([100, 100, 100, 100]);
    expect(px(3)).toEqual([0, 0, 0, 255]);
    expect(px(4)).toEqual([255, 255, 102, 0]);
    expect(() => limitInk(new Uint8Array(4), 90)).toThrow(RangeError);
  });

  it('gives the right tones when pdfkit embeds it (white-to-black gradient, rasterised with poppler)', async () => {
    const width = 1200;
    const height = 300;
    const raw = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) raw.fill(Math.round(255 - (x * 255) / (width - 1)), (y * width + x) * 3, (y * width + x) * 3 + 3);
    }
    const path = await pngFile('gradient.png', raw, width, height, 3);
    const { image } = await preparePhoto({ path, widthPt: 288, heightPt: 72, targetPpi: 200, colour: 'cmyk' });

    const doc = new PDFDocument({ size: [288, 72], margin: 0 });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on('end', resolve));
    doc.image(image.data, 0, 0, { width: 288, height: 72 });
    doc.end();
    await ended;
    const pdf = Buffer.concat(chunks);
    expect(pdf.toString('latin1')).toMatch(/\/ColorSpace \/DeviceCMYK/);
    expect(pdf.toString('latin1')).toMatch(/\/Decode \[1 0 1 0 1 0 1 0\]/);
    await writeFile(join(dir, 'gradient.pdf'), pdf);

    // 4 × 1 in at 20 dpi → 80 × 20 grey pixels (PGM: "P5\n80 20\n255\n" then the bytes)
    await promisify(execFile)('pdftoppm', ['-gray', '-r', '20', '-singlefile', join(dir, 'gradient.pdf'), join(dir, 'gradient')]);
    const pgm = await readFile(join(dir, 'gradient.pgm'));
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 32));
    expect(header).not.toBeNull();
    const [w, h] = [Number(header![1]), Number(header![2])];
    expect([w, h]).toEqual([80, 20]);
    const pixels = pgm.subarray(header![0].length);
    const column = (x: number) => {
      let sum = 0;
      for (let y = 0; y < h; y++) sum += pixels[y * w + x];
      return sum / h;
    };
    expect(column(1)).toBeGreaterThan(230); // left: paper
    expect(column(w - 2)).toBeLessThan(40); // right: black
    // tones fall from left to right (poppler's naive CMYK → grey, 1 − min(1, 0.3 C + 0.59 M +
    // 0.11 Y + K), reaches 0 before the solid end: it was ≈ 238 212 184 152 119 83 40 13 0 0)
    const tenths = Array.from({ length: 10 }, (_, i) => column(Math.round(4 + i * 8)));
    for (let i = 1; i < tenths.length; i++) {
      if (tenths[i - 1] > 5) expect(tenths[i]).toBeLessThan(tenths[i - 1]);
      else expect(tenths[i]).toBeLessThanOrEqual(tenths[i - 1]);
    }
    expect(tenths[4]).toBeGreaterThan(80); // the midtone is a midtone
    expect(tenths[4]).toBeLessThan(180);
  });
});

describe('preparePhoto for newsprint', () => {
  it('lightens a flat 50 % grey to about 40 % ink (128 → 153) in grey and RGB', async () => {
    expect(newsprintCoverage(0)).toBe(0);
    expect(newsprintCoverage(1)).toBe(1);
    expect(newsprintCoverage(0.5)).toBeCloseTo(0.4, 10);
    expect(newsprintCoverage(0.1)).toBeCloseTo(0.064, 10);
    expect(newsprintCoverage(0.9)).toBeCloseTo(0.864, 10);
    expect(curveGrey(128)).toBe(153);

    const path = await pngFile('grey50.png', Buffer.alloc(400 * 400 * 3, 128), 400, 400, 3);
    for (const colour of ['grey', 'rgb'] as const) {
      const plain = await decode((await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 200, colour })).image.data, colour);
      const treated = await decode(
        (await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 200, colour, newsprint: true })).image.data,
        colour,
      );
      expect(treated.channels).toBe(colour === 'grey' ? 1 : 3);
      for (let i = 0; i < plain.data.length; i += 997) {
        expect(Math.abs(plain.data[i] - 128), `${colour} plain`).toBeLessThanOrEqual(3);
        expect(Math.abs(treated.data[i] - 153), `${colour} newsprint`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('keeps paper white and solid black', async () => {
    const raw = Buffer.alloc(400 * 400);
    raw.fill(255, 0, 200 * 400); // top half white, bottom half black
    const path = await pngFile('white-black-grey.png', raw, 400, 400, 1);
    const { image } = await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 200, colour: 'grey', newsprint: true });
    const { data, width } = await decode(image.data, 'grey');
    expect(data[50 * width + 200]).toBeGreaterThanOrEqual(253);
    expect(data[350 * width + 200]).toBeLessThanOrEqual(2);
  });

  it('applies the same curve to each CMYK ink', async () => {
    const path = join(dir, 'grey50.png');
    const req = { path, widthPt: 144, heightPt: 144, targetPpi: 200, colour: 'cmyk', inkLimit: 400 } as const;
    const plain = await decode((await preparePhoto(req)).image.data, 'cmyk');
    const treated = await decode((await preparePhoto({ ...req, newsprint: true })).image.data, 'cmyk');
    expect(treated.channels).toBe(4);
    const i = (200 * plain.width + 200) * 4;
    expect(plain.data[i + 3]).toBeGreaterThan(140); // mid grey separates mostly to K (≈ 59 %)
    for (let c = 0; c < 4; c++) {
      const expected = Math.round(255 * newsprintCoverage(plain.data[i + c] / 255));
      expect(Math.abs(treated.data[i + c] - expected), `channel ${c}`).toBeLessThanOrEqual(3);
    }
    expect(treated.data[i + 3]).toBeLessThan(plain.data[i + 3] - 15); // K lighter by ~ 22 levels
  });

  it('sharpens: a blurred step gets a steeper edge, with a little overshoot each side', async () => {
    const width = 1600;
    const height = 400;
    const raw = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) raw.fill(64, y * width, y * width + width / 2).fill(192, y * width + width / 2, (y + 1) * width);
    const path = join(dir, 'step.png');
    await sharp(raw, { raw: { width, height, channels: 1 } }).blur(1.5).png().toFile(path);
    const req = { path, widthPt: 288, heightPt: 72, targetPpi: 200, colour: 'grey' } as const; // 800 × 200 px
    const plain = await decode((await preparePhoto(req)).image.data, 'grey');
    const treated = await decode((await preparePhoto({ ...req, newsprint: true })).image.data, 'grey');
    expect([treated.width, treated.height]).toEqual([800, 200]);
    // compare with the plain photo through the same tone curve: only the sharpening differs
    const row = 100 * 800;
    const expected = Array.from(plain.data.subarray(row, row + 800), curveGrey);
    const got = Array.from(treated.data.subarray(row, row + 800));
    const steepest = (values: number[]) => Math.max(...values.slice(1).map((v, x) => Math.abs(v - values[x])));
    expect(steepest(got)).toBeGreaterThanOrEqual(steepest(expected) * 1.15);
    // flat areas, away from the edge, are untouched by the sharpening
    for (const x of [50, 200, 600, 750]) expect(Math.abs(got[x] - expected[x]), `x = ${x}`).toBeLessThanOrEqual(2);
    // overshoot: darker than the dark plateau, lighter than the light one, near the edge
    const edge = got.slice(380, 420);
    expect(Math.min(...edge)).toBeLessThanOrEqual(expected[200] - 4);
    expect(Math.max(...edge)).toBeGreaterThanOrEqual(expected[600] + 4);
  });
});

describe('preparePhoto with a focal point', () => {
  /** 3000 × 1000 grey photo: black on the left third, mid grey in the middle, white on the right. */
  async function thirds(): Promise<string> {
    const width = 3000;
    const height = 1000;
    const raw = Buffer.alloc(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw[y * width + x] = x < 1000 ? 0 : x < 2000 ? 128 : 255;
    return pngFile('thirds.png', raw, width, height, 1);
  }
  const meanOf = async (jpeg: Buffer) => {
    const { data } = await decode(jpeg, 'grey');
    return data.reduce((s, v) => s + v, 0) / data.length;
  };

  it('keeps the part of the photo around the focus in a square frame', async () => {
    const path = await thirds();
    const frame = { path, widthPt: 72, heightPt: 72, targetPpi: 200, colour: 'grey' as const };
    const left = await preparePhoto({ ...frame, focus: { x: 1 / 6, y: 0.5 } });
    const middle = await preparePhoto({ ...frame, focus: { x: 0.5, y: 0.5 } });
    const right = await preparePhoto({ ...frame, focus: { x: 5 / 6, y: 0.5 } });
    expect([left.image.pixelWidth, left.image.pixelHeight]).toEqual([200, 200]);
    expect(await meanOf(left.image.data)).toBeLessThan(10);
    expect(Math.abs((await meanOf(middle.image.data)) - 128)).toBeLessThan(10);
    expect(await meanOf(right.image.data)).toBeGreaterThan(245);
  });

  it('keeps the crop inside the photo when the focus is at its edge', async () => {
    const path = await thirds();
    const edge = await preparePhoto({ path, widthPt: 72, heightPt: 72, targetPpi: 200, colour: 'grey', focus: { x: 1, y: 1 } });
    expect(await meanOf(edge.image.data)).toBeGreaterThan(245);
  });
});
