// Photo plan: the frames a photo may take at each span, sized by its pixels at the target
// resolution and kept within CROP_LIMIT of its own shape. Hand-worked cases on the tabloid grid
// (5 columns of 134.4 pt, 12 pt gutters, 11 pt grid lines), then a property test against a
// brute-force enumeration of every frame height.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanWidth } from '../../src/flow/geometry.js';
import { CROP_LIMIT, cropOf, DEFAULT_PHOTO_ASPECT, frameLimits, frameResolution, MIN_PHOTO_BANDS, type PhotoSpec, photoSpec, widestSpan } from '../../src/flow/photoPlan.js';
import { geometryOf } from '../helpers/flowFixtures.js';

const g = geometryOf('tabloid');
const L = g.grid.leading;
const photo = (width: number, height: number): PhotoSpec => photoSpec('/p.jpg', { pixels: { width, height } });
const missing = photoSpec('/missing.jpg', { pixels: null });
/** Points a pixel length prints at `ppi`. */
const printed = (px: number, ppi: number) => (px * 72) / ppi;
const MAX_CROP = Math.log(CROP_LIMIT);

describe('the tabloid grid the cases are worked on', () => {
  it('has 5 columns of 134.4 pt and 104 grid lines of 11 pt', () => {
    expect(g.columns).toBe(5);
    expect(g.columnWidth).toBeCloseTo(134.4, 9);
    expect(spanWidth(g, 2)).toBeCloseTo(280.8, 9);
    expect(spanWidth(g, 3)).toBeCloseTo(427.2, 9);
    expect(L).toBe(11);
    expect(g.grid.count).toBe(104);
  });
});

describe('photoSpec', () => {
  it('takes the aspect from the pixels, and assumes 3:2 for a missing photo', () => {
    expect(photo(1000, 872).aspect).toBeCloseTo(1000 / 872, 12);
    expect(missing.aspect).toBe(DEFAULT_PHOTO_ASPECT);
    expect(missing.pixels).toBeNull();
    expect(photoSpec('/x.jpg', undefined)).toEqual({ path: '/x.jpg', pixels: null, aspect: DEFAULT_PHOTO_ASPECT });
  });
});

describe('a 1000 × 872 px photo at 200 ppi (360 × 313.9 pt printed)', () => {
  const p = photo(1000, 872);

  it('spans at most 2 columns: 280.8 pt ≤ 360 pt < 427.2 pt', () => {
    expect(printed(1000, 200)).toBe(360);
    expect(widestSpan(p, g, 200)).toBe(2);
    expect(frameLimits(p, 3, g, 200)).toBeUndefined();
    expect(frameLimits(p, 4, g, 200)).toBeUndefined();
    expect(frameLimits(p, 5, g, 200)).toBeUndefined();
  });

  it('at span 2: 15 to 28 grid lines, 22 closest to its shape', () => {
    // tallest: 872 px at 200 ppi = 313.92 pt = 28.5 lines (the crop limit would allow 367 pt);
    // shortest: 280.8 / (1.1468 × 1.5) = 163.2 pt = 14.8 lines; natural: 244.9 pt = 22.3 lines
    const limits = frameLimits(p, 2, g, 200)!;
    expect(limits).toEqual({ span: 2, minBands: 15, maxBands: 28, naturalBands: 22, belowTarget: false });
    expect(limits.maxBands * L).toBeLessThanOrEqual(printed(872, 200));
    expect((limits.maxBands + 1) * L).toBeGreaterThan(printed(872, 200));
    for (let bands = limits.minBands; bands <= limits.maxBands; bands++) {
      expect(cropOf(p, spanWidth(g, 2), bands * L), `crop at ${bands} lines`).toBeLessThanOrEqual(MAX_CROP);
      expect(frameResolution(p, spanWidth(g, 2), bands * L)!, `ppi at ${bands} lines`).toBeGreaterThanOrEqual(200);
    }
    // one line shorter than the shortest frame would crop beyond 1.5× its aspect
    expect(cropOf(p, spanWidth(g, 2), (limits.minBands - 1) * L)).toBeGreaterThan(MAX_CROP);
  });

  it('at span 1: 8 to 15 grid lines (the crop limit, not the pixels, caps the height)', () => {
    expect(frameLimits(p, 1, g, 200)).toEqual({ span: 1, minBands: 8, maxBands: 15, naturalBands: 11, belowTarget: false });
    expect(cropOf(p, g.columnWidth, 16 * L)).toBeGreaterThan(MAX_CROP);
  });

  it('at 300 ppi spans only 1 column (240 pt printed)', () => {
    expect(widestSpan(p, g, 300)).toBe(1);
    expect(frameLimits(p, 2, g, 300)).toBeUndefined();
    // 872 px at 300 ppi = 209.3 pt: 19 lines, but the crop limit stops at 15
    expect(frameLimits(p, 1, g, 300)?.maxBands).toBe(15);
  });
});

describe('a photo too small for one column', () => {
  // 300 px at 200 ppi = 108 pt < 134.4 pt
  const p = photo(300, 200);

  it('runs one column wide, belowTarget, no taller than its own shape', () => {
    expect(widestSpan(p, g, 200)).toBe(0);
    const limits = frameLimits(p, 1, g, 200)!;
    // natural height 134.4 / 1.5 = 89.6 pt = 8.1 lines; shortest 134.4 / 2.25 = 59.7 pt = 5.4 lines
    expect(limits).toEqual({ span: 1, minBands: 6, maxBands: 8, naturalBands: 8, belowTarget: true });
    for (let span = 2; span <= 5; span++) expect(frameLimits(p, span, g, 200), `span ${span}`).toBeUndefined();
    // it prints at 300 × 72 / 134.4 = 160.7 ppi, whatever the height
    expect(frameResolution(p, g.columnWidth, limits.maxBands * L)).toBeCloseTo(160.71, 2);
  });
});

describe('a missing photo', () => {
  it('has no pixel limits: every span, 3:2 within the crop limits', () => {
    expect(widestSpan(missing, g, 200)).toBe(5);
    for (let span = 1; span <= 5; span++) {
      const limits = frameLimits(missing, span, g, 200);
      expect(limits, `span ${span}`).toBeDefined();
      expect(limits!.belowTarget).toBe(false);
      const width = spanWidth(g, span);
      // the tallest frame is the crop limit's: width / (1.5 / 1.5) = the width itself
      expect(limits!.maxBands).toBe(Math.floor(width / L));
      expect(limits!.minBands).toBe(Math.max(MIN_PHOTO_BANDS, Math.ceil(width / 2.25 / L)));
    }
    expect(frameLimits(missing, 5, g, 200)).toEqual({ span: 5, minBands: 30, maxBands: 65, naturalBands: 44, belowTarget: false });
  });

  it('has no resolution', () => {
    expect(frameResolution(missing, 100, 100)).toBeNull();
  });
});

describe('frameResolution', () => {
  const p = photo(1000, 872);
  it('is the lower of the two axes’ resolutions', () => {
    // 280.8 × 242 pt: 1000 px over 280.8 pt = 256.4 ppi across, 872 px over 242 pt = 259.4 down
    expect(frameResolution(p, 280.8, 242)).toBeCloseTo((1000 * 72) / 280.8, 9);
    // 280.8 × 308 pt: down is lower, 203.8 ppi
    expect(frameResolution(p, 280.8, 308)).toBeCloseTo((872 * 72) / 308, 9);
    expect(frameResolution(p, 280.8, 308)).toBeCloseTo(203.84, 2);
  });
});

describe('frameLimits against brute force', () => {
  /** Every frame height (grid lines) the rules allow at a span: at least MIN_PHOTO_BANDS, within the crop limits, within the pixels at `ppi`; a photo too small for a column no taller than its own shape. */
  function allowedHeights(p: PhotoSpec, span: number, ppi: number): number[] {
    const width = spanWidth(g, span);
    const belowTarget = widestSpan(p, g, ppi) === 0;
    const heights: number[] = [];
    for (let bands = 1; bands <= 2000; bands++) {
      const height = bands * L;
      if (bands < MIN_PHOTO_BANDS || cropOf(p, width, height) > MAX_CROP + 1e-9) continue;
      if (p.pixels && !belowTarget && frameResolution(p, width, height)! < ppi - 1e-6) continue;
      if (belowTarget && height > width / p.aspect + 1e-9) continue;
      heights.push(bands);
    }
    return heights;
  }
  /** Brute force: the widest span whose width the pixels cover at `ppi`. */
  const widest = (p: PhotoSpec, ppi: number) => {
    let span = 0;
    for (let s = 1; s <= g.columns; s++) if (!p.pixels || spanWidth(g, s) <= printed(p.pixels.width, ppi) + 1e-6) span = s;
    return span;
  };

  // pixel heights from 100 px: a strip shorter than 2 grid lines at the target is the known
  // fault below ("a strip of a photo")
  const pixels = fc.oneof(
    { weight: 4, arbitrary: fc.record({ width: fc.integer({ min: 100, max: 4000 }), height: fc.integer({ min: 100, max: 4000 }) }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );

  it('allows exactly the frames within the pixels and the crop limits, at every span, and one column always', () => {
    fc.assert(
      fc.property(pixels, fc.constantFrom(150, 200, 300), (px, ppi) => {
        const p = photoSpec('/p.jpg', { pixels: px });
        const w = widestSpan(p, g, ppi);
        expect(w).toBe(widest(p, ppi));
        for (let span = 1; span <= g.columns; span++) {
          const limits = frameLimits(p, span, g, ppi);
          const heights = allowedHeights(p, span, ppi);
          const inReach = w === 0 ? span === 1 : span <= w;
          if (!inReach || (heights.length === 0 && span > 1)) {
            expect(limits, `span ${span}`).toBeUndefined();
            continue;
          }
          // every photo has a place: one column, however it is shaped
          expect(limits, `span ${span}`).toBeDefined();
          const { minBands, maxBands, naturalBands, belowTarget } = limits!;
          expect(belowTarget).toBe(w === 0);
          expect(minBands).toBeLessThanOrEqual(naturalBands);
          expect(naturalBands).toBeLessThanOrEqual(maxBands);
          if (heights.length > 0) {
            // the allowed heights are one run [minBands, maxBands], and all of it
            expect([minBands, maxBands], `span ${span}`).toEqual([heights[0], heights.at(-1)]);
            expect(heights).toHaveLength(maxBands - minBands + 1);
          } else {
            // no frame keeps the rules: one fixed one-column frame, still within the pixels
            expect(span).toBe(1);
            expect(minBands).toBe(maxBands);
          }
          for (let bands = minBands; bands <= maxBands; bands++) {
            const width = spanWidth(g, span);
            const ppiThere = frameResolution(p, width, bands * L);
            if (ppiThere !== null && !belowTarget) expect(ppiThere, `ppi at span ${span}, ${bands} lines`).toBeGreaterThanOrEqual(ppi - 1e-6);
            if (heights.length > 0) expect(cropOf(p, width, bands * L), `crop at span ${span}, ${bands} lines`).toBeLessThanOrEqual(MAX_CROP + 1e-9);
          }
        }
      }),
      { seed: 1512, numRuns: 400 },
    );
  });

  // BUG (src/flow/photoPlan.ts, frameLimits' fallback): a strip whose pixel height prints under
  // 2 grid lines at the target gets a 2-line one-column frame anyway — taller than its pixels,
  // so it prints below the target resolution — and is not marked belowTarget, so layout reports
  // no warning. 1000 × 50 px at 200 ppi: span 1, 2 lines (22 pt) from 18 pt of pixels = 163.6 ppi.
  it('a strip of a photo (1000 × 50 px at 200 ppi) is either within its pixels or marked belowTarget', () => {
    const p = photo(1000, 50);
    const limits = frameLimits(p, 1, g, 200)!;
    expect(limits).toBeDefined();
    const ppi = frameResolution(p, g.columnWidth, limits.maxBands * L)!;
    expect(ppi >= 200 || limits.belowTarget, `${limits.maxBands} lines at ${ppi.toFixed(1)} ppi, belowTarget ${limits.belowTarget}`).toBe(true);
  });
});
