// Dates as newsrooms and feeds write them → the ISO calendar date (YYYY-MM-DD). A date with a
// time and zone gives the calendar date as written, in its own zone: "Sat, 10 Feb 2024 00:30
// +0900" is the 10th, though it is still the 9th in London. Pure: text in, data out.

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5,
  jun: 6, june: 6, jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9,
  oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};

const WEEKDAY = String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`;
const MONTH = String.raw`([a-z]+)\.?`;
/** a time after the date: "18:05", "6.05 p.m. EST", "18:05:00 GMT", "18:05:00 +0100", "- 18:05" */
const TIME_TAIL = String.raw`(?:\s*(?:,|-|–|\bat\b)?\s+(?:[01]?\d|2[0-4])(?:[:.][0-5]\d){0,2}\s*(?:[ap]\.?m\.?)?(?:\s*(?:[a-z]{1,5}|[+-]\d{2}:?\d{2}))?)?`;
const ISO_TIME = String.raw`(?:[T ](?:[01]?\d|2[0-4]):?[0-5]\d(?::?[0-6]\d)?(?:[.,]\d+)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|\s*[a-z]{2,5})?)?`;
const DATE_PATTERNS: { re: RegExp; order: 'mdy' | 'dmy' | 'ymd' | 'slashed' | 'dotted' }[] = [
  // November 15, 2022 / Nov. 15, 2022 / Tuesday, Nov 15 2022
  { re: new RegExp(`^${WEEKDAY}${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})${TIME_TAIL}$`, 'i'), order: 'mdy' },
  // 15 November 2022 / Fri, 09 Feb 2024 18:05:00 GMT (RFC 822/1123)
  { re: new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH},?\\s+(\\d{4})${TIME_TAIL}$`, 'i'), order: 'dmy' },
  // 2022-11-15 / 2024-02-09T18:05:00+01:00 / 20240209T180500+0000 (NITF's norm)
  { re: new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${ISO_TIME}$`, 'i'), order: 'ymd' },
  { re: new RegExp(`^(\\d{4})(\\d{2})(\\d{2})${ISO_TIME}$`, 'i'), order: 'ymd' },
  // Fri, 02/09/2024 - 18:05 (month first, as US feeds and Drupal write it; day first where the
  // month cannot be the first number or the weekday says so)
  { re: new RegExp(`^${WEEKDAY.replace('(?:(?:', '((?:')}(\\d{1,2})/(\\d{1,2})/(\\d{4})${TIME_TAIL}$`, 'i'), order: 'slashed' },
  // 09.02.2024 / Fr., 09.02.2024, 18:05 (day first, as German and most European copy writes it)
  { re: new RegExp(`^${WEEKDAY}(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})${TIME_TAIL}$`, 'i'), order: 'dotted' },
];

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const validDate = (y: number, mo: number | undefined, d: number): mo is number =>
  mo !== undefined && mo >= 1 && mo <= 12 && y >= 1000 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();

/**
 * Parses a date line into YYYY-MM-DD, or undefined if the line is not (only) a date. A date
 * with a time and zone gives the calendar date as written, in its own zone.
 */
export function parseDateLine(text: string): string | undefined {
  const t = text.trim();
  for (const { re, order } of DATE_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    let y: number;
    let mo: number | undefined;
    let d: number;
    if (order === 'mdy') {
      mo = MONTHS[m[1].toLowerCase()];
      d = Number(m[2]);
      y = Number(m[3]);
    } else if (order === 'dmy') {
      d = Number(m[1]);
      mo = MONTHS[m[2].toLowerCase()];
      y = Number(m[3]);
    } else if (order === 'dotted') {
      d = Number(m[1]);
      mo = Number(m[2]);
      y = Number(m[3]);
    } else if (order === 'ymd') {
      y = Number(m[1]);
      mo = Number(m[2]);
      d = Number(m[3]);
    } else {
      const weekday = m[1] ? WEEKDAYS.indexOf(m[1].toLowerCase().slice(0, 3)) : -1;
      const [a, b] = [Number(m[2]), Number(m[3])];
      y = Number(m[4]);
      const dayOfWeek = (mm: number, dd: number) => new Date(Date.UTC(y, mm - 1, dd)).getUTCDay();
      const monthFirst = validDate(y, a, b);
      const dayFirst = validDate(y, b, a);
      if (monthFirst && (!dayFirst || weekday < 0 || dayOfWeek(a, b) === weekday)) [mo, d] = [a, b];
      else if (dayFirst) [mo, d] = [b, a];
      else continue;
    }
    if (!validDate(y, mo, d)) continue;
    return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return undefined;
}


const ISO_DATE_TIME = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})${ISO_TIME}$`, 'i');

/**
 * An ISO 8601 date, or date and time with its zone, as static-site generators write them
 * (`2024-02-09`, `2024-02-09T18:05:00+01:00`, `2024-02-09 18:05:00 +0100`) → YYYY-MM-DD, the
 * calendar date as written; undefined for anything else.
 */
export function parseIsoDate(text: string): string | undefined {
  return ISO_DATE_TIME.test(text.trim()) ? parseDateLine(text) : undefined;
}
