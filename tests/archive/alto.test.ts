// ALTO from the layout: valid against the ALTO 4.4 schema (xmllint, offline), every word of
// every story in order with hyphen parts joined, every box inside its page.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lineWords, pageAlto, toInch1200 } from '../../src/archive/alto.js';
import { randomStories, seededRandom, syntheticEdition } from '../../src/bench/syntheticEdition.js';
import { houseContext } from '../../src/build/buildEdition.js';
import { descendantsNamed, parseXml, type XmlElement } from '../../src/import/xmlTree.js';
import type { TextLine } from '../../src/model/layout.js';
import { typesetEdition } from '../../src/typeset.js';
import { fixedMetrics } from '../helpers/fakeMetrics.js';
import { sourceWords } from '../helpers/layoutChecks.js';
import { ROOT } from '../cli/runCli.js';

const SCHEMA = join(ROOT, 'schemas', 'alto-4-4.xsd');
const dir = mkdtempSync(join(tmpdir(), 'alto-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ctx = houseContext();
const { edition, photos } = syntheticEdition(randomStories(14, seededRandom(7)), 7);
const result = typesetEdition(edition, photos, ctx);
const altos = result.pages.map((page) => pageAlto(page, ctx.metrics, { pdfFile: 'ledger-archive.pdf', version: '0.1.0', lang: 'en' }));

/** A story's body words as the ALTO files give them: a hyphenated word once, whole. */
function altoStoryWords(slug: string): string[] {
  const words: string[] = [];
  for (const alto of altos) {
    const root = parseXml(alto.xml, 'alto.xml');
    const ids = new Set(alto.blocks.filter((b) => b.story === slug && (b.kind === 'body' || b.kind === 'subhead')).map((b) => b.id));
    for (const block of descendantsNamed(root, 'TextBlock')) {
      if (!ids.has(block.attrs.ID)) continue;
      for (const s of descendantsNamed(block, 'String')) {
        if (s.attrs.SUBS_TYPE === 'HypPart2') continue;
        words.push(s.attrs.SUBS_TYPE === 'HypPart1' ? s.attrs.SUBS_CONTENT : s.attrs.CONTENT);
      }
    }
  }
  return words;
}

describe('ALTO of a generated edition', () => {
  it('is valid against the ALTO 4.4 schema (xmllint)', () => {
    expect(result.pages.length).toBeGreaterThan(1);
    const files = altos.map((a, i) => {
      const file = join(dir, `page-${i + 1}.xml`);
      writeFileSync(file, a.xml);
      return file;
    });
    // throws (non-zero exit) with xmllint's message when a file is invalid
    const out = execFileSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toBe('');
  });

  it('holds every word of every story in order, hyphen parts joined', () => {
    const hyphens = altos.reduce((n, a) => n + (a.xml.match(/<HYP /g)?.length ?? 0), 0);
    expect(hyphens, 'the edition has hyphenated lines to test').toBeGreaterThan(0);
    for (const article of edition.articles) expect(altoStoryWords(article.slug), article.slug).toEqual(sourceWords(article));
  });

  it('gives both parts of a hyphenated word the whole word', () => {
    for (const alto of altos) {
      const strings = descendantsNamed(parseXml(alto.xml, 'alto.xml'), 'String');
      strings.forEach((s, i) => {
        if (s.attrs.SUBS_TYPE !== 'HypPart1') return;
        const next = strings[i + 1];
        expect(next.attrs.SUBS_TYPE).toBe('HypPart2');
        expect(next.attrs.SUBS_CONTENT).toBe(s.attrs.SUBS_CONTENT);
        expect(s.attrs.SUBS_CONTENT.startsWith(s.attrs.CONTENT.replace(/-$/, ''))).toBe(true);
      });
    }
  });

  it('tags headline, deck, byline, caption and photo blocks, and puts every box inside its page', () => {
    const kinds = new Set(altos.flatMap((a) => a.blocks.map((b) => b.kind)));
    for (const kind of ['headline', 'deck', 'byline', 'body', 'caption', 'photo', 'furniture']) expect(kinds, kind).toContain(kind);
    result.pages.forEach((page, i) => {
      const root = parseXml(altos[i].xml, 'alto.xml');
      const pageEl = descendantsNamed(root, 'Page')[0];
      expect(Number(pageEl.attrs.WIDTH)).toBe(toInch1200(page.width));
      expect(Number(pageEl.attrs.HEIGHT)).toBe(toInch1200(page.height));
      const tags = new Set(descendantsNamed(root, 'StructureTag', 'LayoutTag').map((t) => t.attrs.ID));
      const boxed: XmlElement[] = descendantsNamed(root, 'TextBlock', 'TextLine', 'String', 'Illustration', 'HYP');
      for (const el of boxed) {
        const [x, y, w, h] = ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((a) => Number(el.attrs[a]));
        expect(x >= 0 && y >= 0 && w >= 0 && h > 0 && x + w <= Number(pageEl.attrs.WIDTH) + 0.01 && y + h <= Number(pageEl.attrs.HEIGHT) + 0.01, `${el.name} ${JSON.stringify(el.attrs)}`).toBe(true);
        if (el.attrs.TAGREFS) expect(tags).toContain(el.attrs.TAGREFS);
      }
      // each headline block's words are the headline's lines as set
      const heads = page.items.filter((it): it is TextLine => it.type === 'text' && it.role === 'headline');
      for (const [slug, text] of altos[i].headlines) {
        expect(text).toBe(heads.filter((l) => l.story === slug).map((l) => lineWords(l, ctx.metrics).map((w) => w.text).join(' ')).join(' '));
      }
    });
  });
});

describe('word boxes', () => {
  const metrics = fixedMetrics(0.5); // every character 0.5 em
  const line = (runs: { text: string; x: number; width?: number }[]): TextLine => ({
    type: 'text',
    role: 'body',
    box: { x: 10, y: 100, width: 200, height: 12 },
    baseline: 109,
    runs: runs.map((r) => ({ text: r.text, font: 'text', size: 10, x: r.x, baseline: 109, width: r.width ?? r.text.length * 5 })),
  });

  it('splits runs into words at gaps and spaces, joins runs that touch, and measures each word', () => {
    // "Maru" italic + "," roman touch: one word; a space inside a run separates
    const words = lineWords(line([{ text: 'the' , x: 10 }, { text: 'Maru', x: 28 }, { text: ',', x: 48 }, { text: 'said he', x: 56 }]), metrics);
    expect(words.map((w) => [w.text, w.x, w.width])).toEqual([
      ['the', 10, 15],
      ['Maru,', 28, 25],
      ['said', 56, 20],
      ['he', 81, 10],
    ]);
  });

  it('scales word boxes to a run set wider than measured (expansion)', () => {
    const words = lineWords(line([{ text: 'ab cd', x: 0, width: 50 }]), metrics); // measured 25, set 50
    expect(words.map((w) => [w.text, w.x, w.width])).toEqual([
      ['ab', 0, 20],
      ['cd', 30, 20],
    ]);
  });

  it('converts points to 1/1200 inch exactly', () => {
    expect(toInch1200(72)).toBe(1200);
    expect(toInch1200(792)).toBe(13200);
    expect(toInch1200(1)).toBe(16.67);
  });
});

describe('ALTO of the sample daily edition', () => {
  it('holds every word of its 18 stories in order (quotes, italics, datelines, jumps) and validates', async () => {
    const { loadEdition } = await import('../../src/io/loadEdition.js');
    const { photoInfos } = await import('../../src/build/buildEdition.js');
    const sample = await loadEdition(join(ROOT, 'content', '2024-03-12'));
    const laid = typesetEdition(sample, await photoInfos(sample), ctx);
    const pages = laid.pages.map((page) => pageAlto(page, ctx.metrics, { pdfFile: 'x-archive.pdf', version: '0.1.0' }));
    for (const article of sample.articles) {
      const words: string[] = [];
      for (const alto of pages) {
        const ids = new Set(alto.blocks.filter((b) => b.story === article.slug && (b.kind === 'body' || b.kind === 'subhead')).map((b) => b.id));
        for (const block of descendantsNamed(parseXml(alto.xml, 'alto.xml'), 'TextBlock')) {
          if (!ids.has(block.attrs.ID)) continue;
          for (const s of descendantsNamed(block, 'String')) if (s.attrs.SUBS_TYPE !== 'HypPart2') words.push(s.attrs.SUBS_TYPE === 'HypPart1' ? s.attrs.SUBS_CONTENT : s.attrs.CONTENT);
        }
      }
      expect(words, article.slug).toEqual(sourceWords(article));
    }
    const files = pages.map((a, i) => {
      const file = join(dir, `sample-${i + 1}.xml`);
      writeFileSync(file, a.xml);
      return file;
    });
    execFileSync('xmllint', ['--noout', '--schema', SCHEMA, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
    // photos as Illustrations, one per frame
    const frames = laid.pages.reduce((n, p) => n + p.items.filter((i) => i.type === 'image' || i.type === 'placeholder').length, 0);
    expect(pages.reduce((n, a) => n + a.blocks.filter((b) => b.kind === 'photo').length, 0)).toBe(frames);
  }, 60_000);
});
