// Feed date formats → the calendar date as written (in the date's own zone).
import { describe, expect, it } from 'vitest';
import { parseDateLine } from '../../src/content/feedDates.js';

describe('parseDateLine: the date formats feeds write', () => {
  it.each([
    ['Fri, 02/09/2024 - 18:05', '2024-02-09'],
    ['Fri, 09 Feb 2024 18:05:00 GMT', '2024-02-09'],
    ['Fri, 09 Feb 2024 18:05:00 +0100', '2024-02-09'],
    ['Sat, 10 Feb 2024 00:30:00 +0900', '2024-02-10'],
    ['2024-02-09T18:05:00+01:00', '2024-02-09'],
    ['2024-02-09T23:30:00-05:00', '2024-02-09'],
    ['2024-02-09T18:05:00Z', '2024-02-09'],
    ['2024-02-09 18:05 CET', '2024-02-09'],
    ['February 9, 2024', '2024-02-09'],
    ['9 February 2024', '2024-02-09'],
    ['Friday 9 February 2024', '2024-02-09'],
    ['Nov. 15, 2022, 6:05 p.m. EST', '2022-11-15'],
    ['20240209T180500+0000', '2024-02-09'],
    ['20240209', '2024-02-09'],
    ['02/09/2024', '2024-02-09'],
    ['13/02/2024', '2024-02-13'],
    // the weekday decides between month first and day first: 2 September 2024 was a Monday
    ['Mon, 02/09/2024 - 09:00', '2024-09-02'],
    // dotted dates are day first, as German and most European copy writes them
    ['09.02.2024', '2024-02-09'],
    ['9.2.2024, 18:05', '2024-02-09'],
  ])('%s → %s', (text, iso) => {
    expect(parseDateLine(text)).toBe(iso);
  });

  it.each(['hello', '2024', '02/30/2024 - 18:05', '30/30/2024', 'Fri, 32 Feb 2024 18:05:00 GMT', 'The meeting on February 9, 2024 was long', '31.02.2024', '09.13.2024'])(
    'refuses %s',
    (text) => {
      expect(parseDateLine(text)).toBeUndefined();
    },
  );
});
