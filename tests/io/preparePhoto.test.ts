import { mkdtemp, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from '../../src/model/errors.js';
import { PhotoMissing, preparePhoto, readPhotoSize } from '../../src/io/preparePhoto.js';

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
    // 300 pt = 4.1667 in × 200 = 833.3 → 833; 200 pt = 2.7778 in × 200 = 555.6 → 556 (nearest pixel)
    expect(image.pixelWidth).toBe(833);
    expect(image.pixelHeight).toBe(556);
    expect(image.effectivePpi).toBeCloseTo(200, 0);
    expect(image.colour).toBe('grey');
    expect(image.path).toBe(path);
    expect(warnings).toEqual([]);
    const meta = await sharp(image.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(833);
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

  it('never upsamples a small photo and warns with its effective ppi', async () => {
    const path = await jpegFile('small.jpg', 200, 100);
    const { image, warnings } = await preparePhoto({ path, widthPt: 300, heightPt: 150, targetPpi: 200, colour: 'grey' });
    expect([image.pixelWidth, image.pixelHeight]).toEqual([200, 100]);
    expect(image.effectivePpi).toBeCloseTo(48, 5); // 200 px over 300/72 in
    expect(warnings).toHaveLength(1);
    expect(warnings[0].file).toBe(path);
    expect(warnings[0]).toEqual({ file: path, message: "effective resolution 48 ppi is below the target 200 ppi for print" });
  });

  it('crops a small photo to the frame aspect without resizing it', async () => {
    const path = await jpegFile('small-wide.jpg', 400, 100);
    const { image, warnings } = await preparePhoto({ path, widthPt: 144, heightPt: 144, targetPpi: 200, colour: 'rgb' });
    expect([image.pixelWidth, image.pixelHeight]).toEqual([100, 100]);
    expect(warnings[0].message).toContain('effective resolution 50 ppi');
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

  it('gives the same bytes for the same input', async () => {
    const path = join(dir, 'big.jpg');
    for (const colour of ['grey', 'rgb'] as const) {
      const req = { path, widthPt: 200, heightPt: 200, targetPpi: 200, colour };
      const a = await preparePhoto(req);
      const b = await preparePhoto(req);
      expect(Buffer.compare(a.image.data, b.image.data)).toBe(0);
    }
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

  it('rejects a nonsensical frame as a programming error', async () => {
    await expect(
      preparePhoto({ path: join(dir, 'big.jpg'), widthPt: 0, heightPt: 100, targetPpi: 200, colour: 'grey' }),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
