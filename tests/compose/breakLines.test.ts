import { describe, expect, it } from 'vitest';
import { composeParagraph } from '../../src/compose/composeParagraph.js';
import { breakLines } from '../../src/compose/breakLines.js';
import { paragraphItems } from '../../src/compose/paragraphItems.js';
import { fixedMetrics } from '../helpers/fakeMetrics.js';
import { bodyParagraph, seededRandom, wordSoup } from '../helpers/paragraphs.js';

const metrics = fixedMetrics(0.5); // 10 pt type: every character 5 pt wide
const noHyphens = () => [];
const lineTexts = (text: string, width: number, options = {}) =>
  composeParagraph(bodyParagraph(text, options), width, metrics, noHyphens).lines.map((l) => l.runs.map((r) => r.text).join(' '));

describe('breakLines (Knuth–Plass)', () => {
  // fixtures in the tex-linebreak style: text, fixed widths, expected lines
  const fixtures: { text: string; width: number; lines: string[] }[] = [
    { text: 'aaa bbb ccc ddd', width: 40, lines: ['aaa bbb', 'ccc ddd'] },
    { text: 'one', width: 100, lines: ['one'] },
    // two exact lines (no stretching at all)
    { text: 'aaa bb cc ddd', width: 30, lines: ['aaa bb', 'cc ddd'] },
    // 55 pt of material in 54 pt: the spaces shrink rather than break the line
    { text: 'aa bb cc dd', width: 54, lines: ['aa bb cc dd'] },
  ];
  for (const f of fixtures) {
    it(`sets "${f.text}" at ${f.width} pt as ${JSON.stringify(f.lines)}`, () => {
      expect(lineTexts(f.text, f.width)).toEqual(f.lines);
    });
  }

  it('uses per-line widths (narrower lines beside a photo)', () => {
    const text = 'aa bb cc dd ee ff gg hh';
    const composed = composeParagraph(bodyParagraph(text), [25, 25, 55], metrics, noHyphens);
    expect(composed.lines.map((l) => l.runs.map((r) => r.text).join(' '))).toEqual(['aa bb', 'cc dd', 'ee ff gg hh']);
    expect(composed.lines.map((l) => l.width)).toEqual([25, 25, 55]);
  });

  it('hangs a line-end period or hyphen into the margin (optical margin alignment)', () => {
    // "aaa bb." is 35 pt; its period (5 pt) may hang 70 %, so the line is set 38.5 pt wide
    const period = composeParagraph(bodyParagraph('aaa bb. cc dd ee'), 35, metrics, noHyphens);
    expect(period.lines[0].runs.map((r) => r.text)).toEqual(['aaa', 'bb.']);
    expect(period.lines[0].hang).toEqual([0, 3.5]);
    const last = period.lines[0].runs[1];
    expect(last.x + last.width).toBeCloseTo(38.5, 6);
    // a discretionary hyphen hangs the same way
    const hyphen = composeParagraph(bodyParagraph('aaa bbbbbb cc dd', { hyphenate: true }), 40, metrics, (w) => (w === 'bbbbbb' ? [3] : []));
    expect(hyphen.lines[0].runs.map((r) => r.text)).toEqual(['aaa', 'bbb-']);
    expect(hyphen.lines[0].hang[1]).toBeCloseTo(3.5, 6);
  });

  it('justifies every line but the last to the exact measure', () => {
    const random = seededRandom(7);
    const composed = composeParagraph(bodyParagraph(wordSoup(random, 120)), 150, metrics, noHyphens);
    for (const line of composed.lines.slice(0, -1)) {
      const last = line.runs[line.runs.length - 1];
      expect(last.x + last.width).toBeCloseTo(150 + line.hang[1], 6);
    }
    const last = composed.lines.at(-1)!.runs;
    expect(last[last.length - 1].x + last[last.length - 1].width).toBeLessThanOrEqual(150);
  });

  it('never sets more than two hyphenated lines in a row', () => {
    // hyphenate every word after its second letter: lots of tempting breaks
    const everywhere = (word: string) => (word.length >= 5 ? [2] : []);
    const random = seededRandom(11);
    for (let n = 0; n < 20; n++) {
      const composed = composeParagraph(bodyParagraph(wordSoup(random, 80), { hyphenate: true }), 90, metrics, everywhere);
      let run = 0;
      for (const line of composed.lines) {
        run = line.hyphenated ? run + 1 : 0;
        expect(run).toBeLessThanOrEqual(2);
      }
    }
  });

  it('places every word exactly once, in order (seeded word soup)', () => {
    const random = seededRandom(3);
    for (let n = 0; n < 30; n++) {
      const text = wordSoup(random, 5 + Math.floor(random() * 200));
      const width = 60 + Math.floor(random() * 200);
      const composed = composeParagraph(bodyParagraph(text, { hyphenate: true }), width, metrics, (w) => (w.length > 6 ? [3] : []));
      const set = composed.lines.flatMap((l) => l.runs.map((r) => r.text)).join(' ').replace(/- /g, '');
      expect(set).toBe(text);
      // the source ranges cover every character of every word exactly once, in order
      const sources = composed.lines.flatMap((l) => l.sources);
      sources.forEach(([s], i) => i > 0 && expect(s).toBeGreaterThanOrEqual(sources[i - 1][1]));
      expect(sources.map(([s, e]) => composed.text.slice(s, e)).join('')).toBe(text.replace(/ /g, ''));
      for (const line of composed.lines) {
        const last = line.runs[line.runs.length - 1];
        // only hanging punctuation (optical margins) may pass the measure
        if (!line.overfull) expect(last.x + last.width).toBeLessThanOrEqual(width + line.hang[1] + 1e-6);
      }
    }
  });

  it('breaks a word wider than the column instead of running past the edge, and reports it', () => {
    const composed = composeParagraph(bodyParagraph('a supercalifragilisticexpialidocious word'), 50, metrics, noHyphens);
    expect(composed.brokenWords).toEqual(['supercalifragilisticexpialidocious']);
    for (const line of composed.lines) {
      const last = line.runs[line.runs.length - 1];
      expect(last.x + last.width).toBeLessThanOrEqual(50 + 1e-6);
    }
    expect(composed.lines.flatMap((l) => l.runs.map((r) => r.text)).join('').replace(/-/g, '')).toBe('asupercalifragilisticexpialidociousword');
  });

  it('always returns breaks, even when nothing fits (emergency pass)', () => {
    const { items } = paragraphItems(bodyParagraph('xxxxxxxx yyyyyyyy'), metrics, noHyphens, 1000);
    const result = breakLines(items, [20]);
    expect(result.breaks.at(-1)!.position).toBe(items.length - 1);
    expect(result.badLines).toBeGreaterThan(0);
  });
});
