// The seam between layout and painting, tested with a second painter: each page of both sample
// editions proofed (SVG painter → librsvg) and the press PDF of the same edition rendered by
// poppler must look alike — same words, lines, rules and photos in the same places — within
// a stated tolerance (tests/helpers/pixelDifference.ts says how it is measured). And the
// comparison must be able to fail: a page with one body line left out, or with its text moved
// by 1.5 pt, is caught.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition, layOutEdition } from '../../src/build/buildEdition.js';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { PageLayout, TextLine } from '../../src/model/layout.js';
import { fontGlyphs } from '../../src/proof/glyphOutlines.js';
import { proofPainter, type ProofPainter } from '../../src/proof/proofEdition.js';
import { SLUG } from '../../src/render/sheet.js';
import { pixelDifference, popplerTrim, readGrey, type Grey, type PixelDifference } from '../helpers/pixelDifference.js';

const PPI = 100;
/**
 * Tolerances, on 4 × 4 px block averages at 100 ppi and tiles of 24 × 24 px (pixelDifference.ts).
 * Measured (the test prints them): mean 2.2–4.7 levels, 0–0.23 % of blocks over 64 levels, worst
 * tile 9–16 levels (the edges of headline type, which poppler places up to ¾ px off); a body
 * line left out: worst tile 25; the text 1.5 pt low: mean 17.
 */
const TOLERANCE = { mean: 6, over64: 0.005, worstTile: 20 };

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

interface Compared {
  pages: PageLayout[];
  painter: ProofPainter;
  poppler: Grey[];
  differences: PixelDifference[];
}

async function compare(edition: string): Promise<Compared> {
  const out = await mkdtemp(join(tmpdir(), 'stonehand-proof-seam-'));
  made.push(out);
  const source = resolve('content', edition);
  const report = await buildEdition(source, { outDir: out, profile: 'press', strict: false });
  const laid = await layOutEdition(source, { profile: 'press', strict: false });
  const pages = [...laid.typeset.pages];
  const painter = proofPainter(fontGlyphs(loadFonts()), laid.ctx.photoPpi, PPI);
  const poppler: Grey[] = [];
  const differences: PixelDifference[] = [];
  for (const page of pages) {
    const proof = await readGrey(await painter.paint(page));
    const pdf = await popplerTrim(report.files[0], page.number, PPI, { width: page.width, height: page.height, slug: SLUG });
    poppler.push(pdf);
    differences.push(pixelDifference(proof, pdf));
  }
  const figures = differences.map((d, i) => `p${i + 1}: mean ${d.mean.toFixed(2)}, >64 ${(d.over64 * 100).toFixed(3)} %, worst tile ${d.worstTile.toFixed(1)} at ${d.worstAt.x},${d.worstAt.y}`);
  console.log(`proof vs pdftoppm, ${edition}, ${PPI} ppi:\n  ${figures.join('\n  ')}`);
  return { pages, painter, poppler, differences };
}

function expectAlike(d: PixelDifference, page: number) {
  const figures = `page ${page}: ${JSON.stringify(d)}`;
  expect(d.mean, figures).toBeLessThan(TOLERANCE.mean);
  expect(d.over64, figures).toBeLessThan(TOLERANCE.over64);
  expect(d.worstTile, figures).toBeLessThan(TOLERANCE.worstTile);
}

describe('proof vs the press PDF rendered by poppler', () => {
  let seed: Compared;
  let sample: Compared;
  beforeAll(async () => {
    seed = await compare('2022-11-15');
    sample = await compare('2024-03-12');
  }, 180_000);

  it('2022-11-15: the page matches', () => {
    expect(seed.differences).toHaveLength(1);
    seed.differences.forEach((d, i) => expectAlike(d, i + 1));
  });

  it('2024-03-12: every page matches', () => {
    expect(sample.differences).toHaveLength(6);
    sample.differences.forEach((d, i) => expectAlike(d, i + 1));
  });

  it('catches a body line left out of the proof', async () => {
    const page = sample.pages[1];
    const body = page.items.filter((item): item is TextLine => item.type === 'text' && item.role === 'body');
    const dropped = body[Math.floor(body.length / 2)];
    const proof = await readGrey(await sample.painter.paint({ ...page, items: page.items.filter((item) => item !== dropped) }));
    const d = pixelDifference(proof, sample.poppler[1]);
    console.log(`a body line left out (2024-03-12 p2): ${JSON.stringify(d)}`);
    expect(d.worstTile, JSON.stringify(d)).toBeGreaterThan(TOLERANCE.worstTile);
  });

  it('catches text drawn 1.5 pt lower than laid out', async () => {
    const page = sample.pages[2];
    const moved = page.items.map((item) =>
      item.type === 'text' ? { ...item, baseline: item.baseline + 1.5, runs: item.runs.map((r) => ({ ...r, baseline: r.baseline + 1.5 })) } : item,
    );
    const d = pixelDifference(await readGrey(await sample.painter.paint({ ...page, items: moved })), sample.poppler[2]);
    console.log(`text 1.5 pt low (2024-03-12 p3): ${JSON.stringify(d)}`);
    expect(d.mean > TOLERANCE.mean || d.over64 > TOLERANCE.over64 || d.worstTile > TOLERANCE.worstTile, JSON.stringify(d)).toBe(true);
  });
});
