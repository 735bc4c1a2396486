// Checks on PageLayout shared by the layout and typography tests: geometry, column rules,
// words in order, and word spacing measured as typometrics.py measures it.
import { expect } from 'vitest';
import type { Article } from '../../src/model/article.js';
import type { PageLayout, Rect, TextLine } from '../../src/model/layout.js';
import type { TypesetResult } from '../../src/typeset.js';

const EPS = 1e-6;

export const textLines = (pages: PageLayout[], roles: string[]) =>
  pages.flatMap((p) => p.items.filter((i): i is TextLine => i.type === 'text' && roles.includes(i.role)));

/** The words of the body as set: line-end hyphens rejoined, in page and column order. */
export function setBodyWords(pages: PageLayout[]): string[] {
  let text = '';
  for (const line of textLines(pages, ['body', 'subhead'])) {
    // runs that touch belong to one word ("*Maru*," is an italic run and a roman comma)
    const lineText = line.runs.map((r, i) => (i > 0 && r.x - (line.runs[i - 1].x + line.runs[i - 1].width) > 0.01 ? ' ' : '') + r.text).join('');
    // a line that ends inside a word continues on the next: drop an added hyphen, keep a real one
    text += line.hyphenated ? lineText.replace(/-$/, '') : line.midWord ? lineText : `${lineText} `;
  }
  return words(text);
}
export const words = (text: string) => text.replace(/\u00a0/g, ' ').split(/\s+/).filter(Boolean);

/** The words of an article's body as written, with the dateline run-in. */
export function sourceWords(article: Article): string[] {
  const parts: string[] = [];
  article.body.forEach((block, i) => {
    const text = block.kind === 'subhead' ? block.text : block.spans.map((s) => s.text).join('');
    const marker = block.kind === 'listItem' ? `${block.marker} ` : '';
    parts.push((i === 0 && article.dateline ? `${article.dateline} — ` : '') + marker + text);
  });
  return words(parts.join(' '));
}

const inside = (box: Rect, area: Rect) =>
  box.x >= area.x - EPS && box.y >= area.y - EPS && box.x + box.width <= area.x + area.width + EPS && box.y + box.height <= area.y + area.height + EPS;
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - EPS && b.x < a.x + a.width - EPS && a.y < b.y + b.height - EPS && b.y < a.y + a.height - EPS;

/** The invariants every page must keep, whatever the content. */
export function expectSoundPages(result: TypesetResult) {
  for (const page of result.pages) {
    const boxes = page.items.flatMap((item) => (item.type === 'rule' ? [] : [{ item, box: item.box }]));
    // plain conditions, failing with expect.fail: an expect() per line of a 48-page edition is slow
    for (const { item, box } of boxes) if (!inside(box, page.typeArea)) expect.fail(`${item.type} ${JSON.stringify(box)} outside the type area on page ${page.number}`);
    for (const item of page.items) {
      if (item.type === 'rule') {
        const box = { x: Math.min(item.x1, item.x2), y: Math.min(item.y1, item.y2), width: Math.abs(item.x2 - item.x1), height: Math.abs(item.y2 - item.y1) };
        if (!inside(box, page.typeArea)) expect.fail(`rule ${JSON.stringify(box)} outside the type area on page ${page.number}`);
      }
      if (item.type === 'text') {
        // only punctuation may hang out (optical margins), and by less than its own width
        const [left, right] = item.hang ?? [0, 0];
        if (left > 4 || right > 4) expect.fail(`line hangs ${left}/${right} pt out on page ${page.number}`);
        for (const run of item.runs) {
          if (run.x < item.box.x - left - EPS) expect.fail(`run "${run.text}" starts left of its line`);
          if (run.x + run.width > item.box.x + item.box.width + right + 0.01) expect.fail(`run "${run.text}" runs past its line`);
        }
        if (left > 0) expect(item.runs[0].text[0]).toMatch(/[“‘"'–—(]/);
        if (right > 0) expect(item.runs.at(-1)!.text.at(-1)).toMatch(/[.,\-‐–—:;’”'"!?]/);
      }
    }
    // sorted by top, a box can only overlap the boxes that start above its foot
    const byTop = [...boxes].sort((a, b) => a.box.y - b.box.y);
    for (let i = 0; i < byTop.length; i++) {
      const a = byTop[i];
      for (let j = i + 1; j < byTop.length && byTop[j].box.y < a.box.y + a.box.height - EPS; j++) {
        const b = byTop[j];
        if (overlap(a.box, b.box)) expect.fail(`${a.item.type} overlaps ${b.item.type} on page ${page.number}: ${JSON.stringify(a.box)} ${JSON.stringify(b.box)}`);
      }
    }
    for (const line of textLines([page], ['body', 'subhead', 'byline', 'source', 'jump'])) {
      const k = (line.baseline - page.grid.first) / page.grid.leading;
      if (Math.abs(k - Math.round(k)) >= 1e-6) expect.fail(`baseline ${line.baseline} off the grid on page ${page.number}`);
    }
  }
}

/** A newspaper's column rules: no widows, orphans or hyphens at a column foot, ≤ 2 hyphens in a row, balanced columns. */
export function expectColumnRules(result: TypesetResult, strictBalance = true) {
  for (const page of result.pages) {
    const columns = new Map<number, TextLine[]>();
    for (const line of textLines([page], ['body', 'subhead'])) {
      columns.set(line.box.x, [...(columns.get(line.box.x) ?? []), line]);
    }
    const feet: number[] = [];
    for (const [x, lines] of columns) {
      lines.sort((a, b) => a.baseline - b.baseline);
      const first = lines[0].position!;
      const last = lines.at(-1)!;
      const where = `page ${page.number}, column at x=${x.toFixed(1)}`;
      expect(first.lines > 1 && first.line === first.lines - 1, `widow at the top of ${where}`).toBe(false);
      expect(last.position!.lines > 1 && last.position!.line === 0, `orphan at the foot of ${where}`).toBe(false);
      expect(last.hyphenated ?? false, `hyphen at the foot of ${where}`).toBe(false);
      let run = 0;
      for (const line of lines) {
        run = line.hyphenated ? run + 1 : 0;
        expect(run, `three hyphens in a row in ${where}`).toBeLessThanOrEqual(2);
      }
      feet.push(last.baseline);
    }
    // the story's columns end within one grid line of each other, or the report says by how
    // much they do not (a spread is reported, not warned about: --strict passes it)
    const story = result.stories.find((s) => s.page === page.number);
    if (story && story.continuedOn.length === 0 && feet.length > 1 && result.stories.filter((s) => s.page === page.number).length === 1) {
      const spread = Math.round((Math.max(...feet) - Math.min(...feet)) / page.grid.leading);
      if (strictBalance) expect(spread, `columns unbalanced on page ${page.number}`).toBeLessThanOrEqual(1);
      expect(story.columnSpread, 'the report tells the column spread').toBe(spread);
    }
  }
}

/**
 * Word spacing of justified body lines (not the last of a paragraph), as typometrics.py
 * measures it: per line the median gap between words, in em of the body size.
 */
export function wordSpacing(pages: PageLayout[]): { lines: number; mean: number; p95: number; max: number; loose: number } {
  const medians: number[] = [];
  for (const line of textLines(pages, ['body'])) {
    if (!line.position || line.position.line === line.position.lines - 1) continue;
    const gaps: number[] = [];
    for (let i = 1; i < line.runs.length; i++) {
      const gap = line.runs[i].x - (line.runs[i - 1].x + line.runs[i - 1].width);
      if (gap > 0.01) gaps.push(gap / line.runs[i].size); // runs of one word touch: no gap
    }
    if (gaps.length > 0) medians.push(gaps.sort((a, b) => a - b)[Math.floor(gaps.length / 2)]);
  }
  medians.sort((a, b) => a - b);
  return {
    lines: medians.length,
    mean: medians.reduce((a, b) => a + b, 0) / medians.length,
    p95: medians[Math.floor(medians.length * 0.95)],
    max: medians[medians.length - 1],
    loose: medians.filter((m) => m > 0.5).length,
  };
}
