// `npm run build`'s man page step: runs the built command for its help (the top level's, then
// each command's) and writes dist/man/stonehand.1 from it (tools/manPage.ts). Run after the
// bundle: the launcher starts in a fraction of the time the plain modules take.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type HelpText, manPage, parseHelp } from './manPage.js';

const DIST = resolve(fileURLToPath(import.meta.url), '../..');
const ROOT = resolve(DIST, '..');
const CLI = join(DIST, 'cli', 'stonehand.cjs');

/** The command's help text for `args` (e.g. ['build', '--help']), as piped (80 columns, no colour). */
function help(args: string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

function main() {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const top = parseHelp(help(['--help']));
  const listed = top.sections.find((s) => s.title === 'Commands')?.entries ?? [];
  if (listed.length === 0) throw new Error('the help lists no commands');
  const commands = listed.map((entry) => {
    const name = entry.name.split(' ')[1];
    const text = help([name, '--help']);
    // a command that prints something else for --help (yargs' `completion` prints its script) has only its line in the list
    const own: HelpText | undefined = text.startsWith(`stonehand ${name}`) ? parseHelp(text) : undefined;
    return { entry, help: own };
  });
  const page = manPage({
    name: 'stonehand',
    version: pkg.version,
    summary: 'typeset the print edition of a newspaper: articles and photos in, press-ready PDF pages out',
    main: top,
    commands,
    extra: [
      {
        title: 'Exit status',
        paragraphs: [
          { tag: '0', text: 'done (warnings allowed unless --strict)' },
          { tag: '1', text: 'bad content or a failed check: one message naming the file and the problem; nothing written' },
          { tag: '2', text: 'bad usage' },
        ],
      },
      {
        title: 'Environment',
        paragraphs: [
          { tag: 'STONEHAND_WATCH_POLL_MS', text: 'build --watch looks for changes by scanning the source every this many milliseconds instead of with file-system events (network file systems)' },
          { tag: 'STONEHAND_PROGRESS_AFTER_MS', text: 'a build on a terminal shows its progress after this many milliseconds (default 1000)' },
        ],
      },
    ],
  });
  mkdirSync(join(DIST, 'man'), { recursive: true });
  writeFileSync(join(DIST, 'man', 'stonehand.1'), page);
}

try {
  main();
} catch (error) {
  process.stderr.write(`writeManPage: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
