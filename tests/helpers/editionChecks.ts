// Checks on a whole edition's layout (several stories a page, jumps), shared by the makeup
// property tests and the sample-edition tests.
import { expect } from 'vitest';
import type { Article } from '../../src/model/article.js';
import type { ImageBox, PageLayout, Rect, TextLine } from '../../src/model/layout.js';
import type { TypesetResult } from '../../src/typeset.js';
import { sourceWords, words } from './layoutChecks.js';

const EPS = 1e-6;

/** A story's body words as set, across its pages in page order: line-end hyphens rejoined. */
export function storyWords(pages: PageLayout[], slug: string): string[] {
  let text = '';
  for (const page of pages) {
    for (const line of page.items) {
      if (line.type !== 'text' || line.story !== slug || (line.role !== 'body' && line.role !== 'subhead')) continue;
      const lineText = line.runs.map((r, i) => (i > 0 && r.x - (line.runs[i - 1].x + line.runs[i - 1].width) > 0.01 ? ' ' : '') + r.text).join('');
      text += line.hyphenated ? lineText.replace(/-$/, '') : line.midWord ? lineText : `${lineText} `;
    }
  }
  return words(text);
}

/** Every story's body words, each exactly once and in order, across its jumps. */
export function expectEveryWordOnce(result: TypesetResult, articles: Article[]) {
  for (const article of articles) {
    expect(storyWords(result.pages, article.slug), `the words of ${article.slug}`).toEqual(sourceWords(article));
  }
}

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] - EPS && b[0] < a[1] - EPS;

/** Modules inside the page's `columns` columns and grid lines, none on top of another (from the makeup report). */
export function expectModulesTile(result: TypesetResult, columns: number) {
  for (const report of result.makeup) {
    const page = result.pages[report.page - 1];
    for (const m of report.modules) {
      const where = `module ${m.stories.join()} on page ${report.page}`;
      expect(m.column >= 1 && m.columns >= 1 && m.line >= 1 && m.lines >= 1, where).toBe(true);
      expect(m.column - 1 + m.columns, `${where} past the last column`).toBeLessThanOrEqual(columns);
      expect(m.line - 1 + m.lines, `${where} below the grid`).toBeLessThanOrEqual(page.grid.count);
    }
    for (let i = 0; i < report.modules.length; i++) {
      for (let j = i + 1; j < report.modules.length; j++) {
        const [a, b] = [report.modules[i], report.modules[j]];
        const across = overlaps([a.column, a.column + a.columns], [b.column, b.column + b.columns]);
        const down = overlaps([a.line, a.line + a.lines], [b.line, b.line + b.lines]);
        expect(across && down, `modules ${a.stories.join()} and ${b.stories.join()} overlap on page ${report.page}`).toBe(false);
      }
    }
  }
}

/** Every "Continued on Page N" has its "Continued from Page M" on page N, for the same story, and the report agrees. */
export function expectJumpsMatch(result: TypesetResult) {
  const jumpLines = (page: PageLayout) =>
    page.items.filter((i): i is TextLine => i.type === 'text' && i.role === 'jump').map((l) => ({ story: l.story!, text: l.runs.map((r) => r.text).join(' ') }));
  const to = new Map<string, number[]>();
  for (const page of result.pages) {
    for (const line of jumpLines(page)) {
      const on = /^Continued on Page (\d+)$/.exec(line.text);
      const from = /^Continued from Page (\d+)$/.exec(line.text);
      expect(on || from, `jump line "${line.text}" on page ${page.number}`).toBeTruthy();
      if (on) {
        const target = Number(on[1]);
        expect(target, `${line.story} jumps forward`).toBeGreaterThan(page.number);
        const there = jumpLines(result.pages[target - 1]).filter((l) => l.story === line.story && l.text === `Continued from Page ${page.number}`);
        expect(there, `"${line.text}" for ${line.story} on page ${page.number} has its "Continued from" on page ${target}`).toHaveLength(1);
        to.set(line.story, [...(to.get(line.story) ?? []), target]);
      }
      if (from) {
        const origin = result.pages[Number(from[1]) - 1];
        expect(jumpLines(origin).some((l) => l.story === line.story && l.text === `Continued on Page ${page.number}`), `"${line.text}" for ${line.story}`).toBe(true);
      }
    }
  }
  for (const story of result.stories) expect(story.continuedOn, `${story.slug}'s report`).toEqual(to.get(story.slug) ?? []);
}

/** No photo prints under `ppi` unless it is one column wide (too small for any wider frame). */
export function expectPhotosSharp(result: TypesetResult, pixels: Map<string, { width: number; height: number } | null>, ppi: number, columnWidth: number) {
  for (const page of result.pages) {
    for (const image of page.items.filter((i): i is ImageBox => i.type === 'image')) {
      const size = pixels.get(image.image);
      expect(size, `pixels of ${image.image}`).toBeTruthy();
      const effective = Math.min((size!.width * 72) / image.box.width, (size!.height * 72) / image.box.height);
      if (effective < ppi - 0.5) expect(image.box.width, `${image.image} at ${effective.toFixed(0)} ppi is wider than a column`).toBeLessThanOrEqual(columnWidth + 0.01);
    }
  }
}

/** Heads (headlines, jump heads, brief heads) of modules side by side never share a line. */
export function expectNoBumpingHeads(result: TypesetResult) {
  for (const page of result.pages) {
    const heads = page.items.filter((i): i is TextLine => i.type === 'text' && i.role === 'headline');
    const span = (b: Rect, axis: 'x' | 'y'): [number, number] => (axis === 'x' ? [b.x, b.x + b.width] : [b.y, b.y + b.height]);
    for (let i = 0; i < heads.length; i++) {
      for (let j = i + 1; j < heads.length; j++) {
        const [a, b] = [heads[i], heads[j]];
        if (overlaps(span(a.box, 'x'), span(b.box, 'x'))) continue; // one above the other
        // the lines' ink, from cap height to baseline, must not share a line of the page
        const ink = (l: TextLine): [number, number] => [l.baseline - l.runs[0].size * 0.7, l.baseline];
        expect(overlaps(ink(a), ink(b)), `heads side by side on one line on page ${page.number}: "${a.runs.map((r) => r.text).join(' ')}" and "${b.runs.map((r) => r.text).join(' ')}"`).toBe(false);
      }
    }
  }
}

/** The front page's lead has the largest head of the edition's front; a brief's head is small. */
export function expectHeadHierarchy(result: TypesetResult, lead: string, briefs: Set<string>) {
  const heads = (page: PageLayout) => page.items.filter((i): i is TextLine => i.type === 'text' && i.role === 'headline');
  const front = heads(result.pages[0]);
  const leadSize = Math.max(...front.filter((l) => l.story === lead).map((l) => l.runs[0].size));
  for (const head of front) if (head.story !== lead) expect(head.runs[0].size, `"${head.runs.map((r) => r.text).join(' ')}" against the lead's ${leadSize} pt`).toBeLessThan(leadSize);
  for (const page of result.pages) {
    for (const head of heads(page)) if (briefs.has(head.story!)) expect(head.runs[0].size, `brief head on page ${page.number}`).toBeLessThanOrEqual(12);
  }
}
