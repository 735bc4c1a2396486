// The seed edition with its photo present: one image, cropped to the frame layout gave it (not
// distorted), at 200 ppi, greyscale for press; RGB at 150 ppi for the office profile.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseContext } from '../../src/build/buildEdition.js';
import { loadEdition } from '../../src/io/loadEdition.js';
import type { ImageBox, PageLayout } from '../../src/model/layout.js';
import { typesetEdition } from '../../src/typeset.js';
import { PDF_NAME, removeAll, runCli, tempDir, type CliResult } from '../cli/runCli.js';
import { rawImages, readPdf, type PdfPage, type RawImage } from '../helpers/pdf.js';
import { PHOTO_FILE, PHOTO_HEIGHT, PHOTO_WIDTH, editionWithPhoto } from './photoFixture.js';
import { pressSheet } from '../../src/render/sheet.js';

interface Report {
  files: string[];
  pages: number;
  warnings: { file: string; message: string }[];
}

const made: string[] = [];
let edition: string;
let frame: ImageBox;
let layoutPage: PageLayout;

beforeAll(async () => {
  const dir = await tempDir('stonehand-photo-');
  made.push(dir);
  edition = await editionWithPhoto(dir);

  // the frame layout gives the photo (a 3:2 photo), computed in-process as the build does
  const loaded = await loadEdition(edition);
  const article = loaded.articles[0];
  const photoPath = resolve(dirname(article.sourcePath), article.photo!.file);
  const layout = typesetEdition(loaded, new Map([[photoPath, { pixels: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT } }]]), houseContext());
  for (const page of layout.pages) {
    for (const item of page.items) {
      if (item.type === 'image') {
        frame = item;
        layoutPage = page;
      }
    }
  }
  expect(frame, 'layout places the photo in a frame').toBeDefined();
  expect(frame.image).toBe(photoPath);
});

afterAll(async () => {
  await removeAll(made);
});

async function build(profile: string): Promise<{ result: CliResult; report: Report; pdf: Buffer; pages: PdfPage[] }> {
  const out = await tempDir('stonehand-photo-out-');
  made.push(out);
  const result = await runCli(['build', edition, '--out', out, '--json', '--profile', profile]);
  if (result.status !== 0) throw new Error(`build failed (${result.status}):\n${result.stderr}`);
  const report = JSON.parse(result.stdout) as Report;
  const suffix = profile === 'press' ? '' : `-${profile}`;
  const pdf = await readFile(join(out, '2022-11-15', PDF_NAME.replace(/\.pdf$/, `${suffix}.pdf`)));
  expect(report.files.map((f) => resolve(f))).toEqual([join(out, '2022-11-15', PDF_NAME.replace(/\.pdf$/, `${suffix}.pdf`))]);
  return { result, report, pdf, pages: await readPdf(pdf) };
}

/** The frame's size in pixels at `ppi`. */
function framePixels(ppi: number): { width: number; height: number } {
  return { width: Math.round((frame.box.width / 72) * ppi), height: Math.round((frame.box.height / 72) * ppi) };
}

function expectCroppedToFrame(image: { width: number; height: number }) {
  const frameAspect = frame.box.width / frame.box.height;
  const imageAspect = image.width / image.height;
  // rounding each side to whole pixels moves the aspect by at most about one pixel's worth
  const tolerance = frameAspect * (1 / image.width + 1 / image.height);
  expect(Math.abs(imageAspect - frameAspect), `image ${image.width}×${image.height} vs frame ${frame.box.width}×${frame.box.height} pt`).toBeLessThanOrEqual(tolerance);
}

describe('press profile (default)', () => {
  let run: Awaited<ReturnType<typeof build>>;
  let image: RawImage;

  beforeAll(async () => {
    run = await build('press');
    image = rawImages(run.pdf)[0];
  });

  it('reports no warning about the photo', () => {
    const aboutPhoto = run.report.warnings.filter((w) => w.file.includes('10118290') || w.message.includes('10118290'));
    expect(aboutPhoto).toEqual([]);
    expect(run.report.warnings.filter((w) => /not found|missing|FPO|resolution/i.test(w.message))).toEqual([]);
    expect(run.result.stderr).not.toMatch(/not found|missing/i);
  });

  it('draws the photo, not an FPO frame', () => {
    const text = run.pages.flatMap((p) => p.items.map((i) => i.str)).join(' ');
    expect(text).not.toContain('FPO');
    expect(text).not.toMatch(/Photo missing/i);
  });

  it('has exactly one image XObject, painted once', () => {
    expect(rawImages(run.pdf)).toHaveLength(1);
    const painted = run.pages.flatMap((p) => p.images);
    expect(painted).toHaveLength(1);
    expect(run.pages[layoutPage.number - 1].images).toHaveLength(1);
  });

  it('is the frame size at 200 ppi (±1 px)', () => {
    const want = framePixels(200);
    expect(Math.abs(image.width - want.width), `width ${image.width} px, want ${want.width}`).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - want.height), `height ${image.height} px, want ${want.height}`).toBeLessThanOrEqual(1);
    // pdfjs decodes it to the same size
    const painted = run.pages.flatMap((p) => p.images)[0];
    expect([painted.width, painted.height]).toEqual([image.width, image.height]);
  });

  it('is cropped to the frame aspect, not distorted', () => {
    expectCroppedToFrame(image);
  });

  it('is painted exactly in the frame', () => {
    const painted = run.pages[layoutPage.number - 1].images[0];
    const { x, y, width, height } = frame.box;
    // layout is trim-relative; the press sheet puts the trim at (slug, slug) on the media
    const sheet = pressSheet(layoutPage.width, layoutPage.height);
    expect(painted.rect.x).toBeCloseTo(sheet.trim.left + x, 1);
    expect(painted.rect.width).toBeCloseTo(width, 1);
    expect(painted.rect.height).toBeCloseTo(height, 1);
    // PDF space has y up from the bottom; layout has y down from the top
    expect(painted.rect.y).toBeCloseTo(sheet.trim.bottom + layoutPage.height - (y + height), 1);
  });

  it('is greyscale: /DeviceGray, 8 bits, a one-channel JPEG with real tones', async () => {
    expect(image.colorSpace).toBe('/DeviceGray');
    expect(image.bitsPerComponent).toBe(8);
    expect(image.filter).toBe('/DCTDecode');
    const meta = await sharp(image.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.channels).toBe(1);
    expect([meta.width, meta.height]).toEqual([image.width, image.height]);
    const stats = await sharp(image.data).stats();
    expect(stats.channels[0].stdev, 'the photo is not a flat grey').toBeGreaterThan(10);
  });
});

describe('office profile', () => {
  it('embeds the photo in RGB at 150 ppi, cropped to the frame', async () => {
    const run = await build('office');
    const images = rawImages(run.pdf);
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image.colorSpace).toBe('/DeviceRGB');
    const want = framePixels(150);
    expect(Math.abs(image.width - want.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(image.height - want.height)).toBeLessThanOrEqual(1);
    expectCroppedToFrame(image);
    expect((await sharp(image.data).metadata()).channels).toBe(3);
  });
});

void PHOTO_FILE;
