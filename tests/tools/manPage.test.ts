// The man page: read from yargs' help, written as roff, rendered by groff. The built page
// (dist/man/stonehand.1, made by `npm run build`) must name every command and every option
// the command line itself offers (asked of it independently, through its completions).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manPage, parseHelp, roffText } from '../../src/tools/manPage.js';
import { ROOT, runCli } from '../cli/runCli.js';

const MAN = join(ROOT, 'dist', 'man', 'stonehand.1');

/** A help text as yargs prints it: wrapped at 80 columns, notes right-aligned, a short alias. */
const BUILD_HELP = `stonehand build [source]

typeset an edition folder, an article .md, news XML .xml or raw wire copy .txt
into a PDF

Positionals:
  source  edition folder, article .md, news XML .xml (NITF, NewsML-G2) or wire
          copy .txt (default: the latest edition in content/)           [string]

Options:
      --help       Show help                                           [boolean]
      --out        output folder; the PDF goes to OUT/<date>/
                                                    [string] [default: "output"]
      --profile    output profile
                      [choices: "press", "office", "archive"] [default: "press"]
  -w, --watch      build, then build again whenever an article, photo or
                   edition.yaml changes, until Ctrl-C [boolean] [default: false]
`;

/** The page as a reader sees it: groff's man macros to plain UTF-8 text, without overstriking. */
function render(roff: string): string {
  const text = execFileSync('groff', ['-man', '-Tutf8', '-P-cbou', '-ww'], { input: roff, encoding: 'utf8' });
  return text.replace(/[\u2010\u2212]/g, '-');
}

/** What the command line offers after `stonehand <words…>` (yargs' completions, as a shell asks). */
async function completions(...words: string[]): Promise<string[]> {
  const result = await runCli(['--get-yargs-completions', 'stonehand', ...words], { env: { SHELL: '/bin/bash' } });
  return result.stdout.split('\n').filter(Boolean);
}

describe('parseHelp', () => {
  it('reads the usage, the description, and each entry with its wrapped text and notes', () => {
    const help = parseHelp(BUILD_HELP);
    expect(help.usage).toBe('stonehand build [source]');
    expect(help.description).toBe('typeset an edition folder, an article .md, news XML .xml or raw wire copy .txt into a PDF');
    expect(help.sections.map((s) => s.title)).toEqual(['Positionals', 'Options']);
    expect(help.sections[0].entries).toEqual([
      { name: 'source', description: 'edition folder, article .md, news XML .xml (NITF, NewsML-G2) or wire copy .txt (default: the latest edition in content/)', notes: ['string'] },
    ]);
    expect(help.sections[1].entries).toEqual([
      { name: '--help', description: 'Show help', notes: ['boolean'] },
      { name: '--out', description: 'output folder; the PDF goes to OUT/<date>/', notes: ['string', 'default: "output"'] },
      { name: '--profile', description: 'output profile', notes: ['choices: "press", "office", "archive"', 'default: "press"'] },
      { name: '-w, --watch', description: 'build, then build again whenever an article, photo or edition.yaml changes, until Ctrl-C', notes: ['boolean', 'default: false'] },
    ]);
  });
});

describe('roff', () => {
  it('escapes backslashes, a leading dot, and characters beyond ASCII', () => {
    expect(roffText('C:\\temp')).toBe('C:\\etemp');
    expect(roffText('.md files')).toBe('\\&.md files');
    expect(roffText('low resolution… — “x”')).toBe('low resolution\\[u2026] \\[u2014] \\[u201C]x\\[u201D]');
  });

  it('renders a page with each command, its options (dashes a reader can type) and notes', () => {
    const top = parseHelp('stonehand <command> [options]\n\nCommands:\n  stonehand build [source]  typeset an edition\n\nOptions:\n  --help  Show help  [boolean]\n');
    const text = render(
      manPage({
        name: 'stonehand',
        version: '9.9.9',
        summary: 'a typesetter',
        main: top,
        commands: [{ entry: top.sections[0].entries[0], help: parseHelp(BUILD_HELP) }],
        extra: [{ title: 'Exit status', paragraphs: [{ tag: '2', text: 'bad usage' }] }],
      }),
    );
    expect(text).toMatch(/^NAME\n\s+stonehand - a typesetter$/m);
    expect(text).toMatch(/^ {3}stonehand build \[source\]$/m);
    expect(text).toMatch(/^ {7}-w, --watch$/m);
    expect(text.replace(/\s+/g, ' ')).toContain('output profile [choices: "press", "office", "archive"] [default: "press"]');
    expect(text).toMatch(/^EXIT STATUS\n\s+2\s+bad usage$/m);
    expect(text).toContain('stonehand 9.9.9');
  });
});

describe('dist/man/stonehand.1', () => {
  it('is built, renders, and names every command and every option of each', async () => {
    expect(existsSync(MAN), `${MAN} is made by npm run build`).toBe(true);
    const text = render(execFileSync('cat', [MAN], { encoding: 'utf8' }));
    const commands = await completions('');
    expect(commands).toEqual(expect.arrayContaining(['build', 'import', 'preflight', 'archive', 'completion']));
    for (const command of commands) {
      expect(text, command).toMatch(new RegExp(`^ {3}stonehand ${command}\\b`, 'm'));
      if (command === 'completion') continue; // no options of its own
      // the command's subsection: from its heading to the next
      const section = text.slice(text.search(new RegExp(`^ {3}stonehand ${command}\\b`, 'm'))).split(/\n {3}stonehand /)[0];
      for (const option of await completions(command, '--')) {
        // yargs offers a short alias as --w; the page shows it as -w
        const shown = /^--.$/.test(option) ? option.slice(1) : option;
        expect(section, `${command} ${shown}`).toMatch(new RegExp(`^ {7}(-., )?${shown.replace(/-/g, '\\-')}\\b|, ${shown}\\b`, 'm'));
      }
    }
  });
});
