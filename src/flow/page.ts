// A page: its furniture, its modules laid out in their areas, and the cutoff rules between them.
import type { GlyphRun, LayoutItem, PageLayout, Rule } from '../model/layout.js';
import { splitRun } from '../text/fallback.js';
import type { TypesetContext } from './context.js';
import { layoutFurniture, type PageFurniture } from './furniture.js';
import { bandTop, columnX, type PageGeometry, spanWidth } from './geometry.js';
import type { PagePlan } from './makeup.js';
import { type JumpWords, layoutModule, type ModulePlan, type ModuleReport } from './module.js';

export interface PageResult {
  page: PageLayout;
  /** per module, what it could not absorb */
  reports: { module: ModulePlan; reports: ModuleReport[] }[];
}

/** Cutoff rules are a little heavier than the hairlines between a story's columns. */
const CUTOFF_WEIGHT = 0.5;

export function layoutPage(plan: PagePlan, furniture: PageFurniture, jumps: Map<ModulePlan, JumpWords>, g: PageGeometry, ctx: TypesetContext): PageResult {
  const section = sectionOf(plan);
  const items: LayoutItem[] = layoutFurniture(furniture, plan.number, section, g, ctx);
  const reports: PageResult['reports'] = [];
  for (const module of plan.modules) {
    const laid = layoutModule(module, g, ctx, jumps.get(module));
    items.push(...laid.items);
    reports.push({ module, reports: laid.reports });
  }
  items.push(...plan.cutoffs.map((cut) => cutoffRule(cut, g)));
  return { page: { number: plan.number, width: g.width, height: g.height, typeArea: g.typeArea, grid: g.grid, items: items.map((item) => byFace(item, ctx)) }, reports };
}

/**
 * Every run split by the face that draws each character (the house face, else its fallback):
 * widths were measured so (FontMetrics.width), and the painter draws each run in one face.
 */
function byFace(item: LayoutItem, ctx: TypesetContext): LayoutItem {
  const split = (runs: GlyphRun[]): GlyphRun[] => {
    let out: GlyphRun[] | undefined; // allocated only when a run splits
    for (let i = 0; i < runs.length; i++) {
      const parts = splitRun(runs[i], ctx.metrics.hasGlyph, ctx.metrics.width);
      if (out === undefined && (parts.length !== 1 || parts[0] !== runs[i])) out = runs.slice(0, i);
      if (out !== undefined) out.push(...parts);
    }
    return out ?? runs;
  };
  if (item.type === 'text') {
    const runs = split(item.runs);
    return runs === item.runs ? item : { ...item, runs };
  }
  if (item.type === 'placeholder') {
    const label = split(item.label);
    return label === item.label ? item : { ...item, label };
  }
  return item;
}

/** The section in the running head: the first story's on the page that names one. */
function sectionOf(plan: PagePlan): string | undefined {
  for (const module of plan.modules) {
    const copies = module.kind === 'briefs' ? module.copies : [module.copy];
    for (const copy of copies) if (copy.story.section) return copy.story.section;
  }
  return undefined;
}

function cutoffRule(cut: PagePlan['cutoffs'][number], g: PageGeometry): Rule {
  const L = g.grid.leading;
  if (cut.kind === 'across') {
    const y = bandTop(g, cut.band) + L / 2;
    return { type: 'rule', x1: columnX(g, cut.column), y1: y, x2: columnX(g, cut.column) + spanWidth(g, cut.columns), y2: y, thickness: CUTOFF_WEIGHT };
  }
  const x = columnX(g, cut.column) - g.gutter / 2;
  return { type: 'rule', x1: x, y1: bandTop(g, cut.top), x2: x, y2: bandTop(g, cut.top + cut.bands), thickness: CUTOFF_WEIGHT };
}
