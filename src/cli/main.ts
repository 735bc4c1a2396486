#!/usr/bin/env node
// The command line: thin yargs wiring over build/, import/ and preflight/. Exit status: 0 done,
// 1 bad content or a failed check, 2 bad usage. `node dist/cli/main.js` runs it from the
// compiled modules; the installed `stonehand` (dist/cli/stonehand.cjs, cli/launch.ts) runs it
// bundled.
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readManifests, verifyArchive } from '../archive/manifest.js';
import { runArchive, serveArchiveWorker } from '../archive/runArchive.js';
import { parseShard, shardFromEnv, type Shard } from '../archive/shard.js';
import { type BuildReport, buildEdition } from '../build/buildEdition.js';
import { archiveProgress } from './archiveProgress.js';
import { articleToMarkdown, formatImportReport } from '../import/articleToMarkdown.js';
import { WIRE_CONTROLS, importSource } from '../import/importSource.js';
import { readTextFile } from '../io/readTextFile.js';
import { outputError, writeFileAtomic } from '../io/writeFileAtomic.js';
import type { PageFormatName } from '../model/article.js';
import { ContentError, WarningsAsErrors, type Warning } from '../model/errors.js';
import { STDIN_NAME } from '../io/loadEdition.js';
import { decodeText } from '../io/readTextFile.js';
import { stonehandVersion } from '../io/packageRoot.js';
import { type Diagnostic, errorDiagnostic, formatDiagnostic, warningDiagnostic } from './diagnostics.js';
import { escapeControls, terminalJson } from './escapeControls.js';
import { jsonDiagnostics, jsonFailure, jsonReport } from './jsonOutput.js';
import { checkPageOutput, pageOutputOptions, readPageOutput } from './pageOutput.js';
import { asksForJson, protectArguments } from './rawArguments.js';
import { readStandardInput } from './standardInput.js';
import { formatPreflight, preflightPdf } from '../preflight/index.js';
import { progressLine } from './progress.js';
import { watchBuild } from './watch.js';
import { proofOptions, runProof } from './proof.js';
import { renderHelpOnlyWhenAsked } from './yargsAdapter.js';
import type { PrintCondition, ProfileName } from '../render/profiles.js';

const FORMATS: PageFormatName[] = ['tabloid', 'berliner', 'broadsheet', 'letter', 'a4'];
const PROFILE_NAMES: ProfileName[] = ['press', 'office', 'archive'];
const CONDITIONS: PrintCondition[] = ['newsprint', 'coated'];

class UsageError extends Error {}

/** Writes `lines` to stderr, each escaped (see escapeControls). */
const say = (...lines: string[]) => {
  // a message of several lines (yargs' usage errors) keeps its line breaks
  for (const line of lines) for (const part of line.split('\n')) process.stderr.write(`${escapeControls(part)}\n`);
};

/** An output folder given as an empty text is a mistake (an unset variable), not "here". */
function checkOutFolder(out: string) {
  if (out.trim() === '') throw new UsageError('--out is empty: give the output folder');
}

/** The newest edition folder (content/YYYY-MM-DD) under `contentDir`. */
function latestEdition(contentDir: string): string {
  let names: string[];
  try {
    names = readdirSync(contentDir).filter((n) => /^\d{4}-\d{2}-\d{2}$/.test(n) && statSync(join(contentDir, n)).isDirectory());
  } catch {
    throw new ContentError(contentDir, 'no content folder here; give an edition folder, an article .md or a wire copy .txt');
  }
  if (names.length === 0) throw new ContentError(contentDir, 'holds no edition folder (content/YYYY-MM-DD)');
  return join(contentDir, names.sort().at(-1)!);
}

type BuildArgs = {
  source?: string;
  out?: string;
  output?: string;
  profile: string;
  format?: string;
  condition: string;
  colour: boolean;
  strict: boolean;
  json: boolean;
  quiet: boolean;
  watch: boolean;
  pages?: string;
  split: boolean;
  paper?: string;
  tile: boolean;
};

async function runBuild(argv: BuildArgs) {
  if (argv.output !== undefined && argv.out !== undefined) throw new UsageError('give -o/--output FILE (the PDF) or --out DIR (its folder), not both');
  if (argv.output !== undefined && argv.output.trim() === '') throw new UsageError('-o/--output is empty: give the PDF file, or - for standard output');
  if (argv.output !== undefined && argv.split) throw new UsageError('--split writes one PDF per page into --out DIR: not with -o/--output');
  const toStdout = argv.output === '-';
  if (toStdout && argv.json) throw new UsageError('-o - puts the PDF on standard output, where --json puts its report: give -o FILE with --json');
  // as pandoc refuses binary output to a terminal: PDF bytes would only garble it
  if (toStdout && process.stdout.isTTY) throw new UsageError('-o - would write the PDF to the terminal: pipe or redirect standard output, or give -o FILE');
  if (argv.watch && argv.source === '-') throw new UsageError('--watch needs a file or folder to watch, not standard input');
  if (argv.watch && toStdout) throw new UsageError('--watch writes a PDF at each change: give -o FILE or --out DIR, not -o -');
  const pageOutput = checkPageOutput(argv);
  if (pageOutput !== true) throw new UsageError(pageOutput);
  const out = argv.out ?? 'output';
  checkOutFolder(out);
  // `-`: the source is standard input, named <stdin> in messages
  const stdin = argv.source === '-' ? await readStandardInput(STDIN_NAME) : undefined;
  const source = stdin ? STDIN_NAME : (argv.source ?? latestEdition('content'));
  if (argv.watch) {
    await watchBuild({ source, outDir: out, build: (signal) => buildAndReport(source, argv, { out, stdin, toStdout }, signal), reportError: (error) => sayFailure(error, { command: 'build', json: argv.json }), say });
    return;
  }
  await buildAndReport(source, argv, { out, stdin, toStdout });
}

/** One build of `source`, its report printed (a JSON report with --json). */
async function buildAndReport(source: string, argv: BuildArgs, input: { out: string; stdin?: Uint8Array; toStdout: boolean }, signal?: AbortSignal): Promise<BuildReport> {
  // progress on a terminal, for a build over a second; nothing when piped, with --json or --quiet
  // (STONEHAND_PROGRESS_AFTER_MS: after how long it shows, default a second)
  const after = Number(process.env.STONEHAND_PROGRESS_AFTER_MS);
  const progress = progressLine({ stream: process.stderr, now: () => performance.now(), json: argv.json || argv.quiet, ...(Number.isFinite(after) && after >= 0 ? { after } : {}) });
  const { out, stdin, toStdout } = input;
  let report: BuildReport;
  try {
    report = await buildEdition(
      source,
      {
        outDir: out,
        ...(argv.output !== undefined ? { output: toStdout ? process.stdout : argv.output } : {}),
        ...(stdin ? { stdin } : {}),
        profile: argv.profile as ProfileName,
        strict: argv.strict,
        format: argv.format as PageFormatName | undefined,
        condition: argv.condition as PrintCondition,
        colour: argv.colour,
        ...readPageOutput(argv),
        signal,
      },
      (p) => progress.update(p),
    );
  } finally {
    progress.done();
  }
  if (argv.json) {
    process.stdout.write(terminalJson(buildJson(report)) + '\n');
    return report;
  }
  // --quiet: nothing on stderr but errors (pandoc's --quiet, latexmk's -quiet); stdout keeps the file written
  if (!argv.quiet) {
    for (const n of report.notes) say(formatDiagnostic(warningDiagnostic(n, 'note')));
    for (const w of report.warnings) say(formatDiagnostic(warningDiagnostic(w)));
    say(...makeupSummary(report));
  }
  for (const file of report.files) process.stdout.write(`${escapeControls(file)}\n`);
  return report;
}

/** The build's `--json` report: the BuildReport, its warnings and notes with code and location. */
export function buildJson(report: BuildReport) {
  const { warnings, notes, ...rest } = report;
  return jsonReport('build', true, {
    ...rest,
    warnings: jsonDiagnostics(warnings.map((w) => warningDiagnostic(w))),
    notes: jsonDiagnostics(notes.map((n) => warningDiagnostic(n, 'note'))),
  });
}

/**
 * One line per page: its modules (story, columns × grid lines, where it jumps to or from) and
 * the grid lines it leaves empty.
 */
export function makeupSummary(report: BuildReport): string[] {
  const bySlug = new Map(report.stories.map((s) => [s.slug, s]));
  return report.makeup.map((page) => {
    const modules = page.modules.map((m) => {
      const story = bySlug.get(m.stories[0]);
      const shape = `${m.columns} col × ${m.lines} lines`;
      if (m.kind === 'briefs') return `briefs ${m.stories.join(', ')} (${shape})`;
      if (m.kind === 'continuation') return `${m.stories[0]} continued (${shape})`;
      const jump = story && story.continuedOn.length > 0 ? `, continued on page ${story.continuedOn.join(', ')}` : '';
      return `${m.stories[0]} (${shape}${jump})`;
    });
    const unused = page.unusedLines === 0 ? 'full' : `${page.unusedLines} grid line${page.unusedLines === 1 ? '' : 's'} unused`;
    return `page ${page.page}: ${modules.join('; ')} — ${unused}`;
  });
}

/**
 * `archive`: builds (or with --verify checks) an archive; exit status 1 when an edition failed
 * or a file does not match the manifest.
 */
async function runArchiveCommand(argv: { content: string; out: string; jobs?: number; shard?: string; shards?: number; verify: boolean; json: boolean; quiet: boolean }): Promise<number> {
  checkOutFolder(argv.out);
  if (argv.verify) {
    const manifests = await readManifests(argv.out).catch((error: unknown) => {
      throw new ContentError(argv.out, `its manifest cannot be read (${error instanceof Error ? error.message : String(error)})`);
    });
    if (manifests.size === 0) throw new ContentError(argv.out, 'holds no archive manifest (manifest.json or manifest.part-K-of-N.json)');
    const result = await verifyArchive(argv.out, manifests);
    const matches = result.changed.length + result.missing.length + result.unexpected.length === 0;
    if (argv.json) {
      process.stdout.write(terminalJson(jsonReport('archive', matches, { verify: true, manifests: [...manifests.keys()], ...result })) + '\n');
      return matches ? 0 : 1;
    }
    for (const path of result.changed) process.stdout.write(`changed: ${escapeControls(path)}\n`);
    for (const path of result.missing) process.stdout.write(`missing: ${escapeControls(path)}\n`);
    for (const path of result.unexpected) process.stdout.write(`unexpected: ${escapeControls(path)}\n`);
    const bad = result.changed.length + result.missing.length + result.unexpected.length;
    process.stdout.write(
      `verify: ${result.checked} files checked against ${[...manifests.keys()].join(', ')}: ${bad === 0 ? 'all match' : `${result.changed.length} changed, ${result.missing.length} missing, ${result.unexpected.length} unexpected`}\n`,
    );
    return bad === 0 ? 0 : 1;
  }
  let shard: Shard | undefined;
  try {
    shard = argv.shard !== undefined ? parseShard(argv.shard) : shardFromEnv(process.env, argv.shards);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!shard && argv.shards !== undefined) throw new UsageError('--shards N is the shard count of a Kubernetes Indexed Job: JOB_COMPLETION_INDEX is not set');
  if (!shard && process.env.JOB_COMPLETION_INDEX) throw new UsageError('JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the shard count with --shards N');
  const jobs = argv.jobs ?? availableParallelism();
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number ≥ 1 (got ${argv.jobs})`);
  // --json and --quiet: no progress and no line per edition on stderr
  const progress = argv.json || argv.quiet ? undefined : archiveProgress(process.stderr, () => performance.now(), escapeControls, (w) => formatDiagnostic(warningDiagnostic(w)));
  const summary = await runArchive({ content: argv.content, outDir: argv.out, jobs, ...(shard ? { shard } : {}), onEvent: (e) => progress?.event(e) }).finally(() => progress?.done());
  if (argv.json) {
    const warnings = jsonDiagnostics(summary.warnings.map((w) => warningDiagnostic(w)));
    process.stdout.write(terminalJson(jsonReport('archive', summary.failed.length === 0, { ...(shard ? { shard } : {}), ...summary, warnings })) + '\n');
    return summary.failed.length === 0 ? 0 : 1;
  }
  process.stdout.write(
    `archive${shard ? ` (shard ${shard.index} of ${shard.count})` : ''}: ${summary.total} editions: ${summary.built.length} built (${summary.pages} page${summary.pages === 1 ? '' : 's'}), ${summary.skipped.length} skipped, ${summary.failed.length} failed${summary.warnings.length > 0 ? `, ${summary.warnings.length} warning${summary.warnings.length === 1 ? '' : 's'}` : ''}; ${escapeControls(summary.manifest)}\n`,
  );
  for (const f of summary.failed) say(`failed: ${f.date}: ${f.message}`);
  return summary.failed.length === 0 ? 0 : 1;
}

/** Preflight: exit status 1 when the PDF fails the press rules. */
async function runPreflight(argv: { file: string; json: boolean; condition: string }): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = await readFile(argv.file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContentError(argv.file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? String(error)})`);
  }
  const result = preflightPdf(bytes, argv.file, { condition: argv.condition as PrintCondition });
  process.stdout.write(argv.json ? terminalJson(jsonReport('preflight', result.passed, result)) + '\n' : formatPreflight(result).split('\n').map(escapeControls).join('\n') + '\n');
  return result.passed ? 0 : 1;
}

async function runImport(argv: { raw: string; out?: string; json: boolean; quiet: boolean }) {
  if (argv.out !== undefined) checkOutFolder(argv.out);
  const warnings: Warning[] = [];
  const onWarning = (w: Warning) => void warnings.push(w);
  // `-`: wire copy or news XML on standard input (news XML told from its first tag)
  const name = argv.raw === '-' ? STDIN_NAME : argv.raw;
  const text =
    argv.raw === '-'
      ? decodeText(await readStandardInput(STDIN_NAME), STDIN_NAME, { onWarning, keepControls: WIRE_CONTROLS })
      : await readTextFile(argv.raw, { onWarning, keepControls: WIRE_CONTROLS });
  const result = importSource(text, name);
  const markdown = articleToMarkdown(result.article);
  if (argv.out) {
    await writeFileAtomic(argv.out, Buffer.from(markdown, 'utf8')).catch((error: unknown) => {
      throw outputError(error, argv.out!);
    });
  }
  if (argv.json) {
    const { recognised, unplaced } = result;
    const report = { source: name, output: argv.out ?? null, slug: result.article.slug, recognised, unplaced, warnings: jsonDiagnostics(warnings.map((w) => warningDiagnostic(w))) };
    // without --out the Markdown is part of the report
    process.stdout.write(terminalJson(jsonReport('import', true, argv.out ? report : { ...report, markdown })) + '\n');
    return;
  }
  if (!argv.quiet) for (const w of warnings) say(formatDiagnostic(warningDiagnostic(w)));
  const summary = formatImportReport(result);
  if (argv.out) {
    process.stdout.write(`${argv.quiet ? '' : `${summary.split('\n').map(escapeControls).join('\n')}\n`}wrote ${escapeControls(argv.out)}\n`);
  } else {
    if (!argv.quiet) say(...summary.split('\n'));
    process.stdout.write(markdown);
  }
}

/** The commands, for the command a usage error belongs to. */
const COMMANDS = ['build', 'import', 'preflight', 'archive', 'proof'];

export async function main(args: string[]): Promise<number> {
  let exitCode = 0; // set by commands that report a failed check (preflight)
  // `-` and what follows `--` reach the commands as given (see rawArguments.ts)
  // the shell's completion asks about the words typed so far, `--` among them: yargs reads those itself
  const completing = args.includes('--get-yargs-completions');
  const raw = protectArguments(completing ? [] : args);
  const restored = <T extends object>(argv: T): T => Object.fromEntries(Object.entries(argv).map(([k, v]) => [k, raw.restore(v)])) as T;
  const parser = yargs(completing ? args : raw.args)
    .scriptName('stonehand')
    // an option given twice keeps its last value instead of turning into a list
    .parserConfiguration({ 'duplicate-arguments-array': false })
    .usage('$0 <command> [options]')
    .command(
      'build [source]',
      'typeset an edition folder, an article .md, news XML .xml or raw wire copy .txt into a PDF',
      (y) =>
        pageOutputOptions(y)
          .positional('source', { type: 'string', describe: 'edition folder, article .md, news XML .xml (NITF, NewsML-G2) or wire copy .txt (default: the latest edition in content/)' })
          .option('out', { type: 'string', describe: 'output folder; the PDF goes to OUT/<date>/ (default: output)' })
          .option('output', { alias: 'o', type: 'string', describe: 'write the PDF to this file instead (- for standard output)' })
          .option('profile', { choices: PROFILE_NAMES, default: 'press', describe: 'output profile' })
          .option('format', { choices: FORMATS, describe: 'page format (overrides edition.yaml)' })
          .option('condition', { choices: CONDITIONS, default: 'newsprint', describe: 'print condition of the press PDF (output intent, photo resolution)' })
          .option('colour', { type: 'boolean', default: false, describe: 'colour pages: press photos in CMYK within the ink limit (default greyscale)' })
          .option('strict', { type: 'boolean', default: false, describe: 'treat warnings (missing photo, low resolution…) as errors' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout (a failure too)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr (no notes, warnings or page report)' })
          .option('watch', {
            alias: 'w',
            type: 'boolean',
            default: false,
            describe: 'build, then build again whenever an article, photo or edition.yaml changes, until Ctrl-C',
          }),
      (argv) => runBuild(restored(argv) as never),
    )
    .command(
      'import <raw>',
      'turn raw wire copy (.txt) or news XML (.xml: NITF, NewsML-G2) into an article Markdown file, reporting what was recognised',
      (y) =>
        y
          .positional('raw', { type: 'string', demandOption: true, describe: 'the wire copy .txt or news XML .xml (NITF, NewsML-G2); - for standard input' })
          .option('out', { type: 'string', describe: 'write the Markdown here instead of to stdout' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout (with the Markdown, without --out)' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only errors on stderr (not what was recognised)' }),
      (argv) => runImport(restored(argv) as never),
    )
    .command(
      'preflight <file>',
      'check a PDF (ours or not) against the press rules: boxes, output intent, colour, image resolution, fonts, transparency',
      (y) =>
        y
          .positional('file', { type: 'string', demandOption: true, describe: 'the PDF to check' })
          .option('condition', { choices: CONDITIONS, default: 'newsprint', describe: 'the print condition to check against' })
          .option('json', { type: 'boolean', default: false, describe: 'print the findings as JSON' }),
      async (argv) => {
        exitCode = await runPreflight(restored(argv) as never);
      },
    )
    .command(
      'archive [content]',
      'build every edition under CONTENT into OUT/yyyy/mm/dd (press PDF, archive PDF, ALTO, METS, sources) with a manifest of SHA-256 sums; incremental, parallel, shardable',
      (y) =>
        y
          .positional('content', { type: 'string', default: 'content', describe: 'the folder of editions (YYYY-MM-DD)' })
          .option('out', { type: 'string', default: 'archive', describe: 'the archive folder' })
          .option('jobs', { type: 'number', describe: 'editions built at once (default: the cores)' })
          .option('shard', { type: 'string', describe: 'build only shard K of N (K/N, 1-based); default from AWS Batch, GitLab, CircleCI or a Kubernetes Indexed Job' })
          .option('shards', { type: 'number', describe: 'the shard count of a Kubernetes Indexed Job (its index is JOB_COMPLETION_INDEX)' })
          .option('verify', { type: 'boolean', default: false, describe: 'check every file against the manifests (changed, missing, unexpected) instead of building' })
          .option('json', { type: 'boolean', default: false, describe: 'print one JSON report on stdout instead of the summary' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress and no line per edition on stderr' }),
      async (argv) => {
        exitCode = await runArchiveCommand(restored(argv) as never);
      },
    )
    .command(
      'proof <source>',
      'PNG proofs of an edition: a PNG of each page and a contact sheet of all of them, drawn from the layout (no PDF viewer needed)',
      (y) => proofOptions(y),
      (argv) => runProof(restored(argv) as never),
    )
    .completion('completion', 'print the shell completion script for bash or zsh (as $SHELL says); add it to ~/.bashrc or ~/.zshrc')
    .demandCommand(1, 'give a command: build, import, preflight, archive or proof')
    .recommendCommands()
    .strict()
    .help()
    .alias('h', 'help')
    .version('version', "print Stonehand's version", stonehandVersion())
    .alias('V', 'version')
    .exitProcess(false)
    .fail((message, error) => {
      // a command's .check() that returns a message hands yargs the message as its "error"
      if (error instanceof Error) throw error;
      // yargs says "Did you mean build?" before it says the command is unknown: say both at once
      const typo = /^Did you mean (.+)\?$/.exec(message);
      const unknown = args.find((a) => !a.startsWith('-'));
      throw new UsageError(typo && unknown ? `unknown command "${unknown}"; did you mean ${typo[1]}?` : raw.restoreText(message));
    });
  renderHelpOnlyWhenAsked(parser);
  try {
    await parser.parseAsync();
    return exitCode;
  } catch (error) {
    return sayFailure(error, { command: COMMANDS.find((c) => c === args.find((a) => !a.startsWith('-'))) ?? null, json: asksForJson(args) });
  }
}

/**
 * Prints why a command failed (and with --json a failure report on stdout) and gives its exit
 * status: 2 bad usage, 1 bad content or anything else.
 */
function sayFailure(error: unknown, { command, json }: { command: string | null; json: boolean }): number {
  // with --json a failure is a report on stdout too; the message goes to stderr all the same
  const report = (exit: number, diagnostic: Diagnostic, warnings: Diagnostic[] = []) => {
    if (json) process.stdout.write(terminalJson(jsonFailure(command, exit, diagnostic, warnings)) + '\n');
    return exit;
  };
  if (error instanceof UsageError) {
    say(`stonehand: error: ${error.message}`, `Run 'stonehand ${command ? `${command} ` : ''}--help' for usage.`);
    return report(2, errorDiagnostic(error, 'usage-error'));
  }
  if (error instanceof ContentError) {
    const strict = error instanceof WarningsAsErrors;
    const diagnostic = errorDiagnostic(error, strict ? 'warnings-as-errors' : undefined);
    say(formatDiagnostic(diagnostic));
    return report(1, diagnostic, strict ? error.warnings.map((w) => warningDiagnostic(w)) : []);
  }
  report(1, errorDiagnostic(error));
  sayInternalError(error);
  return 1;
}

function sayInternalError(error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`stonehand: internal error: ${text.split('\n').map(escapeControls).join('\n')}\n`);
}

/** Runs the command line on `args` (argv without node and the script) and exits with its status. */
function runCli(args: string[]): Promise<void> {
  return main(args)
    .then(
      (code) => code,
      (error: unknown) => {
        sayInternalError(error);
        return 1;
      },
    )
    .then(exitWhenFlushed);
}

/**
 * Exits as soon as the command is done and what it wrote to stdout and stderr is flushed.
 * Waiting for Node to wind down by itself tears down the whole heap first: ~20 ms of a
 * one-page build, for nothing (every file is written and closed by then).
 */
async function exitWhenFlushed(code: number): Promise<void> {
  const flushed = (stream: NodeJS.WriteStream) => new Promise<void>((resolve) => stream.write('', () => resolve()));
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

// a child process of `archive --jobs N` builds the editions it is sent
if (process.env.STONEHAND_ARCHIVE_WORKER) serveArchiveWorker();
else void runCli(hideBin(process.argv));
