// `--pages 1,3-4,7-`: which pages of an edition to write or proof. Parsed when the command line
// is read (a typo is a usage error before any typesetting), resolved once the page count is
// known (a page the edition does not have is an error then).

/** One range of a page selection, 1-based and inclusive; `to` undefined: to the last page. */
export interface PageRange {
  from: number;
  to?: number;
}

/**
 * Parses a page selection: comma-separated pages (`3`) and ranges (`3-5`, `-4` from the first,
 * `7-` to the last). Throws a RangeError saying what is wrong in `text`.
 */
export function parsePageRanges(text: string): PageRange[] {
  const parts = text.split(',').map((part) => part.trim());
  if (text.trim() === '' || parts.some((p) => p === '')) throw new RangeError(`--pages '${text}': give pages as 1,3-4,7- (an empty item)`);
  return parts.map((part) => {
    const match = /^(\d*)\s*(-?)\s*(\d*)$/.exec(part);
    if (!match || (match[1] === '' && match[3] === '') || (match[2] === '' && match[3] !== '')) {
      throw new RangeError(`--pages '${text}': '${part}' is not a page or a range (1,3-4,7-)`);
    }
    const from = match[1] === '' ? 1 : Number(match[1]);
    const to = match[2] === '' ? from : match[3] === '' ? undefined : Number(match[3]);
    if (from < 1 || (to !== undefined && to < 1)) throw new RangeError(`--pages '${text}': pages are numbered from 1 ('${part}')`);
    if (to !== undefined && to < from) throw new RangeError(`--pages '${text}': '${part}' runs backwards`);
    return to === undefined ? { from } : { from, to };
  });
}

/**
 * The pages `ranges` select of an edition of `pageCount` pages, in page order, each once.
 * Throws a RangeError naming a page the edition does not have.
 */
export function selectPages(ranges: readonly PageRange[], pageCount: number): number[] {
  const chosen = new Set<number>();
  for (const range of ranges) {
    const to = range.to ?? pageCount;
    const missing = range.from > pageCount ? range.from : to > pageCount ? to : undefined;
    if (missing !== undefined) throw new RangeError(`--pages: the edition has ${pageCount} page${pageCount === 1 ? '' : 's'}, no page ${missing}`);
    for (let page = range.from; page <= to; page++) chosen.add(page);
  }
  return [...chosen].sort((a, b) => a - b);
}
