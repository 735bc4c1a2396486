// The proof painter: a PageLayout drawn as SVG, the second painter beside the PDF's
// (render/pdfPainter.ts), and like it making no layout decision. Text is drawn as glyph
// outlines of the same faces, shaped as the PDF painter shapes them (glyphOutlines.ts), each
// run from its (x, baseline) with its horizontal scale — each outline defined once and placed
// with `<use>` (a ninth of the SVG that inline outlines make, and a fifth less of librsvg's time); rules and placeholder frames as the
// PDF strokes them; photos as the prepared image bytes the PDF embeds. Only the trim is drawn:
// no bleed, marks or slug. Coordinates are the layout's (points, origin top-left, y down);
// the SVG's size in pixels sets the resolution.
import type { FontKey, GlyphRun, LayoutItem, PageLayout } from '../model/layout.js';
import type { GlyphSource, OutlineCommand } from './glyphOutlines.js';

export interface SvgPaintInput {
  glyphs: GlyphSource;
  /** prepared photo bytes (JPEG) by ImageBox.image key, as the PDF painter gets them */
  images: Map<string, Buffer>;
  /** colour of text and rules, and of placeholder frames: CMYK percentages as the profile gives them */
  ink: readonly number[];
  placeholderInk: readonly number[];
}

/** Pixels per inch → the SVG's pixel size for a length in points (rounded as poppler rounds: up). */
export const pixels = (points: number, ppi: number): number => Math.ceil((points * ppi) / 72 - 1e-9);

/**
 * A CMYK ink (percentages) as an SVG grey: 1 − (0.3 C + 0.59 M + 0.11 Y + K), clipped — how
 * poppler turns DeviceCMYK into grey, so a proof's tints match its render of the PDF.
 */
export function inkGrey(ink: readonly number[]): string {
  const [c, m, y, k] = ink.map((v) => v / 100);
  const grey = Math.max(0, Math.min(1, 1 - (0.3 * c + 0.59 * m + 0.11 * y + k)));
  const level = Math.round(grey * 255).toString(16).padStart(2, '0');
  return `#${level}${level}${level}`;
}

/** A number for the SVG: 3 decimals at most (a thousandth of a point), no "-0". */
function num(n: number): string {
  const rounded = Math.round(n * 1000) / 1000;
  return String(rounded === 0 ? 0 : rounded);
}

/** The page as an SVG document of `ppi` pixels per inch. */
export function pageSvg(page: PageLayout, input: SvgPaintInput, ppi: number): string {
  const defs = new GlyphDefs(input.glyphs);
  const items = page.items.map((item) => itemSvg(item, input, defs)).filter((svg) => svg !== '');
  return svgDocument({ pixelWidth: pixels(page.width, ppi), pixelHeight: pixels(page.height, ppi), width: num(page.width), height: num(page.height) }, defs, '#fff', items);
}

/**
 * An SVG document `pixelWidth` × `pixelHeight` pixels showing `width` × `height` user units:
 * the glyph outlines its text uses, a `background` rectangle, then `parts` in order.
 */
export function svgDocument(size: { pixelWidth: number; pixelHeight: number; width: string; height: string }, defs: GlyphDefs, background: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${size.pixelWidth}" height="${size.pixelHeight}" viewBox="0 0 ${size.width} ${size.height}">`,
    defs.svg(),
    `<rect x="0" y="0" width="${size.width}" height="${size.height}" fill="${background}"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function itemSvg(item: LayoutItem, input: SvgPaintInput, defs: GlyphDefs): string {
  switch (item.type) {
    case 'text':
      return textSvg(item.runs, inkGrey(input.ink), defs);
    case 'rule':
      return `<line x1="${num(item.x1)}" y1="${num(item.y1)}" x2="${num(item.x2)}" y2="${num(item.y2)}" stroke="${inkGrey(input.ink)}" stroke-width="${num(item.thickness)}"/>`;
    case 'image': {
      const bytes = input.images.get(item.image);
      if (!bytes) throw new Error(`svgPainter: no prepared image for ${item.image}`);
      const { x, y, width, height } = item.box;
      return `<image x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" preserveAspectRatio="none" xlink:href="data:${imageType(bytes)};base64,${bytes.toString('base64')}"/>`;
    }
    case 'placeholder': {
      // the frame, its diagonals (1 pt, the placeholder tint) and its label, as the PDF draws them
      const { x, y, width, height } = item.box;
      const [x2, y2] = [x + width, y + height];
      const frame = `<path fill="none" stroke="${inkGrey(input.placeholderInk)}" stroke-width="1" d="M${num(x)} ${num(y)}H${num(x2)}V${num(y2)}H${num(x)}Z M${num(x)} ${num(y)}L${num(x2)} ${num(y2)} M${num(x2)} ${num(y)}L${num(x)} ${num(y2)}"/>`;
      const label = textSvg(item.label, inkGrey(input.ink), defs);
      return label === '' ? frame : `${frame}\n${label}`;
    }
  }
}

/** The MIME type of prepared image bytes (JPEG, or PNG). */
function imageType(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'image/png';
  throw new Error('svgPainter: a prepared image is neither JPEG nor PNG');
}

/** One glyph drawn: its outline (face, glyph id) placed with its origin at (x, y), scaled by (sx, sy) from font units. */
export interface PlacedGlyph {
  font: FontKey;
  glyph: number;
  x: number;
  y: number;
  sx: number;
  sy: number;
}

/**
 * Where a line's glyphs go: each run's glyphs from its x on its baseline, the pen moved by
 * each glyph's advance and kerning, scaled by the run's size and horizontal scale (as the
 * PDF's Tf and Tz scale them). Word spaces are the gaps layout left between runs.
 */
export function placeGlyphs(runs: readonly GlyphRun[], glyphs: GlyphSource): PlacedGlyph[] {
  const placed: PlacedGlyph[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const sy = run.size / glyphs.unitsPerEm(run.font);
    const sx = sy * (run.scale ?? 1);
    let pen = run.x;
    for (const glyph of glyphs.shape(run.font, run.text)) {
      placed.push({ font: run.font, glyph: glyph.id, x: pen + glyph.xOffset * sx, y: run.baseline - glyph.yOffset * sy, sx, sy });
      pen += glyph.xAdvance * sx;
    }
  }
  return placed;
}

/**
 * Runs as SVG in `fill`: one `<use>` of each glyph's outline (defined once per page in font
 * units, y up) with the matrix that places it, y flipped. Glyphs with no outline (spaces) are
 * left out; '' when nothing is drawn.
 */
export function textSvg(runs: readonly GlyphRun[], fill: string, defs: GlyphDefs): string {
  const uses = placeGlyphs(runs, defs.glyphs).flatMap((g) => {
    const id = defs.idOf(g.font, g.glyph);
    return id === undefined ? [] : [`<use xlink:href="#${id}" transform="matrix(${num6(g.sx)} 0 0 ${num6(-g.sy)} ${num(g.x)} ${num(g.y)})"/>`];
  });
  return uses.length === 0 ? '' : `<g fill="${fill}">${uses.join('')}</g>`;
}

/** A number for a glyph's scale: 6 decimals (a scale error of 1e-6 is 0.001 pt at 1000 units). */
function num6(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/**
 * The glyph outlines a document uses, each defined once (`<path id="gN">` in font units, in
 * order of first use, so the same page gives the same SVG).
 */
export class GlyphDefs {
  private readonly ids = new Map<string, string | null>();
  private readonly paths: string[] = [];

  constructor(readonly glyphs: GlyphSource) {}

  /** The id of the glyph's outline, defined on first use; undefined for a glyph that draws nothing. */
  idOf(font: FontKey, glyph: number): string | undefined {
    const key = `${font}:${glyph}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      const d = outlinePath(this.glyphs.outline(font, glyph));
      id = d === '' ? null : `g${this.paths.length}`;
      if (id !== null) this.paths.push(`<path id="${id}" d="${d}"/>`);
      this.ids.set(key, id);
    }
    return id ?? undefined;
  }

  /** The `<defs>` element of the outlines used so far. */
  svg(): string {
    return `<defs>${this.paths.join('')}</defs>`;
  }
}

/** An outline as SVG path data, in font units. */
export function outlinePath(commands: readonly OutlineCommand[]): string {
  let d = '';
  for (const { command, args } of commands) {
    const a = args.map(num).join(' ');
    switch (command) {
      case 'moveTo':
        d += `M${a}`;
        break;
      case 'lineTo':
        d += `L${a}`;
        break;
      case 'quadraticCurveTo':
        d += `Q${a}`;
        break;
      case 'bezierCurveTo':
        d += `C${a}`;
        break;
      case 'closePath':
        d += 'Z';
        break;
      default:
        throw new Error(`svgPainter: unknown outline command ${String(command)}`);
    }
  }
  return d;
}
