// Fuzz (fast-check) over the importers: random text and Unicode into wire copy, news XML and
// text decoding; random NITF- and NewsML-shaped XML. Each run gives a result whose body words
// are all there, once and in order — or one ContentError with a message; never another
// exception or a hang. Runs are bounded (numRuns), fixed seeds, no wall-time asserts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArticleMarkdown } from '../../src/content/parseArticleMarkdown.js';
import { decodeText } from '../../src/io/readTextFile.js';
import { articleToMarkdown } from '../../src/import/articleToMarkdown.js';
import { importSource } from '../../src/import/importSource.js';
import { parseNewsXml } from '../../src/import/parseNewsXml.js';
import { parseWireCopy } from '../../src/import/parseWireCopy.js';
import { parseIptc, parseXmp } from '../../src/io/photoMetadata.js';
import type { Article } from '../../src/model/article.js';
import { ContentError } from '../../src/model/errors.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/news/${name}`, import.meta.url), 'utf8');

/** Runs `fn`; a ContentError with a message is an acceptable answer, anything else fails. */
function resultOrContentError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    expect(error.problem.length).toBeGreaterThan(0);
    expect(error.message).not.toMatch(/\n/);
    return undefined;
  }
}

const bodyWords = (a: Article) =>
  a.body.flatMap((b) => (b.kind === 'subhead' ? b.text : b.spans.map((s) => s.text).join('')).split(/\s+/)).filter(Boolean);

/** Lower-case words of Latin, Greek, Cyrillic letters and XML-special characters. */
const word = fc
  .array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzàéîõüßçøåαβγδжзийкл&<>\'"'.split('')), { minLength: 1, maxLength: 9 })
  .map((cs) => cs.join(''));
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max });
const xmlEscape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

type Node = { kind: 'p' | 'hl2' | 'li' | 'bq'; words: string[] } | { kind: 'block'; children: Node[] };
const leaf = fc.record({ kind: fc.constantFrom('p' as const, 'hl2' as const, 'li' as const, 'bq' as const), words: words(1, 12) });
const { node } = fc.letrec<{ node: Node }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.record({ kind: fc.constant('block' as const), children: fc.array(tie('node'), { maxLength: 4 }) })),
}));

function nitfBody(nodes: Node[], html: boolean): { xml: string; words: string[] } {
  const out: string[] = [];
  const all: string[] = [];
  const emit = (n: Node) => {
    if (n.kind === 'block') {
      out.push(html ? '<div>' : '<block>');
      n.children.forEach(emit);
      out.push(html ? '</div>' : '</block>');
      return;
    }
    all.push(...n.words);
    // one word emphasised, to cross inline elements
    const text = n.words.map((w, i) => (i === 1 ? `<em>${xmlEscape(w)}</em>` : xmlEscape(w))).join(' ');
    if (n.kind === 'p') out.push(`<p>${text}</p>`);
    else if (n.kind === 'hl2') out.push(html ? `<h2>${text}</h2>` : `<hl2>${text}</hl2>`);
    else if (n.kind === 'li') out.push(`<ul><li>${text}</li></ul>`);
    else out.push(html ? `<blockquote><p>${text}</p></blockquote>` : `<bq><block><p>${text}</p></block></bq>`);
  };
  nodes.forEach(emit);
  return { xml: out.join('\n'), words: all };
}

describe('fuzz: random text into the importers', () => {
  it('arbitrary Unicode text: wire copy, news XML, import → a result or one ContentError', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        resultOrContentError(() => parseWireCopy(text, 'fuzz.txt'));
        resultOrContentError(() => parseNewsXml(text, 'fuzz.xml'));
        resultOrContentError(() => importSource(`<nitf>${text}`, 'fuzz.xml'));
      }),
      { numRuns: 300, seed: 0x1f00d },
    );
  });

  it('arbitrary bytes into text decoding → text without stray controls, or one ContentError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const text = resultOrContentError(() => decodeText(bytes, 'fuzz.txt'));
        if (text !== undefined) expect(text).not.toMatch(/[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 300, seed: 0xdec0de },
    );
  });

  it('wire copy of random prose paragraphs: every body word there once, in order, and it survives Markdown', () => {
    fc.assert(
      fc.property(words(2, 6), fc.array(words(8, 30), { minLength: 1, maxLength: 6 }), (head, paragraphs) => {
        const headline = head.map((w) => w.replace(/[<>&'"]/g, '')).filter(Boolean).join(' ') || 'headline';
        const paras = paragraphs.map((p) => `${p.join(' ')}.`);
        const r = parseWireCopy([headline[0].toUpperCase() + headline.slice(1), ...paras].join('\n\n'), 'fuzz.txt');
        const expected = paras.join(' ').split(/\s+/);
        expect(bodyWords(r.article)).toEqual(expected);
        const again = parseArticleMarkdown(articleToMarkdown(r.article), 'fuzz.md');
        expect(bodyWords(again)).toEqual(expected);
      }),
      { numRuns: 150, seed: 0x3a7e },
    );
  });
});

describe('fuzz: wire copy of random line shapes accounts for every line', () => {
  const prose = words(8, 20).map((ws) => `${ws.join(' ')}.`);
  const line = fc.oneof(
    prose,
    prose,
    words(1, 5).map((ws) => ws.join(' ')),
    fc.constantFrom('By Jane Doe', 'Jane Doe and John Roe', 'The Yomiuri Shimbun', 'Reuters', '10118290.jpeg', 'November 15, 2022', 'Fri, 02/09/2024 - 18:05'),
    fc.constantFrom('scroll to top', 'Advertisement', 'This article appeared first on Valley News.', 'Reporting by Ann Lee'),
    prose.map((p) => `- ${p}`),
    prose.map((p) => `2. ${p}`),
    prose.map((p) => `BALI – ${p}`),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  );
  it('every non-empty line is recognised, unplaced, or in the body range, and body words come through in order', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 14 }), (lines) => {
        const r = resultOrContentError(() => parseWireCopy(lines.join('\n\n'), 'fuzz.txt'));
        if (r === undefined) return;
        const body = r.recognised.find((x) => x.field === 'body');
        const bodyTo = body ? Number(/to line (\d+)/.exec(body.value)?.[1]) : -1;
        const inputLines = lines.join('\n\n').split('\n');
        const accounted = new Set([...r.recognised.map((x) => x.line), ...r.unplaced.map((u) => u.line)]);
        inputLines.forEach((text, i) => {
          if (text.replace(/[\s\u00a0]+/g, '') === '') return;
          const n = i + 1;
          expect(accounted.has(n) || (body !== undefined && n >= body.line && n <= bodyTo), `line ${n}: ${text}`).toBe(true);
        });
        // the body's words are the body range's words (less the list markers and dateline)
        if (body !== undefined) {
          const debris = new Set(r.recognised.filter((x) => x.field.startsWith('debris')).map((x) => x.line));
          const fromLines = inputLines
            .slice(body.line - 1, bodyTo)
            .filter((_, k) => !debris.has(body.line + k))
            .join(' ')
            .split(/[\s\u00a0]+/)
            .filter(Boolean);
          const out = [...(r.article.dateline ? r.article.dateline.split(/\s+/).concat('–') : []), ...bodyWords(r.article)];
          const strip = (ws: string[]) => ws.filter((w) => !/^(?:[-–•]|\d+\.)$/.test(w));
          expect(strip(out)).toEqual(strip(fromLines));
        }
      }),
      { numRuns: 300, seed: 0x71e5 },
    );
  });
});

describe('fuzz: random NITF- and NewsML-shaped XML', () => {
  it('NITF body.content of random p / hl2 / block / ul / bq: every word once, in order', () => {
    fc.assert(
      fc.property(words(1, 6), fc.array(node, { minLength: 1, maxLength: 6 }), (hl1, nodes) => {
        const body = nitfBody(nodes, false);
        const xml = `<?xml version="1.0"?>\n<nitf><body><body.head><hedline><hl1>${xmlEscape(hl1.join(' '))}</hl1></hedline></body.head>\n<body.content>\n${body.xml}\n</body.content></body></nitf>`;
        const r = resultOrContentError(() => parseNewsXml(xml, 'fuzz.xml'));
        if (r === undefined) return; // no headline text, or the like: one clear message
        expect(r.article.headline).toBe(hl1.join(' '));
        expect(bodyWords(r.article)).toEqual(body.words);
      }),
      { numRuns: 200, seed: 0x9171f },
    );
  });

  it('NewsML-G2 with a random XHTML body: every word once, in order', () => {
    fc.assert(
      fc.property(words(1, 6), words(0, 8), fc.array(node, { minLength: 1, maxLength: 6 }), (headline, deck, nodes) => {
        const body = nitfBody(nodes, true);
        const xml = `<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"><contentMeta><headline>${xmlEscape(headline.join(' '))}</headline>${
          deck.length > 0 ? `<description role="drol:summary">${xmlEscape(deck.join(' '))}</description>` : ''
        }</contentMeta><contentSet><inlineXML><html xmlns="http://www.w3.org/1999/xhtml"><body>${body.xml}</body></html></inlineXML></contentSet></newsItem>`;
        const r = parseNewsXml(xml, 'fuzz.xml');
        expect(r.article.headline).toBe(headline.join(' '));
        expect(bodyWords(r.article)).toEqual(body.words);
      }),
      { numRuns: 200, seed: 0x6e35 },
    );
  });

  it('fixtures cut short or with a random character spliced in: a result or one ContentError', () => {
    const sources = ['ap-nitf.xml', 'newsml-xhtml.xml', 'newsml-nitf.xml'].map(fixture);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), fc.string({ unit: 'binary', minLength: 0, maxLength: 3 }), fc.boolean(), (which, at, insert, cut) => {
        const src = sources[which];
        const i = at % src.length;
        const text = cut ? src.slice(0, i) : src.slice(0, i) + insert + src.slice(i);
        resultOrContentError(() => parseNewsXml(text, 'fuzz.xml'));
      }),
      { numRuns: 300, seed: 0xc0ffee },
    );
  });
});

describe('fuzz: a photo\'s embedded metadata', () => {
  it('random bytes as IPTC and random text as XMP never throw; the answer holds only text fields', () => {
    const iptcish = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      // IIM-shaped: tag markers, records and lengths, some of them lying
      fc.array(fc.tuple(fc.constantFrom(1, 2, 3), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ maxLength: 20 })), { maxLength: 8 }).map(
        (sets) => Uint8Array.from(sets.flatMap(([r, d, len, data]) => [0x1c, r, d, len >> 8, len & 0xff, ...data])),
      ),
      fc.uint8Array({ maxLength: 100 }).map((b) => Uint8Array.from([...Buffer.from('Photoshop 3.0\u00008BIM\u0004\u0004', 'latin1'), ...b])),
    );
    fc.assert(
      fc.property(iptcish, fc.string({ unit: 'binary', maxLength: 200 }), (bytes, xml) => {
        for (const text of [parseIptc(bytes), parseXmp(xml), parseXmp(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>${xml}</rdf:RDF></x:xmpmeta>`)]) {
          for (const [key, value] of Object.entries(text)) {
            expect(['caption', 'credit', 'creator', 'copyright']).toContain(key);
            expect(typeof value).toBe('string');
            expect(value).not.toMatch(/^\s|\s$|[\u0000-\u001f]/);
          }
        }
      }),
      { numRuns: 300, seed: 0x1b7c },
    );
  });
});
