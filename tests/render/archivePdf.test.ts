// The archive profile as PDF/A-1: Apache PDFBox's Preflight accepts the archive PDFs of both
// sample editions and of a generated edition with photos as PDF/A-1b; the structure tree holds
// the stories in reading order, one Art each, across its jump; the XMP packet carries the
// edition (headlines, bylines, date, pages, version) with its extension schema; /Lang comes from
// the edition; text and rules are DeviceGray; a word hyphenated at a line end reads whole.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomStories, seededRandom, syntheticEdition } from '../../src/bench/syntheticEdition.js';
import { buildEdition, type BuildOptions } from '../../src/build/buildEdition.js';
import { articleToMarkdown } from '../../src/import/articleToMarkdown.js';
import { loadEdition } from '../../src/io/loadEdition.js';
import type { Edition } from '../../src/model/article.js';
import { PdfFile } from '../../src/preflight/document.js';
import { XMP_NS } from '../../src/render/pdfa.js';
import { pdftotext } from '../helpers/poppler.js';
import { elementText, markedText, pagesOf, pdfaValidate, structTree, walk, xmpOf, type StructNode } from '../helpers/pdfa.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = join(ROOT, 'content', '2022-11-15');
const SAMPLE = join(ROOT, 'content', '2024-03-12');
const PACKAGE_VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function build(source: string, options: Partial<BuildOptions> = {}): Promise<Buffer> {
  const outDir = await mkdtemp(join(tmpdir(), 'stonehand-archive-'));
  made.push(outDir);
  const report = await buildEdition(source, { outDir, profile: 'archive', strict: false, ...options });
  expect(report.files).toHaveLength(1);
  return readFile(report.files[0]);
}

/**
 * A generated edition on disk: twelve stories of the bench's mix (briefs to long stories, some
 * jumping), photos as JPEGs (colour and grey), a paper name XML must escape, in German.
 */
async function generatedEdition(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'stonehand-archive-gen-'));
  made.push(dir);
  const { edition } = syntheticEdition(randomStories(12, seededRandom(10)), 10);
  const folder = join(dir, edition.date);
  await mkdir(join(folder, 'photos'), { recursive: true });
  await writeFile(join(folder, 'edition.yaml'), `paper: "The Ledger & <Times>"\ndate: ${edition.date}\nformat: tabloid\nlang: de\n`);
  let n = 0;
  for (const article of edition.articles) {
    await writeFile(join(folder, `${article.slug}.md`), articleToMarkdown(article));
    if (!article.photo) continue;
    const grey = n++ % 2 === 1;
    const photo = sharp({ create: { width: 1200, height: 800, channels: 3, background: grey ? '#777777' : '#3366aa', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
    await writeFile(join(folder, article.photo.file), await (grey ? photo.greyscale() : photo).jpeg({ quality: 80 }).toBuffer());
  }
  return folder;
}

const none = Buffer.alloc(0) as Buffer;
const seed = { bytes: none, edition: undefined as unknown as Edition };
const sample = { bytes: none, press: none, office: none, edition: undefined as unknown as Edition };
const generated = { bytes: none, edition: undefined as unknown as Edition };

beforeAll(async () => {
  const folder = await generatedEdition();
  [seed.bytes, sample.bytes, sample.press, sample.office, generated.bytes, seed.edition, sample.edition, generated.edition] = await Promise.all([
    build(SEED),
    build(SAMPLE),
    build(SAMPLE, { profile: 'press' }),
    build(SAMPLE, { profile: 'office' }),
    build(folder),
    loadEdition(SEED),
    loadEdition(SAMPLE),
    loadEdition(folder),
  ]);
}, 120_000);

describe('PDFBox Preflight', () => {
  it.each([
    ['the seed edition (photo missing: a placeholder)', () => seed.bytes, 'the-morning-ledger-2022-11-15'],
    ['the sample edition (six pages, photos, jumps)', () => sample.bytes, 'the-morning-ledger-2024-03-12'],
    ['a generated edition (photos in colour and grey, escapes, German)', () => generated.bytes, ''],
  ])('accepts the archive PDF of %s as PDF/A-1b', (_, bytes) => {
    const { valid, output } = pdfaValidate(bytes());
    expect(output).toMatch(/is a valid PDF\/A-1b file/);
    expect(valid, output).toBe(true);
  });

  it('rejects a PDF that is not PDF/A (the validator can fail)', () => {
    const { valid, output } = pdfaValidate(sample.press);
    expect(valid).toBe(false);
    expect(output).toMatch(/not a valid PDF\/A-1b file/);
  });
});

/** The Art elements under the Document element. */
function arts(bytes: Buffer): StructNode[] {
  const { roots } = structTree(bytes);
  expect(roots.map((r) => r.type)).toEqual(['Document']);
  expect(roots[0].children.every((c) => c.type === 'Art')).toBe(true);
  return roots[0].children;
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');

describe('the structure tree', () => {
  it('marks the document tagged, in the edition language, with its own types mapped to standard ones', () => {
    const seedTree = structTree(seed.bytes);
    expect(seedTree.marked).toBe(true);
    expect(seedTree.lang).toBe('en');
    expect(seedTree.roleMap).toEqual({ Deck: 'P', Byline: 'P', Credit: 'P', JumpHead: 'H2' });
    expect(structTree(generated.bytes).lang).toBe('de');
  });

  it('holds the seed story as one Art: headline, deck, bylines and source, paragraphs, figure with its caption as alt, caption, credit', async () => {
    const [art] = arts(seed.bytes);
    const article = seed.edition.articles[0];
    const paragraphs = article.body.filter((b) => b.kind === 'paragraph').length;
    const types = art.children.map((c) => c.type);
    expect(types).toEqual(['H1', 'Deck', 'Byline', 'Byline', ...Array<string>(paragraphs).fill('P'), 'Figure', 'Caption', 'Credit']);
    const pages = await markedText(seed.bytes);
    const text = (type: string) => art.children.filter((c) => c.type === type).map((c) => elementText(c, pages));
    expect(text('H1')).toEqual([article.headline]);
    expect(text('Deck')).toEqual([article.deck]);
    expect(text('Caption')).toEqual([article.photo!.caption]);
    expect(text('Credit')[0].toLowerCase()).toBe(article.photo!.credit!.toLowerCase());
    expect(art.children.find((c) => c.type === 'Figure')!.alt).toBe(article.photo!.caption);
    // the first paragraph opens with the run-in dateline, then its own words
    const firstP = art.children.find((c) => c.type === 'P')!;
    expect(elementText(firstP, pages)).toMatch(new RegExp(`^${article.dateline} — `));
  });

  it('puts furniture in artifacts and leaves no text outside marked content', async () => {
    for (const bytes of [seed.bytes, sample.bytes, generated.bytes]) {
      const pages = await markedText(bytes);
      for (const page of pages) {
        expect(page.unmarked).toEqual([]);
        expect(page.artifacts.join(' ')).toMatch(/Page \d+/); // the folio
      }
      expect(pages[0].artifacts.join(' ')).toContain(bytes === generated.bytes ? 'The Ledger & <Times>' : 'The Morning Ledger');
      // no story element holds furniture
      const tree = structTree(bytes);
      for (const node of walk(tree.roots)) {
        if (node.content.length === 0) continue;
        expect(elementText(node, pages)).not.toMatch(/^Continued (on|from) Page/);
      }
    }
  });

  it('holds every story of the sample edition once, in the order the pages show them, each across its jump', async () => {
    const found = arts(sample.bytes);
    expect(found).toHaveLength(sample.edition.articles.length);
    const pages = await markedText(sample.bytes);
    const headlines = found.map((art) => elementText(art.children.find((c) => c.type === 'H1')!, pages));
    expect([...headlines].sort()).toEqual(sample.edition.articles.map((a) => a.headline).sort());
    // Arts follow the pages: each starts on the page of the one before it or later
    const firstPages = found.map((art) => pagesOf(art)[0]);
    expect(firstPages).toEqual([...firstPages].sort((a, b) => a - b));

    const byHeadline = new Map(found.map((art, i) => [headlines[i], art]));
    for (const slug of ['riverfront', 'schools', 'honey-creamery']) {
      const article = sample.edition.articles.find((a) => a.slug === slug)!;
      const art = byHeadline.get(article.headline)!;
      const onPages = pagesOf(art);
      expect(onPages.length, slug).toBe(2); // its first page and the page it jumps to
      // one element per paragraph and subhead, a paragraph broken by the jump included
      const bodyBlocks = article.body.filter((b) => b.kind !== 'subhead').length;
      expect(art.children.filter((c) => c.type === 'P')).toHaveLength(bodyBlocks);
      expect(art.children.filter((c) => c.type === 'H2').map((c) => elementText(c, pages))).toEqual(article.body.flatMap((b) => (b.kind === 'subhead' ? [b.text] : [])));
      // the jump head stands over the continuation, on the later page
      const jumpHeads = art.children.filter((c) => c.type === 'JumpHead');
      expect(jumpHeads).toHaveLength(1);
      expect(pagesOf(jumpHeads[0])).toEqual([onPages[1]]);
      // the paragraphs in order: the last one's last words are the article's
      const body = art.children.filter((c) => c.type === 'P').map((c) => elementText(c, pages));
      const lastBlock = article.body[article.body.length - 1];
      const lastWords = words('spans' in lastBlock ? lastBlock.spans.map((s) => s.text).join('') : '').slice(-3);
      expect(words(body[body.length - 1]).slice(-3)).toEqual(lastWords);
    }
  });

  it('gives every photo a Figure with its caption as alternative text', () => {
    for (const [bytes, edition] of [
      [sample.bytes, sample.edition],
      [generated.bytes, generated.edition],
    ] as const) {
      const figures = walk(structTree(bytes).roots).filter((n) => n.type === 'Figure');
      const captions = edition.articles.flatMap((a) => (a.photo?.caption ? [a.photo.caption] : []));
      expect(figures.length).toBeGreaterThanOrEqual(captions.length > 0 ? 1 : 0);
      for (const figure of figures) expect(captions).toContain(figure.alt);
    }
  });
});

describe('the XMP packet', () => {
  it('says the title, date, pages, every headline and byline and the version, as the document information does', () => {
    const xmp = xmpOf(sample.bytes);
    const file = new PdfFile(sample.bytes);
    expect(xmp).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(xmp).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">The Morning Ledger, 2024-03-12</rdf:li></rdf:Alt></dc:title>');
    expect(xmp).toContain('<stonehand:editionDate>2024-03-12</stonehand:editionDate>');
    expect(xmp).toContain(`<stonehand:pageCount>${file.pages().length}</stonehand:pageCount>`);
    expect(file.pages()).toHaveLength(6);
    expect(xmp).toContain(`<stonehand:version>${PACKAGE_VERSION}</stonehand:version>`);
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    const headlines = [...xmp.matchAll(/<stonehand:headlines><rdf:Seq>(.*?)<\/rdf:Seq>/g)][0][1];
    expect(headlines).toBe(sample.edition.articles.map((a) => `<rdf:li>${escape(a.headline)}</rdf:li>`).join(''));
    for (const byline of sample.edition.articles.flatMap((a) => a.bylines)) expect(xmp).toContain(`<rdf:li>${escape(byline)}</rdf:li>`);
    // the extension schema declares the namespace and every property used
    expect(xmp).toContain(`<pdfaSchema:namespaceURI>${XMP_NS}</pdfaSchema:namespaceURI>`);
    for (const name of ['editionDate', 'pageCount', 'headlines', 'bylines', 'version']) expect(xmp).toContain(`<pdfaProperty:name>${name}</pdfaProperty:name>`);
  });

  it('escapes what XML must (a paper name with & and <)', () => {
    const xmp = xmpOf(generated.bytes);
    expect(xmp).toContain('The Ledger &amp; &lt;Times&gt;, 2024-03-12');
    expect(xmp).not.toContain('The Ledger & <Times>');
  });
});

describe('colour', () => {
  it('paints text and rules in DeviceGray: no CMYK or RGB operators in any page', () => {
    for (const bytes of [seed.bytes, sample.bytes, generated.bytes]) {
      const file = new PdfFile(bytes);
      for (const page of file.pages()) {
        const contents = file.resolve(page.dict.get('Contents'));
        const streams = Array.isArray(contents) ? contents.map((c) => file.resolve(c)) : [contents];
        const content = streams.map((s) => Buffer.from(file.decode(s as never)).toString('latin1')).join('\n');
        expect(content).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ [\d.]+ [kK](\s|$)/);
        expect(content).not.toMatch(/(^|\s)[\d.]+ [\d.]+ [\d.]+ (rg|RG)(\s|$)/);
        expect(content).toMatch(/(^|\s)0 g(\s|$)/); // black text
      }
    }
  });
});

describe('the text layer', () => {
  it('reads a word hyphenated at a line end whole, where the press PDF keeps its hyphen', () => {
    // the press PDF of the same layout (the archive's photos are framed at the press's 200 ppi),
    // its slug lines left out
    const press = pdftotext(sample.press, 'raw')
      .split('\n')
      .filter((line) => !/ · Page \d+ of \d+ · press · /.test(line));
    const archive = pdftotext(sample.bytes, 'raw');
    const archiveWords = new Set(words(archive));
    // the press's words with each line-end break joined as the archive reads it: a hyphenator's
    // hyphen (or a compound's) always, a dash where the line broke inside a word ("44–" "35")
    const expected: string[] = [];
    /** lines (by index) whose first word the line before took into its whole word */
    const joined = new Set<number>();
    let hyphens = 0;
    press.forEach((line, i) => {
      const own = words(line);
      if (joined.has(i)) own.shift();
      const last = own[own.length - 1];
      const next = words(press[i + 1] ?? '')[0];
      if (last && next && /[-\u2010\u2013\u2014]$/u.test(last)) {
        const whole = [last.slice(0, -1) + next, last + next].find((w) => archiveWords.has(w));
        if (/[-\u2010]$/u.test(last)) {
          hyphens++;
          expect(whole, `${last} ${next}`).toBeDefined();
        }
        if (whole) {
          own[own.length - 1] = whole;
          joined.add(i + 1);
        }
      }
      expected.push(...own);
    });
    expect(hyphens).toBeGreaterThan(100);
    const sorted = (list: string[]) => [...list].sort();
    // every word read once, whole: the same words as the press PDF's, its line-end pieces joined
    expect(sorted(words(archive))).toEqual(sorted(expected));
    expect(archive.split('\n').filter((line) => /[-\u2010]$/u.test(line.trim()))).toEqual([]);
  });
});
