// `stonehand proof SOURCE [--out DIR] [--ppi N] [--pages …]`: the command's options and what
// it prints; the work is proof/proofEdition.ts. main.ts only wires it in.
import type { Argv } from 'yargs';
import { DEFAULT_PROOF_PPI, PROOF_PPI_RANGE, proofEdition } from '../proof/proofEdition.js';
import { formatDiagnostic, warningDiagnostic } from './diagnostics.js';
import { escapeControls } from './escapeControls.js';
import { parsePageRanges } from '../build/pageRanges.js';

export interface ProofArgs {
  source: string;
  out: string;
  ppi: number;
  pages?: string;
}

/** The proof command's positional and options; bad values are usage errors (exit 2), found before any work. */
export function proofOptions<T>(y: Argv<T>) {
  return y
    .positional('source', { type: 'string', demandOption: true, describe: 'edition folder, article .md, news XML .xml or wire copy .txt' })
    .option('out', { type: 'string', default: 'output', describe: 'output folder; the PNGs go to OUT/<date>/' })
    .option('ppi', { type: 'number', default: DEFAULT_PROOF_PPI, describe: `resolution of the page proofs, pixels per inch (${PROOF_PPI_RANGE.min}–${PROOF_PPI_RANGE.max})` })
    .option('pages', { type: 'string', describe: 'proof only these pages: 1,3-4,7- (the contact sheet shows them)' })
    .check((argv) => {
      const { ppi, pages, out } = argv as unknown as Partial<ProofArgs>;
      if (typeof out === 'string' && out.trim() === '') return '--out is empty: give the output folder';
      if (!Number.isInteger(ppi) || ppi! < PROOF_PPI_RANGE.min || ppi! > PROOF_PPI_RANGE.max) {
        return `--ppi must be a whole number from ${PROOF_PPI_RANGE.min} to ${PROOF_PPI_RANGE.max} (got ${Number.isNaN(ppi) ? 'no number' : String(ppi)})`;
      }
      if (pages !== undefined) {
        try {
          parsePageRanges(String(pages));
        } catch (error) {
          return (error as Error).message;
        }
      }
      return true;
    });
}

/** Runs the proof: notes and warnings on stderr as `build` prints them, the files written on stdout. */
export async function runProof(argv: ProofArgs): Promise<void> {
  const report = await proofEdition(argv.source, {
    outDir: argv.out,
    ppi: argv.ppi,
    ...(argv.pages !== undefined ? { pages: parsePageRanges(argv.pages) } : {}),
  });
  const err = (line: string) => process.stderr.write(`${escapeControls(line)}\n`);
  for (const n of report.notes) err(formatDiagnostic(warningDiagnostic(n, 'note')));
  for (const w of report.warnings) err(formatDiagnostic(warningDiagnostic(w)));
  err(`proof: ${report.pages.length} of ${report.pageCount} page${report.pageCount === 1 ? '' : 's'} and a contact sheet`);
  for (const file of report.files) process.stdout.write(`${escapeControls(file)}\n`);
}
