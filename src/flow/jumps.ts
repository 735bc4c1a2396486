// Jumps: once makeup has put every part of every story on a page, the jump lines get their
// page numbers — "Continued on Page N" where a part stops, "Continued from Page M" over the
// part that takes it up.
import type { JumpWords, ModulePlan } from './module.js';
import type { PagePlan } from './makeup.js';

/** The words of each module's jump lines, by module. */
export function resolveJumps(pages: PagePlan[]): Map<ModulePlan, JumpWords> {
  const words = new Map<ModulePlan, JumpWords>();
  // where each story's lines continue: story slug and first line → page
  const continues = new Map<string, number>();
  for (const page of pages) {
    for (const module of page.modules) {
      if (module.kind === 'continuation') continues.set(`${module.copy.story.slug}:${module.from}`, page.number);
    }
  }
  for (const page of pages) {
    for (const module of page.modules) {
      if (module.kind === 'briefs') continue;
      const w: JumpWords = {};
      if (module.jump) {
        const to = continues.get(`${module.copy.story.slug}:${module.jump.lines}`);
        if (to === undefined) throw new Error(`jumps: the rest of "${module.copy.story.slug}" was placed on no page`);
        w.to = `Continued on Page ${to}`;
      }
      if (module.kind === 'continuation') {
        const from = page.continuedFrom.get(module);
        if (from === undefined) throw new Error(`jumps: the continuation of "${module.copy.story.slug}" has no origin`);
        w.from = `Continued from Page ${from}`;
      }
      words.set(module, w);
    }
  }
  return words;
}

/** The pages each story continues on, in order, by slug. */
export function continuationPages(pages: PagePlan[]): Map<string, number[]> {
  const parts = new Map<string, number[]>();
  for (const page of pages) {
    for (const module of page.modules) {
      if (module.kind !== 'continuation') continue;
      const slug = module.copy.story.slug;
      parts.set(slug, [...(parts.get(slug) ?? []), page.number]);
    }
  }
  return parts;
}
