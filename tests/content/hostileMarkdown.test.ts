// Hostile and unusual article files: YAML aliases (a mistaken `*Exclusive*`, an alias bomb),
// block quotes nested thousands deep, images in the body. Each is one ContentError with the
// place, or a warning and every word kept — never a crash, a hang or a silent loss.
import { describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import { parseEditionYaml } from '../../src/content/parseEdition.js';
import { ContentError, type Warning } from '../../src/model/errors.js';
import { errorOf } from '../helpers/contentError.js';

const FILE = 'content/2024-01-02/story.md';

/** A billion-laughs document: each level nine aliases of the one before. */
function aliasBomb(levels: number): string {
  const lines = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  const names = 'bcdefghijklmnop';
  for (let i = 0; i < levels; i++) lines.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${i === 0 ? 'a' : names[i - 1]}`).join(', ')}]`);
  return lines.join('\n');
}

describe('YAML aliases in front matter', () => {
  it('names the file, line and column of an alias to no anchor, with what to write instead', () => {
    const e = errorOf(() => parseArticleMarkdown('---\nheadline: H\ndeck: *Exclusive*\n---\n\nText.\n', FILE));
    expect(e.file).toBe(FILE);
    expect(e.at).toEqual({ line: 3, column: 7 });
    expect(e.located).toMatch(/^content\/2024-01-02\/story\.md:3:7: front matter is not valid YAML \(line 3\): \*Exclusive\* is an alias/);
    expect(e.problem).toContain('deck: "*Exclusive*"');
  });

  it('refuses an alias bomb quickly, without expanding it', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const e = errorOf(() => parseArticleMarkdown(`---\nheadline: H\n${aliasBomb(9)}\n---\n\nText.\n`, FILE));
    expect(e.problem).toMatch(/aliases expand to more than 100 nodes/);
    expect(e.at?.line).toBeGreaterThanOrEqual(4);
    // 9^10 strings would be billions of nodes; refused, the heap barely moves
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('still reads aliases that expand to a few nodes', () => {
    const article = parseArticleMarkdown('---\nheadline: &h Council votes\njump: *h\n---\n\nText.\n', FILE);
    expect(article.jump).toBe('Council votes');
  });

  it('treats edition.yaml the same way', () => {
    const e = errorOf(() => parseEditionYaml('paper: *Paper\ndate: 2024-01-02\nformat: tabloid\n', 'e/edition.yaml'));
    expect(e.located).toMatch(/^e\/edition\.yaml:1:8: edition settings is not valid YAML \(line 1\): \*Paper is an alias/);
    expect(errorOf(() => parseEditionYaml(`${aliasBomb(8)}\npaper: P\ndate: 2024-01-02\nformat: tabloid\n`, 'e/edition.yaml')).problem).toMatch(/alias bomb/);
  });

  it('gives syntax errors their column too', () => {
    const e = errorOf(() => parseArticleMarkdown('---\nheadline: H\nheadline: again\n---\nText.\n', FILE));
    expect(e.located).toMatch(/^content\/2024-01-02\/story\.md:3:1: /);
  });
});

describe('block quotes nested thousands deep', () => {
  it('sets them at the deepest depth kept, with a warning naming the line, every word kept', () => {
    const warnings: Warning[] = [];
    const text = `---\nheadline: H\n---\n\nFirst paragraph.\n\n${'>'.repeat(5000)} deep words here\n\n${'> '.repeat(3000)}spaced deep words\n`;
    const article = parseArticleMarkdown(text, FILE, (w) => warnings.push(w));
    const words = article.body.flatMap((b) => (b.kind === 'subhead' ? [b.text] : b.spans.map((s) => s.text))).join(' ');
    expect(words).toBe('First paragraph. deep words here spaced deep words');
    expect(article.body.slice(1).every((b) => b.kind === 'quote')).toBe(true);
    expect(warnings).toEqual([{ code: 'quote-too-deep', file: FILE, line: 7, message: 'block quotes nested more than 8 deep are set 8 deep (and 1 more line)' }]);
  });

  it('reads lists nested thousands deep at a bounded depth, every item kept, with one warning', () => {
    // nested 3,000 deep the Markdown parser took minutes (its work grows with the cube of the depth)
    const warnings: Warning[] = [];
    const deep = Array.from({ length: 3000 }, (_, i) => `${'  '.repeat(i)}- item${i}`).join('\n');
    const article = parseArticleMarkdown(`---\nheadline: H\n---\n\n${deep}\n`, FILE, (w) => warnings.push(w));
    const items = article.body.map((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join('')));
    expect(items).toEqual(Array.from({ length: 3000 }, (_, i) => `item${i}`));
    expect(warnings).toEqual([{ code: 'indent-too-deep', file: FILE, line: 22, message: 'indented more than 32 columns (lists nested too deep); read as indented 32 (and 2982 more lines)' }]);
  });
});

describe('images in the body', () => {
  it('are reported with their line, not dropped silently; the text around them is kept', () => {
    const warnings: Warning[] = [];
    const text = '---\nheadline: H\n---\n\nBefore the picture.\n\n![A crowd at the pier](photos/pier.jpg)\n\nText ![inline](x.png) after.\n';
    const article = parseArticleMarkdown(text, FILE, (w) => warnings.push(w));
    expect(article.body.map((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join('')))).toEqual(['Before the picture.', 'Text after.']);
    expect(warnings.map((w) => [w.code, w.line, w.message])).toEqual([
      ['body-image-not-printed', 7, 'image "![A crowd at the pier](photos/pier.jpg)" is not printed: the body sets no images; give the story\'s photo in the front matter (photo: file, caption, credit)'],
      ['body-image-not-printed', 9, 'image "![inline](x.png)" is not printed: the body sets no images; give the story\'s photo in the front matter (photo: file, caption, credit)'],
    ]);
    expect(warnings.every((w) => w.file === FILE)).toBe(true);
  });

  it('reports HTML images and media too, block and inline, with their line', () => {
    const warnings: Warning[] = [];
    const text = '---\nheadline: H\n---\n\n<img src="a.jpg" alt="A">\n\nText <img src="b.png"> after.\n\n<!-- <img src="hidden.jpg"> -->\n\n<iframe src="https://example.com/v"></iframe>\n';
    const article = parseArticleMarkdown(text, FILE, (w) => warnings.push(w));
    expect(article.body.map((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join('')))).toEqual(['Text after.']);
    expect(warnings.map((w) => `${w.message.replace(/ is not printed.*/, '')} (line ${w.line})`)).toEqual([
      'image "<img src=\\"a.jpg\\" alt=\\"A\\">" (line 5)',
      'image "<img src=\\"b.png\\">" (line 7)',
      'image "<iframe src=\\"https://example.com/v\\">" (line 11)',
    ]);
  });
});

describe('control characters written as YAML escapes', () => {
  it('are removed from front matter with one warning at the first one, as raw ones are from the text', () => {
    const warnings: Warning[] = [];
    const a = parseArticleMarkdown('---\nheadline: "Head \\e[31mRED"\ndeck: "bell\\x07 and \\u0085next"\n---\n\nBody.\n', FILE, (w) => warnings.push(w));
    expect(a.headline).toBe('Head [31mRED');
    expect(a.deck).toBe('bell and next');
    expect(warnings).toEqual([{ code: 'control-characters-removed', file: FILE, line: 2, column: 11, message: 'front matter: 3 control characters written as escapes removed (they print nothing)' }]);
  });

  it('are removed from edition.yaml too, and tabs and line breaks are kept for the later stages', () => {
    const warnings: Warning[] = [];
    const s = parseEditionYaml('paper: "The \\e[1mLedger"\ndate: 2024-01-02\nformat: tabloid\nedition: "Late\\tEdition"\n', 'edition.yaml', (w) => warnings.push(w));
    expect(s.paper).toBe('The [1mLedger');
    expect(s.editionLine).toBe('Late\tEdition');
    expect(warnings.map((w) => `${w.file}:${w.line}:${w.column}`)).toEqual(['edition.yaml:1:8']);
  });
});
