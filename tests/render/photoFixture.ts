// A copy of the seed edition with its photo present: a generated, non-uniform 3000 × 2000 JPEG
// at photos/10118290.jpeg (the seed repository does not ship the photo).
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { EDITION } from '../cli/runCli.js';

export const PHOTO_FILE = 'photos/10118290.jpeg';
export const PHOTO_WIDTH = 3000;
export const PHOTO_HEIGHT = 2000;

/** An SVG scene: colour gradients, shapes off centre and fine stripes, so crops and greys differ. */
function scene(width: number, height: number): string {
  const stripes = Array.from({ length: 40 }, (_, i) => `<rect x="${i * 75}" y="${height - 220}" width="30" height="220" fill="#${(i * 6).toString(16).padStart(2, '0')}3060"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1a3c8f"/>
      <stop offset="0.5" stop-color="#f2c14e"/>
      <stop offset="1" stop-color="#b23a48"/>
    </linearGradient>
    <radialGradient id="sun" cx="0.5" cy="0.5" r="0.5">
      <stop offset="0" stop-color="#ffffff"/>
      <stop offset="1" stop-color="#ff8800" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="${width}" height="${height}" fill="url(#sky)"/>
  <circle cx="${width * 0.7}" cy="${height * 0.35}" r="${height * 0.22}" fill="url(#sun)"/>
  <rect x="${width * 0.12}" y="${height * 0.45}" width="${width * 0.18}" height="${height * 0.4}" fill="#222222"/>
  <ellipse cx="${width * 0.45}" cy="${height * 0.6}" rx="${width * 0.08}" ry="${height * 0.2}" fill="#e8e8e8"/>
  ${stripes}
</svg>`;
}

/** Writes the test photo (a baseline JPEG, sRGB, width × height) to `path`. */
export async function writeTestPhoto(path: string, width = PHOTO_WIDTH, height = PHOTO_HEIGHT): Promise<void> {
  await sharp(Buffer.from(scene(width, height))).resize(width, height).flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toFile(path);
}

/**
 * Copies content/2022-11-15 (edition.yaml and the article; not wire/) into `dir`/2022-11-15 and
 * adds the photo; returns the edition folder.
 */
export async function editionWithPhoto(dir: string): Promise<string> {
  const edition = join(dir, '2022-11-15');
  await mkdir(join(edition, 'photos'), { recursive: true });
  await cp(join(EDITION, 'edition.yaml'), join(edition, 'edition.yaml'));
  await cp(join(EDITION, 'japan-us-alliance.md'), join(edition, 'japan-us-alliance.md'));
  await writeTestPhoto(join(edition, PHOTO_FILE));
  return edition;
}
