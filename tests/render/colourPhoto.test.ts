// Colour pages (--colour): the press photo is CMYK within the condition's ink limit, and the
// PDF still passes preflight.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../src/build/buildEdition.js';
import { preflightPdf } from '../../src/preflight/index.js';
import { removeAll, tempDir } from '../cli/runCli.js';
import { rawImages } from '../helpers/pdf.js';
import { editionWithPhoto } from './photoFixture.js';

const made: string[] = [];
let pdf: Buffer;

beforeAll(async () => {
  const dir = await tempDir('stonehand-colour-');
  made.push(dir);
  const edition = await editionWithPhoto(dir);
  const report = await buildEdition(edition, { outDir: join(dir, 'out'), profile: 'press', strict: false, colour: true });
  pdf = await readFile(report.files[0]);
});
afterAll(() => removeAll(made));

describe('a colour press page', () => {
  it('embeds the photo as a CMYK JPEG holding the newsprint ink limit (240 %)', async () => {
    const [image] = rawImages(pdf);
    expect(image.colorSpace).toBe('/DeviceCMYK');
    // read the ink amounts as stored (without the pipeline colour space sharp would convert to sRGB)
    const { data, info } = await sharp(image.data).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    let most = 0;
    for (let i = 0; i < data.length; i += 4) most = Math.max(most, data[i] + data[i + 1] + data[i + 2] + data[i + 3]);
    // allow a little JPEG ringing
    expect((most / 255) * 100).toBeLessThanOrEqual(240);
  });

  it('passes preflight for newsprint', () => {
    const result = preflightPdf(pdf, 'colour.pdf');
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.passed).toBe(true);
  });
});
