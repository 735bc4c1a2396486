import { describe, expect, it } from 'vitest';
import { parsePageRanges, selectPages } from '../../src/build/pageRanges.js';

describe('parsePageRanges', () => {
  it('reads pages, closed ranges and open ranges', () => {
    expect(parsePageRanges('1,3-4,7-')).toEqual([{ from: 1, to: 1 }, { from: 3, to: 4 }, { from: 7 }]);
    expect(parsePageRanges(' -2 , 5 ')).toEqual([{ from: 1, to: 2 }, { from: 5, to: 5 }]);
  });

  it.each([
    ['', 'an empty item'],
    ['1,,2', 'an empty item'],
    ['a', "'a' is not a page"],
    ['1-2-3', "'1-2-3' is not a page"],
    ['-', "'-' is not a page"],
    ['0', 'numbered from 1'],
    ['4-3', 'runs backwards'],
  ])('refuses %j (%s)', (text, message) => {
    expect(() => parsePageRanges(text)).toThrow(message);
  });
});

describe('selectPages', () => {
  it('lists the chosen pages in page order, each once', () => {
    expect(selectPages(parsePageRanges('5,1-2,2,4-'), 6)).toEqual([1, 2, 4, 5, 6]);
  });

  it('names a page the edition does not have', () => {
    expect(() => selectPages(parsePageRanges('2,9'), 6)).toThrow('the edition has 6 pages, no page 9');
    expect(() => selectPages(parsePageRanges('1-7'), 6)).toThrow('no page 7');
    expect(() => selectPages(parsePageRanges('1'), 1)).not.toThrow();
  });
});
