// Words of display type (headline, deck, caption, credit, byline, source) wider than their
// measure even at the smallest size: they were broken by force, with a hyphen. Display type is
// never hyphenated otherwise, so a hyphenated display line is such a break. Found on the laid
// pages, so that each is reported once, where it was set.
import type { PageLayout, TextLine, TextRole } from '../model/layout.js';

const DISPLAY: TextRole[] = ['headline', 'deck', 'caption', 'credit', 'byline', 'source'];

/** Per story and role, the words broken by force (each as set: its pieces joined). */
export function brokenDisplayWords(pages: PageLayout[]): { story: string; role: TextRole; word: string }[] {
  const found: { story: string; role: TextRole; word: string }[] = [];
  for (const page of pages) {
    const lines = page.items.filter((i): i is TextLine => i.type === 'text' && DISPLAY.includes(i.role) && i.story !== undefined);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!line.hyphenated) continue;
      // the word's pieces: the end of this line, then the starts of the lines it runs on to
      let word = (line.runs.at(-1)?.text ?? '').replace(/-$/, '');
      for (let j = i + 1; j < lines.length && lines[j].story === line.story && lines[j].role === line.role; j++) {
        word += lines[j].runs[0]?.text.replace(/-$/, '') ?? '';
        if (!lines[j].hyphenated || lines[j].runs.length > 1) break;
        i = j;
      }
      found.push({ story: line.story!, role: line.role, word });
    }
  }
  return found;
}
