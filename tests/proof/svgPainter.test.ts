// The SVG painter on hand-made layouts and fake glyphs: where each glyph, rule, frame and photo
// lands, in points and (rasterised) in pixels.
import { describe, expect, it } from 'vitest';
import type { GlyphRun, PageLayout } from '../../src/model/layout.js';
import type { GlyphSource, OutlineCommand } from '../../src/proof/glyphOutlines.js';
import { svgToPng } from '../../src/proof/rasterise.js';
import { GlyphDefs, inkGrey, pageSvg, pixels, placeGlyphs, textSvg } from '../../src/proof/svgPainter.js';
import { readGrey } from '../helpers/pixelDifference.js';
import sharp from 'sharp';

/** Every character a box 500 × 700 units (of 1000) on the baseline, advancing 600; "V" kerns −100. */
const FAKE: GlyphSource = {
  unitsPerEm: () => 1000,
  shape: (_font, text) => [...text].map((c, i, all) => ({ id: c.codePointAt(0)!, xAdvance: c === 'A' && all[i + 1] === 'V' ? 500 : 600, xOffset: 0, yOffset: 0 })),
  outline: (): OutlineCommand[] => [
    { command: 'moveTo', args: [0, 0] },
    { command: 'lineTo', args: [500, 0] },
    { command: 'lineTo', args: [500, 700] },
    { command: 'lineTo', args: [0, 700] },
    { command: 'closePath', args: [] },
  ],
};

const run = (text: string, x: number, baseline: number, size: number, scale?: number): GlyphRun => ({ text, font: 'text', size, x, baseline, width: 0, ...(scale ? { scale } : {}) });

const page = (items: PageLayout['items'], width = 144, height = 72): PageLayout => ({
  number: 1,
  width,
  height,
  typeArea: { x: 0, y: 0, width, height },
  grid: { first: 10, leading: 10, count: 6 },
  items,
});

describe('placeGlyphs', () => {
  const at = (runs: GlyphRun[]) => placeGlyphs(runs, FAKE).map((g) => [String.fromCodePoint(g.glyph), g.x, g.y, g.sx, g.sy]);

  it('places each glyph from the run’s x on its baseline, advancing with kerning', () => {
    // size 10: 0.01 pt per unit; advances of 6 pt (5 pt from a kerned A to V)
    expect(at([run('AB', 10, 50, 10)])).toEqual([['A', 10, 50, 0.01, 0.01], ['B', 16, 50, 0.01, 0.01]]);
    expect(at([run('AVA', 0, 20, 10)])).toEqual([['A', 0, 20, 0.01, 0.01], ['V', 5, 20, 0.01, 0.01], ['A', 11, 20, 0.01, 0.01]]);
  });

  it('scales glyphs and advances horizontally by the run’s expansion, not vertically', () => {
    expect(at([run('AB', 0, 10, 10, 0.5)])).toEqual([['A', 0, 10, 0.005, 0.01], ['B', 3, 10, 0.005, 0.01]]);
  });

  it('places every run at its own x (word spaces are the gaps layout left), nothing for an empty run', () => {
    expect(at([run('A', 0, 10, 10), run('', 3, 10, 10), run('B', 20, 10, 10)]).map((g) => g.slice(0, 2))).toEqual([['A', 0], ['B', 20]]);
  });
});

describe('textSvg and GlyphDefs', () => {
  it('defines each outline once, in font units, and places it with a y-flipping matrix', () => {
    const defs = new GlyphDefs(FAKE);
    const svg = textSvg([run('ABA', 10, 50, 10)], '#000000', defs);
    expect(svg).toBe(
      '<g fill="#000000">' +
        '<use xlink:href="#g0" transform="matrix(0.01 0 0 -0.01 10 50)"/>' +
        '<use xlink:href="#g1" transform="matrix(0.01 0 0 -0.01 16 50)"/>' +
        '<use xlink:href="#g0" transform="matrix(0.01 0 0 -0.01 22 50)"/>' +
        '</g>',
    );
    expect(defs.svg()).toBe('<defs><path id="g0" d="M0 0L500 0L500 700L0 700Z"/><path id="g1" d="M0 0L500 0L500 700L0 700Z"/></defs>');
  });

  it('draws nothing for glyphs without an outline', () => {
    const blank: GlyphSource = { ...FAKE, outline: () => [] };
    expect(textSvg([run('  ', 0, 10, 10)], '#000000', new GlyphDefs(blank))).toBe('');
  });
});

describe('pageSvg', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
  const input = { glyphs: FAKE, images: new Map([['photo.jpg', jpeg]]), ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45] };

  it('sizes the SVG in pixels at the resolution and its view box in points', () => {
    const svg = pageSvg(page([]), input, 100);
    expect(svg).toContain('width="200" height="100" viewBox="0 0 144 72"');
    expect(pixels(792, 100)).toBe(1100);
    expect(pixels(1224, 100)).toBe(1700);
    expect(pixels(892.913, 100)).toBe(1241); // berliner: rounded up, as pdftoppm does
  });

  it('draws text in the ink, rules as stroked lines, photos as their prepared bytes, placeholders as crossed frames with their label', () => {
    const svg = pageSvg(
      page([
        { type: 'text', role: 'body', box: { x: 0, y: 0, width: 50, height: 10 }, baseline: 10, runs: [run('A', 0, 10, 10)] },
        { type: 'rule', x1: 0, y1: 30, x2: 100, y2: 30, thickness: 0.5 },
        { type: 'image', story: 's', box: { x: 10, y: 20, width: 30, height: 40 }, image: 'photo.jpg' },
        { type: 'placeholder', story: 's', box: { x: 50, y: 20, width: 40, height: 30 }, label: [run('B', 60, 40, 10)] },
      ]),
      input,
      72,
    );
    expect(svg).toContain('<g fill="#000000"><use xlink:href="#g0" transform="matrix(0.01 0 0 -0.01 0 10)"/></g>');
    expect(svg).toContain('<line x1="0" y1="30" x2="100" y2="30" stroke="#000000" stroke-width="0.5"/>');
    expect(svg).toContain(`<image x="10" y="20" width="30" height="40" preserveAspectRatio="none" xlink:href="data:image/jpeg;base64,${jpeg.toString('base64')}"/>`);
    expect(svg).toContain('stroke="#8c8c8c" stroke-width="1" d="M50 20H90V50H50Z M50 20L90 50 M90 20L50 50"');
    expect(svg).toContain('<g fill="#000000"><use xlink:href="#g1" transform="matrix(0.01 0 0 -0.01 60 40)"/></g>');
    expect(svg).toContain('<defs><path id="g0" d="M0 0L500 0L500 700L0 700Z"/><path id="g1" d="M0 0L500 0L500 700L0 700Z"/></defs>');
  });

  it('refuses to draw a photo it was not given', () => {
    expect(() => pageSvg(page([{ type: 'image', story: 's', box: { x: 0, y: 0, width: 1, height: 1 }, image: 'other.jpg' }]), input, 72)).toThrow('no prepared image for other.jpg');
  });

  it('turns CMYK inks into poppler’s grey', () => {
    expect(inkGrey([0, 0, 0, 100])).toBe('#000000');
    expect(inkGrey([0, 0, 0, 45])).toBe('#8c8c8c');
    expect(inkGrey([0, 0, 0, 0])).toBe('#ffffff');
    expect(inkGrey([100, 100, 100, 100])).toBe('#000000');
  });
});

describe('rasterised', () => {
  it('puts the ink on the pixels the points say, white elsewhere, at the resolution asked', async () => {
    // at 144 ppi 1 pt = 2 px: a 72 pt box glyph (size 100 → 50 × 70 pt) at x 10, baseline 80
    const svg = pageSvg(
      page([{ type: 'text', role: 'headline', box: { x: 0, y: 0, width: 100, height: 80 }, baseline: 80, runs: [run('A', 10, 80, 100)] }], 100, 100),
      { glyphs: FAKE, images: new Map(), ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45] },
      144,
    );
    const png = await svgToPng(svg);
    const meta = await sharp(png).metadata();
    expect([meta.width, meta.height, meta.channels]).toEqual([200, 200, 1]);
    const grey = await readGrey(png);
    const at = (x: number, y: number) => grey.data[y * grey.width + x];
    // the box covers px x 20..119, y 20..159
    expect([at(20, 20), at(119, 20), at(20, 159), at(119, 159), at(70, 90)]).toEqual([0, 0, 0, 0, 0]);
    expect([at(19, 90), at(120, 90), at(70, 19), at(70, 160), at(5, 5), at(199, 199)]).toEqual([255, 255, 255, 255, 255, 255]);
  });

  it('gives the same bytes for the same SVG', async () => {
    const svg = pageSvg(page([{ type: 'rule', x1: 0, y1: 30, x2: 100, y2: 30, thickness: 1 }]), { glyphs: FAKE, images: new Map(), ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45] }, 100);
    expect((await svgToPng(svg)).equals(await svgToPng(svg))).toBe(true);
  });
});
