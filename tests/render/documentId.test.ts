// The PDF's /ID comes from the content: same pages, same ID; a changed word, another ID —
// even when the document info (title, dates) is the same.
import { describe, expect, it } from 'vitest';
import { loadFonts } from '../../src/io/loadFonts.js';
import type { PageLayout } from '../../src/model/layout.js';
import { paintPdf } from '../../src/render/pdfPainter.js';
import { PROFILES } from '../../src/render/profiles.js';

const page = (word: string): PageLayout => ({
  number: 1,
  width: 612,
  height: 792,
  typeArea: { x: 36, y: 36, width: 540, height: 715 },
  grid: { first: 44.8, leading: 11, count: 65 },
  items: [
    {
      type: 'text',
      role: 'body',
      box: { x: 36, y: 36, width: 540, height: 11 },
      baseline: 44.8,
      runs: [{ text: word, font: 'text', size: 9.5, x: 36, baseline: 44.8, width: 30 }],
    },
  ],
});
const meta = { title: 'T', author: 'The Morning Ledger', subject: 'S', keywords: 'k', date: '2022-11-15' };
const idOf = async (word: string) => {
  const pdf = await paintPdf({ pages: [page(word)], fonts: loadFonts(), images: new Map(), profile: PROFILES.press, meta });
  return /\/ID \[<([0-9a-f]{32})> <\1>\]/.exec(pdf.toString('latin1'))?.[1];
};

describe('document ID', () => {
  it('is the same for the same pages and differs when a word differs', async () => {
    const a = await idOf('alliance');
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(await idOf('alliance')).toBe(a);
    expect(await idOf('alliances')).not.toBe(a);
  });
});
