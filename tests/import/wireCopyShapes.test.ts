// What real wire copy carries beyond the seed: IPTC 7901 framing, a one-line deck, subheads,
// lists, and trailing "appeared first on" / citation lines — each recognised and reported.
import { describe, expect, it } from 'vitest';
import { parseWireCopy, stripIptc7901 } from '../../src/import/parseWireCopy.js';
import type { Block } from '../../src/model/article.js';

const text = (b: Block) => (b.kind === 'subhead' ? `## ${b.text}` : `${b.kind === 'listItem' ? `${b.marker} ` : ''}${b.spans.map((s) => s.text).join('')}`);
const P1 = 'The council voted on Tuesday to rebuild the old mill bridge before the spring floods arrive in the valley.';
const P2 = 'Engineers said the work would take eleven weeks and close the road to trucks for most of that time.';
const P3 = 'Residents who spoke at the meeting asked for a footpath on the new bridge, and the council agreed.';

describe('IPTC 7901 framing', () => {
  const framed = `\u0001a0123 4 bx 0456 AP-Mill-Bridge,0312\n\u0002Council backs mill bridge rebuild\n\n${P1}\n\n${P2}\n\u0003\n151230 MAR 24\n\u0004`;

  it('is removed, its header and post-text lines reported, line numbers kept', () => {
    const r = parseWireCopy(framed, 'framed.txt');
    expect(r.article.headline).toBe('Council backs mill bridge rebuild');
    expect(r.article.body.map(text)).toEqual([P1, P2]);
    expect(r.recognised).toContainEqual({ field: 'IPTC 7901 header', line: 1, value: 'a0123 4 bx 0456 AP-Mill-Bridge,0312' });
    expect(r.recognised).toContainEqual({ field: 'IPTC 7901 end of text', line: 7, value: '151230 MAR 24' });
    expect(r.recognised).toContainEqual(expect.objectContaining({ field: 'headline', line: 2 }));
    expect(r.recognised).toContainEqual(expect.objectContaining({ field: 'body', line: 4 }));
    expect(r.unplaced).toEqual([]);
  });

  it('strips stray framing characters and telex ZCZC/NNNN lines, and leaves other text alone', () => {
    const s = stripIptc7901(`ZCZC\nHead\u0002line\n${P1}\nNNNN\n`);
    expect(s.text).toBe(`\nHeadline\n${P1}\n\n`);
    expect(s.found.map((f) => `${f.field}@${f.line}`)).toEqual(['IPTC 7901 framing characters@1', 'telex framing@1', 'telex framing@4']);
    expect(stripIptc7901(P1)).toEqual({ text: P1, found: [] });
  });
});

describe('wire copy shapes', () => {
  it('a one-line deck (no full stop) after the headline, before the body', () => {
    const r = parseWireCopy(`Mill bridge to be rebuilt\n\nCouncil votes for a footpath and eleven weeks of roadworks\n\n${P1}\n\n${P2}\n`, 'deck.txt');
    expect(r.article.deck).toBe('Council votes for a footpath and eleven weeks of roadworks');
    expect(r.recognised).toContainEqual({ field: 'deck', line: 3, value: 'Council votes for a footpath and eleven weeks of roadworks' });
    expect(r.article.body.map(text)).toEqual([P1, P2]);
  });

  it('a feed date line in the header', () => {
    for (const line of ['Fri, 02/09/2024 - 18:05', 'Fri, 09 Feb 2024 18:05:00 GMT', '2024-02-09T18:05:00+01:00']) {
      const r = parseWireCopy(`Mill bridge to be rebuilt\n\nBy Ann Lee\n\n${line}\n\n${P1}\n`, 'dated.txt');
      expect(r.article.date).toBe('2024-02-09');
      expect(r.recognised).toContainEqual({ field: 'date', line: 5, value: '2024-02-09' });
      expect(r.article.body.map(text)).toEqual([P1]);
    }
  });

  it('a deck sentence followed by the dateline paragraph', () => {
    const r = parseWireCopy(`Mill bridge to be rebuilt\n\nThe council agreed to the plan on Tuesday.\n\nMILLTOWN – ${P1}\n`, 'deck2.txt');
    expect(r.article.deck).toBe('The council agreed to the plan on Tuesday.');
    expect(r.article.dateline).toBe('MILLTOWN');
  });

  it('short subhead lines between paragraphs become subheads; short sentences stay paragraphs', () => {
    const r = parseWireCopy(`Mill bridge to be rebuilt\n\n${P1}\n\nWhat happens next\n\n${P2}\n\nHe agreed.\n\n${P3}\n`, 'sub.txt');
    expect(r.article.body.map(text)).toEqual([P1, '## What happens next', P2, 'He agreed.', P3]);
    expect(r.recognised).toContainEqual({ field: 'subhead', line: 5, value: 'What happens next' });
  });

  it('bulleted and numbered lists become list items, each list reported', () => {
    const r = parseWireCopy(
      `Mill bridge to be rebuilt\n\n${P1}\n\n- Trucks detour via Route 9.\n- Buses keep their stops.\n\n${P2}\n\n1. Survey in April.\n2) Demolition in May.\n\n${P3}\n`,
      'list.txt',
    );
    expect(r.article.body.map(text)).toEqual([P1, '• Trucks detour via Route 9.', '• Buses keep their stops.', P2, '1. Survey in April.', '2. Demolition in May.', P3]);
    expect(r.recognised).toContainEqual({ field: 'bulleted list', line: 5, value: '2 items' });
    expect(r.recognised).toContainEqual({ field: 'numbered list', line: 10, value: '2 items' });
  });

  it('trailing "appeared first on", "originally published" and citation lines are debris, reported', () => {
    const trailers = [
      'The post Mill bridge to be rebuilt appeared first on Valley News.',
      'This article was originally published by The Valley Courier.',
      'Reporting by Ann Lee; Editing by Tom Roe',
      '© 2024 Valley News. All rights reserved.',
    ];
    const r = parseWireCopy(`Mill bridge to be rebuilt\n\n${P1}\n\n${P2}\n\n${trailers.join('\n\n')}\n`, 'trail.txt');
    expect(r.article.body.map(text)).toEqual([P1, P2]);
    expect(r.recognised.filter((x) => x.field === 'debris (trailer)').map((x) => x.value)).toEqual(trailers);
    // only at the end: the same words inside the story are body text
    const inside = parseWireCopy(`Mill bridge to be rebuilt\n\n${P1}\n\n${trailers[1]}\n\n${P2}\n`, 'inside.txt');
    expect(inside.article.body.map(text)).toEqual([P1, trailers[1], P2]);
  });
});
