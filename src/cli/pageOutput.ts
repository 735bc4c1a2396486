// `build`'s options for what is written of the edition's pages: --pages and --split (which
// pages, how many files), --paper and --tile (the office profile's hard copy). Checked before
// the build starts: a mistake is a usage error (exit 2), said before any typesetting.
import type { Argv } from 'yargs';
import { PAPER_NAMES, type PaperName } from '../render/hardCopy.js';
import { parsePageRanges, type PageRange } from '../build/pageRanges.js';

/** What build is told of them. */
export interface PageOutput {
  pages?: PageRange[];
  split: boolean;
  paper?: PaperName;
  tile: boolean;
}

interface PageOutputArgs {
  pages?: string;
  split?: boolean;
  paper?: string;
  tile?: boolean;
  profile?: string;
}

/** Adds the options to `build` (checkPageOutput checks them). */
export function pageOutputOptions<T>(y: Argv<T>) {
  return y
    .option('pages', { type: 'string', describe: 'write only these pages, e.g. 1,3-4 or 2- (the whole edition is still made up)' })
    .option('split', { type: 'boolean', default: false, describe: 'one PDF per page: <paper>-<date>-p<NN>.pdf' })
    .option('paper', { choices: PAPER_NAMES, describe: 'office profile: the paper of the hard copy (default: a4 for an A4 edition, else letter)' })
    .option('tile', { type: 'boolean', default: false, describe: 'office profile: the page at actual size across several sheets, with overlap and marks' });
}

/** true, or what is wrong: a usage error, said before any typesetting. */
export function checkPageOutput(argv: PageOutputArgs): true | string {
  try {
    if (argv.pages !== undefined) parsePageRanges(String(argv.pages));
  } catch (error) {
    return (error as Error).message;
  }
  const profile = argv.profile ?? 'press';
  if (profile !== 'office') {
    const given = [argv.paper !== undefined ? '--paper' : '', argv.tile ? '--tile' : ''].filter(Boolean);
    if (given.length > 0) return `${given.join(' and ')} ${given.length > 1 ? 'are' : 'is'} for hard copies: use ${given.length > 1 ? 'them' : 'it'} with --profile office (not ${profile})`;
  }
  return true;
}

/** The options as build takes them (after checkPageOutput has passed). */
export function readPageOutput(argv: PageOutputArgs): PageOutput {
  return {
    ...(argv.pages !== undefined ? { pages: parsePageRanges(String(argv.pages)) } : {}),
    split: argv.split ?? false,
    ...(argv.paper !== undefined ? { paper: argv.paper as PaperName } : {}),
    tile: argv.tile ?? false,
  };
}
