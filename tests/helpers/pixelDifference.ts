// Comparing two renders of a page: a proof (SVG painter, librsvg) and the PDF as poppler's
// pdftoppm renders it. The two rasterisers place the same geometry differently by a fraction
// of a pixel (poppler snaps glyph origins to whole pixel rows and image edges to pixels, and
// draws rules thinner than a pixel a whole pixel wide), which at full resolution shows at every
// glyph edge. So both are first averaged over blocks of `block` × `block` pixels (100 ppi →
// 25 ppi for 4), which keeps what a reader sees (a missing or moved word or line, a photo) and
// drops the sub-pixel placement. Then: the mean absolute difference, the share of blocks that
// differ by more than 64 levels, and the worst difference in ink over tiles of `tile` × `tile`
// blocks: the difference of the tiles' mean grey levels. A fraction-of-a-pixel shift keeps a
// tile's ink (it only moves it inside the tile), while a missing or moved line, word or photo
// changes it: a local fault shows there even when the page's mean hides it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export interface Grey {
  width: number;
  height: number;
  /** one byte per pixel, rows top to bottom */
  data: Uint8Array;
}

export interface PixelDifference {
  /** mean absolute difference of the block averages, in grey levels (0–255) */
  mean: number;
  /** share of blocks differing by more than 64 levels (0–1) */
  over64: number;
  /** the largest difference in mean grey level of any tile of blocks, and where that tile is (px) */
  worstTile: number;
  worstAt: { x: number; y: number };
}

/** An image file (any format sharp reads) as 8-bit grey. */
export async function readGrey(input: string | Buffer): Promise<Grey> {
  const { data, info } = await sharp(input).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`readGrey: ${info.channels} channels`);
  return { width: info.width, height: info.height, data };
}

function blockAverages(image: Grey, block: number): { width: number; height: number; values: Float64Array } {
  const width = Math.floor(image.width / block);
  const height = Math.floor(image.height / block);
  const values = new Float64Array(width * height);
  for (let y = 0; y < height * block; y++) {
    const row = Math.floor(y / block) * width;
    for (let x = 0; x < width * block; x++) values[row + Math.floor(x / block)] += image.data[y * image.width + x];
  }
  for (let i = 0; i < values.length; i++) values[i] /= block * block;
  return { width, height, values };
}

/** How far `a` is from `b` (same size), averaged over blocks and tiles as the header says. */
export function pixelDifference(a: Grey, b: Grey, block = 4, tile = 6): PixelDifference {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`pixelDifference: ${a.width}×${a.height} vs ${b.width}×${b.height}`);
  const A = blockAverages(a, block);
  const B = blockAverages(b, block);
  let sum = 0;
  let over = 0;
  const tilesX = Math.ceil(A.width / tile);
  const tileSums = new Float64Array(tilesX * Math.ceil(A.height / tile));
  const tileCounts = new Float64Array(tileSums.length);
  for (let y = 0; y < A.height; y++) {
    for (let x = 0; x < A.width; x++) {
      const d = Math.abs(A.values[y * A.width + x] - B.values[y * A.width + x]);
      sum += d;
      if (d > 64) over++;
      const t = Math.floor(y / tile) * tilesX + Math.floor(x / tile);
      tileSums[t] += A.values[y * A.width + x] - B.values[y * A.width + x];
      tileCounts[t]++;
    }
  }
  let worst = 0;
  let worstIndex = 0;
  tileSums.forEach((s, t) => {
    const m = Math.abs(s / tileCounts[t]);
    if (m > worst) [worst, worstIndex] = [m, t];
  });
  const n = A.values.length;
  return {
    mean: sum / n,
    over64: over / n,
    worstTile: worst,
    worstAt: { x: (worstIndex % tilesX) * tile * block, y: Math.floor(worstIndex / tilesX) * tile * block },
  };
}

/**
 * Page `page` of a press PDF as poppler renders it in grey at `ppi`, cropped to the trim
 * (`trimWidth` × `trimHeight` pt, `slug` pt inside the sheet's corner) — what a proof shows.
 */
export async function popplerTrim(pdfPath: string, page: number, ppi: number, trim: { width: number; height: number; slug: number }): Promise<Grey> {
  const probe = spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' });
  if (probe.error) throw new Error(`pdftoppm (poppler-utils) is needed to compare proofs with the PDF and was not found: install it, e.g. "apt-get install poppler-utils" (.ci/run does this)`);
  const px = (pt: number) => Math.ceil((pt * ppi) / 72 - 1e-9);
  const dir = mkdtempSync(join(tmpdir(), 'stonehand-poppler-'));
  try {
    const base = join(dir, 'page');
    const offset = String(Math.round((trim.slug * ppi) / 72));
    execFileSync('pdftoppm', ['-png', '-gray', '-r', String(ppi), '-f', String(page), '-l', String(page), '-singlefile', '-x', offset, '-y', offset, '-W', String(px(trim.width)), '-H', String(px(trim.height)), pdfPath, base]);
    return await readGrey(readFileSync(`${base}.png`));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
