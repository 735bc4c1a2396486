// Page furniture: the nameplate on the front page, a running head on every other page, and a
// folio at the foot of every page. It also says which grid lines it leaves to the modules.
import type { GlyphRun, LayoutItem } from '../model/layout.js';
import type { TypesetContext } from './context.js';
import { bandTop, baselineOf, type PageGeometry } from './geometry.js';
import { textLine } from './placeLines.js';

export interface PageFurniture {
  paper: string;
  /** e.g. "Tuesday, November 15, 2022" */
  dateText: string;
  editionLine?: string;
  /** the edition's language: capitals as it writes them (Greek capitals drop their accents) */
  lang?: string;
}

/** Grid lines of the nameplate: the name (6), the date strip (2) and a blank line. */
const NAMEPLATE_BANDS = 9;
/** Grid lines of the running head: its line and a blank line under its rule. */
const RUNNING_HEAD_BANDS = 2;

/** The grid lines [top, foot) a page leaves to its modules: under the nameplate or running head, above the folio. */
export function moduleRegion(pageNumber: number, g: PageGeometry): { top: number; foot: number } {
  // the last grid line holds the folio, the one above it stays blank
  return { top: pageNumber === 1 ? NAMEPLATE_BANDS : RUNNING_HEAD_BANDS, foot: g.grid.count - 2 };
}

/** The furniture of page `pageNumber`; `section` names the running head's section (inside pages). */
export function layoutFurniture(f: PageFurniture, pageNumber: number, section: string | undefined, g: PageGeometry, ctx: TypesetContext): LayoutItem[] {
  const top = pageNumber === 1 ? layoutNameplate(f, g, ctx) : layoutRunningHead(f, pageNumber, section, g, ctx);
  return [...top, ...layoutFolio(f, pageNumber, g, ctx)];
}

/** The smallest size the nameplate is set at to fit the page's width. */
export const NAMEPLATE_MIN_SIZE = 12;

/**
 * What of the furniture does not fit the page's width (the paper's name in the nameplate at
 * its smallest size, in the running head and folio; the date with the edition line), as a
 * sentence for an error; undefined when everything fits.
 */
export function furnitureMisfit(f: PageFurniture, g: PageGeometry, ctx: TypesetContext): string | undefined {
  const { metrics, theme } = ctx;
  const width = g.typeArea.width;
  const name = metrics.width(f.paper, theme.nameplate.font, NAMEPLATE_MIN_SIZE);
  const pt = (n: number) => `${Math.ceil(n)} pt`;
  if (name > width) return `the paper's name is too long for the nameplate: ${pt(name)} wide at ${NAMEPLATE_MIN_SIZE} pt, the page ${pt(width)}; shorten "paper"`;
  // the folio and the running head: the name and date on one side, the page number (and section) on the other
  const folio = metrics.width(`${f.paper}  ·  ${f.dateText}`, theme.folio.font, theme.folio.size) + metrics.width('Page 999', theme.folio.font, theme.folio.size) + 12;
  if (folio > width) return `the paper's name is too long for the folio and running head: ${pt(folio)} with the date and page number, the page ${pt(width)}; shorten "paper"`;
  if (f.editionLine) {
    const s = theme.nameplateLine;
    const strip = metrics.width(f.dateText.toUpperCase(), s.font, s.size) + metrics.width(f.editionLine.toUpperCase(), s.font, s.size) + 12;
    if (strip > width) return `the edition line is too long: ${pt(strip)} with the date under the nameplate, the page ${pt(width)}; shorten "edition"`;
  }
  return undefined;
}

export function layoutNameplate(f: PageFurniture, g: PageGeometry, ctx: TypesetContext): LayoutItem[] {
  const { metrics, theme } = ctx;
  const L = g.grid.leading;
  const area = g.typeArea;
  const font = theme.nameplate.font;
  let size = theme.nameplate.size;
  while (metrics.width(f.paper, font, size) > area.width && size > NAMEPLATE_MIN_SIZE) size -= 1;
  const nameWidth = metrics.width(f.paper, font, size);
  const nameBands = 6;
  const nameBaseline = bandTop(g, nameBands) - metrics.descender(font, size) - L * 0.25;
  const items: LayoutItem[] = [
    textLine('nameplate', [{ text: f.paper, font, size, x: area.x + (area.width - nameWidth) / 2, baseline: nameBaseline, width: nameWidth }], area.x, bandTop(g, 0), area.width, nameBands * L, nameBaseline),
  ];
  // the strip under the name: date on the left, edition line on the right, between rules
  const stripTop = bandTop(g, nameBands);
  const stripBands = 2;
  // the strip's caps sit in the middle of its two grid lines
  const s = theme.nameplateLine;
  const stripBaseline = stripTop + (stripBands * L) / 2 + metrics.capHeight(s.font, s.size) / 2;
  const date = f.dateText.toLocaleUpperCase(f.lang ?? 'en');
  const runs: GlyphRun[] = [{ text: date, font: s.font, size: s.size, x: area.x, baseline: stripBaseline, width: metrics.width(date, s.font, s.size) }];
  if (f.editionLine) {
    const edition = f.editionLine.toLocaleUpperCase(f.lang ?? 'en');
    const w = metrics.width(edition, s.font, s.size);
    runs.push({ text: edition, font: s.font, size: s.size, x: area.x + area.width - w, baseline: stripBaseline, width: w });
  }
  items.push(textLine('nameplateLine', runs, area.x, stripTop, area.width, stripBands * L, stripBaseline));
  items.push({ type: 'rule', x1: area.x, y1: stripTop, x2: area.x + area.width, y2: stripTop, thickness: 1.5 });
  items.push({ type: 'rule', x1: area.x, y1: stripTop + stripBands * L, x2: area.x + area.width, y2: stripTop + stripBands * L, thickness: 0.5 });
  return items;
}

/** An inside page's running head: the page number and section on the outer side, the paper and date on the inner. */
export function layoutRunningHead(f: PageFurniture, pageNumber: number, section: string | undefined, g: PageGeometry, ctx: TypesetContext): LayoutItem[] {
  const { metrics, theme } = ctx;
  const area = g.typeArea;
  const baseline = baselineOf(g, 0);
  const label = theme.label;
  const folio = theme.folio;
  const outer = `${pageNumber}`;
  const sectionText = section ? section.toUpperCase() : '';
  const inner = `${f.paper}  ·  ${f.dateText}`;
  const run = (text: string, font: GlyphRun['font'], size: number, x: number): GlyphRun => ({ text, font, size, x, baseline, width: metrics.width(text, font, size) });
  const numberRun = run(outer, label.font, label.size + 2, 0);
  const innerRun = run(inner, folio.font, folio.size, 0);
  const sectionRun = sectionText ? run(sectionText, label.font, label.size, 0) : undefined;
  const runs: GlyphRun[] = [];
  // even pages are left-hand pages: the number at the left edge; odd pages at the right
  if (pageNumber % 2 === 0) {
    runs.push({ ...numberRun, x: area.x });
    if (sectionRun) runs.push({ ...sectionRun, x: area.x + numberRun.width + 12 });
    runs.push({ ...innerRun, x: area.x + area.width - innerRun.width });
  } else {
    runs.push({ ...innerRun, x: area.x });
    if (sectionRun) runs.push({ ...sectionRun, x: area.x + area.width - numberRun.width - 12 - sectionRun.width });
    runs.push({ ...numberRun, x: area.x + area.width - numberRun.width });
  }
  const L = g.grid.leading;
  return [
    textLine('runningHead', runs, area.x, bandTop(g, 0), area.width, L, baseline),
    { type: 'rule', x1: area.x, y1: bandTop(g, 1), x2: area.x + area.width, y2: bandTop(g, 1), thickness: 1 },
  ];
}

export function layoutFolio(f: PageFurniture, pageNumber: number, g: PageGeometry, ctx: TypesetContext): LayoutItem[] {
  const { metrics, theme } = ctx;
  const area = g.typeArea;
  const line = g.grid.count - 1;
  const top = bandTop(g, line);
  const baseline = baselineOf(g, line);
  const { font, size } = theme.folio;
  const left = `${f.paper}  ·  ${f.dateText}`;
  const right = `Page ${pageNumber}`;
  const rightWidth = metrics.width(right, font, size);
  return [
    { type: 'rule', x1: area.x, y1: top, x2: area.x + area.width, y2: top, thickness: 0.5 },
    textLine(
      'folio',
      [
        { text: left, font, size, x: area.x, baseline, width: metrics.width(left, font, size) },
        { text: right, font, size, x: area.x + area.width - rightWidth, baseline, width: rightWidth },
      ],
      area.x,
      top,
      area.width,
      g.grid.leading,
      baseline,
    ),
  ];
}
