// Every part of a story as set — headline, deck, byline, source, caption, credit, body —
// compared with the article's words: nothing lost, nothing repeated.
import { expect } from 'vitest';
import type { Article } from '../../src/model/article.js';
import type { PageLayout, TextLine, TextRole } from '../../src/model/layout.js';
import type { TypesetResult } from '../../src/typeset.js';
import { storyWords } from './editionChecks.js';
import { sourceWords, words } from './layoutChecks.js';

/** The words of a story's lines of `role` on `pages`, in order; a word broken across lines is joined. */
export function roleWords(pages: PageLayout[], slug: string, role: TextRole): string[] {
  let text = '';
  for (const page of pages) {
    for (const line of page.items) {
      if (line.type !== 'text' || line.story !== slug || line.role !== role) continue;
      const lineText = lineString(line);
      text += line.hyphenated ? lineText.replace(/-$/, '') : line.midWord ? lineText : `${lineText} `;
    }
  }
  return words(text);
}

function lineString(line: TextLine): string {
  return line.runs.map((r, i) => (i > 0 && r.x - (line.runs[i - 1].x + line.runs[i - 1].width) > 0.01 ? ' ' : '') + r.text).join('');
}

/**
 * Every word of every part of every article, set exactly once: the headline and deck on the
 * story's first page, byline and source, caption and credit (in capitals), the body across
 * its jumps. A missing photo is drawn as an FPO frame, with its caption and credit all the same.
 */
export function expectEveryPartOnce(result: TypesetResult, articles: Article[]) {
  for (const article of articles) {
    const slug = article.slug;
    const report = result.stories.find((s) => s.slug === slug);
    expect(report, `${slug} is reported`).toBeDefined();
    expect(report!.page, `${slug} is placed`).toBeGreaterThan(0);
    const first = [result.pages[report!.page - 1]];
    expect(roleWords(first, slug, 'headline'), `headline of ${slug}`).toEqual(words(article.headline));
    expect(roleWords(result.pages, slug, 'deck'), `deck of ${slug}`).toEqual(article.deck ? words(article.deck) : []);
    const byline = roleWords(result.pages, slug, 'byline');
    const names = article.bylines.flatMap((b) => words(b));
    expect(byline.filter((w) => w !== 'By' && w !== 'and').join(' ').replace(/,/g, ''), `byline of ${slug}`).toBe(names.join(' ').replace(/,/g, ''));
    expect(roleWords(result.pages, slug, 'source'), `source of ${slug}`).toEqual(article.source ? words(article.source) : []);
    expect(roleWords(result.pages, slug, 'caption'), `caption of ${slug}`).toEqual(article.photo?.caption ? words(article.photo.caption) : []);
    expect(roleWords(result.pages, slug, 'credit'), `credit of ${slug}`).toEqual(article.photo?.credit ? words(article.photo.credit.toUpperCase()) : []);
    if (article.photo) {
      const frames = result.pages.flatMap((p) => p.items.filter((i) => (i.type === 'image' || i.type === 'placeholder') && i.story === slug));
      expect(frames.length, `the photo of ${slug} is framed once`).toBe(1);
    }
    expect(storyWords(result.pages, slug), `body of ${slug}`).toEqual(sourceWords(article));
  }
}
